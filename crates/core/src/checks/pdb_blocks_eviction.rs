//! `pdb-blocks-eviction`: maxUnavailable 0/0%, or minAvailable 100% or ≥ replicas, so node drains hang.

use super::{Category, Check, Context, Finding, Level};

/// The `pdb-blocks-eviction` check.
pub static CHECK: Check = Check {
    id: "pdb-blocks-eviction",
    category: Category::Reliability,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "maxUnavailable 0/0%, or minAvailable 100% or ≥ replicas, so node drains hang",
    docs: DOCS,
    aliases: &["kube-linter:pdb-max-unavailable", "kube-linter:pdb-min-available", "polaris:pdbDisruptionsIsZero"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
