//! The DaemonSet controller's update (`daemon_controller.go` and `update.go`): one pod per node;
//! each sync runs `manage()` (create missing pods, delete surplus ones) and only when that left
//! nothing outstanding, `rollingUpdate()`: delete old pods within `maxUnavailable`, or surge new
//! pods next to old ones within `maxSurge`.
//!
//! Which nodes go first follows Go map order upstream, which is unspecified; the simulator goes
//! in node order. Only the counts are canonical.

use k8s_openapi::api::apps::v1::DaemonSet;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::fenceposts;
use super::hash::{pod_suffix, revision_name};
use super::runs::{self, Alike, Run};
use super::timing;
use super::traffic::Endpoints;
use super::{
    Condition, MAX_TILES, Pass, Phase, PodTile, Result, Rollout, RolloutError, RolloutOptions,
    State, Strategy, WorkloadKind,
};
use crate::model::{Model, Object};

#[derive(Debug, Clone)]
struct Settings {
    on_delete: bool,
    surge: u32,
    unavailable: u32,
    min_ready_seconds: u32,
}

fn settings(object: &Object, d: &DaemonSet, nodes: u32) -> Result<Settings> {
    let spec = &d.spec;
    let mut errors = Vec::new();
    let strategy = spec.update_strategy.as_ref();
    let strategy_type = strategy
        .and_then(|s| s.type_.as_deref())
        .unwrap_or("RollingUpdate");
    let rolling = strategy.and_then(|s| s.rolling_update.as_ref());
    let surge_value = rolling
        .and_then(|r| r.max_surge.clone())
        .unwrap_or(IntOrString::Int(0));
    let unavailable_value = rolling
        .and_then(|r| r.max_unavailable.clone())
        .unwrap_or(IntOrString::Int(1));
    match strategy_type {
        "RollingUpdate" => errors.extend(fenceposts::validate_daemonset_rolling_update(
            &surge_value,
            &unavailable_value,
            "spec.updateStrategy.rollingUpdate",
        )),
        "OnDelete" => {}
        other => errors.push(format!(
            "spec.updateStrategy: Unsupported value: {}: supported values: \"RollingUpdate\", \"OnDelete\"",
            serde_json::to_string(other).unwrap_or_default()
        )),
    }
    let min_ready = super::min_ready_seconds(spec.min_ready_seconds, &mut errors);
    super::check_valid("DaemonSet", object, errors, nodes)?;
    let (surge, unavailable) =
        fenceposts::daemonset_fenceposts(Some(&surge_value), Some(&unavailable_value), nodes)
            .map_err(|e| RolloutError::invalid("DaemonSet", object, vec![e.to_string()]))?;
    Ok(Settings {
        on_delete: strategy_type == "OnDelete",
        surge,
        unavailable,
        min_ready_seconds: min_ready.max(0) as u32,
    })
}

/// What a node runs: its old pod and its new pod, each absent or in a phase. A node's old pod
/// is numbered by the node's index, its new pod in creation order (`new_number`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NodePods {
    old: Option<Phase>,
    new: Option<Phase>,
    /// The new pod's number (0 without a new pod).
    new_number: u32,
}

/// New pods created together on consecutive nodes have consecutive numbers.
impl Alike for NodePods {
    fn advanced(self, offset: u32) -> Self {
        NodePods {
            new_number: if self.new.is_some() {
                self.new_number + offset
            } else {
                0
            },
            ..self
        }
    }
}

impl NodePods {
    /// The live old and new pod's phases.
    fn live(self) -> (Option<Phase>, Option<Phase>) {
        let live = |p: Option<Phase>| p.filter(|p| *p != Phase::Terminating);
        (live(self.old), live(self.new))
    }

    /// The old pod is deleted.
    fn old_deleted(self) -> Self {
        NodePods {
            old: Some(Phase::Terminating),
            ..self
        }
    }

    /// A new pod numbered `number` is created.
    fn new_created(self, number: u32) -> Self {
        NodePods {
            new: Some(Phase::ContainerCreating),
            new_number: number,
            ..self
        }
    }
}

/// The pods per node, as runs of consecutive nodes running alike pods: a pass acts on blocks of
/// nodes, so there are a few runs whatever the node count.
struct Daemons {
    name: String,
    current: String,
    update: String,
    nodes: Vec<Run<NodePods>>,
    next_pod: u32,
    fail_new: bool,
}

#[derive(Debug, Default)]
struct Trace {
    /// Node indexes.
    created: Vec<usize>,
    deleted: Vec<usize>,
    /// Whether `manage()` acted (then `rollingUpdate()` did not run).
    by_manage: bool,
    /// `numUnavailable` or `numSurge` as `rollingUpdate()` counted them.
    counted: u32,
}

