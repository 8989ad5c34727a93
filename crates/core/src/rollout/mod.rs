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

mod daemonset;
mod deployment;
pub mod fenceposts;
pub mod hash;
pub mod history;
pub mod lessons;
mod narrate;
pub mod proportional;
pub mod review;
mod statefulset;
mod timing;
mod traffic;

#[cfg(test)]
mod tests;

use k8s_openapi::api::core::v1::PodTemplateSpec;
use serde::Serialize;

use crate::model::{Model, Object, ObjectId, Resource};

pub use history::{Revision, RevisionHistory, UndoOutcome};
pub use lessons::{Experiment, Lesson, LessonStep, Owner, lesson};
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
    /// The object exists but is not a Deployment, StatefulSet or DaemonSet.
    #[error("{id} is a {kind}; only Deployments, StatefulSets and DaemonSets roll out")]
    NotSimulatable {
        /// The object's id.
        id: String,
        /// Its kind.
        kind: String,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WorkloadKind {
    /// A Deployment (through ReplicaSets).
    Deployment,
    /// A StatefulSet (pods by ordinal, through ControllerRevisions).
    StatefulSet,
    /// A DaemonSet (one pod per node, through ControllerRevisions).
    DaemonSet,
}

impl WorkloadKind {
    /// The kind's name.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkloadKind::Deployment => "Deployment",
            WorkloadKind::StatefulSet => "StatefulSet",
            WorkloadKind::DaemonSet => "DaemonSet",
        }
    }

    /// The kind of an object, if it rolls out.
    pub fn of(object: &Object) -> Option<WorkloadKind> {
        match object.resource {
            Resource::Deployment(_) => Some(WorkloadKind::Deployment),
            Resource::StatefulSet(_) => Some(WorkloadKind::StatefulSet),
            Resource::DaemonSet(_) => Some(WorkloadKind::DaemonSet),
            _ => None,
        }
    }
}

/// The update strategy (`spec.strategy.type` or `spec.updateStrategy.type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
        match self {
            Strategy::RollingUpdate => "RollingUpdate",
            Strategy::Recreate => "Recreate",
            Strategy::OnDelete => "OnDelete",
        }
    }
}

/// Where a pod is in its life, as the UI draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Phase {
    /// Created, not yet scheduled.
    Pending,
    /// Scheduled; the image is being pulled and the containers started.
    ContainerCreating,
    /// Running, but its readiness probe does not pass (yet, or ever when the version is broken).
    RunningNotReady,
    /// Ready, but not yet for `minReadySeconds`: it receives traffic but does not count as
    /// available.
    Ready,
    /// Ready for at least `minReadySeconds`: counts as available.
    Available,
    /// Being deleted: no traffic; invisible to the controllers' arithmetic.
    Terminating,
}

impl Phase {
    /// Whether the pod counts as available.
    pub fn is_available(self) -> bool {
        self == Phase::Available
    }

    /// Whether Services send it traffic (it is Ready and not terminating).
    pub fn receives_traffic(self) -> bool {
        matches!(self, Phase::Ready | Phase::Available)
    }
}

/// One pod as drawn in a state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PodTile {
    /// The pod's name (`web-5d59d67564-x7k2p`, `postgres-0`).
    pub name: String,
    /// The ReplicaSet or ControllerRevision it belongs to.
    pub revision: String,
    /// Whether it runs the new template.
    pub updated: bool,
    /// The StatefulSet ordinal.
    pub ordinal: Option<u32>,
    /// The node a DaemonSet pod runs on.
    pub node: Option<String>,
    /// Where it is in its life.
    pub phase: Phase,
}

/// Which pods the Services in front of the workload send traffic to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Traffic {
    /// The Services (same namespace, selector matching the pod labels), as `namespace/name`.
    pub services: Vec<String>,
    /// The pods receiving traffic: Ready, not terminating, selected by a Service. Listed only
    /// when the state lists its pods.
    pub pods: Vec<String>,
    /// How many old pods receive traffic.
    pub old: u32,
    /// How many new pods receive traffic.
    pub new: u32,
}

impl Traffic {
    /// How many pods receive traffic.
    pub fn serving(&self) -> u32 {
        self.old + self.new
    }
}

