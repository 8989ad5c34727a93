//! `hpa-target-missing`: scaleTargetRef names no workload in the set.

use super::{Category, Check, Context, Finding, Level};

/// The `hpa-target-missing` check.
pub static CHECK: Check = Check {
    id: "hpa-target-missing",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "scaleTargetRef names no workload in the set",
    docs: DOCS,
    aliases: &["kube-score:horizontalpodautoscaler-has-target", "kube-linter:dangling-horizontalpodautoscaler"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
