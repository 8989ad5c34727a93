//! `ephemeral-storage-unset`: no ephemeral-storage request or limit.

use super::{Category, Check, Context, Finding, Level};

/// The `ephemeral-storage-unset` check.
pub static CHECK: Check = Check {
    id: "ephemeral-storage-unset",
    category: Category::Resources,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "no ephemeral-storage request or limit",
    docs: DOCS,
    aliases: &["kube-score:container-ephemeral-storage-request-and-limit", "kube-score:container-ephemeral-storage-request-equals-limit"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
