//! `rollout-strategy-recreate`: Deployment behind a Service uses Recreate.

use super::support::services::{services_doing, services_selecting};
use super::{Category, Check, Context, Finding, Level};
use crate::model::Resource;

/// The `rollout-strategy-recreate` check.
pub static CHECK: Check = Check {
    id: "rollout-strategy-recreate",
    category: Category::Reliability,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "deployment behind a Service uses the Recreate strategy",
    docs: DOCS,
    aliases: &[
        "kube-score:deployment-strategy",
        "kube-linter:no-rolling-update-strategy",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a Deployment with `strategy.type: Recreate` whose pods a Service in the same namespace selects.

## Why is this bad?

`Recreate` deletes every old pod first and only then creates the new ones.
Between the two, the Service has no ready endpoints, so every rollout is an outage that lasts as long as the new pods take to pull their image, start and pass their readiness probe; a bad image makes it last until someone rolls back.
The default, `RollingUpdate`, replaces pods a few at a time and keeps old ones serving until new ones are ready.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  strategy:
    type: Recreate
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
```

## Fix

```yaml
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
```

Use `RollingUpdate`; keep `Recreate` only when two versions must never run side by side (a ReadWriteOnce volume, a schema migration), and accept the downtime.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let Resource::Deployment(deployment) = &obj.resource else {
            continue;
        };
        let recreate = deployment
            .spec
            .strategy
            .as_ref()
            .and_then(|s| s.type_.as_deref())
            .is_some_and(|t| t == "Recreate");
        if !recreate {
            continue;
        }
        let services = services_selecting(ctx.model, obj);
        if services.is_empty() {
            continue;
        }
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                "spec.strategy.type",
                format!(
                    "strategy Recreate stops every old pod before starting new ones, so {} no ready endpoints during each rollout",
                    services_doing(&services, "has", "have")
                ),
            )
            .help("use strategy.type: RollingUpdate with maxSurge: 1 and maxUnavailable: 0"),
        );
    }
    findings
}

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
    fn only_when_a_service_selects_the_pods() {
        let deployment = |name: &str| {
            format!(
                "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  strategy: {{type: Recreate}}\n  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec:\n      containers: [{{name: c, image: 'c:1'}}]\n"
            )
        };
        let svc = "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: served}\n";
        check(
            &[deployment("served"), deployment("worker"), svc.into()].concat(),
            &[
                "strategy Recreate stops every old pod before starting new ones, so Service \"web\" has no ready endpoints during each rollout",
            ],
        );
    }
}
