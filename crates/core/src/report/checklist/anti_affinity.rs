//! `anti-affinity`: podAntiAffinity or topologySpreadConstraints spread the replicas.

use super::{Row, Verdict, no_related};
use crate::model::{Model, Object};

/// The `anti-affinity` row.
pub(super) const ROW: Row = Row {
    id: "anti-affinity",
    title: "Anti-affinity rules",
    checks: &["anti-affinity-missing"],
    rule: "podAntiAffinity or topologySpreadConstraints spread the pods and anti-affinity-missing finds nothing; applies to Deployments, StatefulSets and ReplicaSets with 2 or more replicas",
    fix: "affinity:\n  podAntiAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 100\n        podAffinityTerm:\n          labelSelector:\n            matchLabels:\n              app: web\n          topologyKey: kubernetes.io/hostname\n",
    verdict: anti_affinity,
    judged_by_checks: true,
    related: no_related,
};

fn anti_affinity(object: &Object, _model: &Model) -> Verdict {
    if !object.has_replicas() {
        let why = match object.kind.as_str() {
            "DaemonSet" => "a DaemonSet already runs one pod per node".to_owned(),
            kind => format!("a {kind} runs no replicas to spread"),
        };
        return Verdict::Na(why);
    }
    let replicas = object.written_replicas().unwrap_or(1);
    if replicas < 2 {
        return Verdict::Na(format!("{replicas} replica: nothing to spread"));
    }
    let spec = object.pod_spec().map(|s| s.spec);
    let anti = spec
        .and_then(|s| s.affinity.as_ref())
        .and_then(|a| a.pod_anti_affinity.as_ref());
    let why = match anti {
        Some(a) => {
            let terms: Vec<String> = a
                .required_during_scheduling_ignored_during_execution
                .iter()
                .flatten()
                .map(|t| format!("required on {}", t.topology_key))
                .chain(
                    a.preferred_during_scheduling_ignored_during_execution
                        .iter()
                        .flatten()
                        .map(|t| format!("preferred on {}", t.pod_affinity_term.topology_key)),
                )
                .collect();
            format!(
                "{replicas} replicas spread by podAntiAffinity ({})",
                terms.join(", ")
            )
        }
        None if spec.is_some_and(|s| {
            s.topology_spread_constraints
                .as_ref()
                .is_some_and(|t| !t.is_empty())
        }) =>
        {
            format!("{replicas} replicas spread by topologySpreadConstraints")
        }
        None => {
            return Verdict::Fail(
                format!(
                    "{replicas} replicas and neither podAntiAffinity nor topologySpreadConstraints spreads them over nodes"
                ),
                Some(object.locate(object.pod_spec().map_or("spec", |s| s.path))),
            );
        }
    };
    Verdict::Pass(why)
}
