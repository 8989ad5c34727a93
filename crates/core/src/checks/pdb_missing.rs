//! `pdb-missing`: multi-replica Deployment, DeploymentConfig or StatefulSet has no PDB.

use super::support::pdb::pdbs_covering;

use super::support::workloads::{min_replicas, replicas_path};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `pdb-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "pdb-missing",
    rank: 560,
    category: Category::Reliability,
    scope: Scope::DeploymentOrStatefulSet,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "multi-replica Deployment, DeploymentConfig or StatefulSet has no PDB",
    docs: DOCS,
    aliases: &[
        "kube-score:deployment-has-poddisruptionbudget",
        "kube-score:statefulset-has-poddisruptionbudget",
        "polaris:missingPodDisruptionBudget",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a Deployment, DeploymentConfig or StatefulSet that runs 2 or more replicas when no PodDisruptionBudget in its namespace selects its pods.
The replica count is `spec.replicas` (1 when unwritten), or the `minReplicas` of an HorizontalPodAutoscaler that targets it.
Single-replica workloads are skipped: a budget cannot keep one pod up during a drain.

## Why is this bad?

Cluster upgrades, autoscalers and `kubectl drain` evict pods through the Eviction API, and only a PodDisruptionBudget tells them how many pods may be gone at once.
Without one, draining a node evicts every replica on it at the same moment, and a rolling node upgrade can take all your replicas down in one go: the extra replicas you run for availability do not help.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
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
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels: {app: web}
```

Add a PodDisruptionBudget whose selector matches the pod template labels, with `maxUnavailable: 1` (or a `minAvailable` below the replica count).
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let Some(replicas) = min_replicas(ctx.model, obj) else {
            continue;
        };
        if replicas.count < 2 || !pdbs_covering(ctx.model, obj).is_empty() {
            continue;
        }
        let kind = obj.kind.to_lowercase();
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                replicas_path(obj, &replicas),
                format!(
                    "{kind} runs {} but no PodDisruptionBudget selects its pods, so a node drain may evict them all at once",
                    replicas.describe()
                ),
            )
            .help("add a PodDisruptionBudget with maxUnavailable: 1 whose selector matches the pod labels"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ pdb-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
# ^ pdb-missing
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
# ^ pdb-missing
  namespace: shop
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: api
  minReplicas: 2
  maxReplicas: 6
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
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-covered
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: dont-fire-covered
  template:
    metadata:
      labels:
        app: dont-fire-covered
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: dont-fire-covered
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: dont-fire-covered
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
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  maxUnavailable: 1
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels:
      app: web
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

    fn workload(kind: &str, name: &str, replicas: &str) -> String {
        format!(
            "---\napiVersion: apps/v1\nkind: {kind}\nmetadata: {{name: {name}}}\nspec:\n{replicas}  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}, tier: x}}}}\n    spec:\n      containers: [{{name: c, image: 'c:1'}}]\n"
        )
    }

    #[test]
    fn counts_hpa_min_replicas_and_skips_covered_and_single_workloads() {
        let hpa = "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: auto}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: auto}\n  minReplicas: 2\n  maxReplicas: 5\n";
        let pdb = "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: covered}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: covered}}\n";
        let yaml = [
            workload("Deployment", "auto", ""),
            workload("StatefulSet", "db", "  replicas: 3\n"),
            workload("Deployment", "covered", "  replicas: 3\n"),
            workload("Deployment", "single", ""),
            workload("ReplicaSet", "rs", "  replicas: 3\n"),
            hpa.into(),
            pdb.into(),
        ]
        .concat();
        check(
            &yaml,
            &[
                "deployment runs at least 2 replicas (minReplicas of HPA \"auto\") but no PodDisruptionBudget selects its pods, so a node drain may evict them all at once",
                "statefulset runs 3 replicas but no PodDisruptionBudget selects its pods, so a node drain may evict them all at once",
            ],
        );
    }
}
