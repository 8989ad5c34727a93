//! `rbac-cluster-admin-binding`: binding to cluster-admin.

use super::{Category, Check, Context, Finding, Level};

/// The `rbac-cluster-admin-binding` check.
pub static CHECK: Check = Check {
    id: "rbac-cluster-admin-binding",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "binding to cluster-admin",
    docs: DOCS,
    aliases: &["kube-linter:cluster-admin-role-binding", "polaris:clusterrolebindingClusterAdmin", "polaris:rolebindingClusterAdminClusterRole"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
