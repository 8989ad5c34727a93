//! `ingress-no-tls`: ingress has no TLS.

use super::{Category, Check, Context, Finding, Level};

/// The `ingress-no-tls` check.
pub static CHECK: Check = Check {
    id: "ingress-no-tls",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "ingress has no TLS",
    docs: DOCS,
    aliases: &["polaris:tlsSettingsMissing"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
