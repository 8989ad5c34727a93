//! The StatefulSet controller's update (`updateStatefulSet` in `stateful_set_control.go`): pods
//! by ordinal, created in ascending order, replaced from the highest ordinal down to the
//! partition, `maxUnavailable` at a time (the `MaxUnavailableStatefulSet` path, on by default
//! since 1.35; with the default of 1 it behaves like the legacy path).

use k8s_openapi::api::apps::v1::StatefulSet;

use super::fenceposts;
use super::hash::revision_name;
use super::timing;
use super::traffic::Endpoints;
use super::{
    Condition, Pass, Phase, PodTile, Result, Rollout, RolloutError, RolloutOptions, State,
    Strategy, WorkloadKind, pods,
};
use crate::model::{Model, Object};

/// The StatefulSet's settings, defaulted and validated.
#[derive(Debug, Clone)]
struct Settings {
    replicas: u32,
    ordered: bool,
    on_delete: bool,
    partition: u32,
    max_unavailable: u32,
    min_ready_seconds: u32,
}

fn settings(object: &Object, s: &StatefulSet) -> Result<Settings> {
    let spec = &s.spec;
    let mut errors = Vec::new();
    let replicas = spec.replicas.unwrap_or(1);
    if replicas < 0 {
        errors.push(format!(
            "spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0"
        ));
    }
    let policy = spec
        .pod_management_policy
        .as_deref()
        .unwrap_or("OrderedReady");
    if policy != "OrderedReady" && policy != "Parallel" {
        errors.push(format!(
            "spec.podManagementPolicy: Unsupported value: {}: supported values: \"OrderedReady\", \"Parallel\"",
            serde_json::to_string(policy).unwrap_or_default()
        ));
    }
    let strategy = spec.update_strategy.as_ref();
    let strategy_type = strategy
        .and_then(|s| s.type_.as_deref())
        .unwrap_or("RollingUpdate");
    if strategy_type != "RollingUpdate" && strategy_type != "OnDelete" {
        errors.push(format!(
            "spec.updateStrategy: Unsupported value: {}: supported values: \"OnDelete\", \"RollingUpdate\"",
            serde_json::to_string(strategy_type).unwrap_or_default()
        ));
    }
    let rolling = strategy.and_then(|s| s.rolling_update.as_ref());
    let partition = rolling.and_then(|r| r.partition);
    let max_unavailable = rolling.and_then(|r| r.max_unavailable.as_ref());
    errors.extend(fenceposts::validate_statefulset_rolling_update(
        partition,
        max_unavailable,
        "spec.updateStrategy.rollingUpdate",
    ));
    let min_ready = super::min_ready_seconds(spec.min_ready_seconds, &mut errors);
    let replicas = replicas as u32;
    super::check_valid("StatefulSet", object, errors, replicas)?;
    let max_unavailable = fenceposts::statefulset_max_unavailable(max_unavailable, replicas)
        .map_err(|e| RolloutError::invalid("StatefulSet", object, vec![e.to_string()]))?;
    Ok(Settings {
        replicas,
        ordered: policy == "OrderedReady",
        on_delete: strategy_type == "OnDelete",
        partition: partition.unwrap_or(0).max(0) as u32,
        max_unavailable,
        min_ready_seconds: min_ready.max(0) as u32,
    })
}

/// What one pass did.
#[derive(Debug, Default)]
struct Trace {
    created: Vec<u32>,
    deleted: Vec<u32>,
    /// The ordinal an OrderedReady pass stopped at, waiting for it to be Ready.
    waiting_on: Option<u32>,
    /// Pods counted unavailable by the update step.
    unavailable: u32,
}

/// The pods by ordinal.
struct Set {
    name: String,
    current: String,
    update: String,
    pods: Vec<Option<PodTile>>,
    settings: Settings,
    fail_new: bool,
}

impl Set {
    fn pod(&self, ordinal: u32, updated: bool, phase: Phase) -> PodTile {
        PodTile {
            name: format!("{}-{ordinal}", self.name),
            revision: if updated {
                self.update.clone()
            } else {
                self.current.clone()
            },
            updated,
            ordinal: Some(ordinal),
            node: None,
            phase,
        }
    }

