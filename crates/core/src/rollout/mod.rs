//! The rollout simulator: how the Deployment, StatefulSet and DaemonSet controllers replace a
//! workload's pods after its pod template changes, pass by pass, with the arithmetic of the real
//! controllers (`rolloutRolling`, `rolloutRecreate`, `updateStatefulSet`, the DaemonSet
//! `rollingUpdate`).
//!
//! The timing model is "ready between passes": every pod a pass creates is Ready (and available,
//! once `minReadySeconds` have passed) before the next pass runs, unless the options say the new
//! version never becomes ready. Each [`Pass`] records the controller's decision, the events it
//! emits, the state right after the pass and the state once its pods settle, the pods the
//! Services would send traffic to, and a plain-words narration.
//!
//! ```no_run
//! use manifesto_core::rollout::{self, RolloutOptions};
//! use manifesto_core::{Model, ObjectId};
//! use manifesto_core::samples::Sample;
//!
//! let model = Model::from_files(Sample::FeastFlow.files());
//! let id = ObjectId::new("Deployment", Some("feastflow"), "feastflow-frontend");
//! let rollout = rollout::simulate(&model, &id, &RolloutOptions::default()).unwrap();
//! for pass in &rollout.passes {
//!     println!("{}: {}", pass.number, pass.narration);
//! }
//! ```

mod change;
mod controller;
mod daemonset;
mod deployment;
mod deployment_config;
pub mod fenceposts;
pub mod hash;
pub mod history;
pub mod lessons;
mod narrate;
mod passes;
pub mod proportional;
pub mod review;
mod runs;
mod statefulset;
mod timing;
mod traffic;

#[cfg(test)]
mod tests;

use k8s_openapi::api::core::v1::PodTemplateSpec;
use serde::Serialize;

use crate::model::{Model, Object, ObjectId, Resource};

pub(crate) use change::{apply_change, check_valid, commands, min_ready_seconds, pods};
pub use history::{Revision, RevisionHistory, UndoOutcome};
pub use lessons::{Experiment, Lesson, LessonStep, Owner, lesson};
pub use passes::{Condition, KubectlCommand, Pass, Phase, PodTile, Rollout, State, Traffic};
pub use proportional::{ReplicaSetSize, ScalingEvent, scale_during_rollout};
pub use review::{NarrativeComparison, NarrativeStep, compare_narrative, feastflow_review};

/// A result of this module.
pub type Result<T, E = RolloutError> = std::result::Result<T, E>;

/// The most replicas (or nodes) the simulator runs; beyond this a simulation would take too long.
pub const MAX_REPLICAS: u32 = 5000;

/// States with more pods than this carry counts but no per-pod tiles.
pub const MAX_TILES: usize = 200;

/// Why a rollout cannot be simulated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RolloutError {
    /// No object has this id.
    #[error("no workload {id} in the manifests{}", suggestion.as_ref().map(|s| format!("; did you mean {s}?")).unwrap_or_default())]
    UnknownWorkload {
        /// The id asked for.
        id: String,
        /// The closest id that exists, if one is close.
        suggestion: Option<String>,
    },
    /// The object exists but is not a Deployment, DeploymentConfig, StatefulSet or DaemonSet.
    #[error(
        "{id} is a {kind}; only Deployments, DeploymentConfigs, StatefulSets and DaemonSets roll out"
    )]
    NotSimulatable {
        /// The object's id.
        id: String,
        /// Its kind.
        kind: String,
    },
    /// The workload runs pods but has no rollout to simulate: a ReplicationController or a
    /// ReplicaSet (a new template replaces no running pod), or a DeploymentConfig with a
    /// `Custom` strategy.
    #[error("{id} has no rollout to simulate: {reason}")]
    NoRollout {
        /// The workload's id.
        id: String,
        /// Why, in plain words.
        reason: String,
    },
    /// The API server would refuse the spec; the errors are its messages.
    #[error("The {kind} \"{name}\" is invalid: {}", show_field_errors(errors))]
    Invalid {
        /// The kind, e.g. `Deployment`.
        kind: String,
        /// The object's name.
        name: String,
        /// The API server's field errors, e.g.
        /// ``spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0``.
        errors: Vec<String>,
    },
    /// The pod template has no container whose image could change.
    #[error("{id} has no container whose image could change")]
    NoContainers {
        /// The workload's id.
        id: String,
    },
    /// More replicas or nodes than the simulator runs.
    #[error("{id} asks for {replicas} pods; the simulator runs at most {MAX_REPLICAS}")]
    TooLarge {
        /// The workload's id.
        id: String,
        /// The replicas or nodes asked for.
        replicas: u32,
    },
    /// `kubectl rollout undo --to-revision=N` with a revision that is not in the history.
    #[error("unable to find specified revision {0} in history")]
    UnknownRevision(u32),
    /// Undo is simulated for Deployments only.
    #[error("{0}: undo is simulated for Deployments only")]
    UndoUnsupported(String),
    /// `kubectl rollout undo` on a paused Deployment.
    #[error(
        "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/{0}' and try again"
    )]
    Paused(String),
}

