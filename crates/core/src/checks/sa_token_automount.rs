//! `sa-token-automount`: automountServiceAccountToken not false.

use super::{Category, Check, Context, Finding, Level};

/// The `sa-token-automount` check.
pub static CHECK: Check = Check {
    id: "sa-token-automount",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "automountServiceAccountToken not false",
    docs: DOCS,
    aliases: &["polaris:automountServiceAccountToken", "checkov:CKV_K8S_38"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
