//! `serviceaccount-deprecated-field`: uses serviceAccount rather than serviceAccountName.

use super::{Category, Check, Context, Finding, Level};

/// The `serviceaccount-deprecated-field` check.
pub static CHECK: Check = Check {
    id: "serviceaccount-deprecated-field",
    category: Category::Hygiene,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "uses serviceAccount rather than serviceAccountName",
    docs: DOCS,
    aliases: &["kube-linter:deprecated-service-account-field"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
