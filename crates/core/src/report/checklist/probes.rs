//! `liveness-probe` and `readiness-probe`: the probe checks decide; not applicable to Jobs and
//! CronJobs, which run to completion.

use super::{Row, Verdict, no_related};
use crate::model::{Model, Object};

/// The `liveness-probe` row.
pub(super) const LIVENESS_PROBE: Row = Row {
    id: "liveness-probe",
    title: "Liveness probes",
    checks: &["liveness-probe-missing"],
    rule: "liveness-probe-missing finds nothing; not applicable to Jobs and CronJobs",
    fix: "livenessProbe:\n  httpGet:\n    path: /healthz\n    port: http\n  periodSeconds: 15\n",
    verdict: liveness,
    judged_by_checks: true,
    related: no_related,
};

/// The `readiness-probe` row.
pub(super) const READINESS_PROBE: Row = Row {
    id: "readiness-probe",
    title: "Readiness probes",
    checks: &["readiness-probe-missing"],
    rule: "readiness-probe-missing finds nothing; not applicable to Jobs and CronJobs",
    fix: "readinessProbe:\n  httpGet:\n    path: /ready\n    port: http\n  periodSeconds: 10\n",
    verdict: readiness,
    judged_by_checks: true,
    related: no_related,
};

/// Not applicable to Jobs and CronJobs, which run to completion.
fn batch(object: &Object) -> Option<Verdict> {
    let kind = object.kind.as_str();
    matches!(kind, "Job" | "CronJob").then(|| {
        Verdict::Na(format!(
            "a {kind} runs to completion; probes are for long-running pods"
        ))
    })
}

fn liveness(object: &Object, _model: &Model) -> Verdict {
    batch(object)
        .unwrap_or_else(|| Verdict::Pass("every container has a liveness probe".to_owned()))
}

fn readiness(object: &Object, _model: &Model) -> Verdict {
    batch(object)
        .unwrap_or_else(|| Verdict::Pass("every container has a readiness probe".to_owned()))
}
