//! `readiness-probe-missing`: container has no readinessProbe; stronger when behind a Service or rolling.

use super::{Category, Check, Context, Finding, Level};

/// The `readiness-probe-missing` check.
pub static CHECK: Check = Check {
    id: "readiness-probe-missing",
    category: Category::Reliability,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "container has no readinessProbe; stronger when behind a Service or rolling",
    docs: DOCS,
    aliases: &["kube-score:pod-probes", "kube-linter:no-readiness-probe", "polaris:readinessProbeMissing", "checkov:CKV_K8S_9"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
