//! `hardcoded-secret-env`: env var with a secret-like name (password/token/secret) has a literal value.

use super::{Category, Check, Context, Finding, Level};

/// The `hardcoded-secret-env` check.
pub static CHECK: Check = Check {
    id: "hardcoded-secret-env",
    category: Category::Security,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "env var with a secret-like name (password/token/secret) has a literal value",
    docs: DOCS,
    aliases: &["kube-linter:env-var-secret", "polaris:sensitiveContainerEnvVar"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
