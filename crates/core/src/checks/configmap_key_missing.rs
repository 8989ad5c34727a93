//! `configmap-key-missing`: referenced key absent from the ConfigMap.

use super::{Category, Check, Context, Finding, Level};

/// The `configmap-key-missing` check.
pub static CHECK: Check = Check {
    id: "configmap-key-missing",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "referenced key absent from the ConfigMap",
    docs: DOCS,
    aliases: &["kube-linter:env-value-from"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
