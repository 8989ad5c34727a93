//! `default-service-account`: pod runs as the default ServiceAccount.

use super::{Category, Check, Context, Finding, Level};

/// The `default-service-account` check.
pub static CHECK: Check = Check {
    id: "default-service-account",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "pod runs as the default ServiceAccount",
    docs: DOCS,
    aliases: &["kube-linter:default-service-account", "checkov:CKV_K8S_41", "checkov:CKV_K8S_42"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
