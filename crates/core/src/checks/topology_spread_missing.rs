//! `topology-spread-missing`: no topologySpreadConstraints.

use super::support::workloads::min_replicas;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `topology-spread-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "topology-spread-missing",
    rank: 590,
    category: Category::Reliability,
    scope: Scope::Replicated,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "no topologySpreadConstraints",
    docs: DOCS,
    aliases: &["polaris:topologySpreadConstraint"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a Deployment, DeploymentConfig or StatefulSet with 2 or more replicas whose pod template has no `topologySpreadConstraints`.
The replica count is `spec.replicas` (1 when unwritten), or the `minReplicas` of an HorizontalPodAutoscaler that targets it.

## Why is this bad?

Nodes live in failure domains: zones (`topology.kubernetes.io/zone`) that can fail as a whole, and the nodes themselves (`kubernetes.io/hostname`).
A pod anti-affinity keeps replicas off the same node, but it says nothing about zones, and it gives no evenness: with 6 replicas over 3 zones, 5 may sit in one zone.
A topology spread constraint tells the scheduler the largest allowed difference (`maxSkew`) between the most and the least loaded domain, so losing one zone takes out only its share of the replicas.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 6
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
```

## Fix

```yaml
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: {app: web}
      containers:
        - name: web
          image: nginx:1.27
```

Add a constraint on `topology.kubernetes.io/zone` (and one on `kubernetes.io/hostname` if you like) whose `labelSelector` matches the pod labels; `ScheduleAnyway` never blocks scheduling.

## Known problems

On a single-zone cluster, or one with a single node, zone spreading changes nothing, which is why this check is only informational.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let Some(replicas) = min_replicas(ctx.model, obj) else {
            continue;
        };
        if replicas.count < 2 {
            continue;
        }
        let Some(pod) = obj.pod_spec() else { continue };
        if pod
            .spec
            .topology_spread_constraints
            .as_ref()
            .is_some_and(|c| !c.is_empty())
        {
            continue;
        }
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                pod.path,
                format!(
                    "{} runs {}, and its pod template has no topologySpreadConstraints, so nothing spreads them evenly over zones",
                    obj.kind.to_lowercase(),
                    replicas.describe()
                ),
            )
            .help("add a topologySpreadConstraints entry with topologyKey topology.kubernetes.io/zone and maxSkew: 1"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ topology-spread-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
# ^ topology-spread-missing
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-spread
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: dont-fire-spread
  template:
    metadata:
      labels:
        app: dont-fire-spread
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app: dont-fire-spread
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-single
  namespace: shop
spec:
  selector:
    matchLabels:
      app: dont-fire-single
  template:
    metadata:
      labels:
        app: dont-fire-single
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app: web
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(yaml: &str, expected: &[&str]) {
        assert_eq!(
            super::super::support::testing::messages(run, yaml),
            expected
        );
    }

    #[test]
    fn only_multi_replica_workloads_without_constraints() {
        let deployment = |name: &str, replicas: i32, extra: &str| {
            format!(
                "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  replicas: {replicas}\n  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec:\n{extra}      containers: [{{name: c, image: 'c:1'}}]\n"
            )
        };
        let spread = "      topologySpreadConstraints:\n        - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: b}}}\n";
        check(
            &[
                deployment("a", 3, ""),
                deployment("b", 3, spread),
                deployment("c", 1, ""),
            ]
            .concat(),
            &[
                "deployment runs 3 replicas, and its pod template has no topologySpreadConstraints, so nothing spreads them evenly over zones",
            ],
        );
    }
}
