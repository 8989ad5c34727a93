//! What a simulation returns: the pods' phases and tiles, the states and passes, the conditions
//! and commands, and the whole rollout.

use serde::Serialize;

use super::{Strategy, WorkloadKind};
use crate::model::ObjectId;

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
    /// Pods that would receive traffic (Ready and not terminating), whether or not a Service
    /// selects them: what "serving" means when none does. Counted even beyond [`MAX_TILES`].
    #[serde(skip)]
    pub ready: u32,
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
    pub(crate) fn progressing(status: &str, reason: &str, message: String) -> Self {
        Condition {
            type_: "Progressing".to_owned(),
            status: status.to_owned(),
            reason: reason.to_owned(),
            message,
        }
    }

    pub(crate) fn rollout_status(done: bool, reason: &str, message: String) -> Self {
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
        self.passes.last().map_or(&self.initial, |p| &p.settled)
    }
}
