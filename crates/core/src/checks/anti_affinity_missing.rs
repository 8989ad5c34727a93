//! `anti-affinity-missing`: multi-replica workload has no host podAntiAffinity (required or preferred).

use super::{Category, Check, Context, Finding, Level};

/// The `anti-affinity-missing` check.
pub static CHECK: Check = Check {
    id: "anti-affinity-missing",
    category: Category::Reliability,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "multi-replica workload has no host podAntiAffinity (required or preferred)",
    docs: DOCS,
    aliases: &["kube-score:deployment-has-host-podantiaffinity", "kube-score:statefulset-has-host-podantiaffinity", "kube-linter:no-anti-affinity"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