fn node_name(i: usize) -> String {
    format!("node-{}", i + 1)
}

/// What a pass does to the nodes of one run: deletes the old pod on the first `delete` nodes,
/// creates a new pod on the first `create` nodes, numbered from `create_from`.
#[derive(Debug, Clone, Copy, Default)]
struct Action {
    delete: u32,
    create: u32,
    create_from: u32,
}

impl Daemons {
    /// Every node runs one available pod of `current`, the revision before the change,
    /// numbered by its node; with an unchanged template that already is `update`.
    fn new(name: &str, (current, update): (String, String), nodes: u32, fail_new: bool) -> Self {
        let initial = if current == update {
            NodePods {
                old: None,
                new: Some(Phase::Available),
                new_number: 0,
            }
        } else {
            NodePods {
                old: Some(Phase::Available),
                new: None,
                new_number: 0,
            }
        };
        let mut runs = Vec::new();
        runs::push(
            &mut runs,
            Run {
                first: 0,
                count: nodes,
                value: initial,
            },
        );
        Daemons {
            name: name.to_owned(),
            current,
            update,
            nodes: runs,
            next_pod: 0,
            fail_new,
        }
    }

    fn old_pod_name(&self, node: u32) -> String {
        format!("{}-{}", self.name, pod_suffix(&self.current, node))
    }

    fn new_pod_name(&self, number: u32) -> String {
        format!("{}-{}", self.name, pod_suffix(&self.update, number))
    }

    /// Creates new pods on the first `count` nodes of run `i`.
    fn create(
        &mut self,
        i: usize,
        count: u32,
        actions: &mut [Action],
        trace: &mut Trace,
        events: &mut Vec<String>,
    ) {
        let first = self.nodes[i].first;
        actions[i].create = count;
        actions[i].create_from = self.next_pod;
        for node in first..first + count {
            events.push(format!("Created pod: {}", self.new_pod_name(self.next_pod)));
            self.next_pod += 1;
            trace.created.push(node as usize);
        }
    }

    /// Deletes the old pods on the first `count` nodes of run `i`.
    fn delete(
        &self,
        i: usize,
        count: u32,
        actions: &mut [Action],
        trace: &mut Trace,
        events: &mut Vec<String>,
    ) {
        let first = self.nodes[i].first;
        actions[i].delete = count;
        for node in first..first + count {
            events.push(format!("Deleted pod: {}", self.old_pod_name(node)));
            trace.deleted.push(node as usize);
        }
    }

    /// Applies the pass's actions, splitting runs where an action stops part-way.
    fn apply(&mut self, actions: &[Action]) {
        let mut nodes = Vec::with_capacity(self.nodes.len() + 2);
        for (run, action) in self.nodes.iter().zip(actions) {
            let mut cuts = [action.delete, action.create];
            cuts.sort_unstable();
            let mut from = 0;
            for to in cuts.into_iter().chain([run.count]) {
                let part = run.part(from, to - from);
                let mut pods = part.value;
                if from < action.delete {
                    pods = pods.old_deleted();
                }
                if from < action.create {
                    pods = pods.new_created(action.create_from + from);
                }
                runs::push(&mut nodes, part.with(pods));
                from = to;
            }
        }
        self.nodes = nodes;
    }

