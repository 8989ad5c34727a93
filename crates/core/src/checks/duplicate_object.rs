//! `duplicate-object`: same kind/namespace/name defined twice (the last one wins on apply).

use super::{Category, Check, Context, Finding, Level};

/// The `duplicate-object` check.
pub static CHECK: Check = Check {
    id: "duplicate-object",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "same kind/namespace/name defined twice (the last one wins on apply)",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
