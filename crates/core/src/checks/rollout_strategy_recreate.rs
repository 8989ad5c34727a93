//! `rollout-strategy-recreate`: Deployment behind a Service uses Recreate.

use super::support::services::{services_doing, services_selecting};
use super::support::workloads::update_strategy;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `rollout-strategy-recreate` check.
pub(crate) static CHECK: Check = Check {
    id: "rollout-strategy-recreate",
    rank: 600,
    category: Category::Reliability,
    scope: Scope::Kind("Deployment"),
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

Flags a Deployment (or an OpenShift DeploymentConfig) with `strategy.type: Recreate` whose pods a Service in the same namespace selects.

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
        if !update_strategy(obj).is_some_and(|s| s.recreate) {
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

/// The fixture that must fire exactly on the lines marked `# ^ rollout-strategy-recreate` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  strategy:
    type: Recreate
# ^ rollout-strategy-recreate
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
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-worker
  namespace: shop
spec:
  strategy:
    type: Recreate
  selector:
    matchLabels:
      app: dont-fire-worker
  template:
    metadata:
      labels:
        app: dont-fire-worker
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
  replicas: 2
  strategy:
    type: RollingUpdate
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
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 80
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

    #[test]
    fn a_deployment_config_recreates_the_same_way() {
        let config = "apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: legacy}\nspec:\n  selector: {app: legacy}\n  strategy: {type: Recreate}\n  template:\n    metadata: {labels: {app: legacy}}\n    spec:\n      containers: [{name: c, image: 'c:1'}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: legacy}\nspec:\n  selector: {app: legacy}\n";
        check(
            config,
            &[
                "strategy Recreate stops every old pod before starting new ones, so Service \"legacy\" has no ready endpoints during each rollout",
            ],
        );
        check(&config.replace("type: Recreate", "type: Rolling"), &[]);
    }
}
