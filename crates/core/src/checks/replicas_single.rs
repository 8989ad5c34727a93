//! `replicas-single`: Deployment has fewer than 2 replicas and no HPA.

use super::support::services::{services_doing, services_selecting};
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `replicas-single` check.
pub(crate) static CHECK: Check = Check {
    id: "replicas-single",
    rank: 530,
    category: Category::Reliability,
    scope: Scope::Kind("Deployment"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "deployment runs a single replica and no HPA scales it",
    docs: DOCS,
    aliases: &[
        "kube-score:deployment-replicas",
        "kube-linter:minimum-three-replicas",
        "polaris:deploymentMissingReplicas",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a Deployment (or an OpenShift DeploymentConfig) that runs a single replica (`spec.replicas: 1`, or not written, which means 1) when no HorizontalPodAutoscaler in its namespace targets it.
A Deployment scaled to `replicas: 0` on purpose is left alone.

## Why is this bad?

With one pod, every disruption is an outage: a node drain for an upgrade, a node failure, an eviction under memory pressure, or a crash.
The replacement pod has to be scheduled, pull its image and pass its readiness probe before anything is served again.
A second replica on another node keeps the service up while that happens, and lets a PodDisruptionBudget protect it during drains.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
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
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
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

Run at least 2 replicas, or let an HorizontalPodAutoscaler with `minReplicas: 2` manage the count.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.objects.iter().filter(|o| {
        matches!(*o.resource,
            Resource::Deployment(_) | Resource::DeploymentConfig(_)
        )
    }) {
        let written = obj.written_replicas();
        if written.unwrap_or(1) != 1 || ctx.model.hpa_for(obj).is_some() {
            continue;
        }
        let how = if written.is_some() {
            "1 replica"
        } else {
            "1 replica (spec.replicas is not set, so it defaults to 1)"
        };
        let services = services_selecting(ctx.model, obj);
        let behind = if services.is_empty() {
            String::new()
        } else {
            format!(
                ", so {} down whenever that pod does",
                services_doing(&services, "goes", "go")
            )
        };
        let path = if written.is_some() {
            "spec.replicas"
        } else {
            "metadata.name"
        };
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                path,
                format!(
                    "{} runs {how} and no HPA scales it{behind}",
                    if obj.kind == "Deployment" {
                        "deployment"
                    } else {
                        obj.kind.as_str()
                    }
                ),
            )
            .help("set spec.replicas: 2 or more, or add an HPA with minReplicas: 2"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ replicas-single` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 1
# ^ replicas-single
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
  name: worker
# ^ replicas-single
  namespace: shop
spec:
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
        - name: worker
          image: ghcr.io/acme/worker:1.4.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-autoscaled
  namespace: shop
spec:
  selector:
    matchLabels:
      app: dont-fire-autoscaled
  template:
    metadata:
      labels:
        app: dont-fire-autoscaled
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: dont-fire-autoscaled
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: dont-fire-autoscaled
  minReplicas: 2
  maxReplicas: 6
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-paused
  namespace: shop
spec:
  replicas: 0
  selector:
    matchLabels:
      app: dont-fire-paused
  template:
    metadata:
      labels:
        app: dont-fire-paused
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
    fn check(yaml: &str, expected: &[&str]) {
        assert_eq!(
            super::super::support::testing::messages(run, yaml),
            expected
        );
    }

    fn deployment(name: &str, replicas: &str) -> String {
        format!(
            "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n{replicas}  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec:\n      containers: [{{name: c, image: 'c:1'}}]\n"
        )
    }

    #[test]
    fn an_hpa_or_zero_replicas_silence_it() {
        let hpa = "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: scaled}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: scaled}\n  minReplicas: 2\n  maxReplicas: 5\n";
        let svc = "---\napiVersion: v1\nkind: Service\nmetadata: {name: one-svc}\nspec:\n  selector: {app: one}\n";
        let yaml = [
            deployment("one", ""),
            deployment("scaled", ""),
            deployment("zero", "  replicas: 0\n"),
            hpa.into(),
            svc.into(),
        ]
        .concat();
        check(
            &yaml,
            &[
                "deployment runs 1 replica (spec.replicas is not set, so it defaults to 1) and no HPA scales it, so Service \"one-svc\" goes down whenever that pod does",
            ],
        );
    }

    #[test]
    fn a_deployment_config_with_one_replica_too() {
        let config = "apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: legacy}\nspec:\n  replicas: 1\n  selector: {app: legacy}\n  template:\n    metadata: {labels: {app: legacy}}\n    spec:\n      containers: [{name: c, image: 'c:1'}]\n";
        check(
            config,
            &["DeploymentConfig runs 1 replica and no HPA scales it"],
        );
        check(&config.replace("replicas: 1", "replicas: 3"), &[]);
    }
}
