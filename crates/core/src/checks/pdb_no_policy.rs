//! `pdb-no-policy`: pDB sets neither minAvailable nor maxUnavailable.

use super::{Category, Check, Context, Finding, Level};

/// The `pdb-no-policy` check.
pub static CHECK: Check = Check {
    id: "pdb-no-policy",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "pDB sets neither minAvailable nor maxUnavailable",
    docs: DOCS,
    aliases: &["kube-score:poddisruptionbudget-has-policy"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