/// kubectl's rendering of an API server's field errors: one inline, several as a list.
fn show_field_errors(errors: &[String]) -> String {
    match errors {
        [one] => one.clone(),
        many => many.iter().map(|e| format!("\n* {e}")).collect(),
    }
}

/// The change being rolled out.
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateChange {
    /// The first container's image gets this tag (`feastflow-backend:latest` →
    /// `feastflow-backend:v2`), as `kubectl set image` would do.
    NewImageTag(String),
    /// The whole pod template is replaced by this one (any edit).
    Template(Box<PodTemplateSpec>),
}

impl Default for TemplateChange {
    fn default() -> Self {
        TemplateChange::NewImageTag("v2".to_owned())
    }
}

/// What to simulate.
#[derive(Debug, Clone, PartialEq)]
pub struct RolloutOptions {
    /// The change to the pod template (default: the first image's tag becomes `v2`).
    pub change: TemplateChange,
    /// The new version never becomes ready (a crash loop or a failing readiness probe).
    pub fail_new: bool,
    /// How many nodes a DaemonSet runs on (default 3).
    pub nodes: u32,
    /// The assumed time to pull an image and start its containers, in seconds (default 5).
    pub image_pull_seconds: u32,
}

impl Default for RolloutOptions {
    fn default() -> Self {
        RolloutOptions {
            change: TemplateChange::default(),
            fail_new: false,
            nodes: 3,
            image_pull_seconds: 5,
        }
    }
}

/// The kinds that roll out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
pub enum WorkloadKind {
    /// A Deployment (through ReplicaSets).
    Deployment,
    /// An OpenShift DeploymentConfig (through ReplicationControllers, one per version).
    DeploymentConfig,
    /// A StatefulSet (pods by ordinal, through ControllerRevisions).
    StatefulSet,
    /// A DaemonSet (one pod per node, through ControllerRevisions).
    DaemonSet,
}

impl WorkloadKind {
    /// The kind's name.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The kind of the pod sets it rolls out through, one growing while another shrinks
    /// (`ReplicaSet`, or a DeploymentConfig's `ReplicationController`); `None` when it replaces
    /// its pods itself.
    pub fn pod_set_kind(self) -> Option<&'static str> {
        match self {
            WorkloadKind::Deployment => Some("ReplicaSet"),
            WorkloadKind::DeploymentConfig => Some("ReplicationController"),
            WorkloadKind::StatefulSet | WorkloadKind::DaemonSet => None,
        }
    }

    /// The kind of an object, if it rolls out.
    pub fn of(object: &Object) -> Option<WorkloadKind> {
        match &*object.resource {
            Resource::Deployment(_) => Some(WorkloadKind::Deployment),
            Resource::DeploymentConfig(_) => Some(WorkloadKind::DeploymentConfig),
            Resource::StatefulSet(_) => Some(WorkloadKind::StatefulSet),
            Resource::DaemonSet(_) => Some(WorkloadKind::DaemonSet),
            _ => None,
        }
    }
}

/// The update strategy (`spec.strategy.type` or `spec.updateStrategy.type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
pub enum Strategy {
    /// Replace pods gradually.
    RollingUpdate,
    /// Deployments: remove every old pod, then create the new ones.
    Recreate,
    /// StatefulSets and DaemonSets: replace a pod only when someone deletes it.
    OnDelete,
}

impl Strategy {
    /// The strategy's name as written in manifests.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A workload the simulator can roll out, for the UI's picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Simulatable {
    /// Its id.
    pub id: ObjectId,
    /// Its kind.
    pub kind: WorkloadKind,
    /// Its strategy.
    pub strategy: Strategy,
    /// Desired pods (`spec.replicas`; `None` for a DaemonSet, which runs one per node).
    pub replicas: Option<u32>,
}

