//! `service-targetport-unresolved`: named targetPort (name+protocol) not declared by any selected container; numeric one not among declared containerPorts.

use super::{Category, Check, Context, Finding, Level};

/// The `service-targetport-unresolved` check.
pub static CHECK: Check = Check {
    id: "service-targetport-unresolved",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "named targetPort (name+protocol) not declared by any selected container; numeric one not among declared containerPorts",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
