//! Ingresses: their backends, the traffic paths from host to container, and their TLS Secrets.

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::services::{effective_target_port, resolve_port, undeclared_numeric};
use super::{Builder, Resolved};
use crate::graph::{Hop, ProblemCode, Relation, TrafficPath};
use crate::model::{Object, ObjectId, Resource};
use crate::text::closest;

impl<'m> Builder<'m> {
    pub(super) fn ingresses(&mut self) {
        for obj in self.objects() {
            let Resource::Ingress(ing) = &*obj.resource else {
                continue;
            };
            let Some(spec) = &ing.spec else { continue };
            for b in obj.ingress_backends() {
                let Some(service) = &b.backend.service else {
                    continue;
                };
                let (host, path) = if b.is_default {
                    ("*", "/*")
                } else {
                    (b.host.unwrap_or("*"), b.http_path.unwrap_or("/"))
                };
                self.ingress_backend(obj, service, &b.path, host, path);
            }
            for (i, tls) in spec.tls.iter().flatten().enumerate() {
                let Some(secret) = tls.secret_name.as_deref().filter(|s| !s.is_empty()) else {
                    continue;
                };
                self.ingress_tls(obj, i, secret);
            }
        }
    }

    fn ingress_backend(
        &mut self,
        obj: &'m Object,
        backend: &k8s_openapi::api::networking::v1::IngressServiceBackend,
        base: &str,
        host: &str,
        path: &str,
    ) {
        let ns = obj.ns();
        let port_number = backend.port.as_ref().and_then(|p| p.number);
        let port_name = backend.port.as_ref().and_then(|p| p.name.clone());
        let port_text = port_number
            .map(|n| n.to_string())
            .or(port_name.clone())
            .unwrap_or_else(|| "?".to_owned());
        let route = match base
            .strip_prefix("spec.")
            .and_then(|b| b.strip_suffix(".backend"))
        {
            Some(rule) => format!("{rule}: host {host}, path {path}"),
            None => "defaultBackend".to_owned(),
        };
        let svc_id = ObjectId::new("Service", Some(ns), &backend.name);
        let name_field = format!("{base}.service.name");
        let mut hops = vec![Hop {
            step: "ingress",
            label: format!("{host}{path}"),
            object: Some(obj.id.clone()),
            ok: true,
        }];
        let location = Some(obj.locate(&name_field));
        let service_hop = format!("Service {} port {port_text}", backend.name);
        let Some(svc_obj) = self.objects.get(&svc_id).copied() else {
            let to = self.absent_node("Service", Some(ns), &backend.name, false);
            let reason = format!(
                "{route} → service \"{}\" port {port_text}, not defined in namespace {ns}",
                backend.name
            );
            self.edge(&obj.id, &to, Relation::Routes, false, reason, location);
            let note = self.elsewhere_note("Service", ns, &backend.name, "an Ingress");
            let message = format!(
                "backend service \"{}\" is not found in the loaded manifests for namespace {ns}{note}",
                backend.name
            );
            let suggestion = self.similar_name("Service", ns, &backend.name);
            self.problem(
                obj,
                ProblemCode::IngressBackendServiceMissing,
                &name_field,
                message,
                suggestion,
                None,
                true,
            );
            hops.push(Hop {
                step: "service",
                label: service_hop,
                object: Some(to),
                ok: false,
            });
            let broken = format!("Service {} is not defined in namespace {ns}", backend.name);
            self.push_traffic(obj, host, path, hops, Some(broken));
            return;
        };
        let Resource::Service(svc) = &*svc_obj.resource else {
            return;
        };
        let ports = svc
            .spec
            .as_ref()
            .and_then(|s| s.ports.as_deref())
            .unwrap_or_default();
        let found = ports.iter().find(|p| match (port_number, &port_name) {
            (Some(n), _) => p.port == n,
            (None, Some(name)) => p.name.as_deref() == Some(name.as_str()),
            (None, None) => ports.len() == 1,
        });
        let Some(service_port) = found else {
            let exposed = ports
                .iter()
                .map(|p| match &p.name {
                    Some(name) => format!("{}/{name}", p.port),
                    None => p.port.to_string(),
                })
                .collect::<Vec<_>>()
                .join(", ");
            let exposed = if exposed.is_empty() {
                "no port".to_owned()
            } else {
                exposed
            };
            let reason = format!(
                "{route} → service \"{}\" port {port_text}, which the Service does not expose (it exposes {exposed})",
                backend.name
            );
            self.edge(&obj.id, &svc_id, Relation::Routes, false, reason, location);
            let (field, suggestion) = match (port_number, &port_name) {
                (Some(_), _) => (format!("{base}.service.port.number"), None),
                (None, Some(name)) => (
                    format!("{base}.service.port.name"),
                    closest(name, ports.iter().filter_map(|p| p.name.as_deref()))
                        .map(str::to_owned),
                ),
                (None, None) => (format!("{base}.service"), None),
            };
            let message = format!(
                "service \"{}\" has no port {port_text} (it exposes {exposed})",
                backend.name
            );
            self.problem(
                obj,
                ProblemCode::IngressBackendPortMissing,
                &field,
                message,
                suggestion,
                None,
                true,
            );
            hops.push(Hop {
                step: "service",
                label: service_hop,
                object: Some(svc_id),
                ok: false,
            });
            let broken = format!("Service {} has no port {port_text}", backend.name);
            self.push_traffic(obj, host, path, hops, Some(broken));
            return;
        };
        let reason = format!("{route} → service \"{}\" port {port_text}", backend.name);
        self.edge(&obj.id, &svc_id, Relation::Routes, true, reason, location);
        hops.push(Hop {
            step: "service",
            label: service_hop,
            object: Some(svc_id.clone()),
            ok: true,
        });
        let target = effective_target_port(service_port);
        let target_text = match &target {
            IntOrString::Int(n) => n.to_string(),
            IntOrString::String(s) => s.clone(),
        };
        let protocol = service_port.protocol.as_deref().unwrap_or("TCP");
        let selected = self.service_pods.get(&svc_id).cloned();
        let target_label = format!("targetPort {target_text}");
        let broken = match selected {
            None => Some(format!(
                "Service {} has no selector: its endpoints are managed outside the loaded manifests",
                backend.name
            )),
            Some(pods) if pods.is_empty() => {
                Some(format!("Service {} selects no pod", backend.name))
            }
            Some(pods) => {
                let resolved = pods.iter().find_map(|p| {
                    resolve_port(p.template, &target, protocol).map(|(container, cp)| Resolved {
                        container,
                        port: cp.container_port,
                        port_name: cp.name,
                        template: p.template,
                        undeclared: false,
                    })
                });
                hops.push(Hop {
                    step: "targetPort",
                    label: target_label.clone(),
                    object: Some(svc_id.clone()),
                    ok: true,
                });
                let resolved = resolved.or_else(|| undeclared_numeric(&pods, &target));
                match resolved {
                    Some(r) => {
                        let label = match &r.port_name {
                            Some(name) => format!("containerPort {} ({name})", r.port),
                            None if r.undeclared => {
                                format!("port {} (not declared as a containerPort)", r.port)
                            }
                            None => format!("containerPort {}", r.port),
                        };
                        hops.push(Hop {
                            step: "containerPort",
                            label,
                            object: Some(r.template.id.clone()),
                            ok: true,
                        });
                        hops.push(Hop {
                            step: "container",
                            label: format!("container {} of {}", r.container, r.template.id),
                            object: Some(r.template.id.clone()),
                            ok: true,
                        });
                        None
                    }
                    None => {
                        hops.push(Hop {
                            step: "containerPort",
                            label: format!("containerPort {target_text}"),
                            object: None,
                            ok: false,
                        });
                        Some(format!(
                            "no container selected by Service {} declares port {target_text}",
                            backend.name
                        ))
                    }
                }
            }
        };
        if broken.is_some() && !hops.iter().any(|h| h.step == "targetPort") {
            hops.push(Hop {
                step: "targetPort",
                label: target_label,
                object: Some(svc_id),
                ok: false,
            });
        }
        self.push_traffic(obj, host, path, hops, broken);
    }

