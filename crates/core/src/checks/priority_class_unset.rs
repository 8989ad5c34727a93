//! `priority-class-unset`: no priorityClassName (kube-linter: name not in an allowed list).

use super::{Category, Check, Context, Finding, Level};

/// The `priority-class-unset` check.
pub static CHECK: Check = Check {
    id: "priority-class-unset",
    category: Category::Reliability,
    severity: Level::Info,
    enabled_by_default: false,
    summary: "no priorityClassName (kube-linter: name not in an allowed list)",
    docs: DOCS,
    aliases: &["kube-linter:priority-class-name", "polaris:priorityClassNotSet"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
