//! Services: the pods they select and the container ports their `targetPort`s land on, the
//! StatefulSets' governing Services, and the ServiceMonitors that scrape them.

use std::collections::BTreeMap;

use foldhash::{HashSet, HashSetExt};
use k8s_openapi::api::core::v1::Container;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::selectors::{label_suggestion, required_labels};
use super::{Builder, PodInfo, Resolved};
use crate::graph::operators::operator_ports;
use crate::graph::{ProblemCode, Relation};
use crate::model::{
    Object, ObjectId, Resource, describe_label_map, describe_selector, map_selector_matches,
    selector_matches,
};
use crate::text::closest;

impl<'m> Builder<'m> {
    pub(super) fn services(&mut self) {
        for obj in self.objects() {
            let Resource::Service(svc) = &*obj.resource else {
                continue;
            };
            let Some(spec) = &svc.spec else { continue };
            if spec.type_.as_deref() == Some("ExternalName") {
                continue;
            }
            let Some(selector) = spec.selector.as_ref().filter(|s| !s.is_empty()) else {
                continue;
            };
            let ns = obj.ns();
            let described = describe_label_map(selector);
            let required: Vec<(&str, &str)> = selector
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let matched = self.select(ns, &required, |labels| {
                map_selector_matches(selector, labels)
            });
            let reason = format!("spec.selector {described} matches the pod's labels");
            self.selects_edges(obj, &matched, "spec.selector", &reason);
            if matched.is_empty() {
                self.selects_no_pod(
                    obj,
                    ProblemCode::ServiceSelectsNoPods,
                    "spec.selector",
                    &format!("selector {described}"),
                    ns,
                    &required,
                );
            } else {
                self.target_ports(obj, &matched);
            }
            self.service_pods.insert(obj.id.clone(), matched);
        }
    }

