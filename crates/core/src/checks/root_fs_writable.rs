//! `root-fs-writable`: readOnlyRootFilesystem not true.

use super::{Category, Check, Context, Finding, Level};

/// The `root-fs-writable` check.
pub static CHECK: Check = Check {
    id: "root-fs-writable",
    category: Category::Security,
    severity: Level::Warning,
    enabled_by_default: true,
    summary: "readOnlyRootFilesystem not true",
    docs: DOCS,
    aliases: &["kube-score:container-security-context-readonlyrootfilesystem", "kube-linter:no-read-only-root-fs", "polaris:notReadOnlyRootFilesystem", "checkov:CKV_K8S_22"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
