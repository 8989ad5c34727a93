//! `ingress-duplicate-host-path`: same host+path routed by two rules or two Ingresses.

use std::collections::BTreeMap;

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Object;

/// The `ingress-duplicate-host-path` check.
pub(crate) static CHECK: Check = Check {
    id: "ingress-duplicate-host-path",
    rank: 100,
    category: Category::Correctness,
    scope: Scope::Kind("Ingress"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "same host+path routed by two rules or two Ingresses",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags an Ingress path whose host, path and `pathType` are already routed by an earlier path, in the same Ingress or in another Ingress served by the same ingress class (in any namespace).
It points at the later path and names the earlier one.

## Why is this bad?

An ingress controller merges the rules of all the Ingresses it serves into one routing table, keyed by host and path.
Two entries for the same host and path cannot both win: the controller picks one (ingress-nginx keeps the oldest Ingress, others the first one they read), and requests that you expect to reach one Service silently reach the other.
Which one wins can change when an Ingress is recreated, so the bug may appear only after an unrelated redeploy.
This usually comes from copying an Ingress for a new service and forgetting to change its host or path.

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
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 80
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api-v2
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
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 80
      - path: /api/v2
        pathType: Prefix
        backend:
          service:
            name: api-v2
            port:
              number: 80
```

Give each route its own host or path, or delete the route you do not want.

## Known problems

Overlapping but different paths (`/api` and `/api/v2` as `Prefix`) are legitimate, since the longest match wins, and are not flagged.
Ingresses without a class are grouped together, as if they all went to the cluster's default controller.
"#;

/// Where a route was first seen: the Ingress and the path's location in it.
struct Route<'a> {
    ingress: &'a Object,
    path: String,
}

fn run(ctx: &Context) -> Vec<Finding> {
    let mut seen: BTreeMap<(String, String, String, String), Route> = BTreeMap::new();
    let mut findings = Vec::new();
    for (obj, spec) in ctx.model.ingresses() {
        let class = obj.ingress_class().unwrap_or_default();
        for (i, rule) in spec.rules.iter().flatten().enumerate() {
            let host = rule.host.clone().unwrap_or_default();
            for (j, p) in rule.http.iter().flat_map(|h| h.paths.iter()).enumerate() {
                let path = p.path.clone().unwrap_or_default();
                let at = format!("spec.rules[{i}].http.paths[{j}]");
                let key = (
                    class.clone(),
                    host.clone(),
                    path.clone(),
                    p.path_type.clone(),
                );
                match seen.get(&key) {
                    None => {
                        seen.insert(
                            key,
                            Route {
                                ingress: obj,
                                path: at,
                            },
                        );
                    }
                    Some(first) => {
                        let shown_host = if host.is_empty() {
                            "any host".to_owned()
                        } else {
                            format!("host \"{host}\"")
                        };
                        let owner = if first.ingress.id == obj.id {
                            "this Ingress".to_owned()
                        } else {
                            first.ingress.id.to_string()
                        };
                        findings.push(
                            Finding::new(
                                &CHECK,
                                obj,
                                &format!("{at}.path"),
                                format!(
                                    "{shown_host} path \"{path}\" ({}) is already routed by {owner} at {}",
                                    p.path_type, first.path
                                ),
                            )
                            .help("give this route its own host or path, or delete one of the two"),
                        );
                    }
                }
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ ingress-duplicate-host-path` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: networking.k8s.io/v1
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
            name: web
            port:
              number: 80
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop-api-v2
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /api
# ^ ingress-duplicate-host-path
        pathType: Prefix
        backend:
          service:
            name: api-v2
            port:
              number: 80
      - path: /api/v2
        pathType: Prefix
        backend:
          service:
            name: api-v2
            port:
              number: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dont-fire-other-class
spec:
  ingressClassName: internal
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
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
            name: web
            port:
              number: 80
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 80
  - host: admin.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: admin
            port:
              number: 80
"#;
