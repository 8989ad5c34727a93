//! `host-pid`: hostPID: true.

use super::{Category, Check, Context, Finding, Level};

/// The `host-pid` check.
pub static CHECK: Check = Check {
    id: "host-pid",
    category: Category::Security,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "hostPID: true",
    docs: DOCS,
    aliases: &["kube-linter:host-pid", "polaris:hostPIDSet", "checkov:CKV_K8S_17"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
