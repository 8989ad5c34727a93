//! `probes-identical`: readiness and liveness probes are identical.

use super::{Category, Check, Context, Finding, Level};

/// The `probes-identical` check.
pub static CHECK: Check = Check {
    id: "probes-identical",
    category: Category::Reliability,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "readiness and liveness probes are identical",
    docs: DOCS,
    aliases: &["kube-score:pod-probes-identical"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
