//! `hpa-target-sets-replicas`: hPA-managed Deployment also sets spec.replicas (re-apply resets the scale).

use super::{Category, Check, Context, Finding, Level};

/// The `hpa-target-sets-replicas` check.
pub static CHECK: Check = Check {
    id: "hpa-target-sets-replicas",
    category: Category::Correctness,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "hPA-managed Deployment also sets spec.replicas (re-apply resets the scale)",
    docs: DOCS,
    aliases: &["kube-score:deployment-targeted-by-hpa-does-not-have-replicas-configured"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
