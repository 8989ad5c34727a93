//! The model: every object the user's manifests define, typed with the real Kubernetes types
//! where the kind is known, each with its source location.

mod deployment_config;
pub(crate) mod index;
mod ingress;
mod int_or_string;
mod labels;
mod object;
mod resource;
mod secret_values;
mod snippets;
mod workload;

pub use deployment_config::{
    DEPLOYMENT_CONFIG_LABEL, DEPLOYMENT_LABEL, DeploymentConfig, DeploymentConfigSpec,
    DeploymentConfigStatus, DeploymentConfigStrategy, RollingParams, replication_controller_name,
};
pub use ingress::IngressBackendRef;
pub use int_or_string::{describe_int_or_string, resolve_int_or_percent};
pub use labels::{describe_label_map, describe_selector, map_selector_matches, selector_matches};
pub use object::{Object, ObjectId, UnknownField};
pub use resource::{Resource, is_cluster_scoped};
pub(crate) use secret_values::secret_values_in;
pub use secret_values::{LAST_APPLIED, SecretField, SecretValue};
pub use snippets::Snippets;
pub use workload::{ContainerPath, ContainerRef, PodSpecRef};

use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscalerSpec;

use crate::source::{Diagnostic, SourceFile};

/// Everything read from a set of files: the files themselves, the objects they define (in file
/// and document order) and the diagnostics met while reading them.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The files, in the order given.
    pub files: Vec<SourceFile>,
    /// The objects, in file and document order.
    pub objects: Vec<Object>,
    /// Problems met while reading, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Lookups by id, kind, namespace and label, built on first use.
    pub(crate) index: std::sync::OnceLock<index::ModelIndex>,
}

impl Model {
    /// Reads every file. Never fails: what cannot be read becomes a diagnostic.
    pub fn from_files(files: Vec<SourceFile>) -> Model {
        crate::parse::parse_files(files)
    }

    /// Reads every file with `options` (e.g. the namespace `kubectl apply -n` would give objects
    /// that name none). Never fails.
    pub fn from_files_with(files: Vec<SourceFile>, options: &crate::parse::ParseOptions) -> Model {
        crate::parse::parse_files_with(files, options)
    }

    /// The object with this id (the last one, if the id is defined twice).
    pub fn get(&self, id: &ObjectId) -> Option<&Object> {
        self.get_str(id.as_str())
    }

    /// The object with this id given as text (`Kind/namespace/name` or `Kind/name`).
    pub fn get_str(&self, id: &str) -> Option<&Object> {
        self.objects.get(self.index().id(id)?)
    }

    /// The object an HorizontalPodAutoscaler's `scaleTargetRef` names (in the HPA's namespace).
    pub fn hpa_target(&self, hpa: &Object) -> Option<&Object> {
        let Resource::HorizontalPodAutoscaler(h) = &*hpa.resource else {
            return None;
        };
        let target = &h.spec.scale_target_ref;
        self.get(&ObjectId::new(
            &target.kind,
            hpa.namespace.as_deref(),
            &target.name,
        ))
    }

    /// The first HorizontalPodAutoscaler whose `scaleTargetRef` names `workload` (same namespace,
    /// kind and name), with its spec.
    pub fn hpa_for(&self, workload: &Object) -> Option<(&Object, &HorizontalPodAutoscalerSpec)> {
        self.at(self.index().hpas_targeting(&workload.id))
            .filter(|h| h.namespace == workload.namespace)
            .find_map(|h| match &*h.resource {
                Resource::HorizontalPodAutoscaler(hpa) => Some((h, &hpa.spec)),
                _ => None,
            })
    }

    /// The replicas a workload with `spec.replicas` (Deployment, ReplicaSet, StatefulSet,
    /// ReplicationController, DeploymentConfig) starts with when `spec.replicas` is
    /// unset and a HorizontalPodAutoscaler targets it: the HPA's `minReplicas` (default 1), with
    /// the HPA's name. `None` when replicas are written or no HPA targets the workload.
    pub fn hpa_start_replicas(&self, workload: &Object) -> Option<(i32, &str)> {
        if !workload.has_replicas() || workload.written_replicas().is_some() {
            return None;
        }
        let (hpa, spec) = self.hpa_for(workload)?;
        Some((spec.min_replicas.unwrap_or(1).max(0), hpa.name.as_str()))
    }

    /// The Services in the object's namespace whose non-empty selector matches its pod labels, in
    /// model order (whatever their type).
    pub fn services_selecting(&self, obj: &Object) -> Vec<&Object> {
        let Some(labels) = obj.pod_labels() else {
            return Vec::new();
        };
        let candidates = self
            .index()
            .service_candidates(obj.namespace.as_deref(), labels.iter());
        candidates
            .into_iter()
            .filter_map(|i| self.objects.get(i))
            .filter(|svc| svc.namespace == obj.namespace)
            .filter(|svc| match &*svc.resource {
                Resource::Service(s) => s
                    .spec
                    .as_ref()
                    .and_then(|spec| spec.selector.as_ref())
                    .is_some_and(|sel| !sel.is_empty() && map_selector_matches(sel, labels)),
                _ => false,
            })
            .collect()
    }

    /// The file with this name.
    pub fn file(&self, name: &str) -> Option<&SourceFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// The objects of one kind, e.g. `"Service"`.
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Object> + 'a {
        self.at(self.index().kind(kind))
    }

    /// The objects in one namespace.
    pub fn in_namespace<'a>(&'a self, namespace: &'a str) -> impl Iterator<Item = &'a Object> + 'a {
        self.at(self.index().namespace(namespace))
    }

    /// The objects that run pods (workloads and bare Pods), in model order.
    pub fn pod_owners(&self) -> impl Iterator<Item = &Object> {
        self.at(self.index().pod_owners())
    }

    /// The namespaces that objects live in, sorted, without duplicates.
    pub fn namespaces(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .objects
            .iter()
            .filter_map(|o| o.namespace.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::Severity::Error)
    }
}
