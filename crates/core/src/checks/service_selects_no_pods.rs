//! `service-selects-no-pods`: service selector matches no pod template in its namespace (skip ExternalName).

use super::{Category, Check, Context, Finding, Level};

/// The `service-selects-no-pods` check.
pub static CHECK: Check = Check {
    id: "service-selects-no-pods",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "service selector matches no pod template in its namespace (skip ExternalName)",
    docs: DOCS,
    aliases: &["kube-score:service-targets-pod", "kube-linter:dangling-service"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
