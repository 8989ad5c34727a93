//! `ingress-tls-secret-missing`: tls.secretName not in the set (may come from cert-manager).

use super::{Category, Check, Context, Finding, Level};

/// The `ingress-tls-secret-missing` check.
pub static CHECK: Check = Check {
    id: "ingress-tls-secret-missing",
    category: Category::Correctness,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "tls.secretName not in the set (may come from cert-manager)",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
