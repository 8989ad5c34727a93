//! `run-as-root`: runAsNonRoot not true, runAsUser 0, or root group.

use super::{Category, Check, Context, Finding, Level};

/// The `run-as-root` check.
pub static CHECK: Check = Check {
    id: "run-as-root",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "runAsNonRoot not true, runAsUser 0, or root group",
    docs: DOCS,
    aliases: &["kube-linter:run-as-non-root", "polaris:runAsRootAllowed", "checkov:CKV_K8S_23"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
