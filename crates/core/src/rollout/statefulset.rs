//! The StatefulSet controller's update (`updateStatefulSet` in `stateful_set_control.go`): pods
//! by ordinal, created in ascending order, replaced from the highest ordinal down to the
//! partition, `maxUnavailable` at a time (the `MaxUnavailableStatefulSet` path, on by default
//! since 1.35; with the default of 1 it behaves like the legacy path).

use k8s_openapi::api::apps::v1::StatefulSet;

use super::fenceposts;
use super::hash::revision_name;
use super::runs::{self, Alike, Run};
use super::timing;
use super::traffic::Endpoints;
use super::{
    Condition, MAX_TILES, Pass, Phase, PodTile, Result, Rollout, RolloutError, RolloutOptions,
    State, Strategy, WorkloadKind, pods,
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

/// What an ordinal holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// No pod.
    Missing,
    /// A pod of the current (`updated: false`) or the update revision.
    Pod { updated: bool, phase: Phase },
}

impl Alike for Slot {}

impl Slot {
    fn is_available(self) -> bool {
        matches!(self, Slot::Pod { phase, .. } if phase.is_available())
    }
}

/// The pods by ordinal, as runs of consecutive ordinals holding alike pods: a pass creates or
/// deletes a block of ordinals, so there are a few runs whatever the replicas.
struct Set {
    name: String,
    current: String,
    update: String,
    slots: Vec<Run<Slot>>,
    settings: Settings,
    fail_new: bool,
}

impl Set {
    /// Every ordinal runs an available pod of `current`, the revision before the change; with
    /// an unchanged template that already is `update`.
    fn new(
        name: &str,
        (current, update): (String, String),
        settings: Settings,
        fail_new: bool,
    ) -> Self {
        let pod = Slot::Pod {
            updated: current == update,
            phase: Phase::Available,
        };
        let mut slots = Vec::new();
        runs::push(
            &mut slots,
            Run {
                first: 0,
                count: settings.replicas,
                value: pod,
            },
        );
        Set {
            name: name.to_owned(),
            current,
            update,
            slots,
            settings,
            fail_new,
        }
    }

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

    /// A created pod is at the update revision at or above the partition.
    fn created(&self, ordinal: u32) -> Slot {
        Slot::Pod {
            updated: ordinal >= self.settings.partition,
            phase: Phase::ContainerCreating,
        }
    }

    /// The missing ordinals `from..to` get their pods, at the revision each ordinal calls for.
    fn create(
        &self,
        from: u32,
        to: u32,
        slots: &mut Vec<Run<Slot>>,
        trace: &mut Trace,
        events: &mut Vec<String>,
    ) {
        for ordinal in from..to {
            events.push(format!(
                "create Pod {}-{ordinal} in StatefulSet {} successful",
                self.name, self.name
            ));
            trace.created.push(ordinal);
        }
        let partition = self.settings.partition.clamp(from, to);
        runs::push(
            slots,
            Run {
                first: from,
                count: partition - from,
                value: self.created(from),
            },
        );
        runs::push(
            slots,
            Run {
                first: partition,
                count: to - partition,
                value: self.created(partition),
            },
        );
    }

    fn pass(&mut self, events: &mut Vec<String>) -> Trace {
        let mut trace = Trace::default();
        if self.settings.ordered {
            // The first ordinal that is missing or not Available ends the pass.
            if let Some(i) = self.slots.iter().position(|r| !r.value.is_available()) {
                let run = self.slots[i];
                if run.value != Slot::Missing {
                    trace.waiting_on = Some(run.first);
                    return trace;
                }
                let mut slots = self.slots[..i].to_vec();
                self.create(run.first, run.first + 1, &mut slots, &mut trace, events);
                runs::push(&mut slots, run.part(1, run.count - 1));
                for run in &self.slots[i + 1..] {
                    runs::push(&mut slots, *run);
                }
                self.slots = slots;
                return trace;
            }
        } else {
            let mut slots = Vec::with_capacity(self.slots.len() + 1);
            for run in &self.slots {
                if run.value == Slot::Missing {
                    self.create(run.first, run.end(), &mut slots, &mut trace, events);
                } else {
                    runs::push(&mut slots, *run);
                }
            }
            self.slots = slots;
        }
        if self.settings.on_delete {
            return trace;
        }
        trace.unavailable = runs::count(&self.slots, |s| !s.is_available());
        let mut budget = self
            .settings
            .max_unavailable
            .saturating_sub(trace.unavailable);
        // From the highest ordinal down to the partition: how many ordinals at the top of each
        // run are deleted.
        let mut deleted = vec![0; self.slots.len()];
        for (i, run) in self.slots.iter().enumerate().rev() {
            if budget == 0 || run.end() <= self.settings.partition {
                break;
            }
            let Slot::Pod {
                updated: false,
                phase,
            } = run.value
            else {
                continue;
            };
            if phase == Phase::Terminating {
                continue;
            }
            let eligible = run.end() - run.first.max(self.settings.partition);
            deleted[i] = eligible.min(budget);
            budget -= deleted[i];
            for ordinal in (run.end() - deleted[i]..run.end()).rev() {
                events.push(format!(
                    "delete Pod {}-{ordinal} in StatefulSet {} successful",
                    self.name, self.name
                ));
                trace.deleted.push(ordinal);
            }
        }
        let mut slots = Vec::with_capacity(self.slots.len() + 1);
        for (run, deleted) in self.slots.iter().zip(deleted) {
            let kept = run.count - deleted;
            runs::push(&mut slots, run.part(0, kept));
            runs::push(
                &mut slots,
                run.part(kept, deleted).with(Slot::Pod {
                    updated: false,
                    phase: Phase::Terminating,
                }),
            );
        }
        self.slots = slots;
        trace
    }

