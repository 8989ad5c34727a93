//! `rbac-secrets-access`: get/list/watch on secrets.

use super::support::rbac::rules;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `rbac-secrets-access` check.
pub(crate) static CHECK: Check = Check {
    id: "rbac-secrets-access",
    rank: 1110,
    category: Category::Security,
    scope: Scope::Kinds("Role", "ClusterRole"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "get/list/watch on secrets",
    docs: DOCS,
    aliases: &["kube-linter:access-to-secrets", "checkov:CKV2_K8S_5"],
    run,
};

const DOCS: &str = r#"## What it does

Flags Role and ClusterRole rules that grant `get`, `list` or `watch` on `secrets` (core API group) without limiting them to named Secrets with `resourceNames`.
Rules with `resources: ["*"]` are reported by `rbac-wildcards` instead.

## Why is this bad?

Secrets hold the passwords, API keys, TLS private keys and ServiceAccount tokens of everything in the namespace.
`list` and `watch` are as powerful as `get`: they return every Secret **with its data**, not just the names.
A ClusterRole bound with a ClusterRoleBinding reads the Secrets of every namespace, including `kube-system`.
An app that needs one Secret should get it mounted into its pod, which needs no RBAC at all, or be granted `get` on that one name.

## Example

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: api
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
```

## Fix

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: api
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["secrets"]
  resourceNames: ["api-tls"]
  verbs: ["get"]
```

Mount the Secret into the pod instead, or limit the rule to the Secrets it needs with `resourceNames` and `get`.

## Known problems

Controllers such as cert-manager or an ingress controller must read Secrets across namespaces by design; suppress the finding on their roles with a reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in rules(ctx) {
        let named = rule
            .rule
            .resource_names
            .as_ref()
            .is_some_and(|n| !n.is_empty());
        if named || !rule.covers_group("") {
            continue;
        }
        let verbs = rule.granted_verbs(&["get", "list", "watch"]);
        if verbs.is_empty() {
            continue;
        }
        let scope = if rule.obj.kind == "ClusterRole" {
            "of every namespace it is bound in"
        } else {
            "of the namespace"
        };
        for (j, _) in rule.named_resources(&["secrets"]) {
            findings.push(
                Finding::new(
                    &CHECK,
                    rule.obj,
                    &rule.resource_path(j),
                    format!(
                        "{} of {} grants {} on secrets: the data of every Secret {scope}",
                        rule.path,
                        rule.describe_role(),
                        rule.verbs_as_written(&verbs)
                    ),
                )
                .help("mount the Secret into the pod, or restrict the rule with resourceNames and get"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ rbac-secrets-access` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
rules:
- apiGroups:
  - ""
  resources:
  - configmaps
  - secrets
# ^ rbac-secrets-access
  verbs:
  - get
  - list
  - watch
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: dont-fire-one-named-secret
  namespace: shop
rules:
- apiGroups:
  - ""
  resources:
  - secrets
  resourceNames:
  - api-tls
  verbs:
  - get
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: config-reader
  namespace: shop
rules:
- apiGroups:
  - ""
  resources:
  - configmaps
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
    fn flags_unrestricted_reads() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
- apiGroups: [\"\"]
  resources: [configmaps, secrets]
  verbs: [list]
- apiGroups: [\"\"]
  resources: [secrets]
  resourceNames: [tls]
  verbs: [get]
- apiGroups: [\"\"]
  resources: [secrets]
  verbs: [create]
"
            ),
            [
                "6 warning rules[0] of cluster role \"r\" grants list on secrets: the data of every Secret of every namespace it is bound in"
            ]
        );
    }
}
