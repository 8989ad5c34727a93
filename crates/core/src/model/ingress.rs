//! Ingresses: their class and their backends.

use k8s_openapi::api::networking::v1::{IngressBackend, IngressSpec};

use super::{Model, Object, Resource};

/// One backend of an Ingress: its default backend, or the backend of one path of one rule.
#[derive(Debug, Clone)]
pub struct IngressBackendRef<'a> {
    /// The backend.
    pub backend: &'a IngressBackend,
    /// Where it is written: `spec.defaultBackend` or `spec.rules[0].http.paths[1].backend`.
    pub path: String,
    /// The rule's host, if written (`None` for the default backend).
    pub host: Option<&'a str>,
    /// The HTTP path, if written (`None` for the default backend).
    pub http_path: Option<&'a str>,
    /// Whether it is `spec.defaultBackend`.
    pub is_default: bool,
}

impl Model {
    /// Every Ingress of the model with its spec, in model order.
    pub fn ingresses(&self) -> impl Iterator<Item = (&Object, &IngressSpec)> {
        self.objects.iter().filter_map(|obj| match &*obj.resource {
            Resource::Ingress(ingress) => Some((obj, ingress.spec.as_ref()?)),
            _ => None,
        })
    }
}

impl Object {
    /// The IngressClass an Ingress asks for: `spec.ingressClassName`, else the
    /// `kubernetes.io/ingress.class` annotation.
    pub fn ingress_class(&self) -> Option<String> {
        let Resource::Ingress(ingress) = &*self.resource else {
            return None;
        };
        ingress
            .spec
            .as_ref()
            .and_then(|s| s.ingress_class_name.clone())
            .or_else(|| {
                self.annotations()
                    .get("kubernetes.io/ingress.class")
                    .cloned()
            })
    }

    /// The backends of an Ingress: the default backend first, then each path of each rule.
    pub fn ingress_backends(&self) -> Vec<IngressBackendRef<'_>> {
        let Resource::Ingress(ingress) = &*self.resource else {
            return Vec::new();
        };
        let Some(spec) = &ingress.spec else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(backend) = &spec.default_backend {
            out.push(IngressBackendRef {
                backend,
                path: "spec.defaultBackend".to_owned(),
                host: None,
                http_path: None,
                is_default: true,
            });
        }
        for (i, rule) in spec.rules.iter().flatten().enumerate() {
            let paths = rule
                .http
                .as_ref()
                .map(|h| h.paths.as_slice())
                .unwrap_or_default();
            for (j, path) in paths.iter().enumerate() {
                out.push(IngressBackendRef {
                    backend: &path.backend,
                    path: format!("spec.rules[{i}].http.paths[{j}].backend"),
                    host: rule.host.as_deref(),
                    http_path: path.path.as_deref(),
                    is_default: false,
                });
            }
        }
        out
    }
}
