//! `topology-spread-invalid`: constraint lacks labelSelector or topologyKey, maxSkew is 0, or whenUnsatisfiable is bad.

use super::{Category, Check, Context, Finding, Level};

/// The `topology-spread-invalid` check.
pub static CHECK: Check = Check {
    id: "topology-spread-invalid",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "constraint lacks labelSelector or topologyKey, maxSkew is 0, or whenUnsatisfiable is bad",
    docs: DOCS,
    aliases: &["kube-score:pod-topology-spread-constraints"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