    fn pass(&mut self, settings: &Settings, events: &mut Vec<String>) -> Trace {
        let mut trace = Trace::default();
        let mut actions = vec![Action::default(); self.nodes.len()];
        // manage(): create on nodes without a pod; in surge mode, delete an old pod whose new
        // neighbour is available, or that is not Ready itself.
        for i in 0..self.nodes.len() {
            let run = self.nodes[i];
            match run.value.live() {
                (None, None) => self.create(i, run.count, &mut actions, &mut trace, events),
                (Some(old), Some(new))
                    if settings.surge > 0 && (new.is_available() || !old.receives_traffic()) =>
                {
                    self.delete(i, run.count, &mut actions, &mut trace, events);
                }
                _ => {}
            }
        }
        if !trace.created.is_empty() || !trace.deleted.is_empty() {
            self.apply(&actions);
            trace.by_manage = true;
            return trace;
        }
        if settings.on_delete {
            return trace;
        }
        // Runs of nodes whose old pod is not available (free), and of nodes whose old pod could go.
        let mut free = Vec::new();
        let mut candidates = Vec::new();
        let mut old_to_delete = Vec::new();
        for (i, run) in self.nodes.iter().enumerate() {
            let n = run.count;
            match (settings.surge, run.value.live()) {
                (_, (Some(old), None)) if !old.is_available() => free.push(i),
                (_, (Some(_), None)) => candidates.push(i),
                (0, (None, None) | (Some(_), Some(_))) => trace.counted += n,
                (0, (None, Some(new))) => trace.counted += if new.is_available() { 0 } else { n },
                (_, (Some(_), Some(new))) if !new.is_available() => trace.counted += n,
                (_, (Some(_), Some(_))) => old_to_delete.push(i),
                _ => {}
            }
        }
        let budget = if settings.surge == 0 {
            settings.unavailable
        } else {
            settings.surge
        };
        let mut room = budget
            .saturating_sub(trace.counted)
            .min(candidates.iter().map(|&i| self.nodes[i].count).sum());
        if settings.surge == 0 {
            for i in free {
                self.delete(i, self.nodes[i].count, &mut actions, &mut trace, events);
            }
            for i in candidates {
                let take = self.nodes[i].count.min(room);
                self.delete(i, take, &mut actions, &mut trace, events);
                room -= take;
            }
        } else {
            for i in old_to_delete {
                self.delete(i, self.nodes[i].count, &mut actions, &mut trace, events);
            }
            for i in free {
                self.create(i, self.nodes[i].count, &mut actions, &mut trace, events);
            }
            for i in candidates {
                let take = self.nodes[i].count.min(room);
                self.create(i, take, &mut actions, &mut trace, events);
                room -= take;
            }
        }
        self.apply(&actions);
        trace
    }

    fn settle(&mut self) {
        let start = |phase: Option<Phase>, updated: bool| match phase {
            Some(Phase::Terminating) => None,
            Some(Phase::Pending | Phase::ContainerCreating | Phase::Ready) => {
                Some(if self.fail_new && updated {
                    Phase::RunningNotReady
                } else {
                    Phase::Available
                })
            }
            other => other,
        };
        let mut nodes = Vec::with_capacity(self.nodes.len());
        for run in &self.nodes {
            let new = start(run.value.new, true);
            let pods = NodePods {
                old: start(run.value.old, false),
                new,
                new_number: if new.is_some() {
                    run.value.new_number
                } else {
                    0
                },
            };
            runs::push(&mut nodes, run.with(pods));
        }
        self.nodes = nodes;
    }

    fn complete(&self) -> bool {
        self.nodes
            .iter()
            .all(|r| r.value.old.is_none() && r.value.new == Some(Phase::Available))
    }

    /// Nodes whose new pod is available.
    fn updated_available(&self) -> u32 {
        runs::count(&self.nodes, |p| p.new == Some(Phase::Available))
    }

    fn state(&self, endpoints: &Endpoints) -> State {
        let pods = runs::count(&self.nodes, |p| p.old.is_some())
            + runs::count(&self.nodes, |p| p.new.is_some());
        if pods as usize > MAX_TILES {
            return endpoints.counted_state(self.nodes.iter().flat_map(|r| {
                let old = r.value.old.map(|phase| (false, phase, r.count));
                let new = r.value.new.map(|phase| (true, phase, r.count));
                old.into_iter().chain(new)
            }));
        }
        let mut tiles = Vec::with_capacity(pods as usize);
        for run in &self.nodes {
            for (node, pods) in run.items() {
                let tile = |name: String, revision: &str, updated: bool, phase: Phase| PodTile {
                    name,
                    revision: revision.to_owned(),
                    updated,
                    ordinal: None,
                    node: Some(node_name(node as usize)),
                    phase,
                };
                if let Some(phase) = pods.old {
                    tiles.push(tile(self.old_pod_name(node), &self.current, false, phase));
                }
                if let Some(phase) = pods.new {
                    tiles.push(tile(
                        self.new_pod_name(pods.new_number),
                        &self.update,
                        true,
                        phase,
                    ));
                }
            }
        }
        endpoints.state(&tiles)
    }
}

fn nodes_list(nodes: &[usize]) -> String {
    nodes
        .iter()
        .map(|n| node_name(*n))
        .collect::<Vec<_>>()
        .join(", ")
}

