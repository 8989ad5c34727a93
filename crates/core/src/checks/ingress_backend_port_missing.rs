//! `ingress-backend-port-missing`: the ingress backend names a port its Service does not expose.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `ingress-backend-port-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "ingress-backend-port-missing",
    rank: 80,
    category: Category::Correctness,
    scope: Scope::Kind("Ingress"),
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

/// The fixture that must fire exactly on the lines marked `# ^ ingress-backend-port-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: shop-backend
spec:
  selector:
    app: shop-backend
  ports:
  - name: http
    port: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: shop-backend
            port:
              number: 8080
# ^ ingress-backend-port-missing
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop-named
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: shop-backend
            port:
              name: htp
# ^ ingress-backend-port-missing
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dont-fire-shop
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: shop-backend
            port:
              name: http
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: shop-backend
spec:
  selector:
    app: shop-backend
  ports:
  - name: http
    port: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: shop-backend
            port:
              number: 80
"#;
