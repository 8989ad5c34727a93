//! HorizontalPodAutoscalers and PodDisruptionBudgets.

use super::Builder;
use super::selectors::required_labels;
use crate::graph::{ProblemCode, Relation};
use crate::model::{ObjectId, Resource, describe_selector, selector_matches};

impl Builder<'_> {
    pub(super) fn autoscalers(&mut self) {
        for obj in self.objects() {
            let Resource::HorizontalPodAutoscaler(hpa) = &*obj.resource else {
                continue;
            };
            let ns = obj.ns();
            let target = &hpa.spec.scale_target_ref;
            if target.name.is_empty() || target.kind.is_empty() {
                let message =
                    "spec.scaleTargetRef names no workload, so the autoscaler scales nothing"
                        .to_owned();
                self.problem(
                    obj,
                    ProblemCode::HpaTargetMissing,
                    "spec.scaleTargetRef",
                    message,
                    None,
                    None,
                    true,
                );
                continue;
            }
            let id = ObjectId::new(&target.kind, Some(ns), &target.name);
            let location = Some(obj.locate("spec.scaleTargetRef.name"));
            let min = hpa.spec.min_replicas.unwrap_or(1);
            let max = hpa.spec.max_replicas;
            if self.exists(&id) {
                let reason = format!(
                    "spec.scaleTargetRef {} \"{}\": between minReplicas {min} and maxReplicas {max}",
                    target.kind, target.name
                );
                self.edge(&obj.id, &id, Relation::Scales, true, reason, location);
                continue;
            }
            let to = self.absent_node(&target.kind, Some(ns), &target.name, false);
            let reason = format!(
                "spec.scaleTargetRef {} \"{}\" is not defined in namespace {ns}",
                target.kind, target.name
            );
            self.edge(&obj.id, &to, Relation::Scales, false, reason, location);
            let mut other_kinds: Vec<&str> = self
                .by_namespace_name
                .get(&(ns, target.name.as_str()))
                .into_iter()
                .flatten()
                .filter(|o| o.kind != target.kind && o.has_replicas())
                .map(|o| o.kind.as_str())
                .collect();
            other_kinds.sort_unstable();
            let note = match other_kinds.first() {
                Some(kind) => format!(" (a {kind} of that name exists: check scaleTargetRef.kind)"),
                None => self.elsewhere_note(&target.kind, ns, &target.name, "an autoscaler"),
            };
            let message = format!(
                "scaleTargetRef names {} \"{}\", not found in the loaded manifests for namespace {ns}{note}",
                target.kind, target.name
            );
            let suggestion = self.similar_name(&target.kind, ns, &target.name);
            self.problem(
                obj,
                ProblemCode::HpaTargetMissing,
                "spec.scaleTargetRef.name",
                message,
                suggestion,
                None,
                true,
            );
        }
    }

    pub(super) fn disruption_budgets(&mut self) {
        for obj in self.objects() {
            let Resource::PodDisruptionBudget(pdb) = &*obj.resource else {
                continue;
            };
            let ns = obj.ns();
            let selector = pdb.spec.as_ref().and_then(|s| s.selector.as_ref());
            let Some(selector) = selector else {
                let message =
                    "no spec.selector: a PodDisruptionBudget without a selector protects no pod"
                        .to_owned();
                self.problem(
                    obj,
                    ProblemCode::PdbSelectsNothing,
                    "spec",
                    message,
                    None,
                    None,
                    true,
                );
                continue;
            };
            let described = describe_selector(selector);
            let matched = self.select(ns, &required_labels(selector), |labels| {
                selector_matches(selector, labels)
            });
            let reason = format!("spec.selector {described} matches the pod's labels");
            self.selects_edges(obj, &matched, "spec.selector", &reason);
            if matched.is_empty() {
                self.selects_no_pod(
                    obj,
                    ProblemCode::PdbSelectsNothing,
                    "spec.selector",
                    &format!("selector {described}"),
                    ns,
                    &required_labels(selector),
                );
            }
        }
    }
}
