//! `hpa-min-replicas-low`: hPA minReplicas < 2.

use super::{Category, Check, Context, Finding, Level};

/// The `hpa-min-replicas-low` check.
pub static CHECK: Check = Check {
    id: "hpa-min-replicas-low",
    category: Category::Reliability,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "hPA minReplicas < 2",
    docs: DOCS,
    aliases: &["kube-score:horizontalpodautoscaler-replicas", "kube-linter:hpa-minimum-three-replicas", "polaris:hpaMinAvailability"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