    /// Each port's `targetPort` must be declared by the containers of every selected workload.
    fn target_ports(&mut self, obj: &'m Object, matched: &[PodInfo<'m>]) {
        let Resource::Service(svc) = &*obj.resource else {
            return;
        };
        let ports = svc
            .spec
            .as_ref()
            .and_then(|s| s.ports.as_deref())
            .unwrap_or_default();
        let mut seen = HashSet::new();
        let templates: Vec<&Object> = matched
            .iter()
            .map(|pod| pod.template)
            .filter(|t| seen.insert(&t.id))
            .collect();
        for (i, port) in ports.iter().enumerate() {
            let target = effective_target_port(port);
            let protocol = port.protocol.as_deref().unwrap_or("TCP");
            let unresolved: Vec<&Object> = templates
                .iter()
                .copied()
                .filter(|t| resolve_port(t, &target, protocol).is_none())
                .collect();
            if unresolved.is_empty() {
                continue;
            }
            let field = obj
                .find(&format!("spec.ports[{i}].targetPort"))
                .map_or_else(
                    || format!("spec.ports[{i}].port"),
                    |_| format!("spec.ports[{i}].targetPort"),
                );
            if let IntOrString::Int(n) = &target
                && unresolved.iter().all(|t| declared_ports(t).is_empty())
            {
                // Undeclared numeric ports are served: containerPort is documentation.
                let who = unresolved
                    .iter()
                    .map(|t| t.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                let message = format!(
                    "targetPort {n} ({protocol}) reaches the containers of {who}, which declare no ports: declare containerPort {n} for readability"
                );
                self.problem(
                    obj,
                    ProblemCode::ServiceTargetportUnresolved,
                    &field,
                    message,
                    None,
                    None,
                    false,
                );
                self.advisory();
                continue;
            }
            let who = unresolved
                .iter()
                .map(|t| t.id.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let declared = unresolved
                .iter()
                .flat_map(|t| declared_ports(t))
                .map(|(_, p)| describe_container_port(&p))
                .collect::<Vec<_>>();
            let declared = if declared.is_empty() {
                "none".to_owned()
            } else {
                dedup_join(declared)
            };
            let (message, suggestion, definite) = match &target {
                IntOrString::String(name) => {
                    let names: Vec<String> = unresolved
                        .iter()
                        .flat_map(|t| declared_ports(t))
                        .filter_map(|(_, p)| p.name)
                        .collect();
                    let suggestion =
                        closest(name, names.iter().map(String::as_str)).map(str::to_owned);
                    (
                        format!(
                            "targetPort {name} ({protocol}) is not a port name declared by the containers of {who} (declared: {declared})"
                        ),
                        suggestion,
                        true,
                    )
                }
                IntOrString::Int(n) => (
                    format!(
                        "targetPort {n} ({protocol}) is not among the containerPorts declared by {who} (declared: {declared})"
                    ),
                    None,
                    false,
                ),
            };
            self.problem(
                obj,
                ProblemCode::ServiceTargetportUnresolved,
                &field,
                message,
                suggestion,
                None,
                definite,
            );
        }
    }

    pub(super) fn statefulset_services(&mut self) {
        for obj in self.objects() {
            let Resource::StatefulSet(s) = &*obj.resource else {
                continue;
            };
            let Some(name) = s.spec.service_name.as_deref().filter(|n| !n.is_empty()) else {
                continue;
            };
            let ns = obj.ns();
            let id = ObjectId::new("Service", Some(ns), name);
            let location = Some(obj.locate("spec.serviceName"));
            let described = format!("spec.serviceName \"{name}\"");
            match self.objects.get(&id).copied() {
                Some(svc_obj) => {
                    let headless = match &*svc_obj.resource {
                        Resource::Service(svc) => {
                            svc.spec.as_ref().and_then(|s| s.cluster_ip.as_deref()) == Some("None")
                        }
                        _ => false,
                    };
                    let reason =
                        format!("{described}: the Service that gives each pod its DNS name");
                    self.edge(&obj.id, &id, Relation::Uses, true, reason, location);
                    if !headless {
                        let message = format!(
                            "serviceName \"{name}\" names a Service that is not headless (no clusterIP: None), so the pods get no stable DNS names"
                        );
                        self.problem(
                            obj,
                            ProblemCode::StatefulsetServiceNotHeadless,
                            "spec.serviceName",
                            message,
                            None,
                            None,
                            true,
                        );
                    }
                }
                None => {
                    let to = self.absent_node("Service", Some(ns), name, false);
                    let reason = format!("{described} is not defined in namespace {ns}");
                    self.edge(&obj.id, &to, Relation::Uses, false, reason, location);
                    let note = self.elsewhere_note("Service", ns, name, "a StatefulSet");
                    let message = format!(
                        "serviceName \"{name}\" names a Service not found in the loaded manifests for namespace {ns}{note}"
                    );
                    let suggestion = self.similar_name("Service", ns, name);
                    self.problem(
                        obj,
                        ProblemCode::StatefulsetServiceMissing,
                        "spec.serviceName",
                        message,
                        suggestion,
                        None,
                        true,
                    );
                }
            }
        }
    }

    /// The Services a ServiceMonitor in `own` looks at, in order: every Service when `any`, else
    /// those of the namespaces `names`, else those of `own`.
    fn services_in(&self, any: bool, names: &[&str], own: &str) -> Vec<&'m Object> {
        let of = |ns: &str| self.services_by_namespace.get(ns).into_iter().flatten();
        let mut services: Vec<(usize, &'m Object)> = if any {
            self.services_by_namespace
                .values()
                .flatten()
                .copied()
                .collect()
        } else if names.is_empty() {
            of(own).copied().collect()
        } else {
            let mut wanted = names.to_vec();
            wanted.sort_unstable();
            wanted.dedup();
            wanted.into_iter().flat_map(of).copied().collect()
        };
        services.sort_unstable_by_key(|(position, _)| *position);
        services.into_iter().map(|(_, s)| s).collect()
    }

    pub(super) fn service_monitors(&mut self) {
        for obj in self.objects() {
            if obj.kind != "ServiceMonitor" {
                continue;
            }
            let spec = &obj.raw["spec"];
            let Ok(selector) = serde_json::from_value::<LabelSelector>(spec["selector"].clone())
            else {
                continue;
            };
            let namespace_selector = &spec["namespaceSelector"];
            let any = namespace_selector["any"].as_bool() == Some(true);
            let names: Vec<&str> = namespace_selector["matchNames"]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                .unwrap_or_default();
            let services = self.services_in(any, &names, obj.ns());
            let described = describe_selector(&selector);
            let location = Some(obj.locate("spec.selector"));
            let mut matched = 0;
            for svc in &services {
                if selector_matches(&selector, svc.labels()) {
                    matched += 1;
                    let reason = format!("spec.selector {described} matches the Service's labels");
                    self.edge(
                        &obj.id,
                        &svc.id,
                        Relation::Selects,
                        true,
                        reason,
                        location.clone(),
                    );
                }
            }
            if matched == 0 && !services.is_empty() {
                let labels: Vec<&BTreeMap<String, String>> =
                    services.iter().map(|s| s.labels()).collect();
                let suggestion = label_suggestion(&labels, &required_labels(&selector));
                let scope = if any {
                    "any namespace".to_owned()
                } else if names.is_empty() {
                    format!("namespace {}", obj.ns())
                } else {
                    format!("namespaces {}", names.join(", "))
                };
                let message = format!("selector {described} matches no Service in {scope}");
                self.problem(
                    obj,
                    ProblemCode::ServicemonitorSelectsNothing,
                    "spec.selector",
                    message,
                    suggestion,
                    None,
                    true,
                );
            }
        }
    }
}

