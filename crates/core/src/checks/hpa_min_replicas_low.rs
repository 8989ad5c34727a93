//! `hpa-min-replicas-low`: HPA minReplicas < 2.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `hpa-min-replicas-low` check.
pub(crate) static CHECK: Check = Check {
    id: "hpa-min-replicas-low",
    rank: 540,
    category: Category::Reliability,
    scope: Scope::Kind("HorizontalPodAutoscaler"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "horizontal pod autoscaler lets the workload scale down below 2 replicas",
    docs: DOCS,
    aliases: &[
        "kube-score:horizontalpodautoscaler-replicas",
        "kube-linter:hpa-minimum-three-replicas",
        "polaris:hpaMinAvailability",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a HorizontalPodAutoscaler whose `minReplicas` is below 2; an unwritten `minReplicas` means 1.

## Why is this bad?

An HPA scales down to `minReplicas` whenever load is low: at night, at weekends, in a quiet test environment.
At 1 replica, the next node drain or crash is an outage, and a sudden burst of traffic lands on a single pod while new ones start.
The HPA only reacts after its metrics show the load, which takes tens of seconds plus the pods' start-up time.

## Example

```yaml
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
```

## Fix

```yaml
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
```

Set `minReplicas: 2` or more, so the workload survives losing a pod even when idle.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.of_kind("HorizontalPodAutoscaler") {
        let Resource::HorizontalPodAutoscaler(hpa) = &*obj.resource else {
            continue;
        };
        let spec = &hpa.spec;
        let min = spec.min_replicas.unwrap_or(1);
        if min >= 2 {
            continue;
        }
        let target = &spec.scale_target_ref;
        // A target that is not in the manifests is hpa-target-missing's finding: do not talk
        // about it as if it existed.
        let what = match ctx.model.hpa_target(obj) {
            Some(_) => format!("{} \"{}\"", target.kind, target.name),
            None => "its target".to_owned(),
        };
        let (path, message) = match spec.min_replicas {
            Some(n) => (
                "spec.minReplicas",
                format!(
                    "minReplicas {n} lets {what} scale down to {}",
                    if n <= 0 { "zero pods" } else { "a single pod" }
                ),
            ),
            None => (
                "spec",
                format!(
                    "minReplicas is not set, so it defaults to 1 and lets {what} scale down to a single pod"
                ),
            ),
        };
        findings
            .push(Finding::new(&CHECK, obj, path, message).help("set spec.minReplicas: 2 or more"));
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ hpa-min-replicas-low` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
# ^ hpa-min-replicas-low
  maxReplicas: 10
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
  namespace: shop
spec:
# ^ hpa-min-replicas-low
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  maxReplicas: 10
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: dont-fire-two
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 3
  maxReplicas: 10
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
    fn unwritten_min_means_one() {
        let hpa = |name: &str, min: &str| {
            format!(
                "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {{name: {name}}}\nspec:\n  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: {name}}}\n{min}  maxReplicas: 5\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec: {{containers: [{{name: {name}, image: {name}:1}}]}}\n"
            )
        };
        check(
            &[
                hpa("a", ""),
                hpa("b", "  minReplicas: 1\n"),
                hpa("c", "  minReplicas: 2\n"),
            ]
            .concat(),
            &[
                "minReplicas is not set, so it defaults to 1 and lets Deployment \"a\" scale down to a single pod",
                "minReplicas 1 lets Deployment \"b\" scale down to a single pod",
            ],
        );
    }

    #[test]
    fn a_target_missing_from_the_manifests_is_not_named_as_if_it_existed() {
        check(
            "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: cart}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: cart}\n  minReplicas: 1\n  maxReplicas: 5\n",
            &["minReplicas 1 lets its target scale down to a single pod"],
        );
    }
}
