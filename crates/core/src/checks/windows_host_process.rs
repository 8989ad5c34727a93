//! `windows-host-process`: windows hostProcess container.

use super::{Category, Check, Context, Finding, Level};

/// The `windows-host-process` check.
pub static CHECK: Check = Check {
    id: "windows-host-process",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "windows hostProcess container",
    docs: DOCS,
    aliases: &["polaris:hostProcess"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
