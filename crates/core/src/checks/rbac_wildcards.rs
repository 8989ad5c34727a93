//! `rbac-wildcards`: `*` in Role/ClusterRole verbs or resources.

use super::support::rbac::rules;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `rbac-wildcards` check.
pub(crate) static CHECK: Check = Check {
    id: "rbac-wildcards",
    rank: 1080,
    category: Category::Security,
    scope: Scope::Kinds("Role", "ClusterRole"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "`*` in Role/ClusterRole verbs or resources",
    docs: DOCS,
    aliases: &[
        "kube-linter:wildcard-in-rules",
        "polaris:rolebindingClusterAdminRole",
        "checkov:CKV_K8S_49",
        "polaris:clusterrolePodExecAttach",
        "polaris:rolePodExecAttach",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags each `"*"` in the `verbs` or `resources` of a Role or ClusterRole rule.

## Why is this bad?

RBAC rules only add permissions, so a role should list exactly what its user needs.
`verbs: ["*"]` grants every verb, including `delete`, `deletecollection`, `escalate`, `bind` and `impersonate`; `resources: ["*"]` grants every resource of the listed API groups, including Secrets and every subresource such as `pods/exec`.
The wildcard also covers whatever later Kubernetes versions and installed CRDs add, so the role grows without anyone editing it.
`apiGroups: ["*"]`, `resources: ["*"]`, `verbs: ["*"]` together is `cluster-admin`.

## Example

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: shop
rules:
- apiGroups: ["apps"]
  resources: ["*"]
  verbs: ["*"]
```

## Fix

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: shop
rules:
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update", "patch"]
```

List the resources and verbs the subject really uses; `kubectl auth can-i --list --as=system:serviceaccount:shop:deployer` shows what a role grants.

## Known problems

Some operators genuinely manage every resource of their own API group (`apiGroups: ["example.com"]`, `resources: ["*"]`); suppress the finding on their role with a reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in rules(ctx) {
        let resources: Vec<&str> = rule
            .rule
            .resources
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let groups = rule
            .rule
            .api_groups
            .iter()
            .flatten()
            .map(|g| {
                if g.is_empty() {
                    "core".to_owned()
                } else {
                    format!("\"{g}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let all_verbs = rule.rule.verbs.iter().position(|v| v == "*");
        let all_resources = resources.iter().position(|r| *r == "*");
        match (all_verbs, all_resources) {
            (Some(_), Some(j)) => {
                let admin = if rule.rule.api_groups.iter().flatten().any(|g| g == "*") {
                    ", the same power as cluster-admin"
                } else {
                    ""
                };
                findings.push(
                    Finding::new(
                        &CHECK,
                        rule.obj,
                        &rule.resource_path(j),
                        format!(
                            "{} of {} grants every verb on every resource (\"*\") of api groups {groups}{admin}",
                            rule.path,
                            rule.describe_role()
                        ),
                    )
                    .help("list the resources and verbs the subject needs instead of \"*\""),
                );
            }
            (Some(j), None) => {
                let on = if resources.is_empty() {
                    "non-resource URLs".to_owned()
                } else {
                    resources.join(", ")
                };
                findings.push(
                    Finding::new(
                        &CHECK,
                        rule.obj,
                        &rule.verb_path(j),
                        format!(
                            "{} of {} grants every verb (\"*\") on {on}",
                            rule.path,
                            rule.describe_role()
                        ),
                    )
                    .help("list the verbs the subject needs, e.g. get, list, watch"),
                );
            }
            (None, Some(j)) => {
                findings.push(
                    Finding::new(
                        &CHECK,
                        rule.obj,
                        &rule.resource_path(j),
                        format!(
                            "{} of {} grants {} on every resource (\"*\") of api groups {groups}",
                            rule.path,
                            rule.describe_role(),
                            rule.rule.verbs.join(", ")
                        ),
                    )
                    .help("list the resources the subject needs instead of \"*\""),
                );
            }
            (None, None) => {}
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ rbac-wildcards` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: shop
rules:
- apiGroups:
  - apps
  resources:
  - "*"
# ^ rbac-wildcards
  verbs:
  - get
  - list
- apiGroups:
  - ""
  resources:
  - configmaps
  verbs:
  - "*"
# ^ rbac-wildcards
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: dont-fire-subresource-wildcard
rules:
- apiGroups:
  - apps
  resources:
  - "*/scale"
  verbs:
  - get
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: shop
rules:
- apiGroups:
  - apps
  resources:
  - deployments
  verbs:
  - get
  - list
  - watch
  - update
  - patch
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_wildcard_verbs_and_resources() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
- apiGroups: [\"\"]
  resources: [pods, \"*\"]
  verbs: [get]
- apiGroups: [apps]
  resources: [deployments]
  verbs:
  - get
  - \"*\"
- apiGroups: [\"\"]
  resources: [pods/*]
  verbs: [get]
- apiGroups: [\"*\"]
  resources: [\"*\"]
  verbs: [\"*\"]
"
            ),
            [
                "6 warning rules[0] of cluster role \"r\" grants get on every resource (\"*\") of api groups core",
                "12 warning rules[1] of cluster role \"r\" grants every verb (\"*\") on deployments",
                "17 warning rules[3] of cluster role \"r\" grants every verb on every resource (\"*\") of api groups \"*\", the same power as cluster-admin",
            ]
        );
    }
}
