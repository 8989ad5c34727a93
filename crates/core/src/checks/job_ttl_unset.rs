//! `job-ttl-unset`: standalone Job has no ttlSecondsAfterFinished (or a CronJob's job template sets one).

use super::{Category, Check, Context, Finding, Level};

/// The `job-ttl-unset` check.
pub static CHECK: Check = Check {
    id: "job-ttl-unset",
    category: Category::Reliability,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "standalone Job has no ttlSecondsAfterFinished (or a CronJob's job template sets one)",
    docs: DOCS,
    aliases: &["kube-linter:job-ttl-seconds-after-finished"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
