//! `default-service-account`: pod runs as the default ServiceAccount.

use super::support::pods::{pods, service_account};

use super::support::rbac::{bindings, subject_namespace};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `default-service-account` check.
pub(crate) static CHECK: Check = Check {
    id: "default-service-account",
    rank: 980,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[Level::Warning],
    enabled_by_default: true,
    summary: "pod runs as the default ServiceAccount",
    docs: DOCS,
    aliases: &[
        "kube-linter:default-service-account",
        "checkov:CKV_K8S_41",
        "checkov:CKV_K8S_42",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags every pod spec that runs as its namespace's `default` ServiceAccount, because it sets no `serviceAccountName` or names `default`.
It also flags, as a warning, every RoleBinding or ClusterRoleBinding that grants a role to a `default` ServiceAccount.

## Why is this bad?

Every namespace has a ServiceAccount called `default`, and every pod that names no other one runs as it.
Its identity is therefore shared by unrelated workloads: you cannot tell them apart in audit logs, and any permission granted to `default` is granted to every such pod, including ones added later by someone else.
Giving each workload its own ServiceAccount keeps its permissions, and the blast radius of a stolen token, to what that workload needs.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:3.1
```

## Fix

```yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  serviceAccountName: api
  containers:
  - name: api
    image: example/api:3.1
```

Create a ServiceAccount per workload and set `serviceAccountName`; grant roles to that account, never to `default`.

## Known problems

For a workload that never calls the Kubernetes API and mounts no token, the shared `default` account is mostly harmless, which is why this is only advice.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx) {
        let (account, field) = service_account(pod);
        if account != "default" {
            continue;
        }
        let namespace = pod.obj.ns();
        let (path, message) = match field {
            Some(field) => (
                pod.field(field),
                format!("pod names the \"default\" service account of namespace \"{namespace}\""),
            ),
            None => (
                pod.field("serviceAccountName"),
                format!(
                    "pod sets no serviceAccountName, so it runs as the \"default\" service account of namespace \"{namespace}\""
                ),
            ),
        };
        findings.push(
            Finding::new(&CHECK, pod.obj, &path, message)
                .help("create a ServiceAccount for this workload and set serviceAccountName"),
        );
    }
    for (binding, subjects, role) in bindings(ctx) {
        for (i, subject) in subjects.iter().enumerate() {
            if subject.kind != "ServiceAccount" || subject.name != "default" {
                continue;
            }
            let namespace = subject_namespace(binding, subject);
            findings.push(
                Finding::new(
                    &CHECK,
                    binding,
                    &format!("subjects[{i}].name"),
                    format!(
                        "{} {} grants {} \"{}\" to the \"default\" service account of namespace \"{namespace}\", so every pod there without its own account gets it",
                        binding.kind, binding.name, role.kind, role.name
                    ),
                )
                .severity(Level::Warning)
                .help("bind the role to a dedicated ServiceAccount of the workload that needs it"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ default-service-account` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
# ^ default-service-account
      containers:
      - name: api
        image: example/api:3.1
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: shop
spec:
  serviceAccountName: default
# ^ default-service-account
  containers:
  - name: debug
    image: busybox:1.36
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: default-can-read-secrets
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: secret-reader
subjects:
- kind: ServiceAccount
  name: default
# ^ default-service-account
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-own-account
  namespace: shop
spec:
  serviceAccountName: worker
  containers:
  - name: worker
    image: example/worker:1.0
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
  namespace: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      serviceAccountName: api
      containers:
      - name: api
        image: example/api:3.1
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: api-reads-config
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reader
subjects:
- kind: ServiceAccount
  name: api
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[track_caller]
    fn check(input: &str, expected: &[&str]) {
        assert_eq!(findings(&CHECK, input), expected);
    }

    #[test]
    fn flags_unset_and_explicit_default() {
        check(
            "apiVersion: v1
kind: Pod
metadata:
  name: unset
spec:
  containers:
  - name: a
    image: a
---
apiVersion: v1
kind: Pod
metadata:
  name: explicit
  namespace: shop
spec:
  serviceAccount: default
  containers:
  - name: a
    image: a
---
apiVersion: v1
kind: Pod
metadata:
  name: own
spec:
  serviceAccountName: api
  containers:
  - name: a
    image: a
",
            &[
                "5 info pod sets no serviceAccountName, so it runs as the \"default\" service account of namespace \"default\"",
                "16 info pod names the \"default\" service account of namespace \"shop\"",
            ],
        );
    }

    #[test]
    fn flags_bindings_to_the_default_account() {
        check(
            "apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: default-view
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- kind: ServiceAccount
  name: default
  namespace: shop
- kind: ServiceAccount
  name: api
  namespace: shop
",
            &[
                "11 warning ClusterRoleBinding default-view grants ClusterRole \"view\" to the \"default\" service account of namespace \"shop\", so every pod there without its own account gets it",
            ],
        );
    }
}
