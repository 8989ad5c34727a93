//! `ingress-nginx-snippets`: ingress-nginx snippet annotations (CVE-2021-25742).

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `ingress-nginx-snippets` check.
pub(crate) static CHECK: Check = Check {
    id: "ingress-nginx-snippets",
    rank: 1070,
    category: Category::Security,
    scope: Scope::Kind("Ingress"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "ingress-nginx snippet annotations (CVE-2021-25742)",
    docs: DOCS,
    aliases: &[
        "checkov:CKV_K8S_152",
        "checkov:CKV_K8S_153",
        "checkov:CKV_K8S_154",
    ],
    run,
};

const PREFIX: &str = "nginx.ingress.kubernetes.io/";

const DOCS: &str = r#"## What it does

Flags every ingress-nginx snippet annotation on an object: `nginx.ingress.kubernetes.io/configuration-snippet`, `server-snippet`, `auth-snippet`, `stream-snippet`, `modsecurity-snippet` and any other `nginx.ingress.kubernetes.io/*-snippet`.
The message says when the snippet runs Lua code or uses an `alias` directive.

## Why is this bad?

A snippet is raw NGINX configuration pasted into the configuration of the shared ingress controller.
Whoever can create an Ingress can then make the controller do anything NGINX can: read local files, run Lua, proxy to internal addresses.
CVE-2021-25742 showed the result: a snippet could read the controller's ServiceAccount token, and that token can read the Secrets of every namespace.
So on a cluster where snippets are allowed, "may edit Ingresses in one namespace" quietly becomes "may read every Secret in the cluster".
Since ingress-nginx 1.9 the controller rejects snippet annotations unless an administrator sets `allow-snippet-annotations: "true"`, so an Ingress that depends on them may also simply not work.

## Example

```yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/configuration-snippet: |
      more_set_headers "X-Frame-Options: DENY";
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
              name: http
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
              name: http
```

Use the dedicated annotations or the controller's ConfigMap (for headers: `add-headers`) instead of raw snippets, and keep `allow-snippet-annotations` off.

## Known problems

On a cluster where only administrators can create Ingresses, snippets are a convenience rather than an escalation path; suppress the finding there with that reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        for (key, value) in obj.annotations() {
            let Some(name) = key.strip_prefix(PREFIX) else {
                continue;
            };
            if !name.ends_with("-snippet") {
                continue;
            }
            let extra = if value.contains("_by_lua") {
                " and runs Lua code"
            } else if value.split_whitespace().any(|w| w == "alias") {
                " and uses an alias directive that can expose the controller's files"
            } else {
                ""
            };
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    &format!("metadata.annotations[\"{key}\"]"),
                    format!(
                        "annotation \"{key}\" injects raw nginx configuration into the shared controller{extra}"
                    ),
                )
                .help("use a dedicated ingress-nginx annotation or the controller ConfigMap instead of a snippet"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ ingress-nginx-snippets` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/limit-rps: "100"
    nginx.ingress.kubernetes.io/configuration-snippet: 'more_set_headers "X-Frame-Options: DENY";'
# ^ ingress-nginx-snippets
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
      - path: /
        pathType: Prefix
        backend:
          service:
            name: shop
            port:
              name: http
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dont-fire-plain-annotations
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: "true"
spec:
  ingressClassName: nginx
  defaultBackend:
    service:
      name: shop
      port:
        name: http
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/limit-rps: "100"
spec:
  ingressClassName: nginx
  defaultBackend:
    service:
      name: shop
      port:
        name: http
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_each_snippet_annotation() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: a
  annotations:
    nginx.ingress.kubernetes.io/limit-rps: \"10\"
    nginx.ingress.kubernetes.io/server-snippet: |
      location /x { content_by_lua_block { ngx.say(1) } }
    nginx.ingress.kubernetes.io/configuration-snippet: |
      alias /etc/;
spec: {}
"
            ),
            [
                "9 warning annotation \"nginx.ingress.kubernetes.io/configuration-snippet\" injects raw nginx configuration into the shared controller and uses an alias directive that can expose the controller's files",
                "7 warning annotation \"nginx.ingress.kubernetes.io/server-snippet\" injects raw nginx configuration into the shared controller and runs Lua code",
            ]
        );
    }
}
