//! `ssh-port`: a container exposes port 22.

use super::{Category, Check, Context, Finding, Level};

/// The `ssh-port` check.
pub static CHECK: Check = Check {
    id: "ssh-port",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "a container exposes port 22",
    docs: DOCS,
    aliases: &["kube-linter:ssh-port"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