fn narrate(trace: &Trace, settings: &Settings) -> (String, String) {
    let mut decision = Vec::new();
    let mut words = Vec::new();
    if !trace.deleted.is_empty() {
        decision.push(format!("delete old pod on {}", nodes_list(&trace.deleted)));
    }
    if !trace.created.is_empty() {
        decision.push(format!("create new pod on {}", nodes_list(&trace.created)));
    }
    if trace.by_manage {
        if !trace.created.is_empty() {
            words.push(format!(
                "manage() creates the missing daemon pod on {} at the new revision.",
                nodes_list(&trace.created)
            ));
        }
        if !trace.deleted.is_empty() {
            words.push(format!(
                "manage() deletes the old pod on {}: its new pod is available.",
                nodes_list(&trace.deleted)
            ));
        }
        words.push(
            "With creations or deletions outstanding, rollingUpdate() waits for the next sync."
                .to_owned(),
        );
    } else if settings.surge == 0 {
        words.push(format!(
            "rollingUpdate() deletes the old pod on {}: at most {} {} may be without an available pod, and {} {} before this pass. The node gets its new pod on the next sync.",
            nodes_list(&trace.deleted),
            settings.unavailable,
            if settings.unavailable == 1 { "node" } else { "nodes" },
            trace.counted,
            if trace.counted == 1 { "was" } else { "were" }
        ));
    } else {
        words.push(format!(
            "rollingUpdate() starts a new pod next to the old one on {}: maxSurge {} lets that many nodes run two pods at once, and {} {} waiting for a new pod to become available.",
            nodes_list(&trace.created),
            settings.surge,
            trace.counted,
            if trace.counted == 1 { "node was" } else { "nodes were" }
        ));
    }
    (decision.join(" and "), words.join(" "))
}

