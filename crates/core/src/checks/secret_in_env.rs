//! `secret-in-env`: secret delivered as an environment variable rather than a file.

use super::{Category, Check, Context, Finding, Level};

/// The `secret-in-env` check.
pub static CHECK: Check = Check {
    id: "secret-in-env",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "secret delivered as an environment variable rather than a file",
    docs: DOCS,
    aliases: &["kube-linter:read-secret-from-env-var", "checkov:CKV_K8S_35"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
