//! `liveness-probe-missing`: container has no livenessProbe.

use super::support::containers::regular_containers;

use super::support::workloads::is_long_running;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `liveness-probe-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "liveness-probe-missing",
    rank: 500,
    category: Category::Reliability,
    scope: Scope::LongRunning,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "container has no livenessProbe (a wrong one can also do harm)",
    docs: DOCS,
    aliases: &[
        "kube-score:pod-probes",
        "kube-linter:no-liveness-probe",
        "polaris:livenessProbeMissing",
        "checkov:CKV_K8S_8",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a regular container (not an init container) of a long-running workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, OpenShift DeploymentConfig or bare Pod; not Jobs) that has no `livenessProbe`.

## Why is this bad?

Kubernetes restarts a container whose process exits, but not one that is still running and stuck: deadlocked, out of file handles, spinning in a loop.
A liveness probe is how the kubelet notices that case: when it fails `failureThreshold` times in a row, the kubelet kills the container and the pod's `restartPolicy` starts it again.

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
          readinessProbe:
            httpGet: {path: /ready, port: 80}
```

## Fix

```yaml
          readinessProbe:
            httpGet: {path: /ready, port: 80}
          livenessProbe:
            httpGet: {path: /healthz, port: 80}
            periodSeconds: 10
            failureThreshold: 3
```

Add a `livenessProbe` that checks only the process itself, with a more tolerant threshold than the readiness probe.

## Known problems

A liveness probe can do harm, which is why this check is only informational.
A probe that also checks a database or another service restarts every replica at once when that dependency fails, turning one outage into two.
A probe that is too strict (a short timeout, `failureThreshold: 1`) kills containers that are merely slow under load, which adds more load.
For slow starters, add a `startupProbe` rather than a long `initialDelaySeconds`.
No liveness probe is better than a wrong one.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners().filter(|o| is_long_running(o)) {
        for c in regular_containers(obj) {
            let container = c.container;
            if container.liveness_probe.is_some() {
                continue;
            }
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    &c.path.to_string(),
                    format!(
                        "container \"{}\" has no livenessProbe, so a hung process that is still running is never restarted",
                        container.name
                    ),
                )
                .container(&container.name)
                .help("add a livenessProbe that checks only the process itself, more tolerant than the readinessProbe"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ liveness-probe-missing` under them; objects named
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
# ^ liveness-probe-missing
          image: ghcr.io/acme/web:1.4.2
        - name: metrics
          image: ghcr.io/acme/exporter:0.9.0
          livenessProbe:
            tcpSocket:
              port: 9100
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-one-off
  namespace: shop
spec:
  restartPolicy: Never
  containers:
    - name: task
      image: ghcr.io/acme/task:1.0.0
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
          livenessProbe:
            httpGet:
              path: /healthz
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

    #[test]
    fn only_regular_containers_of_long_running_pods() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n    - {name: init, image: 'busybox:1'}\n  containers:\n    - {name: a, image: 'web:1', livenessProbe: {tcpSocket: {port: 80}}}\n    - {name: b, image: 'web:1'}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: once}\nspec:\n  restartPolicy: Never\n  containers:\n    - {name: c, image: 'web:1'}\n",
            &[
                "container \"b\" has no livenessProbe, so a hung process that is still running is never restarted",
            ],
        );
    }
}