    fn pass(&mut self, events: &mut Vec<String>) -> Trace {
        let mut trace = Trace::default();
        let n = self.settings.replicas;
        for ordinal in 0..n {
            match &self.pods[ordinal as usize] {
                None => {
                    let updated = ordinal >= self.settings.partition;
                    self.pods[ordinal as usize] =
                        Some(self.pod(ordinal, updated, Phase::ContainerCreating));
                    events.push(format!(
                        "create Pod {}-{ordinal} in StatefulSet {} successful",
                        self.name, self.name
                    ));
                    trace.created.push(ordinal);
                    if self.settings.ordered {
                        return trace;
                    }
                }
                Some(pod) if self.settings.ordered && pod.phase != Phase::Available => {
                    trace.waiting_on = Some(ordinal);
                    return trace;
                }
                Some(_) => {}
            }
        }
        if self.settings.on_delete {
            return trace;
        }
        trace.unavailable = self
            .pods
            .iter()
            .filter(|p| p.as_ref().is_none_or(|p| p.phase != Phase::Available))
            .count() as u32;
        let mut budget = self
            .settings
            .max_unavailable
            .saturating_sub(trace.unavailable);
        for ordinal in (self.settings.partition..n).rev() {
            if budget == 0 {
                break;
            }
            if let Some(pod) = &mut self.pods[ordinal as usize]
                && !pod.updated
                && pod.phase != Phase::Terminating
            {
                pod.phase = Phase::Terminating;
                events.push(format!(
                    "delete Pod {} in StatefulSet {} successful",
                    pod.name, self.name
                ));
                trace.deleted.push(ordinal);
                budget -= 1;
            }
        }
        trace
    }

    fn settle(&mut self) {
        for slot in &mut self.pods {
            match slot {
                Some(pod) if pod.phase == Phase::Terminating => *slot = None,
                Some(pod)
                    if matches!(
                        pod.phase,
                        Phase::Pending | Phase::ContainerCreating | Phase::Ready
                    ) =>
                {
                    pod.phase = if self.fail_new && pod.updated {
                        Phase::RunningNotReady
                    } else {
                        Phase::Available
                    };
                }
                _ => {}
            }
        }
    }

    fn complete(&self) -> bool {
        self.pods.iter().enumerate().all(|(i, p)| {
            p.as_ref().is_some_and(|p| {
                p.phase == Phase::Available && p.updated == (i as u32 >= self.settings.partition)
            })
        })
    }

    fn state(&self, endpoints: &Endpoints) -> State {
        endpoints.state_of(self.pods.iter().flatten())
    }

    fn narrate(&self, trace: &Trace) -> (String, String) {
        let name = &self.name;
        let mut decision = Vec::new();
        let mut words = Vec::new();
        let list = |ords: &[u32]| {
            ords.iter()
                .map(|o| format!("{name}-{o}"))
                .collect::<Vec<_>>()
                .join(" and ")
        };
        if !trace.created.is_empty() {
            decision.push(format!("create {}", list(&trace.created)));
            let revision = if trace.created.iter().all(|o| *o >= self.settings.partition) {
                "the new revision"
            } else {
                "the revision its ordinal calls for"
            };
            let mut sentence = format!("Creates {} at {revision}", list(&trace.created));
            if self.settings.ordered {
                sentence.push_str(
                    ". OrderedReady: a missing pod is created, then the pass ends, and nothing else happens until it is Running and Ready",
                );
            }
            sentence.push('.');
            words.push(sentence);
        }
        if !trace.deleted.is_empty() {
            decision.push(format!(
                "delete {} (maxUnavailable {}, {} unavailable)",
                list(&trace.deleted),
                self.settings.max_unavailable,
                trace.unavailable
            ));
            words.push(format!(
                "Deletes {}, the highest {} still on the old revision{}: at most {} may be unavailable at once. The controller re-creates {} at the new revision once {} gone.",
                list(&trace.deleted),
                if trace.deleted.len() == 1 { "ordinal" } else { "ordinals" },
                if self.settings.partition > 0 {
                    format!(" at or above the partition {}", self.settings.partition)
                } else {
                    String::new()
                },
                pods(self.settings.max_unavailable),
                if trace.deleted.len() == 1 { "it" } else { "them" },
                if trace.deleted.len() == 1 { "it is" } else { "they are" }
            ));
        }
        (decision.join(" and "), words.join(" "))
    }
}

