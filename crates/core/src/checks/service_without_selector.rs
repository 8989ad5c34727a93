//! `service-without-selector`: service has no selector and no Endpoints/EndpointSlice in the set.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `service-without-selector` check.
pub(crate) static CHECK: Check = Check {
    id: "service-without-selector",
    rank: 30,
    category: Category::Correctness,
    scope: Scope::Kind("Service"),
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "service has no selector and no Endpoints/EndpointSlice in the set",
    docs: DOCS,
    aliases: &["kube-linter:dangling-service"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a Service (other than `type: ExternalName`) that has no `spec.selector`, when the loaded manifests hold no Endpoints object of the same name and no EndpointSlice labelled `kubernetes.io/service-name` with its name.

## Why is this bad?

With a selector, Kubernetes picks the Service's pods by label and keeps its endpoints up to date.
Without one, it picks nothing: the endpoints must be written by hand (an EndpointSlice, or the older Endpoints object) or by another controller.
That is a real pattern, for example to give a stable in-cluster name to a database outside the cluster.
But when the selector was simply forgotten, the Service has a cluster IP and a DNS name and still sends traffic nowhere, with no error anywhere.

## Example

```yaml
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  ports:
  - port: 80
    targetPort: 8080
```

## Fix

```yaml
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - port: 80
    targetPort: 8080
```

Add a `spec.selector` with the labels of the pods the Service fronts, or define its endpoints with an EndpointSlice labelled `kubernetes.io/service-name: api`.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.of_kind("Service") {
        let Resource::Service(svc) = &*obj.resource else {
            continue;
        };
        let spec = svc.spec.as_ref();
        if spec.and_then(|s| s.type_.as_deref()) == Some("ExternalName") {
            continue;
        }
        if spec
            .and_then(|s| s.selector.as_ref())
            .is_some_and(|s| !s.is_empty())
        {
            continue;
        }
        let ns = Some(obj.ns());
        let has_endpoints = ctx
            .model
            .of_kind_in("Endpoints", ns)
            .any(|o| o.name == obj.name)
            || ctx.model.of_kind_in("EndpointSlice", ns).any(|o| {
                o.labels()
                    .get("kubernetes.io/service-name")
                    .is_some_and(|n| *n == obj.name)
            });
        if has_endpoints {
            continue;
        }
        let path = if obj.find("spec.selector").is_some() {
            "spec.selector"
        } else {
            "spec"
        };
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                path,
                format!(
                    "service {} has no selector and the loaded manifests define no endpoints for it, so it routes nowhere unless something else manages them",
                    obj.name
                ),
            )
            .help("add spec.selector with the labels of its pods, or define an EndpointSlice for it"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ service-without-selector` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: api
spec:
# ^ service-without-selector
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-external-db
spec:
  ports:
  - port: 5432
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: dont-fire-external-db-1
  labels:
    kubernetes.io/service-name: dont-fire-external-db
addressType: IPv4
ports:
- port: 5432
endpoints:
- addresses: ["10.0.0.12"]
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-alias
spec:
  type: ExternalName
  externalName: db.example.com
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - port: 80
    targetPort: 8080
"#;