/// Simulates the rollout of a DaemonSet over `options.nodes` nodes.
pub(crate) fn simulate(
    model: &Model,
    object: &Object,
    d: &DaemonSet,
    options: &RolloutOptions,
) -> Result<Rollout> {
    let nodes = options.nodes;
    let settings = settings(object, d, nodes)?;
    let old_template = &d.spec.template;
    let applied = super::apply_change(object, old_template, &options.change)?;
    let endpoints = Endpoints::between(model, object, old_template, &applied.template);
    let current = revision_name(&object.name, old_template);
    let update = revision_name(&object.name, &applied.template);
    let unchanged = current == update;
    let mut daemons = Daemons::new(
        &object.name,
        (current.clone(), update.clone()),
        nodes,
        options.fail_new,
    );
    let timing = timing::timing(
        old_template,
        &applied.template,
        settings.min_ready_seconds,
        options.image_pull_seconds,
    );
    let mut rollout = Rollout {
        workload: object.id.clone(),
        kind: WorkloadKind::DaemonSet,
        strategy: if settings.on_delete {
            Strategy::OnDelete
        } else {
            Strategy::RollingUpdate
        },
        pod_management_policy: None,
        replicas: nodes,
        max_surge: settings.surge,
        max_unavailable: settings.unavailable,
        min_available: nodes.saturating_sub(settings.unavailable),
        max_total: nodes + settings.surge,
        partition: None,
        min_ready_seconds: settings.min_ready_seconds,
        progress_deadline_seconds: None,
        old_rs_name: current,
        new_rs_name: update.clone(),
        revisions: (1, if unchanged { 1 } else { 2 }),
        container: applied.container.clone(),
        old_image: applied.old_image.clone(),
        new_image: applied.new_image.clone(),
        initial: daemons.state(&endpoints),
        passes: Vec::new(),
        complete: false,
        condition: Condition::rollout_status(false, "", String::new()),
        stall: None,
        estimated_seconds: 0,
        assumptions: timing.assumptions.clone(),
        services: endpoints.services.clone(),
        lowest_serving: 0,
        zero_downtime: true,
        commands: super::commands(object, WorkloadKind::DaemonSet, &applied),
        notes: Vec::new(),
    };
    rollout.assumptions.push(format!(
        "the DaemonSet runs on {nodes} nodes (every node should run its pod); which node goes first is unspecified upstream (Go map order), so the simulator goes in node order"
    ));
    rollout.assumptions.push(timing::PASS_MODEL.to_owned());
    rollout.assumptions.push(format!(
        "a node gets its new pod only once its old pod is gone (without surge); the old pod stops within terminationGracePeriodSeconds ({} s), and the estimate counts the full period",
        timing.grace
    ));
    if settings.on_delete {
        rollout.notes.push(format!(
            "updateStrategy OnDelete: changing the template replaces no pod; each node gets the new revision only when someone deletes its pod, e.g. `kubectl delete pod <pod> -n {}`",
            object.ns()
        ));
    }

    let limit = 4 * nodes + 8;
    let mut total_seconds = 0u32;
    for number in 1..=limit {
        let mut events = Vec::new();
        let trace = daemons.pass(&settings, &mut events);
        if trace.created.is_empty() && trace.deleted.is_empty() {
            if !daemons.complete() && !settings.on_delete {
                rollout.stall = Some(if settings.surge == 0 {
                    format!(
                        "rollingUpdate() counts {} unavailable {} and may have at most {}: no more old pods are deleted. The new pods never become available, so the rollout is stuck, and DaemonSets have no progress deadline.",
                        trace.counted,
                        if trace.counted == 1 { "node" } else { "nodes" },
                        settings.unavailable
                    )
                } else {
                    format!(
                        "{} waiting for a new pod that never becomes available, and maxSurge {} allows no more: no further new pods are started. The old pods keep serving; the rollout is stuck, and DaemonSets have no progress deadline.",
                        if trace.counted == 1 {
                            "1 surged node is".to_owned()
                        } else {
                            format!("{} surged nodes are", trace.counted)
                        },
                        settings.surge
                    )
                });
            }
            break;
        }
        let (decision, narration) = narrate(&trace, &settings);
        let after = daemons.state(&endpoints);
        daemons.settle();
        let settled = daemons.state(&endpoints);
        let seconds = timing.settle_seconds(
            !trace.deleted.is_empty() && settings.surge == 0,
            !trace.created.is_empty(),
        );
        total_seconds = total_seconds.saturating_add(seconds);
        rollout.passes.push(Pass {
            number,
            decision,
            narration,
            events,
            after,
            settled,
            seconds,
        });
    }
    rollout.complete = daemons.complete();
    rollout.estimated_seconds = total_seconds;
    rollout.condition = if rollout.complete {
        Condition::rollout_status(
            true,
            "RolledOut",
            format!("daemon set \"{}\" successfully rolled out", object.name),
        )
    } else {
        let updated = daemons.updated_available();
        Condition::rollout_status(
            false,
            if settings.on_delete {
                "OnDelete"
            } else {
                "WaitingForPods"
            },
            format!(
                "Waiting for daemon set \"{}\" rollout to finish: {updated} of {nodes} updated pods are available...",
                object.name
            ),
        )
    };
    Ok(rollout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Resource;
    use crate::source::SourceFile;

    /// The passes of a rollout over `nodes` nodes, and the most runs of alike nodes the
    /// DaemonSet kept at any moment: what each pass goes through.
    fn passes_and_peak_runs(nodes: u32, extra: &str, fail_new: bool) -> (u32, usize) {
        let yaml = format!(
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n{extra}  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n        - name: agent\n          image: agent:1\n"
        );
        let model = Model::from_files(vec![SourceFile::new("agent.yaml", &yaml)]);
        let object = &model.objects[0];
        let Resource::DaemonSet(d) = &*object.resource else {
            panic!("a DaemonSet");
        };
        let settings = settings(object, d, nodes).expect("valid");
        let mut daemons = Daemons::new(
            "agent",
            ("agent-1".into(), "agent-2".into()),
            nodes,
            fail_new,
        );
        let (mut passes, mut peak) = (0, daemons.nodes.len());
        loop {
            let trace = daemons.pass(&settings, &mut Vec::new());
            if trace.created.is_empty() && trace.deleted.is_empty() {
                break;
            }
            passes += 1;
            peak = peak.max(daemons.nodes.len());
            daemons.settle();
            peak = peak.max(daemons.nodes.len());
        }
        assert_eq!(daemons.complete(), !fail_new, "{extra}");
        (passes, peak)
    }

    /// The nodes are kept as a few runs of alike nodes whatever their number, so a pass over
    /// 4,999 nodes goes through no more than a pass over 10 (only the number of passes grows).
    #[test]
    fn a_pass_goes_through_as_little_for_4999_nodes_as_for_10() {
        let rolling = |surge: &str, unavailable: &str| {
            format!(
                "  updateStrategy:\n    rollingUpdate:\n      maxSurge: {surge}\n      maxUnavailable: {unavailable}\n"
            )
        };
        for extra in [
            String::new(),
            rolling("1", "0"),
            rolling("20%", "0"),
            rolling("0", "30%"),
        ] {
            for fail_new in [false, true] {
                let (_, small) = passes_and_peak_runs(10, &extra, fail_new);
                let (passes, large) = passes_and_peak_runs(4999, &extra, fail_new);
                assert!(
                    fail_new || extra.contains('%') || passes > 4000,
                    "{extra}: {passes} passes"
                );
                assert!(
                    large <= small && small <= 5,
                    "{extra}: {small} and {large} runs"
                );
            }
        }
    }
}
