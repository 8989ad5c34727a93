//! `job-restart-policy`: job/CronJob pods need OnFailure or Never; long-running controllers need Always.

use super::{Category, Check, Context, Finding, Level};

/// The `job-restart-policy` check.
pub static CHECK: Check = Check {
    id: "job-restart-policy",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "job/CronJob pods need OnFailure or Never; long-running controllers need Always",
    docs: DOCS,
    aliases: &["kube-score:cronjob-restartpolicy", "kube-linter:restart-policy"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
