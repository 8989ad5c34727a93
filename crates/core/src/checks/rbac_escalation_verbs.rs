//! `rbac-escalation-verbs`: bind, escalate, impersonate, webhook config, CSR approval, services/status, nodes/proxy.

use super::support::rbac::{Rule, rules};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `rbac-escalation-verbs` check.
pub(crate) static CHECK: Check = Check {
    id: "rbac-escalation-verbs",
    rank: 1130,
    category: Category::Security,
    scope: Scope::Kinds("Role", "ClusterRole"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "bind, escalate, impersonate, webhook config, CSR approval, services/status, nodes/proxy",
    docs: DOCS,
    aliases: &[
        "checkov:CKV_K8S_155",
        "checkov:CKV_K8S_156",
        "checkov:CKV_K8S_157",
        "checkov:CKV_K8S_158",
        "checkov:CKV2_K8S_1",
        "checkov:CKV2_K8S_3",
        "checkov:CKV2_K8S_4",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags Role and ClusterRole rules that grant a permission known to lead to more permissions:

- the verbs `bind` and `escalate` (on roles), and `impersonate` (on users, groups, ServiceAccounts);
- `approve` on certificate signers, or `update`/`patch` on `certificatesigningrequests/approval`;
- `create`, `update` or `patch` on `mutatingwebhookconfigurations` or `validatingwebhookconfigurations`;
- `update` or `patch` on `services/status` (CVE-2020-8554);
- any verb on `nodes/proxy`.

Wildcards (`verbs: ["*"]`, `resources: ["*"]`) are reported by `rbac-wildcards`; explicit resources with a `*` verb are reported here too.

## Why is this bad?

RBAC normally stops you from granting what you do not have; these permissions are the ways around that rule.
`escalate` lets you add any permission to a role, `bind` lets you bind any role (even `cluster-admin`) to yourself, and `impersonate` lets you send requests as someone more powerful.
Approving certificate requests lets you mint a client certificate for any user or group, such as `system:masters`.
A mutating admission webhook sees, and may rewrite, every object sent to the API server, Secrets included.
Writing `services/status` lets you set a LoadBalancer IP address and intercept other workloads' traffic (CVE-2020-8554).
`nodes/proxy` talks to the kubelet directly, which can run commands in any pod of the node without going through admission or the audit log.

## Example

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: role-manager
rules:
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles", "rolebindings"]
  verbs: ["get", "list", "create", "bind", "escalate"]
```

## Fix

```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: role-manager
rules:
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles", "rolebindings"]
  verbs: ["get", "list", "create"]
```

Remove the escalation permission; without it, a subject can still create roles and bindings, but only for permissions it already holds.

## Known problems

Some controllers need one of these by design (a certificate approver, a webhook installer such as cert-manager's cainjector, a monitoring agent reading `nodes/proxy` metrics); suppress the finding on their role with a reason.
"#;

/// Verbs that escalate on their own, whatever the resource (only when written explicitly).
const VERBS: &[(&str, &str)] = &[
    (
        "bind",
        "can bind any role to anyone, including roles stronger than its own",
    ),
    (
        "escalate",
        "can add any permission to a role, beyond what it holds itself",
    ),
    (
        "impersonate",
        "can send requests as other users, groups or ServiceAccounts",
    ),
    (
        "approve",
        "can approve certificate requests, e.g. a client certificate for system:masters",
    ),
];

/// Resources whose given verbs escalate: (resource, API group, verbs, consequence).
const RESOURCES: &[(&str, &str, &[&str], &str)] = &[
    (
        "certificatesigningrequests/approval",
        "certificates.k8s.io",
        &["update", "patch"],
        "can approve certificate requests, e.g. a client certificate for system:masters",
    ),
    (
        "mutatingwebhookconfigurations",
        "admissionregistration.k8s.io",
        &["create", "update", "patch"],
        "can register a webhook that sees and rewrites every object sent to the API server",
    ),
    (
        "validatingwebhookconfigurations",
        "admissionregistration.k8s.io",
        &["create", "update", "patch"],
        "can register a webhook that sees every object sent to the API server",
    ),
    (
        "services/status",
        "",
        &["update", "patch"],
        "can set a LoadBalancer address and intercept other traffic (CVE-2020-8554)",
    ),
    (
        "nodes/proxy",
        "",
        &["get", "create", "update", "patch", "delete"],
        "can call the kubelet API and run commands in any pod of the node",
    ),
];

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in rules(ctx) {
        for (j, verb) in rule.rule.verbs.iter().enumerate() {
            let Some((_, consequence)) = VERBS.iter().find(|(v, _)| v == verb) else {
                continue;
            };
            findings.push(finding(
                &rule,
                &rule.verb_path(j),
                &format!("\"{verb}\""),
                consequence,
            ));
        }
        for (resource, group, verbs, consequence) in RESOURCES {
            if !rule.covers_group(group) {
                continue;
            }
            let granted = rule.granted_verbs(verbs);
            if granted.is_empty() {
                continue;
            }
            for (j, _) in rule.named_resources(&[resource]) {
                findings.push(finding(
                    &rule,
                    &rule.resource_path(j),
                    &format!("{} on {resource}", rule.verbs_as_written(&granted)),
                    consequence,
                ));
            }
        }
    }
    findings
}

fn finding(rule: &Rule, path: &str, what: &str, consequence: &str) -> Finding {
    Finding::new(
        &CHECK,
        rule.obj,
        path,
        format!(
            "{} of {} grants {what}: the holder {consequence}",
            rule.path,
            rule.describe_role()
        ),
    )
    .help("remove this permission, or keep it in a dedicated role bound only to the controller that needs it")
}

/// The fixture that must fire exactly on the lines marked `# ^ rbac-escalation-verbs` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: role-manager
rules:
- apiGroups:
  - rbac.authorization.k8s.io
  resources:
  - roles
  - rolebindings
  verbs:
  - get
  - create
  - bind
# ^ rbac-escalation-verbs
- apiGroups:
  - ""
  resources:
  - users
  - serviceaccounts
  verbs:
  - impersonate
# ^ rbac-escalation-verbs
- apiGroups:
  - ""
  resources:
  - nodes
  - nodes/proxy
# ^ rbac-escalation-verbs
  verbs:
  - get
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: dont-fire-webhook-reader
rules:
- apiGroups:
  - admissionregistration.k8s.io
  resources:
  - mutatingwebhookconfigurations
  verbs:
  - get
  - list
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: role-manager
rules:
- apiGroups:
  - rbac.authorization.k8s.io
  resources:
  - roles
  - rolebindings
  verbs:
  - get
  - list
  - create
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_escalation_verbs_and_resources() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
- apiGroups: [rbac.authorization.k8s.io]
  resources: [clusterroles]
  verbs:
  - get
  - escalate
- apiGroups: [\"\"]
  resources:
  - services
  - services/status
  - nodes/proxy
  verbs: [\"*\"]
- apiGroups: [admissionregistration.k8s.io]
  resources: [mutatingwebhookconfigurations]
  verbs: [get, list]
"
            ),
            [
                "9 warning rules[0] of cluster role \"r\" grants \"escalate\": the holder can add any permission to a role, beyond what it holds itself",
                "13 warning rules[1] of cluster role \"r\" grants \"*\" (every verb) on services/status: the holder can set a LoadBalancer address and intercept other traffic (CVE-2020-8554)",
                "14 warning rules[1] of cluster role \"r\" grants \"*\" (every verb) on nodes/proxy: the holder can call the kubelet API and run commands in any pod of the node",
            ]
        );
    }
}
