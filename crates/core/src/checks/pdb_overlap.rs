//! `pdb-overlap`: a pod is covered by more than one PDB (eviction refuses).

use super::{Category, Check, Context, Finding, Level};

/// The `pdb-overlap` check.
pub static CHECK: Check = Check {
    id: "pdb-overlap",
    category: Category::Correctness,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "a pod is covered by more than one PDB (eviction refuses)",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
