//! `servicemonitor-selects-nothing`: prometheus Operator ServiceMonitor matches no Service (a CRD).

use super::{Category, Check, Context, Finding, Level};

/// The `servicemonitor-selects-nothing` check.
pub static CHECK: Check = Check {
    id: "servicemonitor-selects-nothing",
    category: Category::Correctness,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "prometheus Operator ServiceMonitor matches no Service (a CRD)",
    docs: DOCS,
    aliases: &["kube-linter:dangling-servicemonitor"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
