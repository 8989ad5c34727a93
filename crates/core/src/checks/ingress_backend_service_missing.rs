//! `ingress-backend-service-missing`: ingress backend names a Service not in the namespace.

use super::{Category, Check, Context, Finding, Level};

/// The `ingress-backend-service-missing` check.
pub static CHECK: Check = Check {
    id: "ingress-backend-service-missing",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "ingress backend names a Service not in the namespace",
    docs: DOCS,
    aliases: &["kube-score:ingress-targets-service", "kube-linter:dangling-ingress"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
