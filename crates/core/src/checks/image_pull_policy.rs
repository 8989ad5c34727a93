//! `image-pull-policy`: imagePullPolicy is not Always (disputed, see §6).

use super::{Category, Check, Context, Finding, Level};

/// The `image-pull-policy` check.
pub static CHECK: Check = Check {
    id: "image-pull-policy",
    category: Category::Reliability,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "imagePullPolicy is not Always (disputed, see §6)",
    docs: DOCS,
    aliases: &["kube-score:container-image-pull-policy", "kube-linter:", "polaris:pullPolicyNotAlways", "checkov:CKV_K8S_15"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
