//! `recommended-labels`: app.kubernetes.io/* labels present, instance = metadata.name, owner label or email annotation.

use super::{Category, Check, Context, Finding, Level};

/// The `recommended-labels` check.
pub static CHECK: Check = Check {
    id: "recommended-labels",
    category: Category::Hygiene,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "app.kubernetes.io/* labels present, instance = metadata.name, owner label or email annotation",
    docs: DOCS,
    aliases: &["kube-linter:required-label-owner", "kube-linter:required-annotation-email", "polaris:metadataAndInstanceMismatched"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
