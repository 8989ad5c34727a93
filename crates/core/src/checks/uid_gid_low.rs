//! `uid-gid-low`: runAsUser or runAsGroup ≤ 10000.

use super::{Category, Check, Context, Finding, Level};

/// The `uid-gid-low` check.
pub static CHECK: Check = Check {
    id: "uid-gid-low",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "runAsUser or runAsGroup ≤ 10000",
    docs: DOCS,
    aliases: &["kube-score:container-security-context-user-group-id", "checkov:CKV_K8S_40"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
