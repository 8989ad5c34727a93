//! `proc-mount-unmasked`: procMount: Unmasked.

use super::{Category, Check, Context, Finding, Level};

/// The `proc-mount-unmasked` check.
pub static CHECK: Check = Check {
    id: "proc-mount-unmasked",
    category: Category::Security,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "procMount: Unmasked",
    docs: DOCS,
    aliases: &["kube-linter:unsafe-proc-mount", "polaris:procMount"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
