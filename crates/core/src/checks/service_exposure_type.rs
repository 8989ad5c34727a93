//! `service-exposure-type`: service is NodePort (kube-score), or NodePort/LoadBalancer (kube-linter).

use super::{Category, Check, Context, Finding, Level};

/// The `service-exposure-type` check.
pub static CHECK: Check = Check {
    id: "service-exposure-type",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "service is NodePort (kube-score), or NodePort/LoadBalancer (kube-linter)",
    docs: DOCS,
    aliases: &["kube-score:service-type", "kube-linter:exposed-services"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
