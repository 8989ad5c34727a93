//! `rbac-secrets-access`: get/list/watch on secrets.

use super::{Category, Check, Context, Finding, Level};

/// The `rbac-secrets-access` check.
pub static CHECK: Check = Check {
    id: "rbac-secrets-access",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "get/list/watch on secrets",
    docs: DOCS,
    aliases: &["kube-linter:access-to-secrets", "checkov:CKV2_K8S_5"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
