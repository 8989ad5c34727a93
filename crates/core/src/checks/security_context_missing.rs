//! `security-context-missing`: no pod or container securityContext at all.

use super::{Category, Check, Context, Finding, Level};

/// The `security-context-missing` check.
pub static CHECK: Check = Check {
    id: "security-context-missing",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "no pod or container securityContext at all",
    docs: DOCS,
    aliases: &["checkov:CKV_K8S_29", "checkov:CKV_K8S_30"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
