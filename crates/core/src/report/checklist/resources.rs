//! `resources`: every container sets cpu and memory requests and limits; the four resource
//! checks decide it.

use super::{Row, Verdict, no_related};
use crate::model::{Model, Object};

/// The `resources` row.
pub(super) const ROW: Row = Row {
    id: "resources",
    title: "Resource requests/limits",
    checks: &[
        "cpu-request-missing",
        "memory-request-missing",
        "memory-limit-missing",
        "cpu-limit-missing",
    ],
    rule: "every container sets cpu and memory requests and limits (the four resource checks find nothing)",
    fix: "resources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n  limits:\n    cpu: 500m\n    memory: 256Mi\n",
    verdict: resources,
    judged_by_checks: true,
    related: no_related,
};

/// The model alone has nothing against it: the checks decide.
fn resources(_object: &Object, _model: &Model) -> Verdict {
    Verdict::Pass("every container sets cpu and memory requests and limits".to_owned())
}
