//! `memory-limit-missing`: container lacks a memory limit.

use super::{Category, Check, Context, Finding, Level};

/// The `memory-limit-missing` check.
pub static CHECK: Check = Check {
    id: "memory-limit-missing",
    category: Category::Resources,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "container lacks a memory limit",
    docs: DOCS,
    aliases: &["kube-score:container-resources", "kube-linter:unset-memory-requirements", "polaris:memoryLimitsMissing", "checkov:CKV_K8S_13"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
