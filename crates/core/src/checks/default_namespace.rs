//! `default-namespace`: object is in (or falls into) the default namespace.

use super::{Category, Check, Context, Finding, Level};

/// The `default-namespace` check.
pub static CHECK: Check = Check {
    id: "default-namespace",
    category: Category::Hygiene,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "object is in (or falls into) the default namespace",
    docs: DOCS,
    aliases: &["kube-linter:use-namespace", "checkov:CKV_K8S_21"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
