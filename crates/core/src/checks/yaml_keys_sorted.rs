//! `yaml-keys-sorted`: yAML keys not in alphabetical order.

use super::{Category, Check, Context, Finding, Level};

/// The `yaml-keys-sorted` check.
pub static CHECK: Check = Check {
    id: "yaml-keys-sorted",
    category: Category::Hygiene,
    severity: Level::Info,
    enabled_by_default: false,
    summary: "yAML keys not in alphabetical order",
    docs: DOCS,
    aliases: &["kube-linter:sorted-keys"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
