//! `hpa-min-equals-max`: maxReplicas ≤ minReplicas.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `hpa-min-equals-max` check.
pub(crate) static CHECK: Check = Check {
    id: "hpa-min-equals-max",
    rank: 550,
    category: Category::Reliability,
    scope: Scope::Kind("HorizontalPodAutoscaler"),
    severity: Level::Warning,
    also: &[Level::Error],
    enabled_by_default: true,
    summary: "horizontal pod autoscaler has maxReplicas ≤ minReplicas, so it cannot scale",
    docs: DOCS,
    aliases: &["polaris:hpaMaxAvailability"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a HorizontalPodAutoscaler whose `maxReplicas` is not greater than its `minReplicas` (an unwritten `minReplicas` means 1).
Equal values are a warning; `maxReplicas` below `minReplicas` is an error, because the API server rejects it.

## Why is this bad?

An HPA moves the replica count between `minReplicas` and `maxReplicas`.
When they are equal there is nothing to move: the HPA pins the count, so the workload cannot grow under load, and the HPA only hides a fixed `replicas` value behind an object that looks like autoscaling.
It usually means a copy-paste, or a forgotten edit after a load test.

## Example

```yaml
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 3
```

## Fix

```yaml
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 10
```

Raise `maxReplicas` to the most pods the workload (and its database) can take, or drop the HPA and set `spec.replicas` on the workload.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.of_kind("HorizontalPodAutoscaler") {
        let Resource::HorizontalPodAutoscaler(hpa) = &*obj.resource else {
            continue;
        };
        let spec = &hpa.spec;
        let min = spec.min_replicas.unwrap_or(1);
        let max = spec.max_replicas;
        let target = &spec.scale_target_ref;
        let min_text = if spec.min_replicas.is_some() {
            format!("minReplicas {min}")
        } else {
            "minReplicas (default 1)".to_owned()
        };
        #[allow(
            clippy::comparison_chain,
            reason = "an error below, a warning at equality"
        )]
        let finding = if max < min {
            Finding::new(
                &CHECK,
                obj,
                "spec.maxReplicas",
                format!(
                    "maxReplicas {max} is below {min_text}, so the API server rejects this HPA"
                ),
            )
            .severity(Level::Error)
        } else if max == min {
            Finding::new(
                &CHECK,
                obj,
                "spec.maxReplicas",
                format!(
                    "maxReplicas {max} equals {min_text}, so {} \"{}\" can never scale",
                    target.kind, target.name
                ),
            )
        } else {
            continue;
        };
        findings.push(finding.help(format!(
            "raise maxReplicas above {min}, or drop the HPA and set spec.replicas"
        )));
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ hpa-min-equals-max` under them; objects named
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
  minReplicas: 3
  maxReplicas: 3
# ^ hpa-min-equals-max
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: inverted
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 4
  maxReplicas: 2
# ^ hpa-min-equals-max
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: dont-fire-room
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
  minReplicas: 2
  maxReplicas: 10
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(yaml: &str, expected: &[(&str, Level)]) {
        let findings = super::super::support::testing::run_on(run, yaml);
        let got: Vec<(&str, Level)> = findings
            .iter()
            .map(|f| (f.message.as_str(), f.severity))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn equal_warns_and_inverted_is_an_error() {
        let hpa = |name: &str, min: &str, max: i32| {
            format!(
                "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {{name: {name}}}\nspec:\n  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: {name}}}\n{min}  maxReplicas: {max}\n"
            )
        };
        check(
            &[
                hpa("a", "  minReplicas: 3\n", 3),
                hpa("b", "  minReplicas: 4\n", 2),
                hpa("c", "", 1),
                hpa("d", "", 4),
            ]
            .concat(),
            &[
                (
                    "maxReplicas 3 equals minReplicas 3, so Deployment \"a\" can never scale",
                    Level::Warning,
                ),
                (
                    "maxReplicas 2 is below minReplicas 4, so the API server rejects this HPA",
                    Level::Error,
                ),
                (
                    "maxReplicas 1 equals minReplicas (default 1), so Deployment \"c\" can never scale",
                    Level::Warning,
                ),
            ],
        );
    }
}
