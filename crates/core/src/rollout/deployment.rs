//! The Deployment controller: `rolloutRolling` and `rolloutRecreate` over simulated ReplicaSets
//! and their pods.
//!
//! The controller only counts: "pods" are the sum of the ReplicaSets' `spec.replicas` and
//! "available" the sum of their available pods. The ReplicaSet controller then creates or
//! deletes pods to match each spec, deleting pods that are not ready before ready ones.

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::fenceposts::{self, Round};
use super::hash::{pod_suffix, revision_name, templates_equal};
use super::narrate;
use super::timing::{self, Timing};
use super::traffic::Endpoints;
use super::{
    Condition, Pass, Phase, PodTile, Result, Rollout, RolloutError, RolloutOptions, State,
    Strategy, WorkloadKind,
};
use crate::model::{Model, Object};

/// The annotation holding a Deployment's or ReplicaSet's revision number.
pub(crate) const REVISION_ANNOTATION: &str = "deployment.kubernetes.io/revision";

/// One simulated pod: its number in its ReplicaSet (its name is derived from it only when a
/// state draws tiles) and its phase. Eight bytes, so a pass copies no names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SimPod {
    /// The counter its name comes from.
    pub number: u32,
    /// Where it is in its life.
    pub phase: Phase,
}

/// A simulated ReplicaSet.
#[derive(Debug, Clone)]
pub(crate) struct ReplicaSet {
    /// `<deployment>-<pod-template-hash>`.
    pub name: String,
    /// `deployment.kubernetes.io/revision`.
    pub revision: u32,
    /// Whether its template is the Deployment's current template.
    pub is_new: bool,
    /// `spec.replicas`.
    pub spec: u32,
    /// Its pods, terminating ones included, oldest first.
    pub pods: Vec<SimPod>,
    /// Creation order (lower is older).
    pub created: u32,
    /// `deployment.kubernetes.io/desired-replicas`.
    pub desired: u32,
    /// `deployment.kubernetes.io/max-replicas`.
    pub max_replicas: u32,
    /// Counter for pod names.
    next_pod: u32,
}

impl ReplicaSet {
    /// A ReplicaSet with `ready` available pods.
    pub fn new(name: String, revision: u32, is_new: bool, created: u32, ready: u32) -> Self {
        let mut rs = ReplicaSet {
            name,
            revision,
            is_new,
            spec: ready,
            pods: Vec::new(),
            created,
            desired: 0,
            max_replicas: 0,
            next_pod: 0,
        };
        for _ in 0..ready {
            rs.add_pod(Phase::Available);
        }
        rs
    }

    fn add_pod(&mut self, phase: Phase) {
        self.pods.push(SimPod {
            number: self.next_pod,
            phase,
        });
        self.next_pod += 1;
    }

    /// The pod as drawn: its name is `<replicaset>-<suffix>`.
    fn tile(&self, pod: &SimPod) -> PodTile {
        PodTile {
            name: format!("{}-{}", self.name, pod_suffix(&self.name, pod.number)),
            revision: self.name.clone(),
            updated: self.is_new,
            ordinal: None,
            node: None,
            phase: pod.phase,
        }
    }

    /// `status.availableReplicas`.
    pub fn available(&self) -> u32 {
        self.pods.iter().filter(|p| p.phase.is_available()).count() as u32
    }

    /// `status.replicas`: pods that are not terminating.
    pub fn live(&self) -> u32 {
        self.pods
            .iter()
            .filter(|p| p.phase != Phase::Terminating)
            .count() as u32
    }

    /// Pods that receive traffic (Ready, not terminating).
    fn serving(&self) -> u32 {
        self.pods
            .iter()
            .filter(|p| p.phase.receives_traffic())
            .count() as u32
    }

