//! `ingress-backend-port-missing`: the ingress backend names a port its Service does not expose.

use super::{Category, Check, Context, Finding, Level};
use crate::graph::ProblemCode;

/// The `ingress-backend-port-missing` check.
pub static CHECK: Check = Check {
    id: "ingress-backend-port-missing",
    category: Category::Correctness,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "the ingress backend names a port its service does not expose",
    docs: DOCS,
    aliases: &[
        "kube-score:ingress-targets-service",
        "kube-linter:dangling-ingress",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags an Ingress backend whose `service.port.number` or `service.port.name` is not one of the ports of the Service it names (the Service itself exists).

## Why is this bad?

The port in an Ingress backend is the Service's `port`, the one the Service exposes, not the container's port.
A classic mistake is to write the container's port (`8080`) when the Service exposes `80` and forwards it to `targetPort: 8080`.
The ingress controller finds no such port on the Service and answers `503 Service Unavailable` for that host and path.

## Example

```yaml
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector:
    app: shop
  ports:
  - name: http
    port: 80
    targetPort: 8080
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: shop
            port:
              number: 8080
```

## Fix

```yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: shop
            port:
              number: 80
```

Use one of the Service's `ports[].port` numbers (or `ports[].name` names) in the backend.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::IngressBackendPortMissing,
        Level::Error,
        |p| match &p.suggestion {
            Some(name) => format!("use port name `{name}`"),
            None => "use a port the Service exposes (its ports[].port, not the container port)"
                .to_owned(),
        },
    )
}
