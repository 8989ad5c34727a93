//! `docker-socket-mounted`: container-runtime socket mounted.

use super::{Category, Check, Context, Finding, Level};

/// The `docker-socket-mounted` check.
pub static CHECK: Check = Check {
    id: "docker-socket-mounted",
    category: Category::Security,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "container-runtime socket mounted",
    docs: DOCS,
    aliases: &["kube-linter:docker-sock", "checkov:CKV_K8S_27"],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
