//! `ingress-tls-secret-missing`: tls.secretName not in the set (may come from cert-manager).

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `ingress-tls-secret-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "ingress-tls-secret-missing",
    rank: 90,
    category: Category::Correctness,
    scope: Scope::Kind("Ingress"),
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "tls.secretName not in the set (may come from cert-manager)",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags an Ingress `spec.tls[].secretName` that names a Secret not found in the loaded manifests.
It stays quiet when the Ingress carries a cert-manager annotation (`cert-manager.io/cluster-issuer` or `cert-manager.io/issuer`), since cert-manager then creates the Secret.

## Why is this bad?

To serve HTTPS, the ingress controller needs a certificate and its private key, which it reads from a Secret of type `kubernetes.io/tls` in the Ingress's namespace.
If the Secret does not exist, most controllers fall back to a default self-signed certificate, and browsers show a security warning for the site.
The Secret is often created outside the manifests (by hand, by cert-manager, by an external-secrets operator), so this is a reminder, not an error.

## Example

```yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  tls:
  - hosts:
    - shop.example.com
    secretName: shop-tls
  rules:
  - host: shop.example.com
```

## Fix

```yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
spec:
  tls:
  - hosts:
    - shop.example.com
    secretName: shop-tls
  rules:
  - host: shop.example.com
```

Let cert-manager issue the certificate (annotation above), or create the `kubernetes.io/tls` Secret in the Ingress's namespace.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(&CHECK, ProblemCode::IngressTlsSecretMissing, Level::Info, |p| match &p.suggestion {
        Some(name) => format!("use secretName `{name}`, or create the TLS Secret"),
        None => "create the kubernetes.io/tls Secret in this namespace, or let cert-manager issue it".to_owned(),
    })
}

/// The fixture that must fire exactly on the lines marked `# ^ ingress-tls-secret-missing` under them; objects named
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
  tls:
  - hosts:
    - shop.example.com
    secretName: shop-tls
# ^ ingress-tls-secret-missing
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
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dont-fire-issued
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
spec:
  ingressClassName: nginx
  tls:
  - hosts:
    - shop.example.com
    secretName: issued-tls
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
apiVersion: v1
kind: Secret
metadata:
  name: shop-tls
type: kubernetes.io/tls
stringData:
  tls.crt: placeholder
  tls.key: placeholder
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  tls:
  - hosts:
    - shop.example.com
    secretName: shop-tls
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