    /// The ReplicaSet controller: create pods up to `spec`, or delete the surplus, least useful
    /// first (not scheduled, not ready, then the most recently ready).
    pub fn sync_pods(&mut self) {
        let live = self.live();
        if live < self.spec {
            for _ in live..self.spec {
                self.add_pod(Phase::ContainerCreating);
            }
        } else if live > self.spec {
            let mut candidates: Vec<usize> = (0..self.pods.len())
                .filter(|&i| self.pods[i].phase != Phase::Terminating)
                .collect();
            candidates.sort_by_key(|&i| (self.pods[i].phase, std::cmp::Reverse(i)));
            for &i in candidates.iter().take((live - self.spec) as usize) {
                self.pods[i].phase = Phase::Terminating;
            }
        }
    }

    /// The pods settle: terminated ones are gone, started ones become available (or stay not
    /// ready when `broken`).
    pub fn settle(&mut self, broken: bool) {
        self.pods.retain(|p| p.phase != Phase::Terminating);
        for pod in &mut self.pods {
            if matches!(
                pod.phase,
                Phase::Pending | Phase::ContainerCreating | Phase::Ready
            ) {
                pod.phase = if broken {
                    Phase::RunningNotReady
                } else {
                    Phase::Available
                };
            }
        }
    }
}

/// The numbers behind one RollingUpdate pass, for its decision and narration.
#[derive(Debug, Clone, Default)]
pub(crate) struct RollingTrace {
    /// The new ReplicaSet was created in this pass, at this size.
    pub created: Option<u32>,
    /// Σ spec of the old ReplicaSets when the new one was created.
    pub olds_at_creation: u32,
    /// The new ReplicaSet's spec before and after `reconcileNewReplicaSet`.
    pub new_from: u32,
    /// See `new_from`.
    pub new_to: u32,
    /// Σ spec over all ReplicaSets when the new one was reconciled.
    pub total: u32,
    /// `replicas + maxSurge`.
    pub max_total: u32,
    /// `spec.replicas`.
    pub replicas: u32,
    /// What `reconcileOldReplicaSets` did, if it ran.
    pub old: Option<OldTrace>,
}

/// The numbers of `reconcileOldReplicaSets`.
#[derive(Debug, Clone, Default)]
pub(crate) struct OldTrace {
    /// Σ spec of the active old ReplicaSets before.
    pub old_from: u32,
    /// … and after.
    pub old_to: u32,
    /// Σ spec over all ReplicaSets.
    pub all: u32,
    /// `replicas − maxUnavailable`.
    pub min_available: u32,
    /// New pods counted in spec but not available.
    pub new_unavailable: u32,
    /// `all − min_available − new_unavailable`.
    pub max_scaled_down: i64,
    /// Unavailable old pods removed first (`cleanupUnhealthyReplicas`).
    pub cleaned: u32,
    /// Available pods over all ReplicaSets, as the second step sees them.
    pub available: u32,
    /// Old pods removed by `scaleDownOldReplicaSetsForRollingUpdate`.
    pub scaled: u32,
}

impl RollingTrace {
    /// Whether the pass changed anything.
    pub fn changed(&self) -> bool {
        self.created.is_some()
            || self.new_from != self.new_to
            || self.old.as_ref().is_some_and(|o| o.cleaned + o.scaled > 0)
    }
}

/// What one Recreate pass did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RecreateStep {
    /// Every old ReplicaSet scaled to 0 (total before).
    ScaledDownOld(u32),
    /// Old pods are still terminating: wait.
    WaitingForTermination(u32),
    /// The new ReplicaSet was created at this size.
    CreatedNew(u32),
    /// The new ReplicaSet was scaled from, to.
    ScaledNew(u32, u32),
    /// Nothing to do.
    Nothing,
}

/// A Deployment's ReplicaSets and the controller's settings: the state the passes change.
#[derive(Debug, Clone)]
pub(crate) struct Cluster {
    /// `spec.replicas`.
    pub replicas: u32,
    /// Resolved `maxSurge`.
    pub surge: u32,
    /// `MaxUnavailable()`: resolved and clamped to `replicas`.
    pub unavailable: u32,
    /// Every ReplicaSet, oldest first.
    pub rss: Vec<ReplicaSet>,
    /// The name, for the new ReplicaSet when it gets created.
    pub new_name: String,
    /// Whether the new version never becomes ready.
    pub fail_new: bool,
    /// Events recorded so far in the current pass.
    pub events: Vec<String>,
}