/// The workload at one moment. Counts follow the controller's arithmetic: for Deployments the
/// totals are the ReplicaSets' `spec.replicas` (terminating pods are not counted) and the
/// `*_ready` counts are available pods.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct State {
    /// Pods of every old revision (not terminating).
    pub old_total: u32,
    /// Old pods that are available.
    pub old_ready: u32,
    /// Pods of the new revision (not terminating).
    pub new_total: u32,
    /// New pods that are available.
    pub new_ready: u32,
    /// Every pod, terminating ones included (empty beyond [`MAX_TILES`] pods). StatefulSet pods
    /// are listed by ordinal, DaemonSet pods by node.
    pub pods: Vec<PodTile>,
    /// Where the Services send traffic.
    pub traffic: Traffic,
}

impl State {
    /// `old_total + new_total`.
    pub fn total(&self) -> u32 {
        self.old_total + self.new_total
    }

    /// `old_ready + new_ready`.
    pub fn available(&self) -> u32 {
        self.old_ready + self.new_ready
    }
}

/// One reconcile pass that changed something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pass {
    /// 1-based.
    pub number: u32,
    /// The controller's decision, terse, with its arithmetic (`new 2→3 (total 4 < 5)`).
    pub decision: String,
    /// The same in plain words, for students.
    pub narration: String,
    /// The events the controllers record (`Scaled up replica set web-5d59d67564 to 2`).
    pub events: Vec<String>,
    /// Right after the pass: created pods are starting, removed pods are terminating.
    pub after: State,
    /// Once the pods settle: created pods are available (unless the new version is broken),
    /// terminated pods are gone.
    pub settled: State,
    /// Estimated seconds from this pass to its settled state.
    pub seconds: u32,
}

impl Pass {
    /// Where traffic goes right after the pass, the moment with the fewest serving pods.
    pub fn traffic(&self) -> &Traffic {
        &self.after.traffic
    }
}

/// A status condition, as `kubectl describe` shows it. StatefulSets and DaemonSets have no
/// `Progressing` condition: for them this is what `kubectl rollout status` reports, with type
/// `RolloutStatus`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// `Progressing` (Deployments) or `RolloutStatus` (StatefulSets, DaemonSets).
    #[serde(rename = "type")]
    pub type_: String,
    /// `True`, `False` or `Unknown`.
    pub status: String,
    /// E.g. `NewReplicaSetAvailable`, `ProgressDeadlineExceeded`.
    pub reason: String,
    /// The controller's message.
    pub message: String,
}

impl Condition {
    fn progressing(status: &str, reason: &str, message: String) -> Self {
        Condition {
            type_: "Progressing".to_owned(),
            status: status.to_owned(),
            reason: reason.to_owned(),
            message,
        }
    }

    fn rollout_status(done: bool, reason: &str, message: String) -> Self {
        Condition {
            type_: "RolloutStatus".to_owned(),
            status: if done { "True" } else { "False" }.to_owned(),
            reason: reason.to_owned(),
            message,
        }
    }
}

/// A command a person would type, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KubectlCommand {
    /// The command line.
    pub command: String,
    /// What it does.
    pub purpose: String,
}

/// A simulated rollout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rollout {
    /// The workload.
    pub workload: ObjectId,
    /// Its kind.
    pub kind: WorkloadKind,
    /// Its update strategy.
    pub strategy: Strategy,
    /// `podManagementPolicy` of a StatefulSet (`OrderedReady` or `Parallel`).
    pub pod_management_policy: Option<String>,
    /// Desired pods: `spec.replicas`, or the node count for a DaemonSet.
    pub replicas: u32,
    /// Resolved surge (0 where there is none).
    pub max_surge: u32,
    /// Resolved unavailable budget (for Deployments clamped to `replicas`).
    pub max_unavailable: u32,
    /// Pods that must stay available (`replicas − max_unavailable`).
    pub min_available: u32,
    /// Most pods by spec total (`replicas + max_surge`).
    pub max_total: u32,
    /// The StatefulSet partition.
    pub partition: Option<u32>,
    /// `minReadySeconds`.
    pub min_ready_seconds: u32,
    /// `progressDeadlineSeconds` of a Deployment (default 600).
    pub progress_deadline_seconds: Option<u32>,
    /// The old ReplicaSet (or ControllerRevision).
    pub old_rs_name: String,
    /// The new ReplicaSet (or ControllerRevision).
    pub new_rs_name: String,
    /// The revision numbers of the old and the new ReplicaSet.
    pub revisions: (u32, u32),
    /// The container whose image changes, when the change is an image.
    pub container: Option<String>,
    /// Its image before.
    pub old_image: Option<String>,
    /// Its image after.
    pub new_image: Option<String>,
    /// The state before the first pass (step 0).
    pub initial: State,
    /// The passes that changed something.
    pub passes: Vec<Pass>,
    /// Whether every pod runs the new template and is available (for a partitioned StatefulSet:
    /// every pod at or above the partition).
    pub complete: bool,
    /// The `Progressing` condition at the end.
    pub condition: Condition,
    /// Why the rollout stopped before completing, in plain words.
    pub stall: Option<String>,
    /// Estimated wall-clock seconds until the end (for a stuck Deployment, until
    /// `ProgressDeadlineExceeded`).
    pub estimated_seconds: u32,
    /// The assumptions behind the estimate, one sentence each.
    pub assumptions: Vec<String>,
    /// The Services in front of the workload, as `namespace/name`.
    pub services: Vec<String>,
    /// The fewest pods receiving traffic at any moment (with no Service: the fewest Ready pods).
    pub lowest_serving: u32,
    /// Whether some pod receives traffic at every moment of the rollout.
    pub zero_downtime: bool,
    /// The commands a person would run.
    pub commands: Vec<KubectlCommand>,
    /// Remarks about this workload's rollout (OnDelete, paused, unchanged template…).
    pub notes: Vec<String>,
}

