//! `rbac-pod-exec-attach`: grants pods/exec or pods/attach.

use super::support::rbac::rules;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `rbac-pod-exec-attach` check.
pub(crate) static CHECK: Check = Check {
    id: "rbac-pod-exec-attach",
    rank: 1100,
    category: Category::Security,
    scope: Scope::Kinds("Role", "ClusterRole"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "grants pods/exec or pods/attach",
    docs: DOCS,
    aliases: &[
        "polaris:clusterrolePodExecAttach",
        "polaris:rolePodExecAttach",
        "polaris:clusterrolebindingPodExecAttach",
        "polaris:rolebindingClusterRolePodExecAttach",
        "polaris:rolebindingRolePodExecAttach",
        "checkov:CKV2_K8S_2",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags Role and ClusterRole rules that grant `create` or `get` on the `pods/exec` or `pods/attach` subresources (named, or through `*/exec` and `*/attach`).
Rules with `resources: ["*"]` are reported by `rbac-wildcards` instead.

## Why is this bad?

`pods/exec` is what `kubectl exec` uses: it runs any command inside a running container, with that container's files, environment variables (often database passwords), mounted Secrets and ServiceAccount token.
`pods/attach` connects to the container's main process and its input.
So whoever holds this permission can read every secret the pods can read and act as their ServiceAccounts, and nothing they do inside the container shows in the API audit log beyond "exec was called".
Older clusters authorised exec over WebSockets with `get` rather than `create`, so both verbs count.

## Example

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: support
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log", "pods/exec"]
  verbs: ["get", "list", "create"]
```

## Fix

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: support
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["get", "list"]
```

Drop `pods/exec` and `pods/attach` from everyday roles; give them to a separate break-glass role bound only when needed, or use `kubectl debug` with an audited, time-limited role.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in rules(ctx) {
        if !rule.covers_group("") {
            continue;
        }
        let verbs = rule.granted_verbs(&["create", "get"]);
        if verbs.is_empty() {
            continue;
        }
        for (j, resource) in rule.named_resources(&["pods/exec", "pods/attach"]) {
            findings.push(
                Finding::new(
                    &CHECK,
                    rule.obj,
                    &rule.resource_path(j),
                    format!(
                        "{} of {} grants {} on {resource}, a shell or terminal in its pods",
                        rule.path,
                        rule.describe_role(),
                        rule.verbs_as_written(&verbs)
                    ),
                )
                .help("remove pods/exec and pods/attach, or move them to a separate, rarely bound role"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ rbac-pod-exec-attach` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: support
  namespace: shop
rules:
- apiGroups:
  - ""
  resources:
  - pods
  - pods/log
  - pods/exec
# ^ rbac-pod-exec-attach
  - pods/attach
# ^ rbac-pod-exec-attach
  verbs:
  - get
  - create
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: dont-fire-logs-only
  namespace: shop
rules:
- apiGroups:
  - ""
  resources:
  - pods
  - pods/log
  verbs:
  - get
  - list
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: support
  namespace: shop
rules:
- apiGroups:
  - ""
  resources:
  - pods
  - pods/log
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
    fn flags_exec_and_attach() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: shop}
rules:
- apiGroups: [\"\"]
  resources:
  - pods
  - pods/exec
  - \"*/attach\"
  verbs: [\"*\"]
- apiGroups: [\"\"]
  resources: [pods/exec]
  verbs: [list]
- apiGroups: [apps]
  resources: [pods/exec]
  verbs: [create]
"
            ),
            [
                "8 warning rules[0] of role \"r\" grants \"*\" (every verb) on pods/exec, a shell or terminal in its pods",
                "9 warning rules[0] of role \"r\" grants \"*\" (every verb) on */attach, a shell or terminal in its pods",
            ]
        );
    }
}
