//! `probe-port-not-declared`: liveness, readiness or startup probe port not declared by the container.

use k8s_openapi::api::core::v1::{Container, Probe};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::support::did_you_mean;

use super::support::containers::describe;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `probe-port-not-declared` check.
pub(crate) static CHECK: Check = Check {
    id: "probe-port-not-declared",
    rank: 350,
    category: Category::Correctness,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[Level::Warning],
    enabled_by_default: true,
    summary: "liveness, readiness or startup probe port not declared by the container",
    docs: DOCS,
    aliases: &[
        "kube-linter:liveness-port",
        "kube-linter:readiness-port",
        "kube-linter:startup-port",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Compares the port of each `livenessProbe`, `readinessProbe` and `startupProbe` (`httpGet`, `tcpSocket` or `grpc`) with the container's own `ports`:

- a **named** port that the container does not declare is an **error**;
- a **numeric** port that is not among the container's declared `containerPort`s is a **warning** (only when the container declares some ports).

## Why is this bad?

A probe is how the kubelet asks a container "are you alive?" or "are you ready for traffic?".
A named probe port (`port: http`) is looked up in the container's `ports` list; if no port has that name the probe can never succeed.
A readiness probe that never succeeds keeps the pod out of every Service, and a liveness probe that never succeeds restarts the container over and over (`CrashLoopBackOff`).
A numeric port works whether or not it is declared, since `containerPort` is mostly documentation; but a number that differs from every declared port is usually a leftover from a port change (the app moved to 8080, the probe still checks 80), so it is worth a look.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    ports:
    - name: web
      containerPort: 8080
    readinessProbe:
      httpGet:
        path: /healthz
        port: http
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    ports:
    - name: http
      containerPort: 8080
    readinessProbe:
      httpGet:
        path: /healthz
        port: http
```

Point the probe at a port the container declares, by its name or its number, or declare the port in the container's `ports`.

## Known problems

A process may listen on a port it never declares; then the numeric warning is a false alarm, and declaring the port silences it and documents it.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        for c in obj.containers() {
            for (probe_name, probe) in probes(c.container) {
                let Some((handler, port)) = probe_port(probe) else {
                    continue;
                };
                let path = format!("{}.{probe_name}.{handler}.port", c.path);
                let ports = c.container.ports.as_deref().unwrap_or_default();
                let finding = match port {
                    IntOrString::String(name) => {
                        if ports
                            .iter()
                            .any(|p| p.name.as_deref() == Some(name.as_str()))
                        {
                            continue;
                        }
                        let names = ports.iter().filter_map(|p| p.name.as_deref());
                        let hint = did_you_mean(&name, names);
                        Finding::new(
                            &CHECK,
                            obj,
                            &path,
                            format!("{probe_name} uses port \"{name}\", which {} does not declare{hint}", describe(&c)),
                        )
                        .help(format!("name a port \"{name}\" in the container's ports, or use a declared port"))
                    }
                    IntOrString::Int(number) => {
                        if ports.is_empty() || ports.iter().any(|p| p.container_port == number) {
                            continue;
                        }
                        let mut numbers: Vec<i32> =
                            ports.iter().map(|p| p.container_port).collect();
                        numbers.sort_unstable();
                        numbers.dedup();
                        let declared = numbers
                            .iter()
                            .map(i32::to_string)
                            .collect::<Vec<_>>()
                            .join(", ");
                        Finding::new(
                            &CHECK,
                            obj,
                            &path,
                            format!("{probe_name} checks port {number}, but {} declares only {declared}", describe(&c)),
                        )
                        .severity(Level::Warning)
                        .help(format!("probe a declared port, or add containerPort {number} to the container's ports"))
                    }
                };
                findings.push(finding.container(&c.container.name));
            }
        }
    }
    findings
}

fn probes(c: &Container) -> impl Iterator<Item = (&'static str, &Probe)> {
    [
        ("livenessProbe", &c.liveness_probe),
        ("readinessProbe", &c.readiness_probe),
        ("startupProbe", &c.startup_probe),
    ]
    .into_iter()
    .filter_map(|(name, p)| Some((name, p.as_ref()?)))
}

/// The probe's handler field and its port.
fn probe_port(probe: &Probe) -> Option<(&'static str, IntOrString)> {
    if let Some(h) = &probe.http_get {
        return Some(("httpGet", h.port.clone()));
    }
    if let Some(t) = &probe.tcp_socket {
        return Some(("tcpSocket", t.port.clone()));
    }
    probe
        .grpc
        .as_ref()
        .map(|g| ("grpc", IntOrString::Int(g.port)))
}

/// The fixture that must fire exactly on the lines marked `# ^ probe-port-not-declared` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: example/api:2.1
        ports:
        - name: web
          containerPort: 8080
        readinessProbe:
          httpGet:
            path: /ready
            port: http
# ^ probe-port-not-declared
        livenessProbe:
          tcpSocket:
            port: 80
# ^ probe-port-not-declared
        startupProbe:
          httpGet:
            path: /healthz
            port: web
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-undeclared-ports
spec:
  containers:
  - name: cache
    image: redis:7
    livenessProbe:
      tcpSocket:
        port: 6379
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: example/api:2.1
        ports:
        - name: http
          containerPort: 8080
        readinessProbe:
          httpGet:
            path: /ready
            port: http
        livenessProbe:
          tcpSocket:
            port: 8080
"#;
