//! `resource-quantity-suspicious`: memory 128m (that is millibytes), 1G vs 1Gi, cpu 500 (500 cores).

use super::{Category, Check, Context, Finding, Level};

/// The `resource-quantity-suspicious` check.
pub static CHECK: Check = Check {
    id: "resource-quantity-suspicious",
    category: Category::Hygiene,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "memory 128m (that is millibytes), 1G vs 1Gi, cpu 500 (500 cores)",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
