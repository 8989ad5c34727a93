//! `max-unavailable-zero`: `maxUnavailable` resolves to 0 as the controller computes it.

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{Row, Verdict, no_related};
use crate::model::{Model, Object, Resource, describe_int_or_string, resolve_int_or_percent};

/// The `max-unavailable-zero` row.
pub(super) const ROW: Row = Row {
    id: "max-unavailable-zero",
    title: "maxUnavailable = 0",
    checks: &[],
    rule: "maxUnavailable resolves to 0 as the controller computes it; not applicable to StatefulSets and kinds without rolling updates",
    fix: "strategy:\n  type: RollingUpdate\n  rollingUpdate:\n    maxSurge: 1\n    maxUnavailable: 0\n",
    verdict: max_unavailable_zero,
    judged_by_checks: false,
    related: no_related,
};

fn max_unavailable_zero(object: &Object, _model: &Model) -> Verdict {
    match &*object.resource {
        Resource::Deployment(d) => {
            let strategy = d.spec.strategy.as_ref();
            let rolling = strategy.and_then(|s| s.rolling_update.as_ref());
            surge_based(
                object,
                strategy.and_then(|s| s.type_.as_deref()) == Some("Recreate"),
                rolling.and_then(|r| r.max_unavailable.as_ref()),
                rolling.and_then(|r| r.max_surge.as_ref()),
                d.spec.replicas.unwrap_or(1),
                "spec.strategy.rollingUpdate",
            )
        }
        Resource::DeploymentConfig(d) => {
            let rolling = d
                .spec
                .strategy
                .as_ref()
                .and_then(|s| s.rolling_params.as_ref());
            match d.strategy_type() {
                "Rolling" | "Recreate" => surge_based(
                    object,
                    d.strategy_type() == "Recreate",
                    rolling.and_then(|r| r.max_unavailable.as_ref()),
                    rolling.and_then(|r| r.max_surge.as_ref()),
                    d.spec.replicas.unwrap_or(1),
                    "spec.strategy.rollingParams",
                ),
                other => Verdict::Na(format!(
                    "strategy {other}: the user's own deployer replaces the pods"
                )),
            }
        }
        Resource::DaemonSet(d) => {
            let strategy = d.spec.update_strategy.as_ref();
            if strategy.and_then(|s| s.type_.as_deref()) == Some("OnDelete") {
                return Verdict::Na("updateStrategy OnDelete: no automatic rollout".to_owned());
            }
            let written = strategy
                .and_then(|s| s.rolling_update.as_ref())
                .and_then(|r| r.max_unavailable.as_ref());
            match written {
                Some(IntOrString::Int(0)) => Verdict::Pass("maxUnavailable 0: each node's pod is surged before it stops".to_owned()),
                Some(IntOrString::String(s)) if s.trim() == "0%" => {
                    Verdict::Pass("maxUnavailable 0%: each node's pod is surged before it stops".to_owned())
                }
                Some(v) => Verdict::Fail(
                    format!("maxUnavailable {}: that many nodes lose their pod at once during a rollout", describe_int_or_string(v)),
                    object.find("spec.updateStrategy.rollingUpdate.maxUnavailable"),
                ),
                None => Verdict::Fail(
                    "maxUnavailable is not written: the default 1 takes one node's pod down at a time".to_owned(),
                    Some(object.locate("spec.updateStrategy")),
                ),
            }
        }
        Resource::StatefulSet(_) => Verdict::Na(
            "a StatefulSet stops each pod before recreating it (maxUnavailable is at least 1)"
                .to_owned(),
        ),
        _ => Verdict::Na(format!("a {} has no rolling update to tune", object.kind)),
    }
}

/// The verdict for a surge-based rollout (a Deployment's, or a DeploymentConfig's, whose
/// fenceposts sit at `rolling_path`), resolved the way the Deployment controller does.
fn surge_based(
    object: &Object,
    recreate: bool,
    written_unavailable: Option<&IntOrString>,
    written_surge: Option<&IntOrString>,
    replicas: i32,
    rolling_path: &str,
) -> Verdict {
    if recreate {
        return Verdict::Fail(
            "strategy Recreate: every pod is down during an update".to_owned(),
            Some(object.locate("spec.strategy.type")),
        );
    }
    let default = IntOrString::String("25%".to_owned());
    let unavailable_value = written_unavailable.unwrap_or(&default);
    let surge_value = written_surge.unwrap_or(&default);
    let (Some(mut unavailable), Some(surge)) = (
        resolve_int_or_percent(unavailable_value, replicas, false),
        resolve_int_or_percent(surge_value, replicas, true),
    ) else {
        return Verdict::Fail(
            format!(
                "maxUnavailable {} cannot be read as a number or a percentage",
                describe_int_or_string(unavailable_value)
            ),
            Some(object.locate(&format!("{rolling_path}.maxUnavailable"))),
        );
    };
    let both_zero = unavailable == 0 && surge == 0;
    if both_zero {
        unavailable = 1;
    }
    let written = describe_int_or_string(unavailable_value);
    let how = match (written_unavailable, unavailable_value) {
        (None, _) => {
            format!("maxUnavailable is not written: the default 25% of {replicas} replicas")
        }
        (Some(_), IntOrString::String(_)) => {
            format!("maxUnavailable {written} of {replicas} replicas")
        }
        (Some(_), IntOrString::Int(_)) => format!("maxUnavailable {written}"),
    };
    let at = object
        .find(&format!("{rolling_path}.maxUnavailable"))
        .or_else(|| object.find("spec.strategy"));
    if unavailable == 0 {
        let why = if matches!(unavailable_value, IntOrString::Int(_)) {
            format!("{how}: a pod stops only after its replacement is ready")
        } else {
            format!("{how} rounds down to 0: a pod stops only after its replacement is ready")
        };
        Verdict::Pass(why)
    } else if both_zero {
        Verdict::Fail(
            format!(
                "{how} and maxSurge both resolve to 0, so the controller lets 1 pod be unavailable"
            ),
            at,
        )
    } else {
        let of = if matches!(unavailable_value, IntOrString::Int(_)) {
            String::new()
        } else {
            format!(" (resolves to {unavailable})")
        };
        Verdict::Fail(
            format!(
                "{how}{of}: up to {unavailable} of {replicas} pods may be down during a rollout"
            ),
            at,
        )
    }
}
