//! `rollout-strategy-recreate`: deployment behind a Service uses Recreate.

use super::{Category, Check, Context, Finding, Level};

/// The `rollout-strategy-recreate` check.
pub static CHECK: Check = Check {
    id: "rollout-strategy-recreate",
    category: Category::Reliability,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "deployment behind a Service uses Recreate",
    docs: DOCS,
    aliases: &["kube-score:deployment-strategy", "kube-linter:no-rolling-update-strategy"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
