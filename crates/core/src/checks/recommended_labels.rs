//! `recommended-labels`: an app's workloads, Services and Ingresses lack the recommended app.kubernetes.io labels.
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `recommended-labels` check.
pub(crate) static CHECK: Check = Check {
    id: "recommended-labels",
    rank: 1170,
    category: Category::Hygiene,
    scope: Scope::Any,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "an app's workloads, Services and Ingresses lack the recommended app.kubernetes.io labels",
    docs: DOCS,
    aliases: &[
        "kube-linter:required-label-owner",
        "kube-linter:required-annotation-email",
        "polaris:metadataAndInstanceMismatched",
    ],
    run,
};

/// The labels this check asks for.
const REQUIRED: &[&str] = &["app.kubernetes.io/name", "app.kubernetes.io/instance"];

const DOCS: &str = r#"## What it does

Flags workloads, bare Pods, Services and Ingresses whose `metadata.labels` lack `app.kubernetes.io/name` or `app.kubernetes.io/instance`, two of the labels Kubernetes recommends for every object.

## Why is this bad?

Labels like `app: web` work, but every team spells them differently.
Kubernetes documents a shared vocabulary instead: `app.kubernetes.io/name` (what the app is: `postgresql`), `app.kubernetes.io/instance` (which installation: `shop-db`), plus `version`, `component`, `part-of` and `managed-by`.
Dashboards, `kubectl get -l`, Helm, Argo CD and cost tools understand them, so objects are grouped correctly without per-team configuration, and two installations of the same app are never confused.
They are only labels: adding them changes nothing at run time.

## Example

```yaml
apiVersion: v1
kind: Service
metadata:
  name: shop-db
  labels:
    app: postgres
spec:
  selector:
    app: postgres
  ports:
  - port: 5432
```

## Fix

```yaml
apiVersion: v1
kind: Service
metadata:
  name: shop-db
  labels:
    app: postgres
    app.kubernetes.io/name: postgresql
    app.kubernetes.io/instance: shop-db
    app.kubernetes.io/part-of: shop
spec:
  selector:
    app: postgres
  ports:
  - port: 5432
```

Add `app.kubernetes.io/name` and `app.kubernetes.io/instance` (and ideally `version`, `component`, `part-of`, `managed-by`) to the object's labels.
Do not add them to an existing Deployment's `spec.selector`: a selector cannot be changed after creation.

## Known problems

Other tools go further: Polaris wants `app.kubernetes.io/instance` to equal `metadata.name`, and kube-linter can require an owner label or an e-mail annotation.
This check asks for neither, because Helm sets `instance` to the release name, which often differs from the object's name, and ownership conventions differ between organisations.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let applies = match &*obj.resource {
            Resource::Service(_) | Resource::Ingress(_) => true,
            _ => obj.pod_spec().is_some() && !obj.is_controlled(),
        };
        if !applies {
            continue;
        }
        let labels = obj.labels();
        let required: Vec<&str> = if ctx.settings.required_labels.is_empty() {
            REQUIRED.to_vec()
        } else {
            ctx.settings
                .required_labels
                .iter()
                .map(String::as_str)
                .collect()
        };
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|l| !labels.contains_key(*l))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let path = if obj.find("metadata.labels").is_some() {
            "metadata.labels"
        } else {
            "metadata"
        };
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                path,
                format!("labels lack the recommended {}", missing.join(" and ")),
            )
            .help(format!("add {} to metadata.labels", missing.join(" and "))),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ recommended-labels` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  labels:
# ^ recommended-labels
    app: shop
spec:
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: shop
        image: example/shop:1.4.2
---
apiVersion: v1
kind: Service
metadata:
# ^ recommended-labels
  name: shop
spec:
  selector:
    app: shop
  ports:
  - port: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: dont-fire-configmap
data:
  LOG_LEVEL: info
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: shop
  labels:
    app.kubernetes.io/name: shop
    app.kubernetes.io/instance: shop
    app.kubernetes.io/part-of: shop
spec:
  selector:
    app.kubernetes.io/name: shop
    app.kubernetes.io/instance: shop
  ports:
  - port: 80
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_missing_recommended_labels() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Service
metadata:
  name: a
  labels:
    app.kubernetes.io/name: web
spec: {}
---
apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  containers: [{name: a, image: a}]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
---
apiVersion: v1
kind: Service
metadata:
  name: d
  labels:
    app.kubernetes.io/name: web
    app.kubernetes.io/instance: d
"
            ),
            [
                "5 info labels lack the recommended app.kubernetes.io/instance",
                "11 info labels lack the recommended app.kubernetes.io/name and app.kubernetes.io/instance",
            ]
        );
    }
}
