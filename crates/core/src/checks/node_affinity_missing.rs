//! `node-affinity-missing`: no nodeAffinity (organisation policy).

use super::{Category, Check, Context, Finding, Level};

/// The `node-affinity-missing` check.
pub static CHECK: Check = Check {
    id: "node-affinity-missing",
    category: Category::Hygiene,
    severity: Level::Info,
    enabled_by_default: false,
    summary: "no nodeAffinity (organisation policy)",
    docs: DOCS,
    aliases: &["kube-linter:no-node-affinity"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
