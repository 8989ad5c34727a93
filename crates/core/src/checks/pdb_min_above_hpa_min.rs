//! `pdb-min-above-hpa-min`: pDB minAvailable > HPA minReplicas.

use super::{Category, Check, Context, Finding, Level};

/// The `pdb-min-above-hpa-min` check.
pub static CHECK: Check = Check {
    id: "pdb-min-above-hpa-min",
    category: Category::Reliability,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "pDB minAvailable > HPA minReplicas",
    docs: DOCS,
    aliases: &["polaris:pdbMinAvailableGreaterThanHPAMinReplicas"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
