//! `serviceaccount-missing`: serviceAccountName not defined in the set.

use super::{Category, Check, Context, Finding, Level};

/// The `serviceaccount-missing` check.
pub static CHECK: Check = Check {
    id: "serviceaccount-missing",
    category: Category::Correctness,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "serviceAccountName not defined in the set",
    docs: DOCS,
    aliases: &["kube-linter:non-existent-service-account"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
