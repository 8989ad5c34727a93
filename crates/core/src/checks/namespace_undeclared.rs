//! `namespace-undeclared`: object targets a namespace the set does not create.

use std::collections::BTreeSet;

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `namespace-undeclared` check.
pub(crate) static CHECK: Check = Check {
    id: "namespace-undeclared",
    rank: 390,
    category: Category::Correctness,
    scope: Scope::Namespaced,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "object targets a namespace the set does not create",
    docs: DOCS,
    aliases: &[],
    run,
};

/// Namespaces every cluster has.
const BUILT_IN: &[&str] = &["default", "kube-system", "kube-public", "kube-node-lease"];

const DOCS: &str = r#"## What it does

Flags a `metadata.namespace` that names a namespace no `Namespace` object in the manifests creates.
The namespaces every cluster has (`default`, `kube-system`, `kube-public`, `kube-node-lease`) are never flagged.
It reports once per namespace, on the first object that uses it, and says how many objects use it.

## Why is this bad?

A namespace must exist before anything can be created in it.
If nothing creates it, `kubectl apply` fails for every object in it with `namespaces "shop" not found`, typically on a fresh cluster or in a new environment where nobody created it by hand.
Declaring the Namespace next to the objects makes the manifests self-contained, and gives you a place to put its labels (for example the Pod Security Admission level).

## Example

```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  LOG_LEVEL: info
```

## Fix

```yaml
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  LOG_LEVEL: info
```

Add a `Namespace` object to the manifests (kubectl applies it first when it comes first in the file), or create it beforehand with `kubectl create namespace shop`.

## Known problems

Namespaces are often created once by a platform team or by a deployment tool (`helm install --create-namespace`, Argo CD's `CreateNamespace=true`); then the finding is expected, and you can suppress it.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let declared: BTreeSet<&str> = ctx
        .model
        .of_kind("Namespace")
        .map(|o| o.name.as_str())
        .collect();
    let mut reported = BTreeSet::new();
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let Some(ns) = obj.namespace.as_deref() else {
            continue;
        };
        if BUILT_IN.contains(&ns) || declared.contains(ns) || !reported.insert(ns) {
            continue;
        }
        let Some(location) = obj.find("metadata.namespace") else {
            continue;
        };
        let users = ctx.model.in_namespace(ns).count();
        let used_by = if users == 1 {
            "1 object".to_owned()
        } else {
            format!("{users} objects")
        };
        let mut finding = Finding::new(
            &CHECK,
            obj,
            "metadata.namespace",
            format!("namespace \"{ns}\" is not created by these manifests (used by {used_by}); it must already exist"),
        )
        .help(format!("add a Namespace named \"{ns}\", or run kubectl create namespace {ns} first"));
        finding.location = location;
        findings.push(finding);
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ namespace-undeclared` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
# ^ namespace-undeclared
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-second-object-in-shop
  namespace: shop
spec:
  selector:
    app: api
  ports:
  - port: 80
---
apiVersion: v1
kind: Namespace
metadata:
  name: payments
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: dont-fire-declared
  namespace: payments
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: dont-fire-built-in
  namespace: kube-system
data:
  LOG_LEVEL: info
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: defaults
data:
  LOG_LEVEL: info
"#;
