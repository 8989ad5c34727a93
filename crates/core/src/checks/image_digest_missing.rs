//! `image-digest-missing`: image not pinned by @sha256 digest.

use super::{Category, Check, Context, Finding, Level};

/// The `image-digest-missing` check.
pub static CHECK: Check = Check {
    id: "image-digest-missing",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: false,
    summary: "image not pinned by @sha256 digest",
    docs: DOCS,
    aliases: &["checkov:CKV_K8S_43"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
