//! `pod-not-isolated`: workload not selected by any NetworkPolicy (only enforced if the CNI supports it).

use super::{Category, Check, Context, Finding, Level};

/// The `pod-not-isolated` check.
pub static CHECK: Check = Check {
    id: "pod-not-isolated",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "workload not selected by any NetworkPolicy (only enforced if the CNI supports it)",
    docs: DOCS,
    aliases: &["kube-score:pod-networkpolicy", "kube-linter:non-isolated-pod", "polaris:missingNetworkPolicy", "checkov:CKV2_K8S_6"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