    fn push_traffic(
        &mut self,
        obj: &Object,
        host: &str,
        path: &str,
        hops: Vec<Hop>,
        broken: Option<String>,
    ) {
        self.traffic.push(TrafficPath {
            ingress: obj.id.clone(),
            host: host.to_owned(),
            path: path.to_owned(),
            hops,
            broken,
        });
    }

    fn ingress_tls(&mut self, obj: &Object, i: usize, secret: &str) {
        let ns = obj.ns();
        let field = format!("spec.tls[{i}].secretName");
        let id = ObjectId::new("Secret", Some(ns), secret);
        let location = Some(obj.locate(&field));
        let described = format!("tls[{i}].secretName \"{secret}\"");
        if self.exists(&id) {
            self.edge(&obj.id, &id, Relation::Routes, true, described, location);
            return;
        }
        let issuer = ["cert-manager.io/cluster-issuer", "cert-manager.io/issuer"]
            .into_iter()
            .find(|a| obj.annotations().contains_key(*a));
        let to = self.absent_node("Secret", Some(ns), secret, false);
        if let Some(annotation) = issuer {
            let reason = format!("{described}: cert-manager creates it (annotation {annotation})");
            self.edge(&obj.id, &to, Relation::Routes, true, reason, location);
            return;
        }
        let reason = format!("{described} is not defined in namespace {ns}");
        self.edge(&obj.id, &to, Relation::Routes, false, reason, location);
        let message = format!(
            "tls[{i}].secretName names Secret \"{secret}\", not found in the loaded manifests for namespace {ns}"
        );
        let suggestion = self.similar_name("Secret", ns, secret);
        self.problem(
            obj,
            ProblemCode::IngressTlsSecretMissing,
            &field,
            message,
            suggestion,
            None,
            false,
        );
    }
}
