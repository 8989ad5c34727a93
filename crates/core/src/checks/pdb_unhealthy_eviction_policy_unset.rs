//! `pdb-unhealthy-eviction-policy-unset`: pDB does not set unhealthyPodEvictionPolicy.

use super::{Category, Check, Context, Finding, Level};

/// The `pdb-unhealthy-eviction-policy-unset` check.
pub static CHECK: Check = Check {
    id: "pdb-unhealthy-eviction-policy-unset",
    category: Category::Reliability,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "pDB does not set unhealthyPodEvictionPolicy",
    docs: DOCS,
    aliases: &["kube-linter:pdb-unhealthy-pod-eviction-policy"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