/// A numeric `targetPort` on pods whose containers declare no ports reaches the pod's first
/// container (the port is served whether or not it is declared).
pub(super) fn undeclared_numeric<'m>(
    pods: &[PodInfo<'m>],
    target: &IntOrString,
) -> Option<Resolved<'m>> {
    let IntOrString::Int(n) = target else {
        return None;
    };
    pods.iter().find_map(|p| {
        if !declared_ports(p.template).is_empty() {
            return None;
        }
        let first = p.template.containers().into_iter().find(|c| !c.init)?;
        Some(Resolved {
            container: first.container.name.clone(),
            port: *n,
            port_name: None,
            template: p.template,
            undeclared: true,
        })
    })
}

/// The ports a pod's serving containers declare (containers, and init containers that keep
/// running as sidecars), with the container's name.
fn declared_ports(obj: &Object) -> Vec<(String, k8s_openapi::api::core::v1::ContainerPort)> {
    if let Some(ports) = operator_ports(obj) {
        return ports;
    }
    serving_ports(obj)
        .map(|(container, port)| (container.name.clone(), port.clone()))
        .collect()
}

/// The ports written in the serving containers of `obj`'s pod spec, with their container.
fn serving_ports(
    obj: &Object,
) -> impl Iterator<Item = (&Container, &k8s_openapi::api::core::v1::ContainerPort)> {
    obj.containers()
        .into_iter()
        .filter(|c| !c.init || is_sidecar(c.container))
        .flat_map(|c| {
            let container = c.container;
            container
                .ports
                .iter()
                .flatten()
                .map(move |p| (container, p))
        })
}

fn is_sidecar(container: &Container) -> bool {
    container.restart_policy.as_deref() == Some("Always")
}

/// The container port a Service's `targetPort` lands on in `obj`'s pods: by name (and
/// protocol) for a named port, by number for a numeric one.
pub(super) fn resolve_port(
    obj: &Object,
    target: &IntOrString,
    protocol: &str,
) -> Option<(String, k8s_openapi::api::core::v1::ContainerPort)> {
    let lands = |p: &k8s_openapi::api::core::v1::ContainerPort| {
        p.protocol.as_deref().unwrap_or("TCP") == protocol
            && match target {
                IntOrString::Int(n) => p.container_port == *n,
                IntOrString::String(name) => p.name.as_deref() == Some(name.as_str()),
            }
    };
    if let Some(ports) = operator_ports(obj) {
        return ports.into_iter().find(|(_, p)| lands(p));
    }
    // Not `declared_ports`, which copies every port first: a Service is resolved against each
    // workload it selects.
    serving_ports(obj)
        .find(|(_, port)| lands(port))
        .map(|(container, port)| (container.name.clone(), port.clone()))
}

fn describe_container_port(port: &k8s_openapi::api::core::v1::ContainerPort) -> String {
    match &port.name {
        Some(name) => format!("{}/{name}", port.container_port),
        None => port.container_port.to_string(),
    }
}

/// A Service port's `targetPort`: unset or `0` mean the same as `port`, as the API server defaults
/// it.
pub(super) fn effective_target_port(port: &k8s_openapi::api::core::v1::ServicePort) -> IntOrString {
    match &port.target_port {
        None | Some(IntOrString::Int(0)) => IntOrString::Int(port.port),
        Some(IntOrString::String(s)) if s.is_empty() => IntOrString::Int(port.port),
        Some(target) => target.clone(),
    }
}

fn dedup_join(mut items: Vec<String>) -> String {
    let mut seen = HashSet::new();
    items.retain(|i| seen.insert(i.clone()));
    items.join(", ")
}
