//! `env-duplicate-key`: same environment-variable name twice in one container.

use super::{Category, Check, Context, Finding, Level};

/// The `env-duplicate-key` check.
pub static CHECK: Check = Check {
    id: "env-duplicate-key",
    category: Category::Correctness,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "same environment-variable name twice in one container",
    docs: DOCS,
    aliases: &["kube-score:environment-variable-key-duplication", "kube-linter:duplicate-env-var"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
