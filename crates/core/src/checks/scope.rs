//! Which objects a check is about: its scope, declared in its descriptor.

use serde::Serialize;

use crate::model::{Object, Resource};

/// The kinds of object a check is about (the objects its findings land on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Every object.
    Any,
    /// Every namespaced object.
    Namespaced,
    /// Objects with a pod spec: bare Pods and every workload.
    PodSpec,
    /// Objects with a pod spec that run until stopped (not Jobs or CronJobs).
    LongRunning,
    /// Controllers with their own selector: Deployment, ReplicaSet, StatefulSet, DaemonSet, Job,
    /// ReplicationController, DeploymentConfig.
    Controller,
    /// Controllers scaled by `spec.replicas`: Deployment, ReplicaSet, StatefulSet,
    /// ReplicationController, DeploymentConfig.
    Replicated,
    /// Deployments, DeploymentConfigs and StatefulSets.
    DeploymentOrStatefulSet,
    /// Kinds with a rolling update: Deployment, StatefulSet, DaemonSet.
    RollingUpdate,
    /// Objects of one kind.
    Kind(&'static str),
    /// Objects of either kind.
    Kinds(&'static str, &'static str),
    /// Pod specs and Services.
    PodSpecOrService,
    /// Pod specs, Services and Ingresses.
    PodSpecServiceOrIngress,
}

impl Scope {
    /// The objects in words, as the catalog lists them.
    pub fn describe(self) -> String {
        match self {
            Scope::Any => "every object".to_owned(),
            Scope::Namespaced => "every namespaced object".to_owned(),
            Scope::PodSpec => "objects with a pod spec (Pods and workloads)".to_owned(),
            Scope::LongRunning => {
                "objects with a pod spec that run until stopped (not Jobs or CronJobs)".to_owned()
            }
            Scope::Controller => "Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, ReplicationController, DeploymentConfig".to_owned(),
            Scope::Replicated => "Deployment, ReplicaSet, StatefulSet, ReplicationController, DeploymentConfig".to_owned(),
            Scope::DeploymentOrStatefulSet => "Deployment, DeploymentConfig, StatefulSet".to_owned(),
            Scope::RollingUpdate => "Deployment, StatefulSet, DaemonSet".to_owned(),
            Scope::Kind(kind) => kind.to_owned(),
            Scope::Kinds(a, b) => format!("{a}, {b}"),
            Scope::PodSpecOrService => "objects with a pod spec, Service".to_owned(),
            Scope::PodSpecServiceOrIngress => {
                "objects with a pod spec, Service, Ingress".to_owned()
            }
        }
    }

    /// Whether `object` is in the scope.
    pub fn contains(self, object: &Object) -> bool {
        let kind = object.kind.as_str();
        match self {
            Scope::Any => true,
            Scope::Namespaced => object.namespace.is_some(),
            Scope::PodSpec => object.pod_spec().is_some(),
            Scope::LongRunning => object.pod_spec().is_some() && !matches!(kind, "Job" | "CronJob"),
            Scope::Controller => object.is_workload() && kind != "CronJob",
            Scope::Replicated => object.has_replicas(),
            Scope::DeploymentOrStatefulSet => {
                matches!(
                    *object.resource,
                    Resource::Deployment(_)
                        | Resource::DeploymentConfig(_)
                        | Resource::StatefulSet(_)
                )
            }
            Scope::RollingUpdate => {
                matches!(
                    *object.resource,
                    Resource::Deployment(_) | Resource::StatefulSet(_) | Resource::DaemonSet(_)
                )
            }
            Scope::Kind(k) => kind == k,
            Scope::Kinds(a, b) => kind == a || kind == b,
            Scope::PodSpecOrService => object.pod_spec().is_some() || kind == "Service",
            Scope::PodSpecServiceOrIngress => {
                object.pod_spec().is_some() || matches!(kind, "Service" | "Ingress")
            }
        }
    }
}
