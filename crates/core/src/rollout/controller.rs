//! The Deployment controller's state: the simulated ReplicaSets and their pods, and the
//! `rolloutRolling` and `rolloutRecreate` passes over them, recorded as traces for the narration.

use super::deployment_config::Driver;
use super::hash::pod_suffix;
use super::runs::{self, Alike, Run};
use super::traffic::Endpoints;
use super::{Phase, PodTile, State};

/// A pod's number in its ReplicaSet runs along a run; its phase is the run's.
impl Alike for Phase {}

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
    /// Its pods, terminating ones included, oldest first: runs of consecutive pod numbers (a
    /// pod's name comes from its number) in the same phase. The ReplicaSet controller creates
    /// and deletes pods in blocks, so there are a few runs whatever the replicas.
    pods: Vec<Run<Phase>>,
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
    pub(super) fn new(name: String, revision: u32, is_new: bool, created: u32, ready: u32) -> Self {
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
        rs.add_pods(ready, Phase::Available);
        rs
    }

    fn add_pods(&mut self, count: u32, phase: Phase) {
        runs::push(
            &mut self.pods,
            Run {
                first: self.next_pod,
                count,
                value: phase,
            },
        );
        self.next_pod += count;
    }

    /// The pod numbered `number` as drawn: its name is `<replicaset>-<suffix>`.
    fn tile(&self, number: u32, phase: Phase) -> PodTile {
        PodTile {
            name: format!("{}-{}", self.name, pod_suffix(&self.name, number)),
            revision: self.name.clone(),
            updated: self.is_new,
            ordinal: None,
            node: None,
            phase,
        }
    }

    /// How many runs of alike pods the ReplicaSet keeps: what a pass goes through.
    #[cfg(test)]
    fn pod_runs(&self) -> usize {
        self.pods.len()
    }

    /// Its pods, terminating ones included.
    pub(super) fn pod_count(&self) -> u32 {
        runs::count(&self.pods, |_| true)
    }

    /// Whether some pod is in `phase`.
    pub(super) fn has(&self, phase: Phase) -> bool {
        self.pods.iter().any(|r| r.value == phase)
    }

    /// `status.availableReplicas`.
    pub(super) fn available(&self) -> u32 {
        runs::count(&self.pods, |p| p.is_available())
    }

    /// `status.replicas`: pods that are not terminating.
    pub(super) fn live(&self) -> u32 {
        runs::count(&self.pods, |p| *p != Phase::Terminating)
    }

    /// Pods that receive traffic (Ready, not terminating).
    fn serving(&self) -> u32 {
        runs::count(&self.pods, |p| p.receives_traffic())
    }

    /// The ReplicaSet controller: create pods up to `spec`, or delete the surplus, least useful
    /// first (not scheduled, not ready, then the most recently ready): by phase, and within a
    /// phase the highest pod numbers first.
    pub(super) fn sync_pods(&mut self) {
        let live = self.live();
        if live < self.spec {
            self.add_pods(self.spec - live, Phase::ContainerCreating);
        } else if live > self.spec {
            let mut phases: Vec<Phase> = self
                .pods
                .iter()
                .map(|r| r.value)
                .filter(|p| *p != Phase::Terminating)
                .collect();
            phases.sort();
            phases.dedup();
            // How many pods at the end of each run are deleted.
            let mut deleted = vec![0; self.pods.len()];
            let mut surplus = live - self.spec;
            for phase in phases {
                for (i, run) in self.pods.iter().enumerate().rev() {
                    if surplus == 0 {
                        break;
                    }
                    if run.value == phase {
                        deleted[i] = run.count.min(surplus);
                        surplus -= deleted[i];
                    }
                }
            }
            let mut pods = Vec::with_capacity(self.pods.len() + 1);
            for (run, deleted) in self.pods.iter().zip(deleted) {
                let kept = run.count - deleted;
                runs::push(&mut pods, run.part(0, kept));
                runs::push(&mut pods, run.part(kept, deleted).with(Phase::Terminating));
            }
            self.pods = pods;
        }
    }

    /// The pods settle: terminated ones are gone, started ones become available (or stay not
    /// ready when `broken`).
    pub(super) fn settle(&mut self, broken: bool) {
        let mut pods = Vec::with_capacity(self.pods.len());
        for run in &self.pods {
            let phase = match run.value {
                Phase::Terminating => continue,
                Phase::Pending | Phase::ContainerCreating | Phase::Ready if broken => {
                    Phase::RunningNotReady
                }
                Phase::Pending | Phase::ContainerCreating | Phase::Ready => Phase::Available,
                other => other,
            };
            runs::push(&mut pods, run.with(phase));
        }
        self.pods = pods;
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
    pub(super) fn changed(&self) -> bool {
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
    pub(super) fn new_index(&self) -> Option<usize> {
        self.rss.iter().position(|r| r.is_new)
    }

    /// Σ `spec.replicas` over every ReplicaSet.
    pub(super) fn total(&self) -> u32 {
        self.rss.iter().map(|r| r.spec).sum()
    }

    /// Σ over the old ReplicaSets of `spec.replicas`.
    pub(super) fn old_total(&self) -> u32 {
        self.rss.iter().filter(|r| !r.is_new).map(|r| r.spec).sum()
    }

    /// `scaleReplicaSetAndRecordEvent`: sets the spec and records the event.
    pub(super) fn scale(&mut self, i: usize, to: u32) {
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
    fn create_new(&mut self, size: u32) -> usize {
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
    pub(super) fn rolling_pass(&mut self) -> RollingTrace {
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
    pub(super) fn recreate_pass(&mut self) -> RecreateStep {
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
            .map(ReplicaSet::pod_count)
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
    pub(super) fn sync_pods(&mut self) {
        for rs in &mut self.rss {
            rs.sync_pods();
        }
    }

    /// The pods settle (ready-between-passes).
    pub(super) fn settle(&mut self) {
        let fail = self.fail_new;
        for rs in &mut self.rss {
            rs.settle(fail && rs.is_new);
        }
    }

    /// Whether the rollout is complete: the new ReplicaSet has every replica, all available,
    /// and no old pod is left.
    pub(super) fn complete(&self) -> bool {
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
    pub(super) fn pods(&self) -> Vec<PodTile> {
        self.rss
            .iter()
            .flat_map(|r| {
                r.pods
                    .iter()
                    .flat_map(|run| run.items().map(|(number, phase)| r.tile(number, phase)))
            })
            .collect()
    }

    /// The state as the controller counts it. Pods are named and drawn only when there are at
    /// most [`MAX_TILES`](super::MAX_TILES); beyond that the state is counted, so a pass costs
    /// no string copies whatever the replicas or the name's length.
    pub(super) fn state(&self, endpoints: &Endpoints) -> State {
        let new_total = self.new_index().map_or(0, |i| self.rss[i].spec);
        let totals = Some((self.old_total(), new_total));
        let pod_count: u32 = self.rss.iter().map(ReplicaSet::pod_count).sum();
        if pod_count as usize <= super::MAX_TILES {
            return endpoints.state_with_totals(&self.pods(), totals);
        }
        let count = |is_new: bool, f: fn(&ReplicaSet) -> u32| -> u32 {
            self.rss.iter().filter(|r| r.is_new == is_new).map(f).sum()
        };
        let (old_serving, new_serving) = (
            count(false, ReplicaSet::serving),
            count(true, ReplicaSet::serving),
        );
        State {
            old_total: self.old_total(),
            old_ready: count(false, ReplicaSet::available),
            new_total,
            new_ready: count(true, ReplicaSet::available),
            pods: Vec::new(),
            traffic: endpoints.counted(old_serving, new_serving),
            ready: old_serving + new_serving,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::deployment::{self, Start};
    use super::super::{RolloutOptions, Strategy};
    use super::*;
    use crate::model::{Model, Resource};
    use crate::source::SourceFile;

    /// The passes of a rollout of `replicas` pods, and the most runs of alike pods the
    /// ReplicaSets kept at any moment: what each pass goes through.
    fn passes_and_peak_runs(replicas: u32, strategy: &str, fail_new: bool) -> (usize, usize) {
        let yaml = format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {replicas}\n{strategy}  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: web:1\n"
        );
        let model = Model::from_files(vec![SourceFile::new("web.yaml", &yaml)]);
        let object = &model.objects[0];
        let Resource::Deployment(d) = &*object.resource else {
            panic!("a Deployment");
        };
        let options = RolloutOptions {
            fail_new,
            ..RolloutOptions::default()
        };
        // Stopped before its first pass: the passes are run here, one by one.
        let (_, mut cluster, settings) =
            deployment::run(&model, object, d, &options, Start::Change, Some(0)).expect("valid");
        let runs = |c: &Cluster| c.rss.iter().map(ReplicaSet::pod_runs).sum::<usize>();
        let (mut passes, mut peak) = (0, runs(&cluster));
        loop {
            let changed = match settings.strategy {
                Strategy::Recreate => !matches!(
                    cluster.recreate_pass(),
                    RecreateStep::Nothing | RecreateStep::WaitingForTermination(_)
                ),
                _ => cluster.rolling_pass().changed(),
            };
            if !changed {
                break;
            }
            passes += 1;
            cluster.sync_pods();
            peak = peak.max(runs(&cluster));
            cluster.settle();
            peak = peak.max(runs(&cluster));
        }
        assert_eq!(cluster.complete(), !fail_new, "{strategy}");
        let simulated = deployment::run(&model, object, d, &options, Start::Change, None)
            .expect("valid")
            .0;
        assert_eq!(passes, simulated.passes.len(), "{strategy}");
        (passes, peak)
    }

    /// The pods are kept as a few runs of alike pods whatever the replicas, so a pass over
    /// 4,999 pods goes through no more than a pass over 10 (only the number of passes grows).
    #[test]
    fn a_pass_goes_through_as_little_for_4999_pods_as_for_10() {
        let rolling = |surge: &str, unavailable: &str| {
            format!(
                "  strategy:\n    rollingUpdate:\n      maxSurge: {surge}\n      maxUnavailable: {unavailable}\n"
            )
        };
        for strategy in [
            rolling("0%", "1"),
            rolling("1", "0"),
            rolling("25%", "25%"),
            "  strategy:\n    type: Recreate\n".to_owned(),
        ] {
            for fail_new in [false, true] {
                let (_, small) = passes_and_peak_runs(10, &strategy, fail_new);
                let (passes, large) = passes_and_peak_runs(4999, &strategy, fail_new);
                assert!(
                    fail_new || !strategy.contains("0%") || passes > 9000,
                    "{strategy}: {passes} passes"
                );
                assert!(
                    large <= small && small <= 4,
                    "{strategy}: {small} and {large} runs"
                );
            }
        }
    }
}
