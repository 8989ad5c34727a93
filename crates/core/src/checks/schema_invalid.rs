//! `schema-invalid`: object fails the OpenAPI schema (unknown field, wrong type).

use super::{Category, Check, Context, Finding, Level};

/// The `schema-invalid` check.
pub static CHECK: Check = Check {
    id: "schema-invalid",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "object fails the OpenAPI schema (unknown field, wrong type)",
    docs: DOCS,
    aliases: &["kube-linter:schema-validation"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
