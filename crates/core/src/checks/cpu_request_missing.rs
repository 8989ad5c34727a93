//! `cpu-request-missing`: container lacks a CPU request.

use super::{Category, Check, Context, Finding, Level};

/// The `cpu-request-missing` check.
pub static CHECK: Check = Check {
    id: "cpu-request-missing",
    category: Category::Resources,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "container lacks a CPU request",
    docs: DOCS,
    aliases: &["kube-score:container-resources", "kube-linter:unset-cpu-requirements", "polaris:cpuRequestsMissing", "checkov:CKV_K8S_10"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