/// The Deployments, DeploymentConfigs (but those with a `Custom` strategy), StatefulSets and
/// DaemonSets of the model, in model order.
pub fn simulatable(model: &Model) -> Vec<Simulatable> {
    model
        .objects
        .iter()
        .filter_map(|o| {
            let kind = WorkloadKind::of(o)?;
            let hpa_min = model
                .hpa_start_replicas(o)
                .map(|(min, _)| min.max(0) as u32);
            let (strategy, replicas) = match &*o.resource {
                Resource::Deployment(d) => (
                    match d.spec.strategy.as_ref().and_then(|s| s.type_.as_deref()) {
                        Some("Recreate") => Strategy::Recreate,
                        _ => Strategy::RollingUpdate,
                    },
                    hpa_min.or(Some(d.spec.replicas.unwrap_or(1).max(0) as u32)),
                ),
                Resource::DeploymentConfig(d) => (
                    match d.strategy_type() {
                        "Recreate" => Strategy::Recreate,
                        "Rolling" => Strategy::RollingUpdate,
                        _ => return None,
                    },
                    hpa_min.or(Some(d.spec.replicas.unwrap_or(1).max(0) as u32)),
                ),
                Resource::StatefulSet(s) => (
                    match s
                        .spec
                        .update_strategy
                        .as_ref()
                        .and_then(|s| s.type_.as_deref())
                    {
                        Some("OnDelete") => Strategy::OnDelete,
                        _ => Strategy::RollingUpdate,
                    },
                    hpa_min.or(Some(s.spec.replicas.unwrap_or(1).max(0) as u32)),
                ),
                Resource::DaemonSet(d) => (
                    match d
                        .spec
                        .update_strategy
                        .as_ref()
                        .and_then(|s| s.type_.as_deref())
                    {
                        Some("OnDelete") => Strategy::OnDelete,
                        _ => Strategy::RollingUpdate,
                    },
                    None,
                ),
                _ => return None,
            };
            Some(Simulatable {
                id: o.id.clone(),
                kind,
                strategy,
                replicas,
            })
        })
        .collect()
}

/// Looks a workload up, with a "did you mean" for a near miss.
pub fn find_workload<'a>(model: &'a Model, workload: &ObjectId) -> Result<&'a Object> {
    match model.get(workload) {
        Some(o) if WorkloadKind::of(o).is_some() => Ok(o),
        Some(o)
            if matches!(
                *o.resource,
                Resource::ReplicationController(_) | Resource::ReplicaSet(_)
            ) =>
        {
            Err(RolloutError::NoRollout {
                id: o.id.to_string(),
                reason: format!(
                    "a {} has no rolling update, so changing its pod template replaces no running pod; only the pods it creates after old ones are deleted (by hand, or when their node fails) run the new template. A Deployment rolls out a new template",
                    o.kind
                ),
            })
        }
        Some(o) => Err(RolloutError::NotSimulatable {
            id: o.id.to_string(),
            kind: o.kind.clone(),
        }),
        None => {
            let candidates: Vec<&str> = model
                .objects
                .iter()
                .filter(|o| WorkloadKind::of(o).is_some())
                .map(|o| o.id.as_str())
                .collect();
            let suggestion = crate::text::closest(workload.as_str(), candidates.iter().copied())
                .or_else(|| {
                    // Same name, another kind or namespace.
                    candidates
                        .iter()
                        .copied()
                        .find(|c| c.rsplit('/').next() == Some(workload.name()))
                })
                .map(str::to_owned);
            Err(RolloutError::UnknownWorkload {
                id: workload.to_string(),
                suggestion,
            })
        }
    }
}

/// Looks up a workload, a ReplicaSet or a bare Pod (for the lessons), with a "did you mean".
pub(crate) fn find_workload_or_pod<'a>(model: &'a Model, id: &ObjectId) -> Result<&'a Object> {
    match model.get(id) {
        Some(o)
            if matches!(
                *o.resource,
                Resource::Pod(_) | Resource::ReplicaSet(_) | Resource::Deployment(_)
            ) =>
        {
            Ok(o)
        }
        Some(o) => Err(RolloutError::NotSimulatable {
            id: o.id.to_string(),
            kind: o.kind.clone(),
        }),
        None => find_workload(model, id),
    }
}

