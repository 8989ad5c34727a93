//! `requests-equal-limits`: requests equal limits, giving Guaranteed QoS.

use super::{Category, Check, Context, Finding, Level};

/// The `requests-equal-limits` check.
pub static CHECK: Check = Check {
    id: "requests-equal-limits",
    category: Category::Resources,
    severity: Level::Info,
    enabled_by_default: false,
    summary: "requests equal limits, giving Guaranteed QoS",
    docs: DOCS,
    aliases: &["kube-score:container-resource-requests-equal-limits", "kube-score:container-cpu-requests-equal-limits", "kube-score:container-memory-requests-equal-limits"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
