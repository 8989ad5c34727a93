//! `hpa-utilization-without-requests`: hPA uses CPU or memory Utilization, but the target containers lack that request.

use super::{Category, Check, Context, Finding, Level};

/// The `hpa-utilization-without-requests` check.
pub static CHECK: Check = Check {
    id: "hpa-utilization-without-requests",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "hPA uses CPU or memory Utilization, but the target containers lack that request",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
