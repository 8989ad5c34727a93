//! NetworkPolicies and RBAC bindings.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use super::selectors::required_labels;
use super::{Builder, builtin};
use crate::graph::{ProblemCode, Relation};
use crate::model::{ObjectId, Resource, describe_selector, selector_matches};

impl Builder<'_> {
    pub(super) fn network_policies(&mut self) {
        for obj in self.objects() {
            let Resource::NetworkPolicy(np) = &*obj.resource else {
                continue;
            };
            let ns = obj.ns();
            let empty = LabelSelector::default();
            let spec = np.spec.as_ref();
            let selector = spec.and_then(|s| s.pod_selector.as_ref()).unwrap_or(&empty);
            let selects_all = is_empty_selector(selector);
            let described = describe_selector(selector);
            let matched = self.select(ns, &required_labels(selector), |labels| {
                selector_matches(selector, labels)
            });
            let reason = if selects_all {
                "spec.podSelector is empty, so it selects every pod in the namespace".to_owned()
            } else {
                format!("spec.podSelector {described} matches the pod's labels")
            };
            self.selects_edges(obj, &matched, "spec.podSelector", &reason);
            if matched.is_empty() && !selects_all {
                self.selects_no_pod(
                    obj,
                    ProblemCode::NetworkpolicySelectsNothing,
                    "spec.podSelector",
                    &format!("podSelector {described}"),
                    ns,
                    &required_labels(selector),
                );
            }
            if !self.has_pods(ns) {
                continue;
            }
            let Some(spec) = spec else { continue };
            let mut peers = Vec::new();
            for (i, rule) in spec.ingress.iter().flatten().enumerate() {
                for (j, peer) in rule.from.iter().flatten().enumerate() {
                    peers.push((format!("spec.ingress[{i}].from[{j}].podSelector"), peer));
                }
            }
            for (i, rule) in spec.egress.iter().flatten().enumerate() {
                for (j, peer) in rule.to.iter().flatten().enumerate() {
                    peers.push((format!("spec.egress[{i}].to[{j}].podSelector"), peer));
                }
            }
            for (field, peer) in peers {
                if peer.namespace_selector.is_some() {
                    continue;
                }
                let Some(selector) = peer.pod_selector.as_ref().filter(|s| !is_empty_selector(s))
                else {
                    continue;
                };
                if !self
                    .select(ns, &required_labels(selector), |labels| {
                        selector_matches(selector, labels)
                    })
                    .is_empty()
                {
                    continue;
                }
                let described = describe_selector(selector);
                let suggestion = self.label_suggestion(ns, &required_labels(selector));
                let makers = self.pod_makers(ns);
                let message = if makers.is_empty() {
                    format!("peer podSelector {described} matches no pod in namespace {ns}")
                } else {
                    format!(
                        "cannot tell whether peer podSelector {described} matches a pod in namespace {ns}: {} may create the pods",
                        makers.join(", ")
                    )
                };
                self.problem(
                    obj,
                    ProblemCode::NetworkpolicyPeerSelectsNothing,
                    &field,
                    message,
                    suggestion,
                    None,
                    true,
                );
                if !makers.is_empty() {
                    self.advisory();
                }
            }
        }
    }

    pub(super) fn role_bindings(&mut self) {
        for obj in self.objects() {
            let (role_ref, subjects, namespace) = match &*obj.resource {
                Resource::RoleBinding(rb) => (&rb.role_ref, rb.subjects.as_deref(), Some(obj.ns())),
                Resource::ClusterRoleBinding(crb) => (&crb.role_ref, crb.subjects.as_deref(), None),
                _ => continue,
            };
            let role_ns = if role_ref.kind == "Role" {
                namespace
            } else {
                None
            };
            if !role_ref.name.is_empty() {
                let id = ObjectId::new(&role_ref.kind, role_ns, &role_ref.name);
                let location = Some(obj.locate("roleRef.name"));
                let described = format!("roleRef {} \"{}\"", role_ref.kind, role_ref.name);
                if self.exists(&id) {
                    self.edge(&obj.id, &id, Relation::Uses, true, described, location);
                } else if builtin(&role_ref.kind, role_ns.unwrap_or(""), &role_ref.name) {
                    let to = self.absent_node(&role_ref.kind, role_ns, &role_ref.name, true);
                    let reason = format!("{described} (built into every cluster)");
                    self.edge(&obj.id, &to, Relation::Uses, true, reason, location);
                } else {
                    let to = self.absent_node(&role_ref.kind, role_ns, &role_ref.name, false);
                    let place = role_ns
                        .map(|ns| format!(" for namespace {ns}"))
                        .unwrap_or_default();
                    let reason = format!("{described} is not in the loaded manifests{place}");
                    self.edge(&obj.id, &to, Relation::Uses, false, reason, location);
                    let message = format!(
                        "roleRef names {} \"{}\", not found in the loaded manifests{place}",
                        role_ref.kind, role_ref.name
                    );
                    let suggestion =
                        self.similar_name(&role_ref.kind, role_ns.unwrap_or(""), &role_ref.name);
                    self.problem(
                        obj,
                        ProblemCode::RbacBindingRefMissing,
                        "roleRef.name",
                        message,
                        suggestion,
                        None,
                        false,
                    );
                }
            }
            for (i, subject) in subjects.unwrap_or_default().iter().enumerate() {
                if subject.kind != "ServiceAccount" || subject.name.is_empty() {
                    continue;
                }
                let Some(sub_ns) = subject.namespace.as_deref().or(namespace) else {
                    continue;
                };
                let id = ObjectId::new("ServiceAccount", Some(sub_ns), &subject.name);
                let field = format!("subjects[{i}].name");
                let location = Some(obj.locate(&field));
                let described = format!(
                    "subjects[{i}] ServiceAccount \"{}\" in namespace {sub_ns}",
                    subject.name
                );
                if self.exists(&id) {
                    self.edge(&obj.id, &id, Relation::Uses, true, described, location);
                } else if builtin("ServiceAccount", sub_ns, &subject.name) {
                    let to = self.absent_node("ServiceAccount", Some(sub_ns), &subject.name, true);
                    let reason = format!("{described} (Kubernetes creates it in every namespace)");
                    self.edge(&obj.id, &to, Relation::Uses, true, reason, location);
                } else {
                    let to = self.absent_node("ServiceAccount", Some(sub_ns), &subject.name, false);
                    let reason = format!("{described} is not in the loaded manifests");
                    self.edge(&obj.id, &to, Relation::Uses, false, reason, location);
                    let message = format!(
                        "subjects[{i}] names ServiceAccount \"{}\", not found in the loaded manifests for namespace {sub_ns}",
                        subject.name
                    );
                    let suggestion = self.similar_name("ServiceAccount", sub_ns, &subject.name);
                    self.problem(
                        obj,
                        ProblemCode::RbacSubjectMissing,
                        &field,
                        message,
                        suggestion,
                        None,
                        false,
                    );
                }
            }
        }
    }
}

fn is_empty_selector(selector: &LabelSelector) -> bool {
    selector
        .match_labels
        .as_ref()
        .is_none_or(std::collections::BTreeMap::is_empty)
        && selector
            .match_expressions
            .as_ref()
            .is_none_or(Vec::is_empty)
}
