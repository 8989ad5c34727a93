//! What the cluster will do: the workloads whose pod template changed roll out, simulated from the
//! old version to the new one with the rollout engine of the Rollout view.
//!
//! Only a pod template change starts a rollout; `replicas` or `strategy` alone do not. The
//! simulation uses the new version's spec (strategy, replicas, `minReadySeconds`), starting from
//! pods that run the old template, as the controller does after `kubectl apply`.

use serde::Serialize;

use super::fields::{Change, ObjectChange};
use super::notes::Note;
use crate::model::{Model, ObjectId, Resource};
use crate::rollout::{self, RolloutOptions, Strategy, TemplateChange, WorkloadKind};

/// A workload that will roll out, and how.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RolloutChange {
    /// The workload.
    pub workload: ObjectId,
    /// The changed fields of its pod template that trigger the rollout.
    pub triggers: Vec<String>,
    /// The update strategy of the new version.
    pub strategy: Strategy,
    /// How many passes the controller needs.
    pub passes: u32,
    /// The availability floor: pods that must stay available during the rollout.
    pub min_available: u32,
    /// The desired pods (`spec.replicas`, or the node count of a DaemonSet).
    pub replicas: u32,
    /// Whether some moment of the rollout has no pod receiving traffic.
    pub downtime: bool,
    /// The fewest pods receiving traffic at any moment.
    pub lowest_serving: u32,
    /// The estimated wall-clock seconds until the rollout ends.
    pub estimated_seconds: u32,
    /// Whether every pod ends on the new template (false for `OnDelete`, a partition, a stall).
    pub complete: bool,
}

/// The path of the pod template in a kind that rolls out.
const TEMPLATE: &str = "spec.template";

/// The rollouts that the changed objects trigger, and notes for those that cannot be simulated.
pub(super) fn rollouts(
    old: &Model,
    new: &Model,
    objects: &[ObjectChange],
) -> (Vec<RolloutChange>, Vec<Note>) {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for change in objects.iter().filter(|c| c.change == Change::Changed) {
        let triggers: Vec<String> = change
            .fields
            .iter()
            .filter(|f| f.is_under(TEMPLATE))
            .map(|f| f.path.clone())
            .collect();
        if triggers.is_empty() {
            continue;
        }
        let (Some(before), Some(after)) = (old.get(&change.id), new.get(&change.id)) else {
            continue;
        };
        // A ReplicationController or ReplicaSet rolls nothing out: the simulator says so.
        let no_rolling_update = matches!(
            *after.resource,
            Resource::ReplicationController(_) | Resource::ReplicaSet(_)
        );
        if !no_rolling_update
            && (WorkloadKind::of(after).is_none() || WorkloadKind::of(before).is_none())
        {
            continue;
        }
        let options = RolloutOptions::default();
        match simulate(
            new,
            &change.id,
            before.pod_template(),
            after.pod_template(),
            &options,
        ) {
            Ok(r) => out.push(RolloutChange {
                workload: change.id.clone(),
                triggers,
                strategy: r.strategy,
                passes: r.passes.len() as u32,
                min_available: r.min_available,
                replicas: r.replicas,
                downtime: !r.zero_downtime,
                lowest_serving: r.lowest_serving,
                estimated_seconds: r.estimated_seconds,
                complete: r.complete,
            }),
            Err(err @ rollout::RolloutError::NoRollout { .. }) => notes.push(Note {
                object: change.id.clone(),
                message: format!("the pod template changes, but {err}"),
            }),
            Err(err) => notes.push(Note {
                object: change.id.clone(),
                message: format!(
                    "the pod template changes but the rollout cannot be simulated: {err}"
                ),
            }),
        }
    }
    (out, notes)
}

/// Simulates the rollout that applying `new` over `old` starts for `workload`: the new
/// version's spec with pods running the old pod template, changed to the new template (as in
/// [`RolloutChange`]). `options.change` is ignored; `fail_new` and the others apply. Fails
/// when either version lacks the workload or its pod template.
pub fn simulate_change(
    old: &Model,
    new: &Model,
    workload: &ObjectId,
    options: &RolloutOptions,
) -> rollout::Result<rollout::Rollout> {
    let before = rollout::find_workload(old, workload)?;
    let after = rollout::find_workload(new, workload)?;
    simulate(
        new,
        workload,
        before.pod_template(),
        after.pod_template(),
        options,
    )
}

