//! `ingress-backend-service-missing`: ingress backend names a Service not in the namespace.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `ingress-backend-service-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "ingress-backend-service-missing",
    rank: 70,
    category: Category::Correctness,
    scope: Scope::Kind("Ingress"),
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "ingress backend names a Service not in the namespace",
    docs: DOCS,
    aliases: &[
        "kube-score:ingress-targets-service",
        "kube-linter:dangling-ingress",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags an Ingress backend (`spec.rules[].http.paths[].backend.service.name`, or `spec.defaultBackend`) that names a Service the loaded manifests do not define in the Ingress's namespace.
When the name is a typo away from an existing Service, the message says which, and when a Service of that name exists in another namespace, it says so too.

## Why is this bad?

An Ingress is a routing table for the ingress controller: for this host and this path, send the request to that Service.
The controller looks the Service up by name in the Ingress's own namespace; an Ingress cannot send traffic to a Service of another namespace.
If the Service is not there, every request for that host and path fails, usually with `503 Service Unavailable` (ingress-nginx) or `404`.

## Example

```yaml
apiVersion: v1
kind: Service
metadata:
  name: shop-backend
spec:
  selector:
    app: shop-backend
  ports:
  - port: 80
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
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: shop-backnd
            port:
              number: 80
```

## Fix

```yaml
apiVersion: v1
kind: Service
metadata:
  name: shop-backend
spec:
  selector:
    app: shop-backend
  ports:
  - port: 80
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
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: shop-backend
            port:
              number: 80
```

Name a Service that exists in the Ingress's namespace (or create it there).
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::IngressBackendServiceMissing,
        Level::Error,
        |p| match &p.suggestion {
            Some(name) => format!("use service name `{name}`"),
            None => "name a Service of the Ingress's namespace, or create it there".to_owned(),
        },
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ ingress-backend-service-missing` under them; objects named
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
            name: shop-backnd
# ^ ingress-backend-service-missing
            port:
              number: 80
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
              number: 80
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
