//! `named-ports-preferred`: targetPort, probes or Ingress backend use numbers rather than names.

use super::{Category, Check, Context, Finding, Level};

/// The `named-ports-preferred` check.
pub static CHECK: Check = Check {
    id: "named-ports-preferred",
    category: Category::Hygiene,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "targetPort, probes or Ingress backend use numbers rather than names",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
