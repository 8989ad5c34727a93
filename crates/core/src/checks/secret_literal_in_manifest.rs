//! `secret-literal-in-manifest`: secret carries literal data/stringData in the pasted YAML (base64 is not encryption).

use super::{Category, Check, Context, Finding, Level};

/// The `secret-literal-in-manifest` check.
pub static CHECK: Check = Check {
    id: "secret-literal-in-manifest",
    category: Category::Hygiene,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "secret carries literal data/stringData in the pasted YAML (base64 is not encryption)",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
