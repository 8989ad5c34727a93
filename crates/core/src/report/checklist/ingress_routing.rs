//! `ingress-routing`: an Ingress routes to a Service selecting the pods.

use std::collections::BTreeSet;

use super::{Row, Verdict, no_related};
use crate::model::{Model, Object, Resource};

/// The `ingress-routing` row.
pub(super) const ROW: Row = Row {
    id: "ingress-routing",
    title: "Ingress for routing",
    checks: &[],
    rule: "an Ingress routes to a Service selecting the pods; fails when a NodePort or LoadBalancer Service exposes them instead; not applicable to internal workloads",
    fix: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  name: http\n",
    verdict: ingress_routing,
    judged_by_checks: false,
    related: no_related,
};

fn service_type(service: &Object) -> &str {
    match &*service.resource {
        Resource::Service(s) => s
            .spec
            .as_ref()
            .and_then(|s| s.type_.as_deref())
            .unwrap_or("ClusterIP"),
        _ => "",
    }
}

/// Every Service backend of an Ingress, with the host and path that lead to it.
fn ingress_routes(ingress: &Object) -> Vec<(String, String)> {
    ingress
        .ingress_backends()
        .into_iter()
        .filter_map(|b| {
            let svc = b.backend.service.as_ref()?;
            let route = if b.is_default {
                "(default backend)".to_owned()
            } else {
                format!("{}{}", b.host.unwrap_or("*"), b.http_path.unwrap_or("/"))
            };
            Some((svc.name.clone(), route))
        })
        .collect()
}

fn ingress_routing(object: &Object, model: &Model) -> Verdict {
    let services = model.services_selecting(object);
    let names: BTreeSet<&str> = services.iter().map(|s| s.name.as_str()).collect();
    for ingress in model.of_kind_in("Ingress", Some(object.ns())) {
        if let Some((service, route)) = ingress_routes(ingress)
            .into_iter()
            .find(|(s, _)| names.contains(s.as_str()))
        {
            return Verdict::Pass(format!(
                "Ingress {} routes {route} to Service {service}",
                ingress.name
            ));
        }
    }
    if let Some(exposed) = services
        .iter()
        .find(|s| matches!(service_type(s), "NodePort" | "LoadBalancer"))
    {
        return Verdict::Fail(
            format!(
                "no Ingress routes to it, but {} Service {} exposes it outside the cluster directly",
                service_type(exposed),
                exposed.name
            ),
            Some(exposed.locate("spec.type")),
        );
    }
    Verdict::Na(
        "internal: no Ingress routes to it and no Service exposes it outside the cluster"
            .to_owned(),
    )
}
