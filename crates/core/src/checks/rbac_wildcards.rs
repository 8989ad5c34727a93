//! `rbac-wildcards`: * in Role/ClusterRole verbs or resources.

use super::{Category, Check, Context, Finding, Level};

/// The `rbac-wildcards` check.
pub static CHECK: Check = Check {
    id: "rbac-wildcards",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "* in Role/ClusterRole verbs or resources",
    docs: DOCS,
    aliases: &["kube-linter:wildcard-in-rules", "polaris:rolebindingClusterAdminRole", "checkov:CKV_K8S_49"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
