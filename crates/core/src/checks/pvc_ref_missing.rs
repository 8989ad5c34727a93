//! `pvc-ref-missing`: volume claimName not defined, and not a volumeClaimTemplate.

use super::{Category, Check, Context, Finding, Level};

/// The `pvc-ref-missing` check.
pub static CHECK: Check = Check {
    id: "pvc-ref-missing",
    category: Category::Correctness,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "volume claimName not defined, and not a volumeClaimTemplate",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
