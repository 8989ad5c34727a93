//! `pod-unmanaged`: bare Pod with no controller.

use super::{Category, Check, Context, Finding, Level};

/// The `pod-unmanaged` check.
pub static CHECK: Check = Check {
    id: "pod-unmanaged",
    category: Category::Reliability,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "bare Pod with no controller",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
