//! `image-tag-mutable`: image has no tag or uses :latest (and has no digest).

use super::{Category, Check, Context, Finding, Level};

/// The `image-tag-mutable` check.
pub static CHECK: Check = Check {
    id: "image-tag-mutable",
    category: Category::Reliability,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "image has no tag or uses :latest (and has no digest)",
    docs: DOCS,
    aliases: &["kube-score:container-image-tag", "kube-linter:latest-tag", "polaris:tagNotSpecified", "checkov:CKV_K8S_14"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