/// Simulates the rollout of `new_template` on the new version of the workload, whose pods run
/// `old_template`.
fn simulate(
    new: &Model,
    id: &ObjectId,
    old_template: Option<&k8s_openapi::api::core::v1::PodTemplateSpec>,
    new_template: Option<&k8s_openapi::api::core::v1::PodTemplateSpec>,
    options: &RolloutOptions,
) -> rollout::Result<rollout::Rollout> {
    let (Some(old_template), Some(new_template)) = (old_template, new_template) else {
        return Err(rollout::RolloutError::NoContainers { id: id.to_string() });
    };
    let mut start = new.clone();
    if let Some(object) = start.objects.iter_mut().rev().find(|o| &o.id == id) {
        match std::sync::Arc::make_mut(&mut object.resource) {
            Resource::Deployment(d) => d.spec.template = old_template.clone(),
            Resource::DeploymentConfig(d) => d.spec.template = Some(old_template.clone()),
            Resource::StatefulSet(s) => s.spec.template = old_template.clone(),
            Resource::DaemonSet(d) => d.spec.template = old_template.clone(),
            _ => {}
        }
    }
    let options = RolloutOptions {
        change: TemplateChange::Template(Box::new(new_template.clone())),
        ..options.clone()
    };
    rollout::simulate(&start, id, &options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::fields::compare_objects;
    use crate::diff::test_support::{feastflow, feastflow_edits, feastflow_with};

    #[track_caller]
    fn rolls(new: &Model) -> Vec<RolloutChange> {
        let old = feastflow();
        let objects = compare_objects(&old, new);
        let (out, notes) = rollouts(&old, new, &objects);
        assert!(notes.is_empty(), "{notes:?}");
        out
    }

    #[test]
    fn an_image_bump_rolls_the_backend_without_downtime() {
        let new = feastflow_with(
            "06-backend-deployment.yaml",
            "image: feastflow-backend:latest",
            "image: feastflow-backend:v1.4.0",
        );
        let out = rolls(&new);
        assert_eq!(out.len(), 1);
        let r = &out[0];
        assert_eq!(
            r.workload.as_str(),
            "Deployment/feastflow/feastflow-backend"
        );
        assert_eq!(r.triggers, ["spec.template.spec.containers[0].image"]);
        assert_eq!(r.strategy, Strategy::RollingUpdate);
        // maxSurge 1, maxUnavailable 0 on 2 replicas: 2 stay available, never a gap.
        assert_eq!(r.min_available, 2);
        assert!(!r.downtime);
        assert!(r.passes >= 2, "{r:?}");
        assert!(r.estimated_seconds > 0);
        assert!(r.complete);
    }

    #[test]
    fn simulate_change_plays_the_rollout_the_diff_reports() {
        let old = feastflow();
        let new = feastflow_with(
            "06-backend-deployment.yaml",
            "image: feastflow-backend:latest",
            "image: feastflow-backend:v1.4.0",
        );
        let change = &rolls(&new)[0];
        let played =
            simulate_change(&old, &new, &change.workload, &RolloutOptions::default()).unwrap();
        assert_eq!(played.passes.len() as u32, change.passes);
        assert_eq!(played.estimated_seconds, change.estimated_seconds);
        assert_eq!(
            played.old_image.as_deref(),
            Some("feastflow-backend:latest")
        );
        assert_eq!(
            played.new_image.as_deref(),
            Some("feastflow-backend:v1.4.0")
        );
        // A workload the old version lacks has no change to play.
        let frontend = ObjectId::new("Deployment", Some("feastflow"), "feastflow-frontend");
        let without = crate::diff::test_support::model(&[]);
        assert!(simulate_change(&without, &new, &frontend, &RolloutOptions::default()).is_err());
    }

    #[test]
    fn a_strategy_change_alone_rolls_nothing() {
        let new = feastflow_with(
            "06-backend-deployment.yaml",
            "maxSurge: 1 # Up to 3",
            "maxSurge: 2 # Up to 4",
        );
        assert!(rolls(&new).is_empty());
        let new = feastflow_with("06-backend-deployment.yaml", "replicas: 2", "replicas: 4");
        assert!(rolls(&new).is_empty());
    }

    #[test]
    fn the_new_strategy_applies_to_the_rollout() {
        let file = "06-backend-deployment.yaml";
        let new = feastflow_edits(&[
            (
                file,
                "type: RollingUpdate # Zero-downtime deployments\n    rollingUpdate:\n      maxSurge: 1 # Up to 3 pods during an update (2+1)\n      maxUnavailable: 0 # Always 2 pods serving",
                "type: Recreate",
            ),
            (file, "feastflow-backend:latest", "feastflow-backend:v2"),
        ]);
        let out = rolls(&new);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].strategy, Strategy::Recreate);
        assert!(out[0].downtime);
        assert_eq!(out[0].min_available, 0);
    }

    #[test]
    fn a_statefulset_template_change_rolls_it() {
        let new = feastflow_with(
            "04-postgres-deployment.yaml",
            "image: postgres:15-alpine",
            "image: postgres:16-alpine",
        );
        let out = rolls(&new);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].workload.as_str(), "StatefulSet/feastflow/postgres");
        assert_eq!(out[0].replicas, 1);
        // One replica replaced in place: there is a moment with no pod.
        assert!(out[0].downtime);
    }
}

#[cfg(test)]
mod replication_controller_tests {
    use super::*;
    use crate::diff::fields::compare_objects;
    use crate::diff::test_support::model;

    fn controller(image: &str) -> Model {
        let yaml = format!(
            "apiVersion: v1
kind: ReplicationController
metadata:
  name: web
  namespace: demo
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: {image}
"
        );
        model(&[("rc.yaml", &yaml)])
    }

    #[test]
    fn a_replication_controller_template_change_rolls_nothing_and_says_so() {
        let (old, new) = (controller("web:1.0"), controller("web:2.0"));
        let (out, notes) = rollouts(&old, &new, &compare_objects(&old, &new));
        assert!(out.is_empty(), "{out:?}");
        let messages: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].starts_with(
                "the pod template changes, but ReplicationController/demo/web has no rollout to simulate: a ReplicationController has no rolling update, so changing its pod template replaces no running pod"
            ),
            "{}",
            messages[0]
        );
    }
}
