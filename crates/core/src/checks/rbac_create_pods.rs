//! `rbac-create-pods`: create on pods, or on the workloads that create them.

use super::support::rbac::rules;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `rbac-create-pods` check.
pub(crate) static CHECK: Check = Check {
    id: "rbac-create-pods",
    rank: 1120,
    category: Category::Security,
    scope: Scope::Kinds("Role", "ClusterRole"),
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "create on pods, or on the workloads that create them",
    docs: DOCS,
    aliases: &["kube-linter:access-to-create-pods"],
    run,
};

/// The resources whose creation runs pods, with their API group.
const POD_CREATORS: &[(&str, &str)] = &[
    ("pods", ""),
    ("deployments", "apps"),
    ("replicasets", "apps"),
    ("statefulsets", "apps"),
    ("daemonsets", "apps"),
    ("jobs", "batch"),
    ("cronjobs", "batch"),
];

const DOCS: &str = r#"## What it does

Flags Role and ClusterRole rules that grant `create` on `pods`, or on the workloads that create pods for you: Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs and CronJobs.
Rules with `resources: ["*"]` are reported by `rbac-wildcards` instead.

## Why is this bad?

Creating a pod is more power than it looks.
The pod can use any ServiceAccount of its namespace, so it gets that account's permissions; it can mount any Secret and ConfigMap of the namespace, so it can read them even if the role cannot; and unless Pod Security Admission forbids it, it can be privileged or mount the node's filesystem.
RBAC checks the Deployment you create, not the pods the controller creates from it, so `create` on Deployments grants the same power one step removed.
That makes pod creation worth knowing about, though deployers and CI need it.

## Example

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: runner
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["create", "get", "list"]
```

## Fix

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: runner
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
```

Grant `create` on pods and workloads only to deployers, and enforce the `restricted` Pod Security Standard on their namespaces (label `pod-security.kubernetes.io/enforce: restricted`).
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in rules(ctx) {
        if rule.granted_verbs(&["create"]).is_empty() {
            continue;
        }
        for (resource, group) in POD_CREATORS {
            if !rule.covers_group(group) {
                continue;
            }
            for (j, _) in rule.named_resources(&[resource]) {
                let what = if *resource == "pods" {
                    "pods".to_owned()
                } else {
                    format!("{resource}, which run pods")
                };
                findings.push(
                    Finding::new(
                        &CHECK,
                        rule.obj,
                        &rule.resource_path(j),
                        format!(
                            "{} of {} grants create on {what} that may use any ServiceAccount and Secret of the namespace",
                            rule.path,
                            rule.describe_role()
                        ),
                    )
                    .help("grant create only to deployers and enforce Pod Security Admission on the namespace"),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ rbac-create-pods` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: shop
rules:
- apiGroups:
  - ""
  resources:
  - pods
# ^ rbac-create-pods
  verbs:
  - create
  - delete
- apiGroups:
  - apps
  resources:
  - deployments
# ^ rbac-create-pods
  - deployments/scale
  verbs:
  - create
  - update
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: dont-fire-read-only
  namespace: shop
rules:
- apiGroups:
  - ""
  - apps
  resources:
  - pods
  - deployments
  verbs:
  - get
  - list
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: viewer
  namespace: shop
rules:
- apiGroups:
  - ""
  - apps
  resources:
  - pods
  - deployments
  verbs:
  - get
  - list
  - watch
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_pods_and_workloads_in_their_groups() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: shop}
rules:
- apiGroups: [\"\", apps]
  resources: [pods, deployments]
  verbs: [create]
- apiGroups: [\"\"]
  resources: [deployments]
  verbs: [create]
- apiGroups: [\"\"]
  resources: [pods]
  verbs: [get]
"
            ),
            [
                "6 warning rules[0] of role \"r\" grants create on pods that may use any ServiceAccount and Secret of the namespace",
                "6 warning rules[0] of role \"r\" grants create on deployments, which run pods that may use any ServiceAccount and Secret of the namespace",
            ]
            .map(|s| s.replace("warning", "info"))
        );
    }
}
