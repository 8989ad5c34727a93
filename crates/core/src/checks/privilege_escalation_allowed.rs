//! `privilege-escalation-allowed`: allowPrivilegeEscalation not explicitly false (kube-linter flags only an explicit true, privileged, or SYS_ADMIN).

use super::{Category, Check, Context, Finding, Level};

/// The `privilege-escalation-allowed` check.
pub static CHECK: Check = Check {
    id: "privilege-escalation-allowed",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "allowPrivilegeEscalation not explicitly false (kube-linter flags only an explicit true, privileged, or SYS_ADMIN)",
    docs: DOCS,
    aliases: &["kube-linter:privilege-escalation-container", "polaris:privilegeEscalationAllowed", "checkov:CKV_K8S_20"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
