//! `sensitive-configmap-data`: configMap keys or values look like credentials.

use super::{Category, Check, Context, Finding, Level};

/// The `sensitive-configmap-data` check.
pub static CHECK: Check = Check {
    id: "sensitive-configmap-data",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "configMap keys or values look like credentials",
    docs: DOCS,
    aliases: &["polaris:sensitiveConfigmapContent"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