impl Rollout {
    /// Every state in order: the initial one, then each pass's after and settled states.
    pub fn states(&self) -> impl Iterator<Item = &State> {
        std::iter::once(&self.initial)
            .chain(self.passes.iter().flat_map(|p| [&p.after, &p.settled]))
    }

    /// The last settled state (the initial one when nothing happened).
    pub fn last(&self) -> &State {
        self.passes
            .last()
            .map(|p| &p.settled)
            .unwrap_or(&self.initial)
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

/// The Deployments, StatefulSets and DaemonSets of the model, in model order.
pub fn simulatable(model: &Model) -> Vec<Simulatable> {
    model
        .objects
        .iter()
        .filter_map(|o| {
            let kind = WorkloadKind::of(o)?;
            let hpa_min = model
                .hpa_start_replicas(o)
                .map(|(min, _)| min.max(0) as u32);
            let (strategy, replicas) = match &o.resource {
                Resource::Deployment(d) => (
                    match d.spec.strategy.as_ref().and_then(|s| s.type_.as_deref()) {
                        Some("Recreate") => Strategy::Recreate,
                        _ => Strategy::RollingUpdate,
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
                o.resource,
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

/// Simulates rolling out `options.change` to `workload` (a Deployment, StatefulSet or DaemonSet).
pub fn simulate(model: &Model, workload: &ObjectId, options: &RolloutOptions) -> Result<Rollout> {
    let found = find_workload(model, workload)?;
    let (hpa_object, hpa_note) = with_hpa_replicas(model, found);
    let object = hpa_object.as_ref().unwrap_or(found);
    let mut rollout = match &object.resource {
        Resource::Deployment(d) => deployment::simulate(model, object, d, options)?,
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
    match &mut copy.resource {
        Resource::Deployment(d) => d.spec.replicas = Some(min),
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
    let Resource::Deployment(d) = &object.resource else {
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
            s.pods.iter().filter(|p| p.phase.receives_traffic()).count() as u32
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

/// What the change does to the template: the new template, plus the container and images when
/// the change is an image tag.
pub(crate) struct AppliedChange {
    pub template: PodTemplateSpec,
    pub container: Option<String>,
    pub old_image: Option<String>,
    pub new_image: Option<String>,
}

/// `spec.minReadySeconds` (default 0), with the API server's error in `errors` when negative.
pub(crate) fn min_ready_seconds(written: Option<i32>, errors: &mut Vec<String>) -> i32 {
    let min_ready = written.unwrap_or(0);
    if min_ready < 0 {
        errors.push(format!(
            "spec.minReadySeconds: Invalid value: {min_ready}: must be greater than or equal to 0"
        ));
    }
    min_ready
}

impl RolloutError {
    /// The API server's rejection of `object`, a `kind`, for the field `errors`.
    pub(crate) fn invalid(kind: &str, object: &Object, errors: Vec<String>) -> Self {
        RolloutError::Invalid {
            kind: kind.into(),
            name: crate::text::shorten(&object.name, 80),
            errors,
        }
    }
}

/// Rejects `object`, a `kind`, when validation found `errors`, then when it asks for more than
/// [`MAX_REPLICAS`] replicas (or nodes).
pub(crate) fn check_valid(
    kind: &str,
    object: &Object,
    errors: Vec<String>,
    replicas: u32,
) -> Result<()> {
    let mut errors = errors;
    // The API server validates the name first; a name it refuses would also make every pass
    // copy it (a 70,000-character name once cost gigabytes).
    let name = crate::text::name_to_validate(object);
    for error in crate::text::name_errors(&name, crate::text::NameFormat::Subdomain) {
        errors.insert(
            0,
            format!(
                "metadata.name: Invalid value: {:?}: {error}",
                crate::text::shorten(&object.name, 80)
            ),
        );
    }
    if !errors.is_empty() {
        return Err(RolloutError::invalid(kind, object, errors));
    }
    if replicas > MAX_REPLICAS {
        return Err(RolloutError::TooLarge {
            id: object.id.to_string(),
            replicas,
        });
    }
    Ok(())
}

/// Applies `change` to a workload's template.
pub(crate) fn apply_change(
    object: &Object,
    old: &PodTemplateSpec,
    change: &TemplateChange,
) -> Result<AppliedChange> {
    match change {
        TemplateChange::Template(t) => {
            let first = |t: &PodTemplateSpec| {
                t.spec
                    .as_ref()
                    .and_then(|s| s.containers.first())
                    .map(|c| (c.name.clone(), c.image.clone()))
            };
            let (container, old_image) = first(old).unzip();
            let new_image = first(t).and_then(|(_, i)| i);
            Ok(AppliedChange {
                template: (**t).clone(),
                container,
                old_image: old_image.flatten(),
                new_image,
            })
        }
        TemplateChange::NewImageTag(tag) => {
            let mut template = old.clone();
            let container = template
                .spec
                .as_mut()
                .and_then(|s| s.containers.first_mut())
                .ok_or_else(|| RolloutError::NoContainers {
                    id: object.id.to_string(),
                })?;
            let old_image = container.image.clone().unwrap_or_default();
            let new_image = image_with_tag(&old_image, tag);
            container.image = Some(new_image.clone());
            let name = container.name.clone();
            Ok(AppliedChange {
                template,
                container: Some(name),
                old_image: Some(old_image),
                new_image: Some(new_image),
            })
        }
    }
}

/// `kubectl` commands for a workload: change, watch, inspect history, undo.
pub(crate) fn commands(
    object: &Object,
    kind: WorkloadKind,
    applied: &AppliedChange,
) -> Vec<KubectlCommand> {
    let resource = format!("{}/{}", kind.as_str().to_lowercase(), object.name);
    let ns = object.ns();
    let mut out = Vec::new();
    if let (Some(container), Some(image)) = (&applied.container, &applied.new_image) {
        out.push(KubectlCommand {
            command: format!("kubectl set image {resource} {container}={image} -n {ns}"),
            purpose: "change the image; the controller starts the rollout".to_owned(),
        });
    } else {
        out.push(KubectlCommand {
            command: format!("kubectl apply -f {}", object.file),
            purpose: "apply the edited template; the controller starts the rollout".to_owned(),
        });
    }
    out.push(KubectlCommand {
        command: format!("kubectl rollout status {resource} -n {ns}"),
        purpose: "watch the rollout until it completes or fails".to_owned(),
    });
    if kind == WorkloadKind::Deployment {
        out.push(KubectlCommand {
            command: format!("kubectl get rs -n {ns} -w"),
            purpose: "watch the old and new ReplicaSets scale".to_owned(),
        });
    } else {
        out.push(KubectlCommand {
            command: format!("kubectl get pods -n {ns} -w"),
            purpose: "watch the pods being replaced".to_owned(),
        });
    }
    out.push(KubectlCommand {
        command: format!("kubectl rollout history {resource} -n {ns}"),
        purpose: "list the revisions".to_owned(),
    });
    out.push(KubectlCommand {
        command: format!("kubectl rollout undo {resource} -n {ns}"),
        purpose: "go back to the previous revision".to_owned(),
    });
    out.push(KubectlCommand {
        command: format!("kubectl rollout undo {resource} --to-revision=1 -n {ns}"),
        purpose: "go back to a given revision".to_owned(),
    });
    if kind == WorkloadKind::Deployment {
        out.push(KubectlCommand {
            command: format!("kubectl rollout pause {resource} -n {ns}"),
            purpose: "stop the rollout where it is (resume with kubectl rollout resume)".to_owned(),
        });
    }
    out
}

/// A count with its noun: `1 pod`, `2 pods`.
pub(crate) fn pods(n: u32) -> String {
    if n == 1 {
        "1 pod".to_owned()
    } else {
        format!("{n} pods")
    }
}
