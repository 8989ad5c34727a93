//! `networkpolicy-peer-selects-nothing`: a from/to podSelector peer matches no pods.

use super::{Category, Check, Context, Finding, Level};

/// The `networkpolicy-peer-selects-nothing` check.
pub static CHECK: Check = Check {
    id: "networkpolicy-peer-selects-nothing",
    category: Category::Correctness,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "a from/to podSelector peer matches no pods",
    docs: DOCS,
    aliases: &["kube-linter:dangling-networkpolicypeer-podselector"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