impl Cluster {
    /// The index of the new ReplicaSet, if it exists.
    pub fn new_index(&self) -> Option<usize> {
        self.rss.iter().position(|r| r.is_new)
    }

    /// Σ `spec.replicas` over every ReplicaSet.
    pub fn total(&self) -> u32 {
        self.rss.iter().map(|r| r.spec).sum()
    }

    /// Σ over the old ReplicaSets of `spec.replicas`.
    pub fn old_total(&self) -> u32 {
        self.rss.iter().filter(|r| !r.is_new).map(|r| r.spec).sum()
    }

    /// `scaleReplicaSetAndRecordEvent`: sets the spec and records the event.
    pub fn scale(&mut self, i: usize, to: u32) {
        let rs = &mut self.rss[i];
        if rs.spec == to {
            return;
        }
        let direction = if rs.spec < to { "up" } else { "down" };
        self.events.push(format!(
            "Scaled {direction} replica set {} to {to} from {}",
            rs.name, rs.spec
        ));
        rs.spec = to;
        rs.desired = self.replicas;
        rs.max_replicas = self.replicas + self.surge;
    }

    /// Creates the new ReplicaSet (`getNewReplicaSet`) at `size`.
    pub fn create_new(&mut self, size: u32) -> usize {
        let revision = self.rss.iter().map(|r| r.revision).max().unwrap_or(0) + 1;
        let created = self
            .rss
            .iter()
            .map(|r| r.created)
            .max()
            .map_or(0, |c| c + 1);
        let mut rs = ReplicaSet::new(self.new_name.clone(), revision, true, created, 0);
        rs.spec = size;
        rs.desired = self.replicas;
        rs.max_replicas = self.replicas + self.surge;
        if size > 0 {
            self.events
                .push(format!("Scaled up replica set {} to {size}", rs.name));
        }
        self.rss.push(rs);
        self.rss.len() - 1
    }

    /// `NewRSNewReplicas` for a RollingUpdate: the size the new ReplicaSet may grow to.
    fn new_rs_new_replicas(&self, new_spec: u32) -> u32 {
        let max_total = self.replicas + self.surge;
        let current = self.total();
        if current >= max_total {
            return new_spec;
        }
        new_spec + (max_total - current).min(self.replicas.saturating_sub(new_spec))
    }

