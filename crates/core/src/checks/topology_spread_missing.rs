//! `topology-spread-missing`: no topologySpreadConstraints.

use super::{Category, Check, Context, Finding, Level};

/// The `topology-spread-missing` check.
pub static CHECK: Check = Check {
    id: "topology-spread-missing",
    category: Category::Reliability,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "no topologySpreadConstraints",
    docs: DOCS,
    aliases: &["polaris:topologySpreadConstraint"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
