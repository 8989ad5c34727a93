//! `rollout-params-risky`: rolling-update parameters that take every replica down, or that the
//! API server rejects.

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::model::{describe_int_or_string, resolve_int_or_percent};

use super::support::refused_counts;
use super::support::workloads::{min_replicas, update_strategy};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `rollout-params-risky` check.
pub(crate) static CHECK: Check = Check {
    id: "rollout-params-risky",
    rank: 610,
    category: Category::Reliability,
    scope: Scope::RollingUpdate,
    severity: Level::Warning,
    also: &[Level::Error],
    enabled_by_default: true,
    summary: "rolling update may take every replica down at once, or sets maxSurge and maxUnavailable both to 0",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Reads a Deployment's `strategy.rollingUpdate` (or an OpenShift DeploymentConfig's `strategy.rollingParams`, which holds the same two fields) the way the Deployment controller does and flags:

- `maxSurge` and `maxUnavailable` both 0 (or `0%`): the API server rejects the Deployment, because such a rollout could never make progress (error);
- `maxUnavailable` that resolves to the replica count or more: a rollout may take every replica down at once;
- in particular, any `maxUnavailable` above 0 with a single replica: the only pod is stopped before its replacement is ready.

Both fields default to `25%`.
A percentage is taken of the replica count (`spec.replicas`, or the `minReplicas` of an HorizontalPodAutoscaler that targets the Deployment): `maxSurge` rounds **up** and `maxUnavailable` rounds **down**, so 25% of 3 replicas gives a surge of 1 and an unavailability of 0.
When both round to 0, the controller sets `maxUnavailable` to 1, so that the rollout can move.

## Why is this bad?

During a rolling update the controller keeps at least `replicas − maxUnavailable` pods available and at most `replicas + maxSurge` pods in total.
With `maxUnavailable` equal to the replica count, that floor is zero: the controller may stop every old pod before any new one is ready, the same outage as the `Recreate` strategy.
With one replica, any unavailability is all of it; only a surge (`maxSurge: 1`, `maxUnavailable: 0`) starts the new pod first and keeps the old one serving until it is ready.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 0
      maxUnavailable: 1
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
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
```

Keep `maxUnavailable` below the replica count (0 for a single replica) and give the rollout room with `maxSurge: 1` or more.
"#;

/// Whether a value is literally zero (`0` or `0%`), the case the API server validates.
fn is_zero(value: &IntOrString) -> bool {
    match value {
        IntOrString::Int(n) => *n == 0,
        IntOrString::String(s) => s
            .trim()
            .trim_end_matches('%')
            .trim()
            .parse::<i64>()
            .is_ok_and(|n| n == 0),
    }
}

/// `1`, or `25% (of 3 rounds down to 0)`, with `note` inside the parentheses.
fn explain(
    value: &IntOrString,
    replicas: i32,
    resolved: i32,
    round_up: bool,
    note: &str,
) -> String {
    match value {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => {
            format!(
                "{s} (of {replicas} rounds {} to {resolved}{note})",
                if round_up { "up" } else { "down" }
            )
        }
    }
}

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let Some(strategy) = update_strategy(obj) else {
            continue;
        };
        if !strategy.rolling {
            continue;
        }
        let Some(replicas) = min_replicas(ctx.model, obj) else {
            continue;
        };
        let count = replicas.count;
        if count < 1 {
            continue;
        }
        let default = IntOrString::String("25%".to_owned());
        let surge = strategy.max_surge.unwrap_or(&default);
        let unavailable = strategy.max_unavailable.unwrap_or(&default);
        let surge_path = format!("{}.maxSurge", strategy.params_path);
        let unavailable_path = format!("{}.maxUnavailable", strategy.params_path);
        let reported_path = if strategy.max_unavailable.is_some() {
            unavailable_path.clone()
        } else {
            surge_path.clone()
        };
        let kind = strategy.kind;

        if is_zero(surge) && is_zero(unavailable) {
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    &reported_path,
                    format!(
                        "maxSurge {} and maxUnavailable {} are both 0, so the API server rejects this {kind}: the rollout could never replace a pod",
                        describe_int_or_string(surge),
                        describe_int_or_string(unavailable)
                    ),
                )
                .severity(Level::Error)
                .help("set maxSurge: 1 and keep maxUnavailable: 0"),
            );
            continue;
        }
        // Values the API server refuses (`"-50%"`, `-1`, an unavailable budget over 100%).
        let refused = refused_counts(
            &CHECK,
            obj,
            kind,
            &[
                (surge_path.as_str(), Some(surge), false),
                (unavailable_path.as_str(), Some(unavailable), true),
            ],
            "use a count of 0 or more, or a percentage such as 25% (at most 100% for maxUnavailable)",
        );
        if !refused.is_empty() {
            findings.extend(refused);
            continue;
        }
        let (Some(surge_n), Some(mut unavailable_n)) = (
            resolve_int_or_percent(surge, count, true),
            resolve_int_or_percent(unavailable, count, false),
        ) else {
            continue;
        };
        let raw_unavailable = unavailable_n;
        let mut note = "";
        if surge_n == 0 && unavailable_n == 0 {
            unavailable_n = 1;
            note = ", raised to 1 by the controller because maxSurge is also 0";
        }
        if unavailable_n < count {
            continue;
        }
        let unavailable_text = explain(unavailable, count, raw_unavailable, false, note);
        let what = if count == 1 {
            "takes the only pod down before its replacement is ready".to_owned()
        } else {
            format!("lets all {count} replicas go down at once during a rollout")
        };
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                &reported_path,
                format!("with {}, maxUnavailable {unavailable_text} {what}", replicas.describe()),
            )
            .help(if count == 1 {
                "set maxUnavailable: 0 and maxSurge: 1 so the new pod starts before the old one stops".to_owned()
            } else {
                format!("set maxUnavailable below {count}, e.g. maxUnavailable: 1 or 0 with maxSurge: 1")
            }),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ rollout-params-risky` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: single
  namespace: shop
