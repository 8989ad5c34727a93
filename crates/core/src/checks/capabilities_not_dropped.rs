//! `capabilities-not-dropped`: capabilities not dropped (ALL, or at least NET_RAW).

use super::{Category, Check, Context, Finding, Level};

/// The `capabilities-not-dropped` check.
pub static CHECK: Check = Check {
    id: "capabilities-not-dropped",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "capabilities not dropped (ALL, or at least NET_RAW)",
    docs: DOCS,
    aliases: &["kube-linter:drop-net-raw-capability", "checkov:CKV_K8S_28", "checkov:CKV_K8S_37"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
