//! `rollout-params-risky`: maxUnavailable ≥ replicas; maxUnavailable>0 with 1 replica; surge and unavailable both 0 (the API rejects it); explains percentage rounding.

use super::{Category, Check, Context, Finding, Level};

/// The `rollout-params-risky` check.
pub static CHECK: Check = Check {
    id: "rollout-params-risky",
    category: Category::Reliability,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "maxUnavailable ≥ replicas; maxUnavailable>0 with 1 replica; surge and unavailable both 0 (the API rejects it); explains percentage rounding",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
