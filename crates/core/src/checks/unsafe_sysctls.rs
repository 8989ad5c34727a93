//! `unsafe-sysctls`: unsafe sysctls set.

use super::{Category, Check, Context, Finding, Level};

/// The `unsafe-sysctls` check.
pub static CHECK: Check = Check {
    id: "unsafe-sysctls",
    category: Category::Security,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "unsafe sysctls set",
    docs: DOCS,
    aliases: &["kube-linter:unsafe-sysctls"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
