//! `capabilities-added`: dangerous capabilities added (SYS_ADMIN, NET_ADMIN, ALL…).

use super::{Category, Check, Context, Finding, Level};

/// The `capabilities-added` check.
pub static CHECK: Check = Check {
    id: "capabilities-added",
    category: Category::Security,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "dangerous capabilities added (SYS_ADMIN, NET_ADMIN, ALL…)",
    docs: DOCS,
    aliases: &["kube-linter:privilege-escalation-container", "polaris:dangerousCapabilities", "polaris:insecureCapabilities", "checkov:CKV_K8S_25", "checkov:CKV_K8S_39"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
