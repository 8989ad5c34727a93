//! `ingress-nginx-snippets`: ingress-nginx snippet annotations (CVE-2021-25742).

use super::{Category, Check, Context, Finding, Level};

/// The `ingress-nginx-snippets` check.
pub static CHECK: Check = Check {
    id: "ingress-nginx-snippets",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "ingress-nginx snippet annotations (CVE-2021-25742)",
    docs: DOCS,
    aliases: &["checkov:CKV_K8S_152", "checkov:CKV_K8S_153", "checkov:CKV_K8S_154"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
