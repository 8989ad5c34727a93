//! `cronjob-deadline-unset`: cronJob has no startingDeadlineSeconds.

use super::{Category, Check, Context, Finding, Level};

/// The `cronjob-deadline-unset` check.
pub static CHECK: Check = Check {
    id: "cronjob-deadline-unset",
    category: Category::Reliability,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "cronJob has no startingDeadlineSeconds",
    docs: DOCS,
    aliases: &["kube-score:cronjob-has-deadline"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
