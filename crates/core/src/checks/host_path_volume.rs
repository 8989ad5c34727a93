//! `host-path-volume`: hostPath volume (writable, or a sensitive directory).

use super::{Category, Check, Context, Finding, Level};

/// The `host-path-volume` check.
pub static CHECK: Check = Check {
    id: "host-path-volume",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "hostPath volume (writable, or a sensitive directory)",
    docs: DOCS,
    aliases: &["kube-linter:sensitive-host-mounts", "kube-linter:writable-host-mount", "polaris:hostPathSet"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
