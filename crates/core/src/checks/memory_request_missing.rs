//! `memory-request-missing`: container lacks a memory request.

use super::{Category, Check, Context, Finding, Level};

/// The `memory-request-missing` check.
pub static CHECK: Check = Check {
    id: "memory-request-missing",
    category: Category::Resources,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "container lacks a memory request",
    docs: DOCS,
    aliases: &["kube-score:container-resources", "polaris:memoryRequestsMissing", "checkov:CKV_K8S_12"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
