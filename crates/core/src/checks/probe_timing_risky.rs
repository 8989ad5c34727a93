//! `probe-timing-risky`: liveness can kill before readiness or startup finishes; slow start without a startupProbe; timeout ≥ period.

use super::{Category, Check, Context, Finding, Level};

/// The `probe-timing-risky` check.
pub static CHECK: Check = Check {
    id: "probe-timing-risky",
    category: Category::Reliability,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "liveness can kill before readiness or startup finishes; slow start without a startupProbe; timeout ≥ period",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
