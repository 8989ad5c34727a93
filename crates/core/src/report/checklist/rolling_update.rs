//! `rolling-update`: Deployments and DaemonSets roll out gradually.

use super::{Row, Verdict, no_related};
use crate::model::{Model, Object, Resource};

/// The `rolling-update` row.
pub(super) const ROW: Row = Row {
    id: "rolling-update",
    title: "Rolling update strategy",
    checks: &["rollout-strategy-recreate"],
    rule: "Deployments, DeploymentConfigs and DaemonSets roll out gradually; bare Pods, ReplicaSets and ReplicationControllers cannot; not applicable to StatefulSets (ordered updates) and Jobs",
    fix: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0\n  selector:\n    matchLabels:\n      app: web\n  template: # the Pod's (or the ReplicaSet template's) metadata and spec\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: web:1.0.0\n",
    verdict: rolling_update,
    judged_by_checks: false,
    related: no_related,
};

fn rolling_update(object: &Object, _model: &Model) -> Verdict {
    match &*object.resource {
        Resource::Deployment(d) => {
            let strategy = d.spec.strategy.as_ref();
            match strategy.and_then(|s| s.type_.as_deref()) {
                Some("Recreate") => Verdict::Fail(
                    "strategy Recreate stops every pod before starting the new ones".to_owned(),
                    Some(object.locate("spec.strategy.type")),
                ),
                Some(t) => Verdict::Pass(format!("strategy {t}")),
                None => Verdict::Pass("strategy RollingUpdate (the default)".to_owned()),
            }
        }
        Resource::DaemonSet(d) => match d.spec.update_strategy.as_ref().and_then(|s| s.type_.as_deref()) {
            Some("OnDelete") => Verdict::Fail(
                "updateStrategy OnDelete: pods change only when someone deletes them".to_owned(),
                Some(object.locate("spec.updateStrategy.type")),
            ),
            _ => Verdict::Pass("updateStrategy RollingUpdate".to_owned()),
        },
        Resource::StatefulSet(s) => match s.spec.update_strategy.as_ref().and_then(|s| s.type_.as_deref()) {
            Some("OnDelete") => Verdict::Fail(
                "updateStrategy OnDelete: pods change only when someone deletes them".to_owned(),
                Some(object.locate("spec.updateStrategy.type")),
            ),
            _ => Verdict::Na("a StatefulSet replaces its pods one at a time in ordinal order; surge-based rolling updates do not apply".to_owned()),
        },
        Resource::DeploymentConfig(d) => match d.strategy_type() {
            "Rolling" => Verdict::Pass("strategy Rolling".to_owned()),
            other => Verdict::Fail(
                format!("strategy {other} does not replace pods gradually"),
                Some(object.locate("spec.strategy.type")),
            ),
        },
        Resource::ReplicationController(_) => Verdict::Fail(
            "a ReplicationController cannot roll out a new template: running pods keep the old one; use a Deployment".to_owned(),
            Some(object.locate("kind")),
        ),
        Resource::ReplicaSet(_) => Verdict::Fail(
            "a ReplicaSet cannot roll out a new template: running pods keep the old one; use a Deployment".to_owned(),
            Some(object.locate("kind")),
        ),
        Resource::Pod(_) => Verdict::Fail(
            "a bare Pod cannot be rolled out: updating it means deleting it; use a Deployment".to_owned(),
            Some(object.locate("kind")),
        ),
        _ => Verdict::Na(format!("a {} runs to completion; there is nothing to roll out", object.kind)),
    }
}
