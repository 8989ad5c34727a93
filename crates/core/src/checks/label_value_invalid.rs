//! `label-value-invalid`: label value breaks the syntax rules (length, characters).

use super::{Category, Check, Context, Finding, Level};

/// The `label-value-invalid` check.
pub static CHECK: Check = Check {
    id: "label-value-invalid",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "label value breaks the syntax rules (length, characters)",
    docs: DOCS,
    aliases: &["kube-score:label-values"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
