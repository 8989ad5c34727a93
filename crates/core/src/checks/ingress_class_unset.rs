//! `ingress-class-unset`: no ingressClassName (depends on a cluster default).

use super::{Category, Check, Context, Finding, Level};

/// The `ingress-class-unset` check.
pub static CHECK: Check = Check {
    id: "ingress-class-unset",
    category: Category::Hygiene,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "no ingressClassName (depends on a cluster default)",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
