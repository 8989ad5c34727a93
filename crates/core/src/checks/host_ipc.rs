//! `host-ipc`: hostIPC: true.

use super::{Category, Check, Context, Finding, Level};

/// The `host-ipc` check.
pub static CHECK: Check = Check {
    id: "host-ipc",
    category: Category::Security,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "hostIPC: true",
    docs: DOCS,
    aliases: &["kube-linter:host-ipc", "polaris:hostIPCSet", "checkov:CKV_K8S_18"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
