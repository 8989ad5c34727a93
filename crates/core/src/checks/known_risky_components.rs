//! `known-risky-components`: kubernetes Dashboard, Helm v2 Tiller, git-sync.

use super::{Category, Check, Context, Finding, Level};

/// The `known-risky-components` check.
pub static CHECK: Check = Check {
    id: "known-risky-components",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "kubernetes Dashboard, Helm v2 Tiller, git-sync",
    docs: DOCS,
    aliases: &["checkov:CKV_K8S_33", "checkov:CKV_K8S_34", "checkov:CKV_K8S_44", "checkov:CKV_K8S_45", "checkov:CKV_K8S_159"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
