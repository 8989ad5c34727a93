//! `hpa-min-equals-max`: maxReplicas ≤ minReplicas.

use super::{Category, Check, Context, Finding, Level};

/// The `hpa-min-equals-max` check.
pub static CHECK: Check = Check {
    id: "hpa-min-equals-max",
    category: Category::Reliability,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "maxReplicas ≤ minReplicas",
    docs: DOCS,
    aliases: &["polaris:hpaMaxAvailability"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
