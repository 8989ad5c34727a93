//! `volume-unused`: declared volume never mounted.

use super::{Category, Check, Context, Finding, Level};

/// The `volume-unused` check.
pub static CHECK: Check = Check {
    id: "volume-unused",
    category: Category::Hygiene,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "declared volume never mounted",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
