//! `named-ports-preferred`: targetPort, probes or Ingress backend use numbers rather than names.

use k8s_openapi::api::core::v1::Probe;
use k8s_openapi::api::networking::v1::IngressBackend;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::support::containers::describe;
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::{Object, Resource};

/// The `named-ports-preferred` check.
pub(crate) static CHECK: Check = Check {
    id: "named-ports-preferred",
    rank: 1180,
    category: Category::Hygiene,
    scope: Scope::PodSpecServiceOrIngress,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "targetPort, probes or Ingress backend use numbers rather than names",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags port references written as numbers where a name would do: a Service's `targetPort` (for Services with a selector), the `httpGet.port` and `tcpSocket.port` of liveness, readiness and startup probes, and an Ingress backend's `service.port.number`.

## Why is this bad?

A port number repeated in several places has to be changed in all of them at once.
Move the app from 8080 to 9000 and forget the Service or the probe, and traffic stops or the kubelet kills healthy pods.
A named container port (`name: http`) is declared once, next to the process that listens on it, and everything else refers to the name: `targetPort: http`, `port: http` in probes, `port.name: http` in an Ingress (which names the Service's port).
Names also say what a port is for, and let pods of different versions listen on different numbers behind one Service during a migration.

## Example

```yaml
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
```

## Fix

```yaml
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: http
```

Name the container port (`ports: [{name: http, containerPort: 8080}]`) and refer to it by name everywhere.

## Known problems

gRPC probes only accept a number, so they are not flagged.
Port names must be at most 15 characters, lowercase letters, digits and dashes.
"#;

const HELP: &str = "name the port (e.g. name: http) and refer to it by name";

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        match &*obj.resource {
            Resource::Service(service) => {
                let Some(spec) = &service.spec else { continue };
                let has_selector = spec.selector.as_ref().is_some_and(|s| !s.is_empty());
                if !has_selector || spec.type_.as_deref() == Some("ExternalName") {
                    continue;
                }
                for (i, port) in spec.ports.iter().flatten().enumerate() {
                    if let Some(IntOrString::Int(number)) = &port.target_port {
                        findings.push(
                            Finding::new(
                                &CHECK,
                                obj,
                                &format!("spec.ports[{i}].targetPort"),
                                format!(
                                    "service port {} targets container port {number} by number",
                                    port.port
                                ),
                            )
                            .help(HELP),
                        );
                    }
                }
            }
            Resource::Ingress(_) => {
                for b in obj.ingress_backends() {
                    backend_finding(&mut findings, obj, b.backend, &b.path);
                }
            }
            _ => {}
        }
        for c in obj.containers() {
            let probes = [
                ("livenessProbe", &c.container.liveness_probe),
                ("readinessProbe", &c.container.readiness_probe),
                ("startupProbe", &c.container.startup_probe),
            ];
            for (field, probe) in probes {
                let Some(probe) = probe else { continue };
                let Some((handler, number)) = numeric_probe_port(probe) else {
                    continue;
                };
                findings.push(
                    Finding::new(
                        &CHECK,
                        obj,
                        &format!("{}.{field}.{handler}.port", c.path),
                        format!("{} {field} uses port {number} by number", describe(&c)),
                    )
                    .container(&c.container.name)
                    .help(HELP),
                );
            }
        }
    }
    findings
}

/// The handler (`httpGet`, `tcpSocket`) and number of a probe that names its port by number.
fn numeric_probe_port(probe: &Probe) -> Option<(&'static str, i32)> {
    if let Some(IntOrString::Int(n)) = probe.http_get.as_ref().map(|h| &h.port) {
        return Some(("httpGet", *n));
    }
    if let Some(IntOrString::Int(n)) = probe.tcp_socket.as_ref().map(|t| &t.port) {
        return Some(("tcpSocket", *n));
    }
    None
}

fn backend_finding(
    findings: &mut Vec<Finding>,
    obj: &Object,
    backend: &IngressBackend,
    path: &str,
) {
    let Some(service) = &backend.service else {
        return;
    };
    let Some(number) = service.port.as_ref().and_then(|p| p.number) else {
        return;
    };
    findings.push(
        Finding::new(
            &CHECK,
            obj,
            &format!("{path}.service.port.number"),
            format!(
                "backend refers to port {number} of service \"{}\" by number",
                service.name
            ),
        )
        .help("name the Service port and use port.name in the Ingress backend"),
    );
}

/// The fixture that must fire exactly on the lines marked `# ^ named-ports-preferred` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
        image: example/web:2.0
        ports:
        - name: http
          containerPort: 8080
        readinessProbe:
          httpGet:
            path: /healthz
            port: 8080
# ^ named-ports-preferred
        livenessProbe:
          httpGet:
            path: /healthz
            port: http
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: 8080
# ^ named-ports-preferred
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  rules:
  - host: web.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
# ^ named-ports-preferred
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-external-endpoints
spec:
  ports:
  - port: 5432
    targetPort: 5432
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: example/web:2.0
    ports:
    - name: http
      containerPort: 8080
    readinessProbe:
      httpGet:
        path: /healthz
        port: http
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: http
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_numeric_references() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  selector: {app: a}
  ports:
  - port: 80
    targetPort: 8080
  - port: 81
    targetPort: http
  - port: 82
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: web
    image: a
    readinessProbe:
      httpGet: {path: /, port: 8080}
    livenessProbe:
      tcpSocket: {port: http}
    startupProbe:
      grpc: {port: 9090}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i}
spec:
  defaultBackend:
    service:
      name: s
      port: {number: 80}
"
            ),
            [
                "8 info service port 80 targets container port 8080 by number",
                "21 info container \"web\" readinessProbe uses port 8080 by number",
                "34 info backend refers to port 80 of service \"s\" by number",
            ]
        );
    }
}
