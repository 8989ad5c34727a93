//! Families of kinds: objects that run pods, their pod templates, selectors and containers.
//!
//! Every family is an exhaustive `match` over [`Resource`], so a new kind fails to compile until
//! it is placed in (or explicitly out of) each family.

use std::borrow::Cow;
use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Container, PodSpec, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use super::object::Object;
use super::resource::Resource;

/// A pod spec and the field path where it is written in its object.
#[derive(Debug, Clone, Copy)]
pub struct PodSpecRef<'a> {
    /// The spec.
    pub spec: &'a PodSpec,
    /// Its path in the object, e.g. `spec.template.spec`.
    pub path: &'static str,
}

/// A container of a pod spec and its field path, e.g. `spec.template.spec.containers[0]`.
#[derive(Debug, Clone)]
pub struct ContainerRef<'a> {
    /// The container.
    pub container: &'a Container,
    /// Its path in the object.
    pub path: ContainerPath,
    /// Whether it is an init container.
    pub init: bool,
}

/// The field path of a container, written out only when it is shown or located (most checks
/// look at every container and report few), e.g. `spec.template.spec.initContainers[1]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContainerPath {
    /// The pod spec's path.
    pod_spec: &'static str,
    /// Whether it is an init container.
    init: bool,
    /// Its place in its list.
    index: usize,
}

impl std::fmt::Display for ContainerPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = if self.init {
            "initContainers"
        } else {
            "containers"
        };
        write!(f, "{}.{list}[{}]", self.pod_spec, self.index)
    }
}

impl Object {
    /// The pod template of a workload (for a CronJob, the template of its job template).
    pub fn pod_template(&self) -> Option<&PodTemplateSpec> {
        match &*self.resource {
            Resource::Deployment(d) => Some(&d.spec.template),
            Resource::ReplicaSet(r) => r.spec.template.as_ref(),
            Resource::ReplicationController(r) => r.spec.as_ref()?.template.as_ref(),
            Resource::DeploymentConfig(d) => d.spec.template.as_ref(),
            Resource::StatefulSet(s) => Some(&s.spec.template),
            Resource::DaemonSet(d) => Some(&d.spec.template),
            Resource::Job(j) => j.spec.as_ref().map(|s| &s.template),
            Resource::CronJob(c) => c.spec.job_template.spec.as_ref().map(|s| &s.template),
            Resource::Pod(_)
            | Resource::Namespace(_)
            | Resource::ConfigMap(_)
            | Resource::Secret(_)
            | Resource::PersistentVolumeClaim(_)
            | Resource::PersistentVolume(_)
            | Resource::StorageClass(_)
            | Resource::ServiceAccount(_)
            | Resource::Service(_)
            | Resource::Ingress(_)
            | Resource::IngressClass(_)
            | Resource::HorizontalPodAutoscaler(_)
            | Resource::PodDisruptionBudget(_)
            | Resource::NetworkPolicy(_)
            | Resource::Role(_)
            | Resource::ClusterRole(_)
            | Resource::RoleBinding(_)
            | Resource::ClusterRoleBinding(_)
            | Resource::Other(_) => None,
        }
    }