/// Simulates the rollout of a StatefulSet.
pub(crate) fn simulate(
    model: &Model,
    object: &Object,
    s: &StatefulSet,
    options: &RolloutOptions,
) -> Result<Rollout> {
    let settings = settings(object, s)?;
    let old_template = &s.spec.template;
    let applied = super::apply_change(object, old_template, &options.change)?;
    let endpoints = Endpoints::between(model, object, old_template, &applied.template);
    let current = revision_name(&object.name, old_template);
    let update = revision_name(&object.name, &applied.template);
    let unchanged = current == update;
    let mut set = Set {
        name: object.name.clone(),
        current: current.clone(),
        update: update.clone(),
        pods: Vec::new(),
        settings: settings.clone(),
        fail_new: options.fail_new,
    };
    set.pods = (0..settings.replicas)
        .map(|o| Some(set.pod(o, unchanged, Phase::Available)))
        .collect();
    let timing = timing::timing(
        old_template,
        &applied.template,
        settings.min_ready_seconds,
        options.image_pull_seconds,
    );
    let strategy = if settings.on_delete {
        Strategy::OnDelete
    } else {
        Strategy::RollingUpdate
    };
    let mut rollout = Rollout {
        workload: object.id.clone(),
        kind: WorkloadKind::StatefulSet,
        strategy,
        pod_management_policy: Some(
            if settings.ordered {
                "OrderedReady"
            } else {
                "Parallel"
            }
            .to_owned(),
        ),
        replicas: settings.replicas,
        max_surge: 0,
        max_unavailable: settings.max_unavailable,
        min_available: settings.replicas.saturating_sub(settings.max_unavailable),
        max_total: settings.replicas,
        partition: Some(settings.partition),
        min_ready_seconds: settings.min_ready_seconds,
        progress_deadline_seconds: None,
        old_rs_name: current,
        new_rs_name: update.clone(),
        revisions: (1, if unchanged { 1 } else { 2 }),
        container: applied.container.clone(),
        old_image: applied.old_image.clone(),
        new_image: applied.new_image.clone(),
        initial: set.state(&endpoints),
        passes: Vec::new(),
        complete: false,
        condition: Condition::rollout_status(false, "", String::new()),
        stall: None,
        estimated_seconds: 0,
        assumptions: timing.assumptions.clone(),
        services: endpoints.services.clone(),
        lowest_serving: 0,
        zero_downtime: true,
        commands: super::commands(object, WorkloadKind::StatefulSet, &applied),
        notes: Vec::new(),
    };
    rollout.assumptions.push(timing::PASS_MODEL.to_owned());
    rollout.assumptions.push(format!(
        "a deleted pod is re-created only once it is gone; it stops within terminationGracePeriodSeconds ({} s), and the estimate counts the full period",
        timing.grace
    ));
    if settings.on_delete {
        rollout.notes.push(format!(
            "updateStrategy OnDelete: changing the template replaces no pod. Each pod is re-created at the new revision only when someone deletes it, e.g. `kubectl delete pod {}-{} -n {}`",
            object.name,
            settings.replicas.saturating_sub(1),
            object.ns()
        ));
    }
    if settings.partition > 0 {
        rollout.notes.push(format!(
            "partition {}: only ordinals {} and above are updated; the pods below keep the old revision until the partition is lowered",
            settings.partition, settings.partition
        ));
    }

    let limit = 4 * settings.replicas + 8;
    let mut total_seconds = 0u32;
    for number in 1..=limit {
        let mut events = Vec::new();
        let trace = set.pass(&mut events);
        if trace.created.is_empty() && trace.deleted.is_empty() {
            if !set.complete() && !settings.on_delete {
                let who = trace
                    .waiting_on
                    .map(|o| format!("{}-{o}", object.name))
                    .unwrap_or_else(|| "a new pod".into());
                rollout.stall = Some(format!(
                    "Waits for {who} to become Running and Ready, and it never does: the rollout is stuck. StatefulSets have no progress deadline. Reverting the template is not enough: the broken pod must also be deleted so it is re-created from the reverted template (a forced rollback)."
                ));
            }
            break;
        }
        let (decision, narration) = set.narrate(&trace);
        let after = set.state(&endpoints);
        set.settle();
        let settled = set.state(&endpoints);
        let seconds = timing.settle_seconds(!trace.deleted.is_empty(), !trace.created.is_empty());
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
    rollout.complete = set.complete();
    rollout.estimated_seconds = total_seconds;
    let ns = object.ns();
    rollout.condition = if rollout.complete && settings.partition > 0 {
        let updated = settings.replicas.saturating_sub(settings.partition);
        Condition::rollout_status(
            true,
            "PartitionedRollOutComplete",
            format!("partitioned roll out complete: {updated} new pods have been updated..."),
        )
    } else if rollout.complete {
        Condition::rollout_status(
            true,
            "RollingUpdateComplete",
            format!(
                "statefulset rolling update complete {} pods at revision {update}...",
                settings.replicas
            ),
        )
    } else if settings.on_delete {
        Condition::rollout_status(
            false,
            "OnDelete",
            format!(
                "rollout status is only available for RollingUpdate strategy type (kubectl rollout status statefulset/{} -n {ns})",
                object.name
            ),
        )
    } else {
        let ready = set
            .pods
            .iter()
            .flatten()
            .filter(|p| p.phase == Phase::Available)
            .count();
        Condition::rollout_status(
            false,
            "WaitingForPods",
            format!(
                "Waiting for {} pods to be ready...",
                settings.replicas as usize - ready.min(settings.replicas as usize)
            ),
        )
    };
    Ok(rollout)
}
