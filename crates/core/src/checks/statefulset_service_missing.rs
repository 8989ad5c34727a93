//! `statefulset-service-missing`: serviceName names no headless Service.

use super::{Category, Check, Context, Finding, Level};

/// The `statefulset-service-missing` check.
pub static CHECK: Check = Check {
    id: "statefulset-service-missing",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "serviceName names no headless Service",
    docs: DOCS,
    aliases: &["kube-score:statefulset-has-servicename"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