    /// One `rolloutRolling` pass.
    pub fn rolling_pass(&mut self) -> RollingTrace {
        let mut trace = RollingTrace {
            replicas: self.replicas,
            max_total: self.replicas + self.surge,
            ..RollingTrace::default()
        };
        let new = match self.new_index() {
            Some(i) => i,
            None => {
                trace.olds_at_creation = self.total();
                let size = self.new_rs_new_replicas(0);
                trace.created = Some(size);
                self.create_new(size)
            }
        };
        // reconcileNewReplicaSet
        trace.new_from = self.rss[new].spec;
        trace.total = self.total();
        let target = if self.rss[new].spec >= self.replicas {
            // At the desired size, or above it (scale the new ReplicaSet down).
            self.replicas
        } else {
            self.new_rs_new_replicas(self.rss[new].spec)
        };
        self.scale(new, target);
        trace.new_to = target;
        if trace.new_from != trace.new_to {
            return trace;
        }
        // reconcileOldReplicaSets
        let old_from = self.old_total();
        if old_from == 0 {
            return trace;
        }
        let all = self.total();
        let min_available = self.replicas - self.unavailable;
        let new_unavailable = self.rss[new].spec.saturating_sub(self.rss[new].available());
        let max_scaled_down =
            i64::from(all) - i64::from(min_available) - i64::from(new_unavailable);
        let mut old = OldTrace {
            old_from,
            old_to: old_from,
            all,
            min_available,
            new_unavailable,
            max_scaled_down,
            ..OldTrace::default()
        };
        if max_scaled_down > 0 {
            // The ReplicaSets' status as the controller read it at the start of the pass.
            let available: Vec<u32> = self.rss.iter().map(ReplicaSet::available).collect();
            // cleanupUnhealthyReplicas, oldest first.
            let budget = max_scaled_down as u32;
            for (i, &ready) in available.iter().enumerate() {
                if old.cleaned >= budget {
                    break;
                }
                let rs = &self.rss[i];
                if rs.is_new || rs.spec == 0 || rs.spec <= ready {
                    continue;
                }
                let down = (budget - old.cleaned).min(rs.spec - ready);
                let to = rs.spec - down;
                self.scale(i, to);
                old.cleaned += down;
            }
            // scaleDownOldReplicaSetsForRollingUpdate, oldest first.
            old.available = available.iter().sum();
            if old.available > min_available {
                let wanted = old.available - min_available;
                for i in 0..self.rss.len() {
                    if old.scaled >= wanted {
                        break;
                    }
                    let rs = &self.rss[i];
                    if rs.is_new || rs.spec == 0 {
                        continue;
                    }
                    let down = rs.spec.min(wanted - old.scaled);
                    let to = rs.spec - down;
                    self.scale(i, to);
                    old.scaled += down;
                }
            }
        }
        old.old_to = self.old_total();
        trace.old = Some(old);
        trace
    }

    /// One `rolloutRecreate` pass.
    pub fn recreate_pass(&mut self) -> RecreateStep {
        let old_total = self.old_total();
        if old_total > 0 {
            for i in 0..self.rss.len() {
                if !self.rss[i].is_new {
                    self.scale(i, 0);
                }
            }
            return RecreateStep::ScaledDownOld(old_total);
        }
        let running: u32 = self
            .rss
            .iter()
            .filter(|r| !r.is_new)
            .map(|r| r.pods.len() as u32)
            .sum();
        if running > 0 {
            return RecreateStep::WaitingForTermination(running);
        }
        match self.new_index() {
            None => {
                let size = self.replicas;
                self.create_new(size);
                RecreateStep::CreatedNew(size)
            }
            Some(i) if self.rss[i].spec != self.replicas => {
                let from = self.rss[i].spec;
                self.scale(i, self.replicas);
                RecreateStep::ScaledNew(from, self.replicas)
            }
            Some(_) => RecreateStep::Nothing,
        }
    }

    /// Every ReplicaSet creates or deletes pods to match its spec.
    pub fn sync_pods(&mut self) {
        for rs in &mut self.rss {
            rs.sync_pods();
        }
    }

    /// The pods settle (ready-between-passes).
    pub fn settle(&mut self) {
        let fail = self.fail_new;
        for rs in &mut self.rss {
            rs.settle(fail && rs.is_new);
        }
    }

    /// Whether the rollout is complete: the new ReplicaSet has every replica, all available,
    /// and no old pod is left.
    pub fn complete(&self) -> bool {
        match self.new_index() {
            Some(i) => {
                let new = &self.rss[i];
                new.spec == self.replicas
                    && new.available() == self.replicas
                    && self.rss.iter().filter(|r| !r.is_new).all(|r| r.spec == 0)
            }
            None => false,
        }
    }

    /// Every pod as drawn, oldest ReplicaSet first.
    pub fn pods(&self) -> Vec<PodTile> {
        self.rss
            .iter()
            .flat_map(|r| r.pods.iter().map(|p| r.tile(p)))
            .collect()
    }

