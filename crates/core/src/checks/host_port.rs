//! `host-port`: container sets hostPort.

use super::{Category, Check, Context, Finding, Level};

/// The `host-port` check.
pub static CHECK: Check = Check {
    id: "host-port",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "container sets hostPort",
    docs: DOCS,
    aliases: &["polaris:hostPortSet", "checkov:CKV_K8S_26"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
