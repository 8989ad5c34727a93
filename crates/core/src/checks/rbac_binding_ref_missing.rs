//! `rbac-binding-ref-missing`: (Cluster)RoleBinding roleRef not in the set.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `rbac-binding-ref-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "rbac-binding-ref-missing",
    rank: 340,
    category: Category::Correctness,
    scope: Scope::Kinds("RoleBinding", "ClusterRoleBinding"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "(Cluster)RoleBinding roleRef not in the set",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags a RoleBinding or ClusterRoleBinding whose `roleRef` names a Role or ClusterRole the loaded manifests do not define.
A RoleBinding's Role must be in the binding's namespace.
ClusterRoles built into every cluster (`cluster-admin`, `admin`, `edit`, `view` and the `system:` ones) are fine.

## Why is this bad?

RBAC grants permissions in two steps: a Role (or ClusterRole) lists what may be done, and a binding gives that role to users, groups or ServiceAccounts.
A binding to a role that does not exist is accepted but grants nothing, so the workload's API calls fail with `403 Forbidden`.
`roleRef` cannot be changed after creation: fixing a typo means deleting and recreating the binding.

## Example

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: api-reads-config
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reader
subjects:
- kind: ServiceAccount
  name: api
```

## Fix

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: config-reader
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: api-reads-config
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reader
subjects:
- kind: ServiceAccount
  name: api
```

Define the Role (in the binding's namespace) or ClusterRole that `roleRef` names, or fix the name.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::RbacBindingRefMissing,
        Level::Warning,
        |p| match &p.suggestion {
            Some(name) => {
                format!("use roleRef.name `{name}` (recreate the binding: roleRef is immutable)")
            }
            None => "define the role that roleRef names, in the binding's namespace for a Role"
                .to_owned(),
        },
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ rbac-binding-ref-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: api-reads-config
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reedr
# ^ rbac-binding-ref-missing
subjects:
- kind: ServiceAccount
  name: api
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: api-reads-nodes
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: node-reader
# ^ rbac-binding-ref-missing
subjects:
- kind: ServiceAccount
  name: api
  namespace: default
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: config-reader
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: dont-fire-reads-config
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reader
subjects:
- kind: ServiceAccount
  name: api
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: dont-fire-views
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- kind: ServiceAccount
  name: api
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: config-reader
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: api-reads-config
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reader
subjects:
- kind: ServiceAccount
  name: api
"#;
