//! `replicas-single`: deployment has fewer than 2 replicas and no HPA.

use super::{Category, Check, Context, Finding, Level};

/// The `replicas-single` check.
pub static CHECK: Check = Check {
    id: "replicas-single",
    category: Category::Reliability,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "deployment has fewer than 2 replicas and no HPA",
    docs: DOCS,
    aliases: &["kube-score:deployment-replicas", "kube-linter:minimum-three-replicas", "polaris:deploymentMissingReplicas"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
