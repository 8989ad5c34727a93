//! `ingress-no-tls`: ingress has no TLS.

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `ingress-no-tls` check.
pub(crate) static CHECK: Check = Check {
    id: "ingress-no-tls",
    rank: 1060,
    category: Category::Security,
    scope: Scope::Kind("Ingress"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "ingress has no TLS",
    docs: DOCS,
    aliases: &["polaris:tlsSettingsMissing"],
    run,
};

const DOCS: &str = r#"## What it does

Flags an Ingress with no `spec.tls` section, and, when it has one, each rule `host` that no `tls[].hosts` entry covers.

## Why is this bad?

Without `tls`, the ingress controller serves the site over plain HTTP only.
Everything between the user and the cluster (passwords, session cookies, API tokens, personal data) crosses the network readable and modifiable by anyone on the path: the café Wi-Fi, a proxy, an ISP.
Browsers mark such pages "Not secure" and refuse some features on them.
A host missing from `tls[].hosts` gets no certificate, so it is served over HTTP only, or with the controller's default (invalid) certificate.

## Example

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

## Fix

```yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
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
```

Add a `tls` entry listing the hosts and the `kubernetes.io/tls` Secret holding their certificate; cert-manager can create and renew that Secret for you.

## Known problems

TLS may be terminated before the cluster, by a cloud load balancer or a CDN, and then the Ingress rightly has no `tls`; suppress the finding with that reason.
For a local test host such as `feastflow.local`, a self-signed certificate (or mkcert) still lets you test the HTTPS setup.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (obj, spec) in ctx.model.ingresses() {
        let tls = spec.tls.as_deref().unwrap_or_default();
        if tls.is_empty() {
            let hosts: Vec<&str> = spec
                .rules
                .iter()
                .flatten()
                .filter_map(|r| r.host.as_deref())
                .collect();
            let served = if hosts.is_empty() {
                String::new()
            } else {
                format!(" for {}", hosts.join(", "))
            };
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    "spec.tls",
                    format!("ingress has no tls section, so traffic{served} is plain HTTP"),
                )
                .help("add spec.tls with the hosts and a kubernetes.io/tls Secret (cert-manager can issue it)"),
            );
            continue;
        }
        // A tls entry without hosts covers every host.
        if tls
            .iter()
            .any(|t| t.hosts.as_deref().unwrap_or_default().is_empty())
        {
            continue;
        }
        let covered: Vec<&str> = tls
            .iter()
            .flat_map(|t| t.hosts.iter().flatten())
            .map(String::as_str)
            .collect();
        for (i, rule) in spec.rules.iter().flatten().enumerate() {
            let Some(host) = rule.host.as_deref() else {
                continue;
            };
            if covered.iter().any(|pattern| host_matches(pattern, host)) {
                continue;
            }
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    &format!("spec.rules[{i}].host"),
                    format!("host \"{host}\" is not listed in any spec.tls[].hosts, so it has no certificate"),
                )
                .help("add the host to a spec.tls entry whose Secret holds a certificate for it"),
            );
        }
    }
    findings
}

/// Whether a TLS host (possibly `*.example.com`) covers a rule host.
fn host_matches(pattern: &str, host: &str) -> bool {
    if pattern.eq_ignore_ascii_case(host) {
        return true;
    }
    match (pattern.strip_prefix("*."), host.split_once('.')) {
        (Some(suffix), Some((label, rest))) => {
            !label.is_empty() && label != "*" && rest.eq_ignore_ascii_case(suffix)
        }
        _ => false,
    }
}

/// The fixture that must fire exactly on the lines marked `# ^ ingress-no-tls` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
# ^ ingress-no-tls
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
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: blog
spec:
  ingressClassName: nginx
  tls:
  - hosts:
    - blog.example.com
    secretName: blog-tls
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
              name: http
  - host: www.blog.example.com
# ^ ingress-no-tls
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: blog
            port:
              name: http
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: networking.k8s.io/v1
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
      - path: /
        pathType: Prefix
        backend:
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
    fn flags_missing_tls_and_uncovered_hosts() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a}
spec:
  rules:
  - host: a.example.com
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: b}
spec:
  tls:
  - hosts: [\"*.example.com\"]
    secretName: wild
  rules:
  - host: b.example.com
  - host: example.com
  - host: x.b.example.com
"
            ),
            [
                "4 warning ingress has no tls section, so traffic for a.example.com is plain HTTP",
                "17 warning host \"example.com\" is not listed in any spec.tls[].hosts, so it has no certificate",
                "18 warning host \"x.b.example.com\" is not listed in any spec.tls[].hosts, so it has no certificate",
            ]
        );
    }
}