    /// The state as the controller counts it. Pods are named and drawn only when there are at
    /// most [`MAX_TILES`](super::MAX_TILES); beyond that the state is counted, so a pass costs
    /// no string copies whatever the replicas or the name's length.
    pub fn state(&self, endpoints: &Endpoints) -> State {
        let new_total = self.new_index().map_or(0, |i| self.rss[i].spec);
        let totals = Some((self.old_total(), new_total));
        let pod_count: usize = self.rss.iter().map(|r| r.pods.len()).sum();
        if pod_count <= super::MAX_TILES {
            return endpoints.state_with_totals(&self.pods(), totals);
        }
        let count = |is_new: bool, f: fn(&ReplicaSet) -> u32| -> u32 {
            self.rss.iter().filter(|r| r.is_new == is_new).map(f).sum()
        };
        State {
            old_total: self.old_total(),
            old_ready: count(false, ReplicaSet::available),
            new_total,
            new_ready: count(true, ReplicaSet::available),
            pods: Vec::new(),
            traffic: endpoints.counted(
                count(false, ReplicaSet::serving),
                count(true, ReplicaSet::serving),
            ),
        }
    }
}

/// The Deployment's settings, defaulted and validated the way the API server does.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub replicas: u32,
    pub strategy: Strategy,
    pub surge: u32,
    pub unavailable: u32,
    pub min_ready_seconds: u32,
    pub progress_deadline_seconds: u32,
    pub paused: bool,
}

/// Defaults and validates a Deployment's spec; errors are the API server's messages.
pub(crate) fn settings(object: &Object, d: &Deployment) -> Result<Settings> {
    let spec = &d.spec;
    let mut errors = Vec::new();
    let replicas = spec.replicas.unwrap_or(1);
    if replicas < 0 {
        errors.push(format!(
            "spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0"
        ));
    }
    let strategy_type = spec
        .strategy
        .as_ref()
        .and_then(|s| s.type_.clone())
        .unwrap_or_else(|| "RollingUpdate".into());
    let rolling = spec
        .strategy
        .as_ref()
        .and_then(|s| s.rolling_update.as_ref());
    let default = IntOrString::String("25%".to_owned());
    let (surge_value, unavailable_value) = (
        rolling
            .and_then(|r| r.max_surge.clone())
            .unwrap_or_else(|| default.clone()),
        rolling
            .and_then(|r| r.max_unavailable.clone())
            .unwrap_or_else(|| default.clone()),
    );
    let strategy = match strategy_type.as_str() {
        "Recreate" => {
            if rolling.is_some() {
                errors.push(
                    "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"
                        .to_owned(),
                );
            }
            Strategy::Recreate
        }
        "RollingUpdate" => {
            errors.extend(fenceposts::validate_deployment_rolling_update(
                &surge_value,
                &unavailable_value,
                "spec.strategy.rollingUpdate",
            ));
            Strategy::RollingUpdate
        }
        other => {
            errors.push(format!(
                "spec.strategy.type: Unsupported value: {}: supported values: \"Recreate\", \"RollingUpdate\"",
                serde_json::to_string(other).unwrap_or_default()
            ));
            Strategy::RollingUpdate
        }
    };
    let min_ready = super::min_ready_seconds(spec.min_ready_seconds, &mut errors);
    if let Some(limit) = spec.revision_history_limit
        && limit < 0
    {
        errors.push(format!(
            "spec.revisionHistoryLimit: Invalid value: {limit}: must be greater than or equal to 0"
        ));
    }
    let deadline = spec.progress_deadline_seconds.unwrap_or(600);
    if let Some(written) = spec.progress_deadline_seconds {
        if written < 0 {
            errors.push(format!(
                "spec.progressDeadlineSeconds: Invalid value: {written}: must be greater than or equal to 0"
            ));
        }
        if written <= min_ready {
            errors.push(format!(
                "spec.progressDeadlineSeconds: Invalid value: {written}: must be greater than minReadySeconds"
            ));
        }
    }
    let replicas = replicas as u32;
    super::check_valid("Deployment", object, errors, replicas)?;
    let (surge, unavailable) = match strategy {
        Strategy::RollingUpdate => {
            // Validation passed, so both values are ints or percentages.
            let (surge, unavailable) = fenceposts::resolve_fenceposts(
                Some(&surge_value),
                Some(&unavailable_value),
                replicas,
            )
            .map_err(|e| RolloutError::invalid("Deployment", object, vec![e.to_string()]))?;
            (
                surge,
                fenceposts::deployment_max_unavailable(unavailable, replicas),
            )
        }
        _ => (0, replicas),
    };
    // `NewRSNewReplicas` resolves the surge without the both-zero rule: the same number.
    debug_assert_eq!(
        surge,
        if strategy == Strategy::RollingUpdate {
            fenceposts::scaled_value(&surge_value, replicas, Round::Up).unwrap_or(surge)
        } else {
            0
        }
    );
    Ok(Settings {
        replicas,
        strategy,
        surge,
        unavailable,
        min_ready_seconds: min_ready.max(0) as u32,
        progress_deadline_seconds: deadline.max(0) as u32,
        paused: spec.paused.unwrap_or(false),
    })
}

