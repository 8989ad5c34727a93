//! `pdb-missing`: multi-replica Deployment or StatefulSet has no PDB.

use super::{Category, Check, Context, Finding, Level};

/// The `pdb-missing` check.
pub static CHECK: Check = Check {
    id: "pdb-missing",
    category: Category::Reliability,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "multi-replica Deployment or StatefulSet has no PDB",
    docs: DOCS,
    aliases: &["kube-score:deployment-has-poddisruptionbudget", "kube-score:statefulset-has-poddisruptionbudget", "polaris:missingPodDisruptionBudget"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
