//! `ingress-duplicate-host-path`: same host+path routed by two rules or two Ingresses.

use super::{Category, Check, Context, Finding, Level};

/// The `ingress-duplicate-host-path` check.
pub static CHECK: Check = Check {
    id: "ingress-duplicate-host-path",
    category: Category::Correctness,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "same host+path routed by two rules or two Ingresses",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
