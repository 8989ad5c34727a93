//! Label selectors over the pods, and "did you mean" suggestions for those that match nothing.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Builder, PodInfo};
use crate::graph::operators::operator_pods;
use crate::graph::{ProblemCode, Relation};
use crate::model::Object;
use crate::text::closest;

impl<'m> Builder<'m> {
    /// The pods of `namespace` whose labels `matches` accepts, in the order they were added.
    /// `required` are `key=value` labels every accepted pod carries (possibly none): only the
    /// pods with the rarest of them are tried.
    pub(super) fn select(
        &self,
        namespace: &str,
        required: &[(&str, &str)],
        matches: impl Fn(&BTreeMap<String, String>) -> bool,
    ) -> Vec<PodInfo<'m>> {
        let Some(pods) = self.pods.get(namespace) else {
            return Vec::new();
        };
        let accept = |p: &&PodInfo<'m>| matches(&self.nodes[p.node].labels);
        match self.pod_labels.candidates(namespace, required) {
            Some(positions) => positions
                .iter()
                .filter_map(|&i| pods.get(i))
                .filter(accept)
                .copied()
                .collect(),
            None => pods.iter().filter(accept).copied().collect(),
        }
    }

    /// A `Selects` edge from `obj` to each pod of `matched`, for `reason`, located at `field`.
    pub(super) fn selects_edges(
        &mut self,
        obj: &Object,
        matched: &[PodInfo<'m>],
        field: &str,
        reason: &str,
    ) {
        let location = Some(obj.locate(field));
        let Some(&from) = self.index.get(&obj.id) else {
            return;
        };
        let shared: Arc<str> = reason.into();
        for pod in matched {
            let reason = match operator_pods(pod.template) {
                Some(made) => format!(
                    "{reason} (the pod comes from {} {}, made by the {})",
                    pod.template.kind, pod.template.name, made.operator
                )
                .into(),
                None => shared.clone(),
            };
            self.edge_between(
                from,
                pod.node,
                Relation::Selects,
                true,
                reason,
                location.clone(),
            );
        }
    }

    /// The problem `code` at `field` of `obj`, whose `selector` (e.g. `selector app=web`) matches
    /// no pod of namespace `ns`: definite when the loaded manifests run pods there, with the
    /// closest labels they carry as a suggestion.
    pub(super) fn selects_no_pod(
        &mut self,
        obj: &Object,
        code: ProblemCode,
        field: &str,
        selector: &str,
        ns: &str,
        required: &[(&str, &str)],
    ) {
        let suggestion = self.label_suggestion(ns, required);
        let definite = self.has_pods(ns);
        let makers = self.pod_makers(ns);
        if !makers.is_empty() {
            let message = format!(
                "cannot tell whether {selector} matches a pod in namespace {ns}: {} may create the pods, and Manifesto cannot model {}",
                makers.join(", "),
                if makers.len() == 1 { "it" } else { "them" }
            );
            self.problem(obj, code, field, message, suggestion, None, false);
            self.advisory();
            return;
        }
        let message = if definite {
            format!("{selector} matches no pod in namespace {ns}")
        } else {
            format!("{selector} matches no pod: the loaded manifests run no pod in namespace {ns}")
        };
        self.problem(obj, code, field, message, suggestion, None, definite);
    }

    /// The custom resources of namespace `ns` that Manifesto cannot model but that may create
    /// pods (e.g. `Kafka/data/events`), at most five, then a count of the others.
    pub(super) fn pod_makers(&self, ns: &str) -> Vec<String> {
        let mut makers: Vec<String> = self
            .pod_makers
            .get(ns)
            .into_iter()
            .flatten()
            .map(|o| format!("{} {}", o.kind, o.name))
            .collect();
        if makers.len() > 5 {
            let more = makers.len() - 5;
            makers.truncate(5);
            makers.push(format!("{more} more custom resources"));
        }
        makers
    }

    pub(super) fn has_pods(&self, namespace: &str) -> bool {
        self.pods.get(namespace).is_some_and(|p| !p.is_empty())
    }

    /// A `key=value` label of the namespace's pods one typo away from a required one that no pod
    /// carries.
    pub(super) fn label_suggestion(
        &self,
        namespace: &str,
        required: &[(&str, &str)],
    ) -> Option<String> {
        let pods = self.pods.get(namespace)?;
        let labels: Vec<&BTreeMap<String, String>> =
            pods.iter().map(|p| &self.nodes[p.node].labels).collect();
        label_suggestion(&labels, required)
    }
}

pub(crate) use crate::model::index::required_labels;

/// For the first required `key=value` that no label set carries, an existing `key=value` one typo
/// away (in the value, else in the key).
pub(super) fn label_suggestion(
    labels: &[&BTreeMap<String, String>],
    required: &[(&str, &str)],
) -> Option<String> {
    for (key, value) in required {
        if labels
            .iter()
            .any(|l| l.get(*key).map(String::as_str) == Some(*value))
        {
            continue;
        }
        let values: Vec<&str> = labels
            .iter()
            .filter_map(|l| l.get(*key))
            .map(String::as_str)
            .collect();
        if let Some(v) = closest(value, values) {
            return Some(format!("{key}={v}"));
        }
        let keys: Vec<&str> = labels
            .iter()
            .flat_map(|l| l.iter())
            .filter(|(_, v)| v.as_str() == *value)
            .map(|(k, _)| k.as_str())
            .collect();
        if let Some(k) = closest(key, keys) {
            return Some(format!("{k}={value}"));
        }
    }
    None
}
