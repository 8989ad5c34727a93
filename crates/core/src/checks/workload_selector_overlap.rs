//! `workload-selector-overlap`: two controllers in a namespace select each other's pods.

use super::{Category, Check, Context, Finding, Level};

/// The `workload-selector-overlap` check.
pub static CHECK: Check = Check {
    id: "workload-selector-overlap",
    category: Category::Correctness,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "two controllers in a namespace select each other's pods",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