    fn settle(&mut self) {
        let mut slots = Vec::with_capacity(self.slots.len());
        for run in &self.slots {
            let slot = match run.value {
                Slot::Pod {
                    phase: Phase::Terminating,
                    ..
                } => Slot::Missing,
                Slot::Pod {
                    updated,
                    phase: Phase::Pending | Phase::ContainerCreating | Phase::Ready,
                } => Slot::Pod {
                    updated,
                    phase: if self.fail_new && updated {
                        Phase::RunningNotReady
                    } else {
                        Phase::Available
                    },
                },
                other => other,
            };
            runs::push(&mut slots, run.with(slot));
        }
        self.slots = slots;
    }

    fn complete(&self) -> bool {
        let partition = self.settings.partition;
        self.slots.iter().all(|r| match r.value {
            Slot::Pod {
                updated,
                phase: Phase::Available,
            } => {
                if updated {
                    r.first >= partition
                } else {
                    r.end() <= partition
                }
            }
            _ => false,
        })
    }

    /// Available pods.
    fn ready(&self) -> u32 {
        runs::count(&self.slots, |s| s.is_available())
    }

    fn state(&self, endpoints: &Endpoints) -> State {
        let pods_shown = runs::count(&self.slots, |s| *s != Slot::Missing);
        let pods = self.slots.iter().filter_map(|r| match r.value {
            Slot::Pod { updated, phase } => Some((r, updated, phase)),
            Slot::Missing => None,
        });
        if pods_shown <= MAX_TILES as u32 {
            let tiles: Vec<PodTile> = pods
                .flat_map(|(r, updated, phase)| {
                    (r.first..r.end()).map(move |ordinal| self.pod(ordinal, updated, phase))
                })
                .collect();
            return endpoints.state(&tiles);
        }
        endpoints.counted_state(pods.map(|(r, updated, phase)| (updated, phase, r.count)))
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
    let mut set = Set::new(
        &object.name,
        (current.clone(), update.clone()),
        settings.clone(),
        options.fail_new,
    );
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
                    .map_or_else(|| "a new pod".into(), |o| format!("{}-{o}", object.name));
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
        let ready = set.ready() as usize;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Resource;
    use crate::source::SourceFile;

    /// The passes of a rollout of `replicas` pods, and the most runs of alike ordinals the set
    /// kept at any moment: what each pass goes through.
    fn passes_and_peak_runs(replicas: u32, extra: &str, fail_new: bool) -> (u32, usize) {
        let yaml = format!(
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  replicas: {replicas}\n  serviceName: db\n{extra}  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n        - name: db\n          image: db:1\n"
        );
        let model = Model::from_files(vec![SourceFile::new("db.yaml", &yaml)]);
        let object = &model.objects[0];
        let Resource::StatefulSet(s) = &*object.resource else {
            panic!("a StatefulSet");
        };
        let settings = settings(object, s).expect("valid");
        let mut set = Set::new("db", ("db-1".into(), "db-2".into()), settings, fail_new);
        let (mut passes, mut peak) = (0, set.slots.len());
        loop {
            let trace = set.pass(&mut Vec::new());
            if trace.created.is_empty() && trace.deleted.is_empty() {
                break;
            }
            passes += 1;
            peak = peak.max(set.slots.len());
            set.settle();
            peak = peak.max(set.slots.len());
        }
        assert_eq!(set.complete(), !fail_new, "{extra}");
        (passes, peak)
    }

    /// The pods are kept as a few runs of alike ordinals whatever the replicas, so a pass over
    /// 4,999 pods goes through no more than a pass over 10 (only the number of passes grows).
    #[test]
    fn a_pass_goes_through_as_little_for_4999_pods_as_for_10() {
        for extra in [
            "",
            "  podManagementPolicy: Parallel\n",
            "  updateStrategy:\n    rollingUpdate:\n      partition: 3\n      maxUnavailable: 2\n",
        ] {
            for fail_new in [false, true] {
                let (_, small) = passes_and_peak_runs(10, extra, fail_new);
                let (passes, large) = passes_and_peak_runs(4999, extra, fail_new);
                assert!(fail_new || passes > 4000, "{extra}: {passes} passes");
                assert!(
                    large <= small && small <= 4,
                    "{extra}: {small} and {large} runs"
                );
            }
        }
    }
}
