//! Workloads: whether they run for good, and how many replicas they run at least.

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::model::{Model, Object, Resource};

/// The topology key of a node: spreading over it puts pods on different machines.
pub(crate) const HOSTNAME_KEY: &str = "kubernetes.io/hostname";

/// Whether the object runs pods that are meant to keep running (serve, consume, watch), as
/// opposed to Jobs and CronJobs, whose pods run to completion.
pub(crate) fn is_long_running(obj: &Object) -> bool {
    match &*obj.resource {
        Resource::Pod(pod) => pod
            .spec
            .as_ref()
            .and_then(|s| s.restart_policy.as_deref())
            .is_none_or(|p| p == "Always"),
        Resource::Deployment(_)
        | Resource::DeploymentConfig(_)
        | Resource::ReplicaSet(_)
        | Resource::ReplicationController(_)
        | Resource::StatefulSet(_)
        | Resource::DaemonSet(_) => true,
        _ => false,
    }
}

/// The fewest replicas a Deployment, DeploymentConfig or StatefulSet runs, and where that number
/// comes from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Replicas<'a> {
    /// The number.
    pub count: i32,
    /// The HorizontalPodAutoscaler that sets it (its `minReplicas`), if one targets the workload.
    pub hpa: Option<&'a Object>,
    /// Whether `spec.replicas` is written (when no HPA sets the number).
    pub written: bool,
}

impl Replicas<'_> {
    /// `3 replicas`, `1 replica (spec.replicas is not set)`, `at least 2 replicas (HPA "web")`.
    pub(crate) fn describe(&self) -> String {
        let noun = if self.count == 1 {
            "replica"
        } else {
            "replicas"
        };
        match self.hpa {
            Some(hpa) => format!(
                "at least {} {noun} (minReplicas of HPA \"{}\")",
                self.count, hpa.name
            ),
            None if self.written => format!("{} {noun}", self.count),
            None => format!(
                "{} {noun} (spec.replicas is not set, so it defaults to 1)",
                self.count
            ),
        }
    }
}

/// The fewest replicas a Deployment, DeploymentConfig or StatefulSet runs: an HPA's
/// `minReplicas` (default 1) when one targets it, else `spec.replicas` (default 1). `None` for
/// other kinds.
pub(crate) fn min_replicas<'a>(model: &'a Model, obj: &Object) -> Option<Replicas<'a>> {
    if !matches!(
        *obj.resource,
        Resource::Deployment(_) | Resource::DeploymentConfig(_) | Resource::StatefulSet(_)
    ) {
        return None;
    }
    if let Some((hpa, spec)) = model.hpa_for(obj) {
        return Some(Replicas {
            count: spec.min_replicas.unwrap_or(1),
            hpa: Some(hpa),
            written: true,
        });
    }
    let written = obj.written_replicas();
    Some(Replicas {
        count: written.unwrap_or(1),
        hpa: None,
        written: written.is_some(),
    })
}

/// Where a replica-count finding points: `spec.replicas` when written, else the object's name.
pub(crate) fn replicas_path(obj: &Object, replicas: &Replicas<'_>) -> &'static str {
    if replicas.hpa.is_none() && obj.find("spec.replicas").is_some() {
        "spec.replicas"
    } else {
        "metadata.name"
    }
}

/// How a Deployment or a DeploymentConfig replaces its pods, as written: Deployment's
/// `strategy.rollingUpdate` and DeploymentConfig's `strategy.rollingParams` hold the same
/// `maxSurge` and `maxUnavailable` (both 25% when unset).
pub(crate) struct UpdateStrategy<'a> {
    /// `Deployment` or `DeploymentConfig`, for messages.
    pub kind: &'static str,
    /// Whether it rolls (`RollingUpdate`, or `Rolling` for a DeploymentConfig; the default).
    pub rolling: bool,
    /// Whether it stops every old pod first (`Recreate`).
    pub recreate: bool,
    /// The path of the rolling parameters: `spec.strategy.rollingUpdate` or
    /// `spec.strategy.rollingParams`.
    pub params_path: &'static str,
    /// `maxSurge` as written.
    pub max_surge: Option<&'a IntOrString>,
    /// `maxUnavailable` as written.
    pub max_unavailable: Option<&'a IntOrString>,
}

/// The update strategy of a Deployment or DeploymentConfig; `None` for other kinds.
pub(crate) fn update_strategy(obj: &Object) -> Option<UpdateStrategy<'_>> {
    match &*obj.resource {
        Resource::Deployment(deployment) => {
            let strategy = deployment.spec.strategy.as_ref();
            let kind = strategy
                .and_then(|s| s.type_.as_deref())
                .unwrap_or("RollingUpdate");
            let params = strategy.and_then(|s| s.rolling_update.as_ref());
            Some(UpdateStrategy {
                kind: "Deployment",
                rolling: kind == "RollingUpdate",
                recreate: kind == "Recreate",
                params_path: "spec.strategy.rollingUpdate",
                max_surge: params.and_then(|p| p.max_surge.as_ref()),
                max_unavailable: params.and_then(|p| p.max_unavailable.as_ref()),
            })
        }
        Resource::DeploymentConfig(config) => {
            let kind = config.strategy_type();
            let params = config
                .spec
                .strategy
                .as_ref()
                .and_then(|s| s.rolling_params.as_ref());
            Some(UpdateStrategy {
                kind: "DeploymentConfig",
                rolling: kind == "Rolling",
                recreate: kind == "Recreate",
                params_path: "spec.strategy.rollingParams",
                max_surge: params.and_then(|p| p.max_surge.as_ref()),
                max_unavailable: params.and_then(|p| p.max_unavailable.as_ref()),
            })
        }
        _ => None,
    }
}
