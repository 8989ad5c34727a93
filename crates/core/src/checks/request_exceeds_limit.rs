//! `request-exceeds-limit`: a request is larger than its limit (the API rejects it).

use super::{Category, Check, Context, Finding, Level};

/// The `request-exceeds-limit` check.
pub static CHECK: Check = Check {
    id: "request-exceeds-limit",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "a request is larger than its limit (the API rejects it)",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
