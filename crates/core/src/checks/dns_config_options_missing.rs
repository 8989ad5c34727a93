//! `dns-config-options-missing`: no dnsConfig options (organisation policy).

use super::{Category, Check, Context, Finding, Level};

/// The `dns-config-options-missing` check.
pub static CHECK: Check = Check {
    id: "dns-config-options-missing",
    category: Category::Hygiene,
    severity: Level::Info,
    enabled_by_default: false,
    summary: "no dnsConfig options (organisation policy)",
    docs: DOCS,
    aliases: &["kube-linter:dnsconfig-options"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
