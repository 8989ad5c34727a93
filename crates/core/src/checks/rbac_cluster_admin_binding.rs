//! `rbac-cluster-admin-binding`: binding to cluster-admin.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `rbac-cluster-admin-binding` check.
pub(crate) static CHECK: Check = Check {
    id: "rbac-cluster-admin-binding",
    rank: 1090,
    category: Category::Security,
    scope: Scope::Kinds("RoleBinding", "ClusterRoleBinding"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "binding to cluster-admin",
    docs: DOCS,
    aliases: &[
        "kube-linter:cluster-admin-role-binding",
        "polaris:clusterrolebindingClusterAdmin",
        "polaris:rolebindingClusterAdminClusterRole",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags every ClusterRoleBinding and RoleBinding whose `roleRef` is the built-in ClusterRole `cluster-admin`.

## Why is this bad?

`cluster-admin` allows every verb on every resource: it is root for the cluster.
Bound by a ClusterRoleBinding, its subjects can read every Secret, run any pod on any node (and from there reach the node itself), change RBAC and delete anything.
Bound by a RoleBinding it is limited to one namespace, but there it still means every Secret, `pods/exec` into every pod and full control of the namespace's RoleBindings.
When the subject is a ServiceAccount, anyone who can run a pod as that ServiceAccount, or who compromises the app using it, inherits all of that.

## Example

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
- kind: ServiceAccount
  name: ci
  namespace: ci
```

## Fix

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ci-deployer
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
- kind: ServiceAccount
  name: ci
  namespace: ci
```

Bind a narrower role (the built-in `edit` or `view`, or your own Role) in only the namespaces the subject works in.

## Known problems

Cluster add-ons installed by administrators sometimes need `cluster-admin`; suppress the finding on their binding with a reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let (role_ref, subjects, scope) = match &*obj.resource {
            Resource::ClusterRoleBinding(b) => (
                &b.role_ref,
                b.subjects.as_deref(),
                "across the whole cluster".to_owned(),
            ),
            Resource::RoleBinding(b) => (
                &b.role_ref,
                b.subjects.as_deref(),
                format!("in namespace \"{}\"", obj.ns()),
            ),
            _ => continue,
        };
        if role_ref.kind != "ClusterRole" || role_ref.name != "cluster-admin" {
            continue;
        }
        let who: Vec<String> = subjects
            .unwrap_or_default()
            .iter()
            .map(
                |s| match s.namespace.as_deref().filter(|ns| !ns.is_empty()) {
                    Some(ns) => format!("{} {ns}/{}", s.kind, s.name),
                    None => format!("{} {}", s.kind, s.name),
                },
            )
            .collect();
        let who = if who.is_empty() {
            "no subject yet".to_owned()
        } else {
            who.join(", ")
        };
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                "roleRef.name",
                format!("grants cluster-admin {scope} to {who}"),
            )
            .help("bind a narrower role (edit, view or your own) in only the namespaces needed"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ rbac-cluster-admin-binding` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
# ^ rbac-cluster-admin-binding
subjects:
- kind: ServiceAccount
  name: ci
  namespace: ci
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: shop-admin
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
# ^ rbac-cluster-admin-binding
subjects:
- kind: Group
  name: shop-team
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: dont-fire-edit
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
- kind: Group
  name: shop-team
  apiGroup: rbac.authorization.k8s.io
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ci-deployer
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
- kind: ServiceAccount
  name: ci
  namespace: ci
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_cluster_and_namespace_bindings() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: ci, namespace: ci}
- {kind: Group, name: devs}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: shop}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: c, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
"
            ),
            [
                "4 warning grants cluster-admin across the whole cluster to ServiceAccount ci/ci, Group devs",
                "15 warning grants cluster-admin in namespace \"shop\" to no subject yet",
            ]
        );
    }
}
