//! The Deployment controller's state: the simulated ReplicaSets and their pods, and the
//! `rolloutRolling` and `rolloutRecreate` passes over them, recorded as traces for the narration.

use super::deployment_config::Driver;
use super::hash::pod_suffix;
use super::traffic::Endpoints;
use super::{Phase, PodTile, State};

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
    /// Whose pod sets these are (ReplicaSets, or a DeploymentConfig's ReplicationControllers).
    pub driver: Driver,
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
            "Scaled {direction} {} {} to {to} from {}",
            self.driver.set_noun(),
            rs.name,
            rs.spec
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
            self.events.push(format!(
                "Scaled up {} {} to {size}",
                self.driver.set_noun(),
                rs.name
            ));
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
