//! `networkpolicy-selects-nothing`: networkPolicy podSelector matches no pods (an empty selector selects all).

use super::{Category, Check, Context, Finding, Level};

/// The `networkpolicy-selects-nothing` check.
pub static CHECK: Check = Check {
    id: "networkpolicy-selects-nothing",
    category: Category::Correctness,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "networkPolicy podSelector matches no pods (an empty selector selects all)",
    docs: DOCS,
    aliases: &["kube-score:networkpolicy-targets-pod", "kube-linter:dangling-networkpolicy"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
