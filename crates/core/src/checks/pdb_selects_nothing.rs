//! `pdb-selects-nothing`: pDB selector matches no pod template.

use super::{Category, Check, Context, Finding, Level};

/// The `pdb-selects-nothing` check.
pub static CHECK: Check = Check {
    id: "pdb-selects-nothing",
    category: Category::Correctness,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "pDB selector matches no pod template",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
