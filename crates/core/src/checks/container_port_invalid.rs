//! `container-port-invalid`: duplicate or over-15-character port names, containerPort 0, invalid targetPort name.

use super::{Category, Check, Context, Finding, Level};

/// The `container-port-invalid` check.
pub static CHECK: Check = Check {
    id: "container-port-invalid",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "duplicate or over-15-character port names, containerPort 0, invalid targetPort name",
    docs: DOCS,
    aliases: &["kube-score:container-ports-check", "kube-linter:invalid-target-ports"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
