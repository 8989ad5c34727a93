//! `seccomp-unset`: no RuntimeDefault or Localhost seccomp profile.

use super::{Category, Check, Context, Finding, Level};

/// The `seccomp-unset` check.
pub static CHECK: Check = Check {
    id: "seccomp-unset",
    category: Category::Security,
    severity: Level::Info,
    enabled_by_default: true,
    summary: "no RuntimeDefault or Localhost seccomp profile",
    docs: DOCS,
    aliases: &["kube-score:container-seccomp-profile", "polaris:linuxHardening", "checkov:CKV_K8S_31"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
