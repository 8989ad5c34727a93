//! `probe-port-not-declared`: liveness, readiness or startup probe port not declared by the container.

use super::{Category, Check, Context, Finding, Level};

/// The `probe-port-not-declared` check.
pub static CHECK: Check = Check {
    id: "probe-port-not-declared",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "liveness, readiness or startup probe port not declared by the container",
    docs: DOCS,
    aliases: &["kube-linter:liveness-port", "kube-linter:readiness-port", "kube-linter:startup-port"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
