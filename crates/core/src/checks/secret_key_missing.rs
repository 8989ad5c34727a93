//! `secret-key-missing`: referenced key absent from the Secret's data/stringData.

use super::{Category, Check, Context, Finding, Level};

/// The `secret-key-missing` check.
pub static CHECK: Check = Check {
    id: "secret-key-missing",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "referenced key absent from the Secret's data/stringData",
    docs: DOCS,
    aliases: &["kube-linter:env-value-from"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
