//! `selector-template-mismatch`: workload spec.selector does not match its own template labels.

use super::{Category, Check, Context, Finding, Level};

/// The `selector-template-mismatch` check.
pub static CHECK: Check = Check {
    id: "selector-template-mismatch",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "workload spec.selector does not match its own template labels",
    docs: DOCS,
    aliases: &["kube-score:deployment-pod-selector-labels-match-template-metadata-labels", "kube-score:statefulset-pod-selector-labels-match-template-metadata-labels", "kube-linter:mismatching-selector"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
