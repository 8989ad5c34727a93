//! The Deployment controller: `rolloutRolling` and `rolloutRecreate` over simulated ReplicaSets
//! and their pods.
//!
//! The controller only counts: "pods" are the sum of the ReplicaSets' `spec.replicas` and
//! "available" the sum of their available pods. The ReplicaSet controller then creates or
//! deletes pods to match each spec, deleting pods that are not ready before ready ones.
//!
//! This module reads and validates the Deployment's settings and runs the passes; the
//! ReplicaSets and the passes' arithmetic are the controller state, in `controller.rs`.

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::controller::{Cluster, RecreateStep, ReplicaSet};
use super::deployment_config::Driver;
use super::fenceposts::{self, Round};
use super::hash::templates_equal;
use super::narrate;
use super::timing::{self, Timing};
use super::traffic::Endpoints;
use super::{Condition, Pass, Phase, Result, Rollout, RolloutError, RolloutOptions, Strategy};
use crate::model::{Model, Object};

/// The annotation holding a Deployment's or ReplicaSet's revision number.
pub(crate) const REVISION_ANNOTATION: &str = "deployment.kubernetes.io/revision";

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

/// Defaults and validates a Deployment's spec (or a DeploymentConfig's, read as one); errors are
/// the API server's messages.
pub(crate) fn settings(object: &Object, d: &Deployment) -> Result<Settings> {
    let driver = Driver::of(object);
    let owner = driver.kind().as_str();
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
                driver.rolling_path(),
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
    super::check_valid(owner, object, errors, replicas)?;
    let (surge, unavailable) = match strategy {
        Strategy::RollingUpdate => {
            // Validation passed, so both values are ints or percentages.
            let (surge, unavailable) = fenceposts::resolve_fenceposts(
                Some(&surge_value),
                Some(&unavailable_value),
                replicas,
            )
            .map_err(|e| RolloutError::invalid(owner, object, vec![e.to_string()]))?;
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

/// The revision written on the Deployment (`deployment.kubernetes.io/revision`), else 1; a
/// DeploymentConfig's running version.
pub(crate) fn current_revision(object: &Object) -> u32 {
    if let Driver::DeploymentConfig { version } = Driver::of(object) {
        return u32::try_from(version).unwrap_or(1);
    }
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
    let driver = Driver::of(object);
    let set_kind = driver.set_kind();

    let written_revision = current_revision(object);
    let old_name = driver.set_name(&object.name, old_template, false);
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
        driver.set_name(&object.name, new_template, true)
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
        driver,
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
        kind: driver.kind(),
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
        condition: Condition::progressing(
            "True",
            &format!("New{set_kind}Available"),
            String::new(),
        ),
        stall: None,
        estimated_seconds: 0,
        assumptions: Vec::new(),
        services: endpoints.services.clone(),
        lowest_serving: 0,
        zero_downtime: true,
        commands: super::commands(object, driver.kind(), &applied),
        notes: Vec::new(),
    };

    if unchanged {
        rollout.complete = true;
        rollout.condition.message =
            format!("{set_kind} \"{old_name}\" has successfully progressed.");
        rollout.notes.push(format!(
            "the new pod template equals the current one: the controller finds the existing {set_kind} and nothing rolls out (a change of replicas alone is a scaling event, not a rollout)"
        ));
        return Ok((rollout, cluster, settings));
    }
    if settings.paused {
        let owner = driver.kind().as_str();
        rollout.condition = Condition::progressing(
            "Unknown",
            &format!("{owner}Paused"),
            format!("{owner} is paused"),
        );
        rollout.notes.push(format!(
            "the {owner} is paused: a template change creates no new {set_kind} until `{}` (replica changes are still applied proportionally)",
            driver.resume_command(&object.name)
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
        let created = cluster.rss.iter().any(|r| r.has(Phase::ContainerCreating));
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
        .map_or_else(|| new_name.clone(), |i| cluster.rss[i].name.clone());
    rollout.complete = cluster.complete();
    rollout.assumptions.clone_from(&timing.assumptions);
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
        rollout.condition.message = format!("{set_kind} \"{new_rs}\" has successfully progressed.");
    } else if !ended && stop_after.is_some() {
        rollout.condition = Condition::progressing(
            "True",
            &format!("{set_kind}Updated"),
            format!("{set_kind} \"{new_rs}\" is progressing."),
        );
    } else {
        rollout.condition = Condition::progressing(
            "False",
            "ProgressDeadlineExceeded",
            format!("{set_kind} \"{new_rs}\" has timed out progressing."),
        );
        seconds_total = seconds_total.saturating_add(settings.progress_deadline_seconds);
        rollout
            .assumptions
            .push(driver.on_timeout(settings.progress_deadline_seconds));
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
