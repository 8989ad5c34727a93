//! `openshift-scc-privileged`: openShift SCC allows privileged containers.

use super::{Category, Check, Context, Finding, Level};

/// The `openshift-scc-privileged` check.
pub static CHECK: Check = Check {
    id: "openshift-scc-privileged",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: false,
    summary: "openShift SCC allows privileged containers",
    docs: DOCS,
    aliases: &["kube-linter:scc-deny-privileged-container"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