/// The revision written on the Deployment (`deployment.kubernetes.io/revision`), else 1.
pub(crate) fn current_revision(object: &Object) -> u32 {
    object
        .annotations()
        .get(REVISION_ANNOTATION)
        .and_then(|r| r.parse().ok())
        .filter(|r| *r > 0 && *r < i32::MAX as u32)
        .unwrap_or(1)
}

/// Where a simulation starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    /// One ReplicaSet runs the written template; the change is applied.
    Change,
    /// The change has rolled out; `kubectl rollout undo` brings the written template back, so
    /// the old ReplicaSet is reused and renumbered.
    Undo,
}

/// Simulates the rollout of a Deployment.
pub(crate) fn simulate(
    model: &Model,
    object: &Object,
    d: &Deployment,
    options: &RolloutOptions,
) -> Result<Rollout> {
    run(model, object, d, options, Start::Change, None).map(|(rollout, _, _)| rollout)
}

/// Runs the passes (at most `stop_after` of them) and returns the rollout, the ReplicaSets as
/// they are at the end, and the settings.
pub(crate) fn run(
    model: &Model,
    object: &Object,
    d: &Deployment,
    options: &RolloutOptions,
    start: Start,
    stop_after: Option<usize>,
) -> Result<(Rollout, Cluster, Settings)> {
    let settings = settings(object, d)?;
    let written = &d.spec.template;
    let applied = super::apply_change(object, written, &options.change)?;
    let (old_template, new_template) = match start {
        Start::Change => (written, &applied.template),
        Start::Undo => (&applied.template, written),
    };
    let endpoints = Endpoints::between(model, object, old_template, new_template);

    let written_revision = current_revision(object);
    let old_name = revision_name(&object.name, old_template);
    let unchanged = templates_equal(old_template, new_template);
    if start == Start::Undo && settings.paused {
        return Err(RolloutError::Paused(object.name.clone()));
    }
    if start == Start::Undo && unchanged {
        // Only one ReplicaSet: nothing to go back to.
        return Err(RolloutError::UnknownRevision(0));
    }
    let new_name = if unchanged {
        old_name.clone()
    } else {
        revision_name(&object.name, new_template)
    };
    let mut rss = match start {
        Start::Change => vec![ReplicaSet::new(
            old_name.clone(),
            written_revision,
            unchanged,
            0,
            settings.replicas,
        )],
        Start::Undo if options.fail_new => {
            // The change got stuck: undo from where it stopped, with its broken pods.
            let (_, stuck, _) = run(model, object, d, options, Start::Change, None)?;
            let mut rss = stuck.rss;
            for rs in &mut rss {
                rs.is_new = !rs.is_new;
            }
            rss
        }
        Start::Undo => {
            let mut rss = vec![
                ReplicaSet::new(new_name.clone(), written_revision, true, 0, 0),
                ReplicaSet::new(
                    old_name.clone(),
                    written_revision + 1,
                    false,
                    1,
                    settings.replicas,
                ),
            ];
            for rs in &mut rss {
                rs.desired = settings.replicas;
                rs.max_replicas = settings.replicas + settings.surge;
            }
            rss
        }
    };
    if start == Start::Change {
        for rs in &mut rss {
            rs.desired = settings.replicas;
            rs.max_replicas = settings.replicas + settings.surge;
        }
    }
    let old_revision = rss
        .iter()
        .filter(|r| !r.is_new)
        .map(|r| r.revision)
        .max()
        .unwrap_or(written_revision);
    if start == Start::Undo
        && let Some(reused) = rss.iter_mut().find(|r| r.is_new)
    {
        // The reused ReplicaSet is renumbered to max(old revisions) + 1.
        reused.revision = old_revision + 1;
    }
    let mut cluster = Cluster {
        replicas: settings.replicas,
        surge: settings.surge,
        unavailable: settings.unavailable,
        rss,
        new_name: new_name.clone(),
        fail_new: options.fail_new && start == Start::Change,
        events: Vec::new(),
    };

    let timing = timing::timing(
        old_template,
        new_template,
        settings.min_ready_seconds,
        options.image_pull_seconds,
    );
    let initial = cluster.state(&endpoints);
    let mut rollout = Rollout {
        workload: object.id.clone(),
        kind: WorkloadKind::Deployment,
        strategy: settings.strategy,
        pod_management_policy: None,
        replicas: settings.replicas,
        max_surge: settings.surge,
        max_unavailable: settings.unavailable,
        min_available: settings.replicas - settings.unavailable,
        max_total: settings.replicas + settings.surge,
        partition: None,
        min_ready_seconds: settings.min_ready_seconds,
        progress_deadline_seconds: Some(settings.progress_deadline_seconds),
        old_rs_name: old_name.clone(),
        new_rs_name: new_name.clone(),
        revisions: (
            old_revision,
            if unchanged {
                old_revision
            } else {
                old_revision + 1
            },
        ),
        container: applied.container.clone(),
        old_image: applied.old_image.clone(),
        new_image: applied.new_image.clone(),
        initial,
        passes: Vec::new(),
        complete: false,
        condition: Condition::progressing("True", "NewReplicaSetAvailable", String::new()),
        stall: None,
        estimated_seconds: 0,
        assumptions: Vec::new(),
        services: endpoints.services.clone(),
        lowest_serving: 0,
        zero_downtime: true,
        commands: super::commands(object, WorkloadKind::Deployment, &applied),
        notes: Vec::new(),
    };

    if unchanged {
        rollout.complete = true;
        rollout.condition.message =
            format!("ReplicaSet \"{old_name}\" has successfully progressed.");
        rollout.notes.push(
            "the new pod template equals the current one: the controller finds the existing ReplicaSet and nothing rolls out (a change of replicas alone is a scaling event, not a rollout)"
                .to_owned(),
        );
        return Ok((rollout, cluster, settings));
    }
    if settings.paused {
        rollout.condition = Condition::progressing(
            "Unknown",
            "DeploymentPaused",
            "Deployment is paused".to_owned(),
        );
        rollout.notes.push(format!(
            "the Deployment is paused: a template change creates no new ReplicaSet until `kubectl rollout resume deployment/{}` (replica changes are still applied proportionally)",
            object.name
        ));
        return Ok((rollout, cluster, settings));
    }

    // Enough for any valid spec: every changing pass moves at least one pod.
    let limit = stop_after.map_or(4 * settings.replicas as usize + 8, |n| {
        n.min(4 * settings.replicas as usize + 8)
    });
    let mut seconds_total = 0u32;
    let mut ended = false;
    for number in 1..=limit as u32 {
        cluster.events.clear();
        let before = cluster.clone();
        let (changed, decision, narration, recreate_wait) = match settings.strategy {
            Strategy::Recreate => {
                let step = cluster.recreate_pass();
                let changed = !matches!(
                    step,
                    RecreateStep::Nothing | RecreateStep::WaitingForTermination(_)
                );
                let (decision, narration) = narrate::recreate(&step, &before, &cluster);
                (
                    changed,
                    decision,
                    narration,
                    matches!(step, RecreateStep::ScaledDownOld(_)),
                )
            }
            _ => {
                let trace = cluster.rolling_pass();
                let (decision, narration) = narrate::rolling(&trace, &before, &cluster);
                (trace.changed(), decision, narration, false)
            }
        };
        if !changed {
            cluster = before;
            ended = true;
            if !cluster.complete() {
                rollout.stall = Some(narration);
            }
            break;
        }
        cluster.sync_pods();
        let after = cluster.state(&endpoints);
        let created = cluster
            .rss
            .iter()
            .any(|r| r.pods.iter().any(|p| p.phase == Phase::ContainerCreating));
        cluster.settle();
        let settled = cluster.state(&endpoints);
        let seconds = pass_seconds(&timing, created, recreate_wait);
        seconds_total = seconds_total.saturating_add(seconds);
        rollout.passes.push(Pass {
            number,
            decision,
            narration,
            events: cluster.events.clone(),
            after,
            settled,
            seconds,
        });
    }

    let new_rs = cluster
        .new_index()
        .map(|i| cluster.rss[i].name.clone())
        .unwrap_or_else(|| new_name.clone());
    rollout.complete = cluster.complete();
    rollout.assumptions = timing.assumptions.clone();
    rollout.assumptions.push(timing::PASS_MODEL.to_owned());
    match settings.strategy {
        Strategy::Recreate => rollout.assumptions.push(format!(
            "Recreate waits for every old pod to be gone; an old pod stops within terminationGracePeriodSeconds ({} s), and the estimate counts the full period",
            timing.grace
        )),
        _ => rollout.assumptions.push(format!(
            "removing old pods does not hold the rollout up: terminating pods are not counted, and they drain in the background within terminationGracePeriodSeconds ({} s)",
            timing.grace
        )),
    }
    if rollout.complete {
        rollout.condition.message = format!("ReplicaSet \"{new_rs}\" has successfully progressed.");
    } else if !ended && stop_after.is_some() {
        rollout.condition = Condition::progressing(
            "True",
            "ReplicaSetUpdated",
            format!("ReplicaSet \"{new_rs}\" is progressing."),
        );
    } else {
        rollout.condition = Condition::progressing(
            "False",
            "ProgressDeadlineExceeded",
            format!("ReplicaSet \"{new_rs}\" has timed out progressing."),
        );
        seconds_total = seconds_total.saturating_add(settings.progress_deadline_seconds);
        rollout.assumptions.push(format!(
            "the new version never becomes ready: after progressDeadlineSeconds ({} s) without progress the Deployment reports Progressing=False with reason ProgressDeadlineExceeded; nothing rolls back automatically",
            settings.progress_deadline_seconds
        ));
    }
    rollout.estimated_seconds = seconds_total;
    if start == Start::Undo {
        rollout.notes.push(format!(
            "kubectl rollout undo: the ReplicaSet {} of revision {written_revision} is reused, not re-created, and renumbered to revision {}; its old number goes to its deployment.kubernetes.io/revision-history annotation",
            new_name,
            old_revision + 1
        ));
        rollout.notes.push(if options.fail_new {
            "the undo starts where the broken rollout got stuck: the broken pods are not available, and unavailable old pods are removed first, even when availability is at the minimum".to_owned()
        } else {
            "because the ReplicaSet already exists, the first pass only scales it up: the create-and-scale-down exception of a newly created ReplicaSet does not apply".to_owned()
        });
    }
    Ok((rollout, cluster, settings))
}

/// Estimated seconds from a pass to its settled state.
fn pass_seconds(timing: &Timing, created_pods: bool, waits_for_termination: bool) -> u32 {
    if waits_for_termination {
        timing.grace
    } else if created_pods {
        timing.to_available
    } else {
        0
    }
}
