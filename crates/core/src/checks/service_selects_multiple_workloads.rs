//! `service-selects-multiple-workloads`: selector matches pods of more than one workload (canary, or version mixing).

use super::{Category, Check, Context, Finding, Level};

/// The `service-selects-multiple-workloads` check.
pub static CHECK: Check = Check {
    id: "service-selects-multiple-workloads",
    category: Category::Correctness,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "selector matches pods of more than one workload (canary, or version mixing)",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
