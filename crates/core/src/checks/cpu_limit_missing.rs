//! `cpu-limit-missing`: container lacks a CPU limit (disputed: throttling).

use super::{Category, Check, Context, Finding, Level};

/// The `cpu-limit-missing` check.
pub static CHECK: Check = Check {
    id: "cpu-limit-missing",
    category: Category::Resources,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "container lacks a CPU limit (disputed: throttling)",
    docs: DOCS,
    aliases: &["kube-score:container-resources", "polaris:cpuLimitsMissing", "checkov:CKV_K8S_11"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
