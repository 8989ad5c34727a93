//! `rbac-escalation-verbs`: bind, escalate, impersonate, webhook config, CSR approval, services/status, nodes/proxy.

use super::{Category, Check, Context, Finding, Level};

/// The `rbac-escalation-verbs` check.
pub static CHECK: Check = Check {
    id: "rbac-escalation-verbs",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "bind, escalate, impersonate, webhook config, CSR approval, services/status, nodes/proxy",
    docs: DOCS,
    aliases: &["checkov:CKV_K8S_155", "checkov:CKV2_K8S_1", "checkov:CKV2_K8S_3", "checkov:CKV2_K8S_4"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
