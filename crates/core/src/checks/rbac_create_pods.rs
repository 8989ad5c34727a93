//! `rbac-create-pods`: create on pods.

use super::{Category, Check, Context, Finding, Level};

/// The `rbac-create-pods` check.
pub static CHECK: Check = Check {
    id: "rbac-create-pods",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "create on pods",
    docs: DOCS,
    aliases: &["kube-linter:access-to-create-pods"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