    /// The path of the pod spec in this kind of object.
    fn pod_spec_path(&self) -> &'static str {
        match &*self.resource {
            Resource::Pod(_) => "spec",
            Resource::CronJob(_) => "spec.jobTemplate.spec.template.spec",
            _ => "spec.template.spec",
        }
    }

    /// The pod spec this object runs: a Pod's own spec or a workload's template spec.
    pub fn pod_spec(&self) -> Option<PodSpecRef<'_>> {
        let spec = match &*self.resource {
            Resource::Pod(p) => p.spec.as_ref()?,
            _ => self.pod_template()?.spec.as_ref()?,
        };
        Some(PodSpecRef {
            spec,
            path: self.pod_spec_path(),
        })
    }

    /// The labels its pods carry: a Pod's labels or the template's labels.
    pub fn pod_labels(&self) -> Option<&BTreeMap<String, String>> {
        static EMPTY: BTreeMap<String, String> = BTreeMap::new();
        match &*self.resource {
            Resource::Pod(_) => Some(self.labels()),
            _ => {
                let template = self.pod_template()?;
                Some(
                    template
                        .metadata
                        .as_ref()
                        .and_then(|m| m.labels.as_ref())
                        .unwrap_or(&EMPTY),
                )
            }
        }
    }

    /// The path of the pod labels in this object.
    pub fn pod_labels_path(&self) -> String {
        match &*self.resource {
            Resource::Pod(_) => "metadata.labels".to_owned(),
            _ => format!(
                "{}.metadata.labels",
                self.pod_spec_path().trim_end_matches(".spec")
            ),
        }
    }

    /// The annotations its pods carry.
    pub fn pod_annotations(&self) -> Option<&BTreeMap<String, String>> {
        match &*self.resource {
            Resource::Pod(_) => Some(self.annotations()),
            _ => self.pod_template()?.metadata.as_ref()?.annotations.as_ref(),
        }
    }

    /// The workload's own `spec.selector` (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job;
    /// a ReplicationController's or DeploymentConfig's label map as `matchLabels`).
    pub fn workload_selector(&self) -> Option<Cow<'_, LabelSelector>> {
        if let Some(labels) = self.map_selector() {
            return Some(Cow::Owned(LabelSelector {
                match_labels: Some(labels.clone()),
                match_expressions: None,
            }));
        }
        let selector = match &*self.resource {
            Resource::Deployment(d) => &d.spec.selector,
            Resource::ReplicaSet(r) => &r.spec.selector,
            Resource::StatefulSet(s) => &s.spec.selector,
            Resource::DaemonSet(d) => &d.spec.selector,
            Resource::Job(j) => j.spec.as_ref()?.selector.as_ref()?,
            _ => return None,
        };
        Some(Cow::Borrowed(selector))
    }

    /// The `spec.selector` written as a plain label map (ReplicationController,
    /// DeploymentConfig), defaulted to the template's labels as the API server does.
    pub fn map_selector(&self) -> Option<&BTreeMap<String, String>> {
        match &*self.resource {
            Resource::ReplicationController(r) => r.spec.as_ref()?.selector.as_ref(),
            Resource::DeploymentConfig(d) => d.spec.selector.as_ref(),
            _ => None,
        }
    }

    /// `spec.replicas` as written, for kinds that have it.
    pub fn written_replicas(&self) -> Option<i32> {
        match &*self.resource {
            Resource::Deployment(d) => d.spec.replicas,
            Resource::ReplicaSet(r) => r.spec.replicas,
            Resource::ReplicationController(r) => r.spec.as_ref()?.replicas,
            Resource::DeploymentConfig(d) => d.spec.replicas,
            Resource::StatefulSet(s) => s.spec.replicas,
            _ => None,
        }
    }

    /// Whether this kind scales by `spec.replicas` (Deployment, ReplicaSet, StatefulSet,
    /// ReplicationController, DeploymentConfig).
    pub fn has_replicas(&self) -> bool {
        matches!(
            *self.resource,
            Resource::Deployment(_)
                | Resource::ReplicaSet(_)
                | Resource::StatefulSet(_)
                | Resource::ReplicationController(_)
                | Resource::DeploymentConfig(_)
        )
    }

    /// Whether this is a controller of pods (not a bare Pod).
    pub fn is_workload(&self) -> bool {
        self.pod_template().is_some()
    }

    /// Every container (init containers first), with its path.
    pub fn containers(&self) -> Vec<ContainerRef<'_>> {
        let Some(PodSpecRef { spec, path }) = self.pod_spec() else {
            return Vec::new();
        };
        let init = spec
            .init_containers
            .iter()
            .flatten()
            .enumerate()
            .map(|(index, c)| ContainerRef {
                container: c,
                path: ContainerPath {
                    pod_spec: path,
                    init: true,
                    index,
                },
                init: true,
            });
        let main = spec
            .containers
            .iter()
            .enumerate()
            .map(|(index, c)| ContainerRef {
                container: c,
                path: ContainerPath {
                    pod_spec: path,
                    init: false,
                    index,
                },
                init: false,
            });
        init.chain(main).collect()
    }
}
