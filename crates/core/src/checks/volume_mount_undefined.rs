//! `volume-mount-undefined`: volumeMount names a volume the pod does not declare (the API rejects it).

use super::{Category, Check, Context, Finding, Level};

/// The `volume-mount-undefined` check.
pub static CHECK: Check = Check {
    id: "volume-mount-undefined",
    category: Category::Correctness,
    severity: Level::Error,
    enabled_by_default: true,
    summary: "volumeMount names a volume the pod does not declare (the API rejects it)",
    docs: DOCS,
    aliases: &[],
    run,
};

// FIXME: the docs and the logic of this check are not written yet.
const DOCS: &str = "";

fn run(_ctx: &Context) -> Vec<Finding> {
    Vec::new()
}
