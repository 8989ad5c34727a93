//! `privileged-container`: privileged: true.

use super::{Category, Check, Context, Finding, Level};

/// The `privileged-container` check.
pub static CHECK: Check = Check {
    id: "privileged-container",
    category: Category::Security,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "privileged: true",
    docs: DOCS,
    aliases: &["kube-score:container-security-context-privileged", "kube-linter:privileged-container", "polaris:runAsPrivileged", "checkov:CKV_K8S_16"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
