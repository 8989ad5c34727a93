//! `rbac-binding-ref-missing`: (Cluster)RoleBinding roleRef not in the set.

use super::{Category, Check, Context, Finding, Level};

/// The `rbac-binding-ref-missing` check.
pub static CHECK: Check = Check {
    id: "rbac-binding-ref-missing",
    category: Category::Correctness,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "(Cluster)RoleBinding roleRef not in the set",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
