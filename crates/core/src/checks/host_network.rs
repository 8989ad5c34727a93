//! `host-network`: hostNetwork: true.

use super::{Category, Check, Context, Finding, Level};

/// The `host-network` check.
pub static CHECK: Check = Check {
    id: "host-network",
    category: Category::Security,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "hostNetwork: true",
    docs: DOCS,
    aliases: &["kube-linter:host-network", "polaris:hostNetworkSet", "checkov:CKV_K8S_19"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
