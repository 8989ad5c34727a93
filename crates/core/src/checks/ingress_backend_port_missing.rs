//! `ingress-backend-port-missing`: service exists but has no such port number/name.

use super::{Category, Check, Context, Finding, Level};

/// The `ingress-backend-port-missing` check.
pub static CHECK: Check = Check {
    id: "ingress-backend-port-missing",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "service exists but has no such port number/name",
    docs: DOCS,
    aliases: &["kube-score:ingress-targets-service", "kube-linter:dangling-ingress"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
