//! `deprecated-api-version`: apiVersion deprecated or removed for the target Kubernetes version.

use super::{Category, Check, Context, Finding, Level};

/// The `deprecated-api-version` check.
pub static CHECK: Check = Check {
    id: "deprecated-api-version",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "apiVersion deprecated or removed for the target Kubernetes version",
    docs: DOCS,
    aliases: &["kube-score:stable-version", "kube-linter:no-extensions-v1beta"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
