//! `ingress-class-unset`: no ingressClassName (depends on a cluster default).

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `ingress-class-unset` check.
pub(crate) static CHECK: Check = Check {
    id: "ingress-class-unset",
    rank: 110,
    category: Category::Hygiene,
    scope: Scope::Kind("Ingress"),
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "no ingressClassName (depends on a cluster default)",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags an Ingress that names no ingress class: no `spec.ingressClassName` and no legacy `kubernetes.io/ingress.class` annotation.

## Why is this bad?

An Ingress is only a routing request; an *ingress controller* (ingress-nginx, Traefik, a cloud load balancer…) has to pick it up and serve it.
A cluster can run several controllers, and the IngressClass says which one should handle each Ingress.
Without a class, the Ingress is served only if the cluster marks one IngressClass as the default (`ingressclass.kubernetes.io/is-default-class: "true"`).
On a cluster without a default, nothing serves it: `kubectl get ingress` shows no address and requests never arrive, with no error anywhere.
On a cluster with two controllers, the one you did not expect may serve it.

## Example

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

## Fix

```yaml
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
      - path: /
        pathType: Prefix
        backend:
          service:
            name: shop
            port:
              number: 80
```

Set `spec.ingressClassName` to the name of an IngressClass in your cluster (`kubectl get ingressclass` lists them).

## Known problems

When the cluster has a default IngressClass and you rely on it on purpose, the finding is only a reminder; suppress it with that reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.of_kind("Ingress") {
        if !matches!(*obj.resource, Resource::Ingress(_)) || obj.ingress_class().is_some() {
            continue;
        }
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                "spec.ingressClassName",
                "no ingressClassName: it is served only if the cluster has a default IngressClass",
            )
            .help("set spec.ingressClassName to an IngressClass of your cluster, e.g. nginx"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ ingress-class-unset` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
# ^ ingress-class-unset
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
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dont-fire-legacy-annotation
  annotations:
    kubernetes.io/ingress.class: nginx
spec:
  rules:
  - host: blog.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: blog
            port:
              number: 80
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
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
"#;
