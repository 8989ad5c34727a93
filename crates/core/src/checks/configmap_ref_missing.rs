//! `configmap-ref-missing`: configMap named by configMapKeyRef, envFrom or a volume is not in the set (skip optional: true).

use super::{Category, Check, Context, Finding, Level};

/// The `configmap-ref-missing` check.
pub static CHECK: Check = Check {
    id: "configmap-ref-missing",
    category: Category::Correctness,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "configMap named by configMapKeyRef, envFrom or a volume is not in the set (skip optional: true)",
    docs: DOCS,
    aliases: &["kube-linter:env-value-from"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
