//! `anti-affinity-missing`: multi-replica workload has no host podAntiAffinity (required or preferred).

use k8s_openapi::api::core::v1::{PodAffinityTerm, PodSpec};
use std::collections::BTreeMap;

use super::support::workloads::{HOSTNAME_KEY, min_replicas};
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::selector_matches;

/// The `anti-affinity-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "anti-affinity-missing",
    rank: 580,
    category: Category::Reliability,
    scope: Scope::Replicated,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "multi-replica workload has no host podAntiAffinity (required or preferred)",
    docs: DOCS,
    aliases: &[
        "kube-score:deployment-has-host-podantiaffinity",
        "kube-score:statefulset-has-host-podantiaffinity",
        "kube-linter:no-anti-affinity",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a Deployment, DeploymentConfig or StatefulSet with 2 or more replicas whose pods are not spread over nodes.
It passes with a `podAntiAffinity` term, required or preferred, with `topologyKey: kubernetes.io/hostname` and a label selector that matches the workload's own pods, or with a `topologySpreadConstraints` entry on `kubernetes.io/hostname` that does the same.
The replica count is `spec.replicas` (1 when unwritten), or the `minReplicas` of an HorizontalPodAutoscaler that targets it.

## Why is this bad?

The scheduler spreads replicas of a workload a little by default, but it does not promise anything: when one node has the most free room, all replicas can land on it.
Then one node failure, or one node drain, takes every replica down at once, and running several replicas bought no availability.
A pod anti-affinity on the hostname tells the scheduler to keep pods with the same labels on different nodes; the `preferred` form still schedules when there are fewer nodes than replicas.

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
    spec:
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                labelSelector:
                  matchLabels: {app: web}
                topologyKey: kubernetes.io/hostname
      containers:
        - name: web
          image: nginx:1.27
```

Add a preferred `podAntiAffinity` on `kubernetes.io/hostname` whose `labelSelector` matches the pod template labels.
"#;

/// Whether a term keeps pods with these labels off each other's nodes.
fn spreads_over_hosts(term: &PodAffinityTerm, labels: &BTreeMap<String, String>) -> bool {
    term.topology_key == HOSTNAME_KEY
        && term
            .label_selector
            .as_ref()
            .is_some_and(|s| selector_matches(s, labels))
}

/// The namespaces a term looks in when they exclude `namespace` (the term's `namespaces`, with
/// no `namespaceSelector`): such a term does not see the pods' own replicas.
fn other_namespaces<'t>(term: &'t PodAffinityTerm, namespace: &str) -> Option<Vec<&'t str>> {
    let names = term.namespaces.as_deref().filter(|n| !n.is_empty())?;
    if term.namespace_selector.is_some() || names.iter().any(|n| n == namespace) {
        return None;
    }
    Some(names.iter().map(String::as_str).collect())
}

/// `None` when the pods are spread over nodes, else why not.
fn missing_spread(
    spec: &PodSpec,
    labels: &BTreeMap<String, String>,
    namespace: &str,
) -> Option<String> {
    let anti = spec
        .affinity
        .as_ref()
        .and_then(|a| a.pod_anti_affinity.as_ref());
    let required = anti
        .and_then(|a| {
            a.required_during_scheduling_ignored_during_execution
                .as_deref()
        })
        .unwrap_or_default();
    let preferred = anti
        .and_then(|a| {
            a.preferred_during_scheduling_ignored_during_execution
                .as_deref()
        })
        .unwrap_or_default();
    let constraints = spec
        .topology_spread_constraints
        .as_deref()
        .unwrap_or_default();
    let terms: Vec<&PodAffinityTerm> = required
        .iter()
        .chain(preferred.iter().map(|w| &w.pod_affinity_term))
        .collect();
    let elsewhere = terms
        .iter()
        .filter(|t| spreads_over_hosts(t, labels))
        .find_map(|t| other_namespaces(t, namespace));
    let spread = terms
        .iter()
        .any(|t| spreads_over_hosts(t, labels) && other_namespaces(t, namespace).is_none())
        || constraints.iter().any(|c| {
            c.topology_key == HOSTNAME_KEY
                && c.label_selector
                    .as_ref()
                    .is_some_and(|s| selector_matches(s, labels))
        });
    if spread {
        None
    } else if let Some(names) = elsewhere {
        Some(format!(
            "has a podAntiAffinity term on kubernetes.io/hostname, but it looks in namespace {} instead of the pods' own namespace {namespace}",
            names.join(", ")
        ))
    } else if required.is_empty() && preferred.is_empty() {
        Some("has no podAntiAffinity on kubernetes.io/hostname".to_owned())
    } else {
        Some(
            "has podAntiAffinity, but no term on kubernetes.io/hostname that selects its own pods"
                .to_owned(),
        )
    }
}

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let Some(replicas) = min_replicas(ctx.model, obj) else {
            continue;
        };
        if replicas.count < 2 {
            continue;
        }
        let (Some(pod), Some(labels)) = (obj.pod_spec(), obj.pod_labels()) else {
            continue;
        };
        let Some(why) = missing_spread(pod.spec, labels, obj.ns()) else {
            continue;
        };
        let path = if pod.spec.affinity.is_some() {
            format!("{}.affinity", pod.path)
        } else {
            pod.path.to_owned()
        };
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                &path,
                format!(
                    "{} runs {}, and its pod template {why}, so they may all land on one node",
                    obj.kind.to_lowercase(),
                    replicas.describe()
                ),
            )
            .help("add a preferred podAntiAffinity term with topologyKey kubernetes.io/hostname selecting the pod labels"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ anti-affinity-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: frontend
  template:
    metadata:
      labels:
        app: frontend
    spec:
# ^ anti-affinity-missing
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: zoned
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: zoned
  template:
    metadata:
      labels:
        app: zoned
    spec:
      affinity:
# ^ anti-affinity-missing
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                labelSelector:
                  matchLabels:
                    app: zoned
                topologyKey: topology.kubernetes.io/zone
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-backend
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: dont-fire-backend
  template:
    metadata:
      labels:
        app: dont-fire-backend
    spec:
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                labelSelector:
                  matchLabels:
                    app: dont-fire-backend
                topologyKey: kubernetes.io/hostname
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
---
# The term looks for the pods in another namespace, so it never sees its own replicas.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: checkout
  template:
    metadata:
      labels:
        app: checkout
    spec:
      affinity:
# ^ anti-affinity-missing
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector:
                matchLabels:
                  app: checkout
              namespaces: ["payments"]
              topologyKey: kubernetes.io/hostname
      containers:
        - name: checkout
          image: ghcr.io/acme/checkout:2.0.1
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: frontend
  template:
    metadata:
      labels:
        app: frontend
    spec:
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                labelSelector:
                  matchLabels:
                    app: frontend
                topologyKey: kubernetes.io/hostname
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

    fn deployment(name: &str, replicas: i32, pod_spec: &str) -> String {
        format!(
            "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  replicas: {replicas}\n  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec:\n{pod_spec}      containers: [{{name: c, image: 'c:1'}}]\n"
        )
    }

    #[test]
    fn hostname_terms_that_select_the_pods_pass() {
        let preferred = |app: &str, key: &str| {
            format!(
                "      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 100\n              podAffinityTerm:\n                labelSelector: {{matchLabels: {{app: {app}}}}}\n                topologyKey: {key}\n"
            )
        };
        let spread = "      topologySpreadConstraints:\n        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: spread}}}\n";
        let yaml = [
            deployment("good", 2, &preferred("good", "kubernetes.io/hostname")),
            deployment("zone", 2, &preferred("zone", "topology.kubernetes.io/zone")),
            deployment(
                "other",
                2,
                &preferred("someone-else", "kubernetes.io/hostname"),
            ),
            deployment("spread", 3, spread),
            deployment("none", 3, ""),
            deployment("single", 1, ""),
        ]
        .concat();
        check(
            &yaml,
            &[
                "deployment runs 2 replicas, and its pod template has podAntiAffinity, but no term on kubernetes.io/hostname that selects its own pods, so they may all land on one node",
                "deployment runs 2 replicas, and its pod template has podAntiAffinity, but no term on kubernetes.io/hostname that selects its own pods, so they may all land on one node",
                "deployment runs 3 replicas, and its pod template has no podAntiAffinity on kubernetes.io/hostname, so they may all land on one node",
            ],
        );
    }
}
