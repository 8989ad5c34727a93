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
use super::timing;
use super::traffic::Endpoints;
use super::{
    Condition, Pass, Phase, PodTile, Result, Rollout, RolloutError, RolloutOptions, State,
    Strategy, WorkloadKind,
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

/// The pods per node.
struct Daemons {
    name: String,
    current: String,
    update: String,
    nodes: Vec<Vec<PodTile>>,
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

impl Daemons {
    fn create(&mut self, node: usize, events: &mut Vec<String>) {
        let pod = format!("{}-{}", self.name, pod_suffix(&self.update, self.next_pod));
        self.next_pod += 1;
        events.push(format!("Created pod: {pod}"));
        self.nodes[node].push(PodTile {
            name: pod,
            revision: self.update.clone(),
            updated: true,
            ordinal: None,
            node: Some(node_name(node)),
            phase: Phase::ContainerCreating,
        });
    }

    fn delete(&mut self, node: usize, updated: bool, events: &mut Vec<String>) {
        if let Some(pod) = self.nodes[node]
            .iter_mut()
            .find(|p| p.updated == updated && p.phase != Phase::Terminating)
        {
            pod.phase = Phase::Terminating;
            events.push(format!("Deleted pod: {}", pod.name));
        }
    }

    /// The live old and new pod of a node.
    fn live(&self, node: usize) -> (Option<&PodTile>, Option<&PodTile>) {
        let live = |updated: bool| {
            self.nodes[node]
                .iter()
                .find(|p| p.updated == updated && p.phase != Phase::Terminating)
        };
        (live(false), live(true))
    }

    fn pass(&mut self, settings: &Settings, events: &mut Vec<String>) -> Trace {
        let mut trace = Trace::default();
        // manage(): create on nodes without a pod; in surge mode, delete an old pod whose new
        // neighbour is available, or that is not Ready itself.
        for node in 0..self.nodes.len() {
            match self.live(node) {
                (None, None) => {
                    self.create(node, events);
                    trace.created.push(node);
                }
                (Some(old), Some(new))
                    if settings.surge > 0
                        && (new.phase.is_available() || !old.phase.receives_traffic()) =>
                {
                    self.delete(node, false, events);
                    trace.deleted.push(node);
                }
                _ => {}
            }
        }
        if !trace.created.is_empty() || !trace.deleted.is_empty() {
            trace.by_manage = true;
            return trace;
        }
        if settings.on_delete {
            return trace;
        }
        if settings.surge == 0 {
            let mut free = Vec::new();
            let mut candidates = Vec::new();
            for node in 0..self.nodes.len() {
                match self.live(node) {
                    (None, None) | (Some(_), Some(_)) => trace.counted += 1,
                    (None, Some(new)) => trace.counted += u32::from(!new.phase.is_available()),
                    (Some(old), None) if !old.phase.is_available() => free.push(node),
                    (Some(_), None) => candidates.push(node),
                }
            }
            let room =
                (settings.unavailable.saturating_sub(trace.counted) as usize).min(candidates.len());
            for node in free.into_iter().chain(candidates.into_iter().take(room)) {
                self.delete(node, false, events);
                trace.deleted.push(node);
            }
        } else {
            let mut free = Vec::new();
            let mut candidates = Vec::new();
            let mut old_to_delete = Vec::new();
            for node in 0..self.nodes.len() {
                match self.live(node) {
                    (Some(old), None) if !old.phase.is_available() => free.push(node),
                    (Some(_), None) => candidates.push(node),
                    (Some(_), Some(new)) if !new.phase.is_available() => trace.counted += 1,
                    (Some(_), Some(_)) => old_to_delete.push(node),
                    _ => {}
                }
            }
            let room =
                (settings.surge.saturating_sub(trace.counted) as usize).min(candidates.len());
            for node in old_to_delete {
                self.delete(node, false, events);
                trace.deleted.push(node);
            }
            for node in free.into_iter().chain(candidates.into_iter().take(room)) {
                self.create(node, events);
                trace.created.push(node);
            }
        }
        trace
    }

    fn settle(&mut self) {
        for pods in &mut self.nodes {
            pods.retain(|p| p.phase != Phase::Terminating);
            for pod in pods {
                if matches!(
                    pod.phase,
                    Phase::Pending | Phase::ContainerCreating | Phase::Ready
                ) {
                    pod.phase = if self.fail_new && pod.updated {
                        Phase::RunningNotReady
                    } else {
                        Phase::Available
                    };
                }
            }
        }
    }

    fn complete(&self) -> bool {
        self.nodes
            .iter()
            .all(|pods| pods.len() == 1 && pods[0].updated && pods[0].phase == Phase::Available)
    }

    fn state(&self, endpoints: &Endpoints) -> State {
        endpoints.state_of(self.nodes.iter().flatten())
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
    let mut daemons = Daemons {
        name: object.name.clone(),
        current: current.clone(),
        update: update.clone(),
        nodes: Vec::new(),
        next_pod: 0,
        fail_new: options.fail_new,
    };
    daemons.nodes = (0..nodes as usize)
        .map(|i| {
            vec![PodTile {
                name: format!("{}-{}", object.name, pod_suffix(&daemons.current, i as u32)),
                revision: daemons.current.clone(),
                updated: unchanged,
                ordinal: None,
                node: Some(node_name(i)),
                phase: Phase::Available,
            }]
        })
        .collect();
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
        let updated = daemons
            .nodes
            .iter()
            .flatten()
            .filter(|p| p.updated && p.phase.is_available())
            .count();
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
