//! `rbac-pod-exec-attach`: grants pods/exec or pods/attach.

use super::{Category, Check, Context, Finding, Level};

/// The `rbac-pod-exec-attach` check.
pub static CHECK: Check = Check {
    id: "rbac-pod-exec-attach",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "grants pods/exec or pods/attach",
    docs: DOCS,
    aliases: &["polaris:clusterrolePodExecAttach", "polaris:rolePodExecAttach", "polaris:clusterrolebindingPodExecAttach", "polaris:rolebindingClusterRolePodExecAttach", "polaris:rolebindingRolePodExecAttach", "checkov:CKV2_K8S_2"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
