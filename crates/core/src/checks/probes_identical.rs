//! `probes-identical`: readiness and liveness probes are identical.

use k8s_openapi::api::core::v1::Probe;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::support::containers::regular_containers;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `probes-identical` check.
pub(crate) static CHECK: Check = Check {
    id: "probes-identical",
    rank: 510,
    category: Category::Reliability,
    scope: Scope::LongRunning,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "readiness and liveness probes are identical",
    docs: DOCS,
    aliases: &["kube-score:pod-probes-identical"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a regular container whose `readinessProbe` and `livenessProbe` are the same: the same check (`httpGet`, `tcpSocket`, `grpc` or `exec`) with the same timing (`initialDelaySeconds`, `periodSeconds`, `timeoutSeconds`, `failureThreshold`, `successThreshold`, unwritten fields counting as their defaults).

## Why is this bad?

The two probes answer different questions and trigger different actions.
A failing readiness probe takes the pod out of its Services until it recovers; a failing liveness probe kills the container.
When both are identical they fail at the same moment, so a pod that is only busy, or waiting for a dependency, is restarted instead of being rested, and the restart makes things worse: it drops the work in progress and adds start-up load.
If the shared check also tests a database, one database blip restarts every replica at once.

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
            httpGet: {path: /healthz, port: 80}
          livenessProbe:
            httpGet: {path: /healthz, port: 80}
```

## Fix

```yaml
          readinessProbe:
            httpGet: {path: /ready, port: 80}
            periodSeconds: 5
            failureThreshold: 2
          livenessProbe:
            httpGet: {path: /healthz, port: 80}
            periodSeconds: 10
            failureThreshold: 6
```

Make the liveness probe check only the process (or at least fail much later than readiness), and let readiness check whether it can serve.

## Known problems

Why some teams disagree: many applications expose a single health endpoint, and using it for both probes with a more tolerant liveness threshold is a reasonable design.
This check only fires when the timing is identical too, which is the case that restarts containers exactly when they stop being ready.
"#;

/// A probe with unwritten timing fields replaced by their defaults.
fn normalized(probe: &Probe) -> Probe {
    Probe {
        initial_delay_seconds: Some(probe.initial_delay_seconds.unwrap_or(0)),
        period_seconds: Some(probe.period_seconds.unwrap_or(10)),
        timeout_seconds: Some(probe.timeout_seconds.unwrap_or(1)),
        success_threshold: Some(probe.success_threshold.unwrap_or(1)),
        failure_threshold: Some(probe.failure_threshold.unwrap_or(3)),
        ..probe.clone()
    }
}

/// `httpGet /healthz on port http`, `exec pg_isready -U postgres`.
fn describe(probe: &Probe) -> String {
    let port = |p: &IntOrString| match p {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => s.clone(),
    };
    if let Some(http) = &probe.http_get {
        format!(
            "httpGet {} on port {}",
            http.path.as_deref().unwrap_or("/"),
            port(&http.port)
        )
    } else if let Some(tcp) = &probe.tcp_socket {
        format!("tcpSocket on port {}", port(&tcp.port))
    } else if let Some(grpc) = &probe.grpc {
        format!("grpc on port {}", grpc.port)
    } else if let Some(exec) = &probe.exec {
        format!(
            "exec {}",
            exec.command.as_deref().unwrap_or_default().join(" ")
        )
    } else {
        "no handler".to_owned()
    }
}

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        for c in regular_containers(obj) {
            let container = c.container;
            let (Some(readiness), Some(liveness)) =
                (&container.readiness_probe, &container.liveness_probe)
            else {
                continue;
            };
            if normalized(readiness) != normalized(liveness) {
                continue;
            }
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    &format!("{}.livenessProbe", c.path),
                    format!(
                        "container \"{}\" has identical readiness and liveness probes ({}), so it is restarted exactly when it stops being ready",
                        container.name,
                        describe(liveness)
                    ),
                )
                .container(&container.name)
                .help("make the livenessProbe check only the process, or give it a higher failureThreshold than the readinessProbe"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ probes-identical` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
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
              path: /healthz
              port: 8080
            periodSeconds: 10
          livenessProbe:
# ^ probes-identical
            httpGet:
              path: /healthz
              port: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-tolerant-liveness
  namespace: shop
spec:
  selector:
    matchLabels:
      app: dont-fire-tolerant-liveness
  template:
    metadata:
      labels:
        app: dont-fire-tolerant-liveness
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          readinessProbe:
            httpGet:
              path: /healthz
              port: 8080
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
            failureThreshold: 6
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
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
    fn defaults_count_as_written_and_different_timing_passes() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: 'web:1'\n      readinessProbe: {httpGet: {path: /healthz, port: http}}\n      livenessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 10}\n    - name: b\n      image: 'web:1'\n      readinessProbe: {exec: {command: [pg_isready]}, periodSeconds: 5}\n      livenessProbe: {exec: {command: [pg_isready]}, periodSeconds: 10}\n",
            &[
                "container \"a\" has identical readiness and liveness probes (httpGet /healthz on port http), so it is restarted exactly when it stops being ready",
            ],
        );
    }
}
