//! `service-without-selector`: service has no selector and no Endpoints/EndpointSlice in the set.

use super::{Category, Check, Context, Finding, Level};

/// The `service-without-selector` check.
pub static CHECK: Check = Check {
    id: "service-without-selector",
    category: Category::Correctness,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "service has no selector and no Endpoints/EndpointSlice in the set",
    docs: DOCS,
    aliases: &["kube-linter:dangling-service"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