spec:
  replicas: 1
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 0
      maxUnavailable: 1
# ^ rollout-params-risky
  selector:
    matchLabels:
      app: single
  template:
    metadata:
      labels:
        app: single
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: all-at-once
  namespace: shop
spec:
  replicas: 3
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: "100%"
# ^ rollout-params-risky
  selector:
    matchLabels:
      app: all-at-once
  template:
    metadata:
      labels:
        app: all-at-once
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: stuck
  namespace: shop
spec:
  replicas: 2
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 0
      maxUnavailable: 0
# ^ rollout-params-risky
  selector:
    matchLabels:
      app: stuck
  template:
    metadata:
      labels:
        app: stuck
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-rounded
  namespace: shop
spec:
  replicas: 3
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: "25%"
      maxUnavailable: "25%"
  selector:
    matchLabels:
      app: dont-fire-rounded
  template:
    metadata:
      labels:
        app: dont-fire-rounded
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
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
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

    fn deployment(name: &str, replicas: i32, rolling: &str) -> String {
        format!(
            "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  replicas: {replicas}\n  strategy:\n    type: RollingUpdate\n    rollingUpdate: {rolling}\n  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec:\n      containers: [{{name: c, image: 'c:1'}}]\n"
        )
    }

    #[test]
    fn a_deployment_config_reads_its_rolling_params() {
        let config = |params: &str| {
            format!(
                "apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {{name: legacy}}\nspec:\n  replicas: 1\n  selector: {{app: legacy}}\n  strategy:\n    type: Rolling\n    rollingParams: {params}\n  template:\n    metadata: {{labels: {{app: legacy}}}}\n    spec:\n      containers: [{{name: c, image: 'c:1'}}]\n"
            )
        };
        check(
            &config("{maxSurge: 0, maxUnavailable: 0}"),
            &[(
                "maxSurge 0 and maxUnavailable 0 are both 0, so the API server rejects this DeploymentConfig: the rollout could never replace a pod",
                Level::Error,
            )],
        );
        let findings = super::super::support::testing::run_on(
            run,
            &config("{maxSurge: 0, maxUnavailable: 1}"),
        );
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(
            findings[0]
                .message
                .starts_with("with 1 replica, maxUnavailable 1 takes the only pod down"),
            "{}",
            findings[0].message
        );
        // Pointing at the written maxUnavailable (flow style: on the rollingParams line).
        assert_eq!(findings[0].location.line, 9);
        check(&config("{maxSurge: 1, maxUnavailable: 0}"), &[]);
        check(
            &config("{maxSurge: 1, maxUnavailable: 0}").replace("type: Rolling", "type: Recreate"),
            &[],
        );
    }

    #[test]
    fn both_zero_is_rejected() {
        check(
            &deployment("a", 2, "{maxSurge: 0, maxUnavailable: '0%'}"),
            &[(
                "maxSurge 0 and maxUnavailable 0% are both 0, so the API server rejects this Deployment: the rollout could never replace a pod",
                Level::Error,
            )],
        );
    }

    #[test]
    fn percentages_round_like_the_controller() {
        let yaml = [
            // 25% of 3: surge 1, unavailable 0; fine.
            deployment("a", 3, "{}"),
            // 100% of 3 rounds down to 3: everything may go.
            deployment("b", 3, "{maxUnavailable: '100%'}"),
            // 50% of 1 rounds down to 0, and a surge of 0 makes the controller use 1.
            deployment("c", 1, "{maxSurge: 0, maxUnavailable: '50%'}"),
            // The FeastFlow frontend: 3 replicas, surge 2, unavailable 1; fine.
            deployment("d", 3, "{maxSurge: 2, maxUnavailable: 1}"),
            deployment("e", 1, "{maxUnavailable: 1}"),
        ]
        .concat();
        check(
            &yaml,
            &[
                (
                    "with 3 replicas, maxUnavailable 100% (of 3 rounds down to 3) lets all 3 replicas go down at once during a rollout",
                    Level::Warning,
                ),
                (
                    "with 1 replica, maxUnavailable 50% (of 1 rounds down to 0, raised to 1 by the controller because maxSurge is also 0) takes the only pod down before its replacement is ready",
                    Level::Warning,
                ),
                (
                    "with 1 replica, maxUnavailable 1 takes the only pod down before its replacement is ready",
                    Level::Warning,
                ),
            ],
        );
    }

    #[test]
    fn values_the_api_server_refuses_are_errors() {
        let yaml = [
            deployment("a", 3, "{maxSurge: '-50%', maxUnavailable: 1}"),
            deployment(
                "b",
                3,
                "{maxSurge: 1, maxUnavailable: '6148914691236517239%'}",
            ),
        ]
        .concat();
        check(
            &yaml,
            &[
                (
                    "the API server rejects this Deployment: spec.strategy.rollingUpdate.maxSurge: Invalid value: \"-50%\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                    Level::Error,
                ),
                (
                    "the API server rejects this Deployment: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"6148914691236517239%\": must not be greater than 100%",
                    Level::Error,
                ),
            ],
        );
    }
}
