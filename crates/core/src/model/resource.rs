//! The typed content of an object: the real k8s-openapi type for every known kind.

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{
    ConfigMap, Namespace, PersistentVolume, PersistentVolumeClaim, Pod, ReplicationController,
    Secret, Service, ServiceAccount,
};
use k8s_openapi::api::networking::v1::{Ingress, IngressClass, NetworkPolicy};
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, Role, RoleBinding};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::deployment_config::DeploymentConfig;

/// The typed content of an object. Objects written under an older apiVersion are converted to the
/// current type (the object keeps the apiVersion as written).
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub enum Resource {
    Namespace(Box<Namespace>),
    ConfigMap(Box<ConfigMap>),
    Secret(Box<Secret>),
    PersistentVolumeClaim(Box<PersistentVolumeClaim>),
    PersistentVolume(Box<PersistentVolume>),
    StorageClass(Box<StorageClass>),
    ServiceAccount(Box<ServiceAccount>),
    Pod(Box<Pod>),
    ReplicaSet(Box<ReplicaSet>),
    /// The core/v1 predecessor of the ReplicaSet, with a plain label map as selector.
    ReplicationController(Box<ReplicationController>),
    Deployment(Box<Deployment>),
    /// OpenShift's `apps.openshift.io/v1` DeploymentConfig (no k8s-openapi type).
    DeploymentConfig(Box<DeploymentConfig>),
    StatefulSet(Box<StatefulSet>),
    DaemonSet(Box<DaemonSet>),
    Job(Box<Job>),
    CronJob(Box<CronJob>),
    Service(Box<Service>),
    Ingress(Box<Ingress>),
    IngressClass(Box<IngressClass>),
    /// autoscaling/v2 (v1, v2beta1 and v2beta2 objects are converted).
    HorizontalPodAutoscaler(Box<HorizontalPodAutoscaler>),
    PodDisruptionBudget(Box<PodDisruptionBudget>),
    NetworkPolicy(Box<NetworkPolicy>),
    Role(Box<Role>),
    ClusterRole(Box<ClusterRole>),
    RoleBinding(Box<RoleBinding>),
    ClusterRoleBinding(Box<ClusterRoleBinding>),
    /// Any other kind (custom resources included), or a known kind whose content did not match
    /// its type (a diagnostic says why): only its metadata is typed.
    Other(Box<ObjectMeta>),
}

impl Resource {
    /// The object's metadata.
    pub fn metadata(&self) -> &ObjectMeta {
        match self {
            Resource::Namespace(o) => &o.metadata,
            Resource::ConfigMap(o) => &o.metadata,
            Resource::Secret(o) => &o.metadata,
            Resource::PersistentVolumeClaim(o) => &o.metadata,
            Resource::PersistentVolume(o) => &o.metadata,
            Resource::StorageClass(o) => &o.metadata,
            Resource::ServiceAccount(o) => &o.metadata,
            Resource::Pod(o) => &o.metadata,
            Resource::ReplicaSet(o) => &o.metadata,
            Resource::ReplicationController(o) => &o.metadata,
            Resource::Deployment(o) => &o.metadata,
            Resource::DeploymentConfig(o) => &o.metadata,
            Resource::StatefulSet(o) => &o.metadata,
            Resource::DaemonSet(o) => &o.metadata,
            Resource::Job(o) => &o.metadata,
            Resource::CronJob(o) => &o.metadata,
            Resource::Service(o) => &o.metadata,
            Resource::Ingress(o) => &o.metadata,
            Resource::IngressClass(o) => &o.metadata,
            Resource::HorizontalPodAutoscaler(o) => &o.metadata,
            Resource::PodDisruptionBudget(o) => &o.metadata,
            Resource::NetworkPolicy(o) => &o.metadata,
            Resource::Role(o) => &o.metadata,
            Resource::ClusterRole(o) => &o.metadata,
            Resource::RoleBinding(o) => &o.metadata,
            Resource::ClusterRoleBinding(o) => &o.metadata,
            Resource::Other(meta) => meta,
        }
    }
}

/// Built-in kinds that live outside namespaces.
const CLUSTER_SCOPED: &[&str] = &[
    "Namespace",
    "Node",
    "PersistentVolume",
    "StorageClass",
    "IngressClass",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "APIService",
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "PriorityClass",
    "RuntimeClass",
    "CSIDriver",
    "CSINode",
    "VolumeAttachment",
    "PodSecurityPolicy",
    "CertificateSigningRequest",
    "FlowSchema",
    "PriorityLevelConfiguration",
    "ClusterIssuer",
];

/// Whether objects of `kind` live outside namespaces.
pub fn is_cluster_scoped(kind: &str) -> bool {
    CLUSTER_SCOPED.contains(&kind)
}
