//! `secret-ref-missing`: the same for Secrets (env, envFrom, volumes, imagePullSecrets).

use super::{Category, Check, Context, Finding, Level};

/// The `secret-ref-missing` check.
pub static CHECK: Check = Check {
    id: "secret-ref-missing",
    category: Category::Correctness,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "the same for Secrets (env, envFrom, volumes, imagePullSecrets)",
    docs: DOCS,
    aliases: &["kube-linter:env-value-from"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