/// Simulates rolling out `options.change` to `workload` (a Deployment, DeploymentConfig,
/// StatefulSet or DaemonSet).
pub fn simulate(model: &Model, workload: &ObjectId, options: &RolloutOptions) -> Result<Rollout> {
    let found = find_workload(model, workload)?;
    let (hpa_object, hpa_note) = with_hpa_replicas(model, found);
    let object = hpa_object.as_ref().unwrap_or(found);
    let mut rollout = match &*object.resource {
        Resource::Deployment(d) => deployment::simulate(model, object, d, options)?,
        Resource::DeploymentConfig(d) => deployment_config::simulate(model, object, d, options)?,
        Resource::StatefulSet(s) => statefulset::simulate(model, object, s, options)?,
        Resource::DaemonSet(d) => daemonset::simulate(model, object, d, options)?,
        _ => {
            return Err(RolloutError::NotSimulatable {
                id: object.id.to_string(),
                kind: object.kind.clone(),
            });
        }
    };
    rollout.notes.extend(hpa_note);
    finish(&mut rollout);
    Ok(rollout)
}

/// With `spec.replicas` unset and a HorizontalPodAutoscaler targeting the workload, the
/// workload runs the HPA's `minReplicas` (as the graph shows): a copy of the object with that
/// many replicas, and a note saying so.
fn with_hpa_replicas(model: &Model, object: &Object) -> (Option<Object>, Option<String>) {
    let Some((min, hpa)) = model.hpa_start_replicas(object) else {
        return (None, None);
    };
    let mut copy = object.clone();
    match std::sync::Arc::make_mut(&mut copy.resource) {
        Resource::Deployment(d) => d.spec.replicas = Some(min),
        Resource::DeploymentConfig(d) => d.spec.replicas = Some(min),
        Resource::StatefulSet(s) => s.spec.replicas = Some(min),
        _ => return (None, None),
    }
    let note = format!(
        "spec.replicas is unset and HorizontalPodAutoscaler {hpa} targets {}: simulated with its minReplicas {min} (the autoscaler may have scaled it since)",
        object.name
    );
    (Some(copy), Some(note))
}

/// Simulates `kubectl rollout undo` right after `options.change` has rolled out to a
/// Deployment: the written template comes back, its ReplicaSet is reused (not created) and
/// renumbered, and the controller rolls back with the same arithmetic as any rollout. With
/// `options.fail_new` the change got stuck first, and the undo starts from where it stopped:
/// the broken pods go first (unavailable old pods are removed before healthy ones).
pub fn simulate_undo(
    model: &Model,
    workload: &ObjectId,
    options: &RolloutOptions,
) -> Result<Rollout> {
    let found = find_workload(model, workload)?;
    let (hpa_object, hpa_note) = with_hpa_replicas(model, found);
    let object = hpa_object.as_ref().unwrap_or(found);
    let Resource::Deployment(d) = &*object.resource else {
        return Err(RolloutError::UndoUnsupported(object.id.to_string()));
    };
    let (mut rollout, _, _) =
        deployment::run(model, object, d, options, deployment::Start::Undo, None)?;
    let resource = format!("deployment/{}", object.name);
    // The change command becomes the undo.
    rollout.commands[0] = KubectlCommand {
        command: format!("kubectl rollout undo {resource} -n {}", object.ns()),
        purpose:
            "go back to the previous revision: kubectl copies its template into the Deployment"
                .to_owned(),
    };
    rollout.notes.extend(hpa_note);
    finish(&mut rollout);
    Ok(rollout)
}

/// Fills the summary fields every kind shares: downtime and the estimate's total.
fn finish(rollout: &mut Rollout) {
    let has_services = !rollout.services.is_empty();
    let serving = |s: &State| -> u32 {
        if has_services {
            s.traffic.serving()
        } else {
            s.ready
        }
    };
    rollout.lowest_serving = rollout.states().map(serving).min().unwrap_or(0);
    rollout.zero_downtime = rollout.lowest_serving > 0 || rollout.replicas == 0;
}

/// The image with its tag replaced: `repo/app:1` → `repo/app:v2`, keeping a registry port and
/// dropping a digest.
pub fn image_with_tag(image: &str, tag: &str) -> String {
    let without_digest = image.split('@').next().unwrap_or(image);
    let name_start = without_digest.rfind('/').map_or(0, |i| i + 1);
    let repo = match without_digest[name_start..].find(':') {
        Some(colon) => &without_digest[..name_start + colon],
        None => without_digest,
    };
    format!("{repo}:{tag}")
}
