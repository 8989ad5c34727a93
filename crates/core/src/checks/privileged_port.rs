//! `privileged-port`: containerPort < 1024.

use super::{Category, Check, Context, Finding, Level};

/// The `privileged-port` check.
pub static CHECK: Check = Check {
    id: "privileged-port",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: false,
    summary: "containerPort < 1024",
    docs: DOCS,
    aliases: &["kube-linter:privileged-ports"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
