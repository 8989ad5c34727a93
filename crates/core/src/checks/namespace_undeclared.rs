//! `namespace-undeclared`: object targets a namespace the set does not create.

use super::{Category, Check, Context, Finding, Level};

/// The `namespace-undeclared` check.
pub static CHECK: Check = Check {
    id: "namespace-undeclared",
    category: Category::Correctness,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "object targets a namespace the set does not create",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
