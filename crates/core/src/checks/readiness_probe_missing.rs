//! `readiness-probe-missing`: container has no readinessProbe; stronger when behind a Service.

use super::support::containers::regular_containers;

use super::support::services::{services_doing, services_selecting};

use super::support::workloads::is_long_running;
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `readiness-probe-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "readiness-probe-missing",
    rank: 490,
    category: Category::Reliability,
    scope: Scope::LongRunning,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "container has no readinessProbe; stronger when a Service sends it traffic",
    docs: DOCS,
    aliases: &[
        "kube-score:pod-probes",
        "kube-linter:no-readiness-probe",
        "polaris:readinessProbeMissing",
        "checkov:CKV_K8S_9",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a regular container (not an init container) of a long-running workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, OpenShift DeploymentConfig or bare Pod; not Jobs) that has no `readinessProbe`.
The message says when it matters most: when a Service in the same namespace selects the pods, or when a Deployment (or DeploymentConfig) rolls out.

## Why is this bad?

A readiness probe is how Kubernetes learns that a container can take traffic.
Without one, a container counts as ready the moment it starts, long before a web server has loaded its configuration or opened its database pool.
A Service then sends requests to a pod that cannot answer them, and during a rolling update the Deployment counts the new pod as available and deletes an old, working one.
When a pod later goes bad (overloaded, lost its database), a failing readiness probe takes it out of the Service's endpoints until it recovers, without restarting it.

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
          ports:
            - {name: http, containerPort: 80}
```

## Fix

```yaml
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - {name: http, containerPort: 80}
          readinessProbe:
            httpGet: {path: /healthz, port: http}
            periodSeconds: 5
            failureThreshold: 3
```

Add a `readinessProbe` that succeeds only when the container can serve a request.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners().filter(|o| is_long_running(o)) {
        let services = services_selecting(ctx.model, obj);
        for c in regular_containers(obj) {
            let container = c.container;
            if container.readiness_probe.is_some() {
                continue;
            }
            let consequence = if !services.is_empty() {
                format!(
                    ", and {} it traffic as soon as it starts, before it can answer",
                    services_doing(&services, "sends", "send")
                )
            } else if matches!(*obj.resource,
                Resource::Deployment(_) | Resource::DeploymentConfig(_)
            ) {
                ", so a rolling update counts a new pod as available as soon as it starts"
                    .to_owned()
            } else {
                String::new()
            };
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    &c.path.to_string(),
                    format!("container \"{}\" has no readinessProbe{consequence}", container.name),
                )
                .container(&container.name)
                .help("add a readinessProbe (httpGet, tcpSocket, grpc or exec) that passes only when it can serve"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ readiness-probe-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
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
      initContainers:
        - name: migrate
          image: ghcr.io/acme/web-migrate:1.4.2
      containers:
        - name: web
# ^ readiness-probe-missing
          image: ghcr.io/acme/web:1.4.2
        - name: metrics
          image: ghcr.io/acme/exporter:0.9.0
          readinessProbe:
            httpGet:
              path: /metrics
              port: 9100
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
      targetPort: 8080
---
apiVersion: batch/v1
kind: Job
metadata:
  name: dont-fire-job
  namespace: shop
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: report
          image: ghcr.io/acme/report:1.0.0
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
  namespace: shop
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: legacy
    spec:
      containers:
        - name: legacy
# ^ readiness-probe-missing
          image: ghcr.io/acme/legacy:3.2.0
---
apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: orders
  namespace: shop
spec:
  replicas: 2
  selector:
    app: orders
  template:
    metadata:
      labels:
        app: orders
    spec:
      containers:
        - name: orders
# ^ readiness-probe-missing
          image: ghcr.io/acme/orders:2.0.1
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
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
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

    const DEPLOYMENT: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web, tier: front}}\n    spec:\n      initContainers:\n        - {name: migrate, image: 'web:1'}\n      containers:\n        - {name: web, image: 'web:1'}\n";

    #[test]
    fn says_when_a_service_sends_traffic() {
        let service = "---\napiVersion: v1\nkind: Service\nmetadata: {name: web-svc, namespace: shop}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n";
        check(
            &format!("{DEPLOYMENT}{service}"),
            &[
                "container \"web\" has no readinessProbe, and Service \"web-svc\" sends it traffic as soon as it starts, before it can answer",
            ],
        );
    }

    #[test]
    fn a_service_in_another_namespace_does_not_count() {
        let service = "---\napiVersion: v1\nkind: Service\nmetadata: {name: web-svc, namespace: other}\nspec:\n  selector: {app: web}\n";
        check(
            &format!("{DEPLOYMENT}{service}"),
            &[
                "container \"web\" has no readinessProbe, so a rolling update counts a new pod as available as soon as it starts",
            ],
        );
    }

    #[test]
    fn jobs_are_not_checked() {
        check(
            "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - {name: j, image: 'j:1'}\n",
            &[],
        );
    }
}
