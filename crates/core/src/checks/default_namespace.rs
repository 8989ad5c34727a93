//! `default-namespace`: object is in (or falls into) the default namespace.

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `default-namespace` check.
pub(crate) static CHECK: Check = Check {
    id: "default-namespace",
    rank: 1140,
    category: Category::Hygiene,
    scope: Scope::Namespaced,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "object is in (or falls into) the default namespace",
    docs: DOCS,
    aliases: &["kube-linter:use-namespace", "checkov:CKV_K8S_21"],
    run,
};

const DOCS: &str = r#"## What it does

Flags namespaced objects (Deployments, Services, ConfigMaps…) that set `metadata.namespace: default`, or set no namespace at all.
Cluster-scoped objects such as Namespaces, ClusterRoles and PersistentVolumes have no namespace and are left alone.

## Why is this bad?

A namespace is the unit Kubernetes uses to separate things: RBAC Roles, ResourceQuotas, LimitRanges, NetworkPolicies and Pod Security levels all apply per namespace.
`default` is where everything lands when nobody decided, so it tends to mix unrelated apps that then share permissions, quotas and network access, and `kubectl delete all --all` there hits all of them.
A manifest without `metadata.namespace` is worse than one that says `default`: it goes wherever the current `kubectl` context points, so the same file lands in different places for different people.

## Example

```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
data:
  LOG_LEVEL: info
```

## Fix

```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
  namespace: shop
data:
  LOG_LEVEL: info
```

Create a namespace for the app (`kind: Namespace`) and set `metadata.namespace` on every object in it.

## Known problems

Charts and Kustomize bases often leave the namespace out on purpose so that `helm install -n` or `kustomize edit set namespace` can choose it; suppress the finding (or disable the check) for such templates.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        if obj.namespace.as_deref() != Some("default") {
            continue;
        }
        let finding = if obj.find("metadata.namespace").is_some() {
            Finding::new(
                &CHECK,
                obj,
                "metadata.namespace",
                format!(
                    "{} \"{}\" is placed in the \"default\" namespace",
                    obj.kind, obj.name
                ),
            )
        } else {
            Finding::new(
                &CHECK,
                obj,
                "metadata",
                format!(
                    "{} \"{}\" sets no namespace, so it lands in the current kubectl context's namespace (usually \"default\")",
                    obj.kind, obj.name
                ),
            )
        };
        findings.push(finding.help("set metadata.namespace to a namespace created for the app"));
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ default-namespace` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
# ^ default-namespace
  name: shop-config
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: Service
metadata:
  name: shop
  namespace: default
# ^ default-namespace
spec:
  selector:
    app: shop
  ports:
  - port: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: dont-fire-own-namespace
  namespace: shop
data:
  LOG_LEVEL: info
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: dont-fire-cluster-scoped
rules: []
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
  name: shop-config
  namespace: shop
data:
  LOG_LEVEL: info
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_written_and_implied_default() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: ConfigMap
metadata:
  name: a
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: b
  namespace: default
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  namespace: shop
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
"
            ),
            [
                "3 info ConfigMap \"a\" sets no namespace, so it lands in the current kubectl context's namespace (usually \"default\")",
                "10 info ConfigMap \"b\" is placed in the \"default\" namespace",
            ]
        );
    }
}
