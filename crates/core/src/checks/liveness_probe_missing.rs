//! `liveness-probe-missing`: container has no livenessProbe (teach that one can also do harm).

use super::{Category, Check, Context, Finding, Level};

/// The `liveness-probe-missing` check.
pub static CHECK: Check = Check {
    id: "liveness-probe-missing",
    category: Category::Reliability,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "container has no livenessProbe (teach that one can also do harm)",
    docs: DOCS,
    aliases: &["kube-score:pod-probes", "kube-linter:no-liveness-probe", "polaris:livenessProbeMissing", "checkov:CKV_K8S_8"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
