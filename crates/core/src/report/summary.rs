//! One-line descriptions of objects, for the per-component part of the review.

use std::collections::BTreeSet;

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::ObjectSummary;
use crate::model::{Model, Object, Resource, describe_label_map};
use crate::text::first_few;

/// Every object of the model (each id once, the last definition winning), described.
pub(super) fn summaries(model: &Model) -> Vec<ObjectSummary> {
    let mut seen = BTreeSet::new();
    model
        .objects
        .iter()
        .filter(|o| seen.insert(o.id.clone()))
        .map(|o| model.get(&o.id).unwrap_or(o))
        .map(|o| ObjectSummary {
            id: o.id.clone(),
            kind: o.kind.clone(),
            name: o.name.clone(),
            file: o.file.to_string(),
            line: o.pos.line,
            summary: describe(o),
        })
        .collect()
}

fn int_or_string(v: &IntOrString) -> String {
    match v {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

fn images(object: &Object) -> String {
    let images: Vec<String> = object
        .containers()
        .iter()
        .filter(|c| !c.init)
        .filter_map(|c| c.container.image.clone())
        .collect();
    if images.is_empty() {
        "no image".to_owned()
    } else {
        first_few(&images, 3)
    }
}

fn replicas(n: i32) -> String {
    if n == 1 {
        "1 replica".to_owned()
    } else {
        format!("{n} replicas")
    }
}

fn describe(object: &Object) -> String {
    match &*object.resource {
        Resource::Namespace(_) => {
            let labels = describe_label_map(object.labels());
            if labels.is_empty() {
                "a namespace".to_owned()
            } else {
                format!("a namespace labelled {labels}")
            }
        }
        Resource::ConfigMap(cm) => {
            let keys: Vec<String> = cm
                .data
                .iter()
                .flatten()
                .map(|(k, _)| k.clone())
                .chain(cm.binary_data.iter().flatten().map(|(k, _)| k.clone()))
                .collect();
            format!("{} keys: {}", keys.len(), first_few(&keys, 8))
        }
        Resource::Secret(s) => {
            let keys: Vec<String> = s
                .data
                .iter()
                .flatten()
                .map(|(k, _)| k.clone())
                .chain(s.string_data.iter().flatten().map(|(k, _)| k.clone()))
                .collect();
            format!(
                "type {}, {} keys: {}",
                s.type_.as_deref().unwrap_or("Opaque"),
                keys.len(),
                first_few(&keys, 8)
            )
        }
        Resource::PersistentVolumeClaim(p) => {
            let spec = p.spec.as_ref();
            let modes = spec
                .and_then(|s| s.access_modes.clone())
                .unwrap_or_default()
                .join(", ");
            let size = spec
                .and_then(|s| s.resources.as_ref())
                .and_then(|r| r.requests.as_ref())
                .and_then(|r| r.get("storage"))
                .map_or_else(|| "no size".to_owned(), |q| q.0.clone());
            let class = spec
                .and_then(|s| s.storage_class_name.clone())
                .map(|c| format!(", class {c}"))
                .unwrap_or_default();
            format!(
                "{size}, {}{class}",
                if modes.is_empty() {
                    "no access mode"
                } else {
                    &modes
                }
            )
        }
        Resource::Deployment(d) => {
            let strategy = d.spec.strategy.as_ref();
            let kind = strategy
                .and_then(|s| s.type_.clone())
                .unwrap_or_else(|| "RollingUpdate".to_owned());
            let rolling = strategy.and_then(|s| s.rolling_update.as_ref());
            let params = match rolling {
                Some(r) if kind == "RollingUpdate" => format!(
                    " (maxSurge {}, maxUnavailable {})",
                    r.max_surge
                        .as_ref()
                        .map_or_else(|| "25%".to_owned(), int_or_string),
                    r.max_unavailable
                        .as_ref()
                        .map_or_else(|| "25%".to_owned(), int_or_string)
                ),
                None if kind == "RollingUpdate" => {
                    " (defaults: maxSurge 25%, maxUnavailable 25%)".to_owned()
                }
                _ => String::new(),
            };
            format!(
                "{} of {}; {kind}{params}",
                replicas(d.spec.replicas.unwrap_or(1)),
                images(object)
            )
        }
        Resource::StatefulSet(s) => {
            let service = s
                .spec
                .service_name
                .as_deref()
                .map(|n| format!("; serviceName {n}"))
                .unwrap_or_default();
            let claims = s.spec.volume_claim_templates.as_ref().map_or(0, Vec::len);
            let claims = if claims > 0 {
                format!("; {claims} volumeClaimTemplates")
            } else {
                String::new()
            };
            format!(
                "{} of {}{service}{claims}",
                replicas(s.spec.replicas.unwrap_or(1)),
                images(object)
            )
        }
        Resource::ReplicaSet(r) => {
            format!(
                "{} of {}, not managed by a Deployment",
                replicas(r.spec.replicas.unwrap_or(1)),
                images(object)
            )
        }
        Resource::ReplicationController(r) => format!(
            "{} of {}; no rolling update (running pods keep their template)",
            replicas(r.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)),
            images(object)
        ),
        Resource::DeploymentConfig(d) => {
            let strategy = d.strategy_type();
            let params = d
                .spec
                .strategy
                .as_ref()
                .and_then(|s| s.rolling_params.as_ref());
            let params = match params {
                _ if strategy != "Rolling" => String::new(),
                Some(p) => format!(
                    " (maxSurge {}, maxUnavailable {})",
                    p.max_surge
                        .as_ref()
                        .map_or_else(|| "25%".to_owned(), int_or_string),
                    p.max_unavailable
                        .as_ref()
                        .map_or_else(|| "25%".to_owned(), int_or_string)
                ),
                None => " (defaults: maxSurge 25%, maxUnavailable 25%)".to_owned(),
            };
            format!(
                "{} of {} through ReplicationControllers; {strategy}{params}",
                replicas(d.spec.replicas.unwrap_or(1)),
                images(object)
            )
        }
        Resource::DaemonSet(_) => format!("one pod per node of {}", images(object)),
        Resource::Job(_) => format!("a run-to-completion Job of {}", images(object)),
        Resource::CronJob(c) => format!(
            "schedule \"{}\" running {}",
            c.spec.schedule,
            images(object)
        ),
        Resource::Pod(_) => format!("a bare Pod of {}", images(object)),
        Resource::Service(s) => {
            let spec = s.spec.as_ref();
            let kind = spec
                .and_then(|s| s.type_.clone())
                .unwrap_or_else(|| "ClusterIP".to_owned());
            let headless = if spec.and_then(|s| s.cluster_ip.as_deref()) == Some("None") {
                " (headless)"
            } else {
                ""
            };
            let ports: Vec<String> = spec
                .and_then(|s| s.ports.as_ref())
                .into_iter()
                .flatten()
                .map(|p| match &p.target_port {
                    Some(t) => format!("{}→{}", p.port, int_or_string(t)),
                    None => p.port.to_string(),
                })
                .collect();
            let selector = spec.and_then(|s| s.selector.as_ref()).map_or_else(
                || "; no selector".to_owned(),
                |s| format!("; selects {}", describe_label_map(s)),
            );
            format!(
                "{kind}{headless}, ports {}{selector}",
                if ports.is_empty() {
                    "none".to_owned()
                } else {
                    ports.join(", ")
                }
            )
        }
        Resource::Ingress(i) => {
            let spec = i.spec.as_ref();
            let class = object
                .ingress_class()
                .map(|c| format!("class {c}; "))
                .unwrap_or_default();
            let mut routes = Vec::new();
            for b in object.ingress_backends().iter().filter(|b| !b.is_default) {
                if let Some(svc) = &b.backend.service {
                    let port = svc
                        .port
                        .as_ref()
                        .map(|p| {
                            p.number
                                .map(|n| n.to_string())
                                .or_else(|| p.name.clone())
                                .unwrap_or_default()
                        })
                        .unwrap_or_default();
                    routes.push(format!(
                        "{}{} → {}:{port}",
                        b.host.unwrap_or("*"),
                        b.http_path.unwrap_or("/"),
                        svc.name
                    ));
                }
            }
            let tls = if spec
                .and_then(|s| s.tls.as_ref())
                .is_some_and(|t| !t.is_empty())
            {
                "; TLS"
            } else {
                "; no TLS"
            };
            format!(
                "{class}{}{tls}",
                if routes.is_empty() {
                    "no routes".to_owned()
                } else {
                    first_few(&routes, 4)
                }
            )
        }
        Resource::HorizontalPodAutoscaler(h) => format!(
            "scales {} {} between {} and {} replicas",
            h.spec.scale_target_ref.kind,
            h.spec.scale_target_ref.name,
            h.spec.min_replicas.unwrap_or(1),
            h.spec.max_replicas
        ),
        _ => {
            let labels = describe_label_map(object.labels());
            if labels.is_empty() {
                format!("a {}", object.kind)
            } else {
                format!("a {} labelled {labels}", object.kind)
            }
        }
    }
}
