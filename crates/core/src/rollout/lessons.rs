//! Pods vs ReplicaSets vs Deployments, as step lists the UI can show: what happens to a bare
//! Pod, a ReplicaSet and a Deployment when a pod is deleted and when the image changes.

use serde::Serialize;

use super::hash::pod_suffix;
use super::{
    KubectlCommand, Phase, PodTile, Result, RolloutError, RolloutOptions, find_workload_or_pod,
    image_with_tag, simulate,
};
use crate::model::{Model, ObjectId, Resource};

/// What owns the pods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Owner {
    /// A bare Pod: nothing owns it.
    Pod,
    /// A ReplicaSet: keeps N pods matching its selector.
    ReplicaSet,
    /// A Deployment: manages ReplicaSets, one per template.
    Deployment,
}

/// What the user does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Experiment {
    /// `kubectl delete pod …`.
    DeletePod,
    /// Change the container image to a new tag.
    ChangeImage,
}

/// One moment of a lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LessonStep {
    /// What just happened.
    pub title: String,
    /// The pods at this moment.
    pub pods: Vec<PodTile>,
    /// Pods that are Ready (and so would receive traffic).
    pub serving: u32,
    /// Why, in plain words.
    pub note: String,
}

/// A lesson: one experiment on one owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lesson {
    /// The owner kind.
    pub owner: Owner,
    /// The experiment.
    pub experiment: Experiment,
    /// The object the lesson runs on.
    pub object: ObjectId,
    /// The steps, starting from the running state.
    pub steps: Vec<LessonStep>,
    /// Whether some moment has no Ready pod.
    pub downtime: bool,
    /// The lesson in one sentence.
    pub summary: String,
    /// The commands a person would type.
    pub commands: Vec<KubectlCommand>,
}

fn tile(name: String, revision: &str, updated: bool, phase: Phase) -> PodTile {
    PodTile {
        name,
        revision: revision.to_owned(),
        updated,
        ordinal: None,
        node: None,
        phase,
    }
}

fn step(title: &str, pods: Vec<PodTile>, note: &str) -> LessonStep {
    let serving = pods.iter().filter(|p| p.phase.receives_traffic()).count() as u32;
    LessonStep {
        title: title.to_owned(),
        pods,
        serving,
        note: note.to_owned(),
    }
}

/// The lesson of `experiment` on `object` (a Pod, a ReplicaSet or a Deployment).
pub fn lesson(model: &Model, object: &ObjectId, experiment: Experiment) -> Result<Lesson> {
    let obj = find_workload_or_pod(model, object)?;
    let ns = obj.ns().to_owned();
    let name = obj.name.clone();
    let image = obj
        .containers()
        .iter()
        .find(|c| !c.init)
        .and_then(|c| c.container.image.clone())
        .unwrap_or_default();
    let container = obj
        .containers()
        .iter()
        .find(|c| !c.init)
        .map(|c| c.container.name.clone())
        .unwrap_or_default();
    let new_image = image_with_tag(&image, "v2");
    let (owner, steps, summary, commands) = match (&*obj.resource, experiment) {
        (Resource::Pod(_), Experiment::DeletePod) => (
            Owner::Pod,
            vec![
                step(
                    "running",
                    vec![tile(name.clone(), "", false, Phase::Available)],
                    "One bare Pod serves.",
                ),
                step(
                    &format!("kubectl delete pod {name}"),
                    vec![tile(name.clone(), "", false, Phase::Terminating)],
                    "The pod stops and leaves the Service's endpoints.",
                ),
                step(
                    "gone for good",
                    Vec::new(),
                    "Nothing owns a bare Pod, so nothing re-creates it: it stays gone until someone applies it again. The same happens when its node fails.",
                ),
            ],
            "a bare Pod that is deleted (or whose node dies) is gone for good".to_owned(),
            vec![KubectlCommand {
                command: format!("kubectl delete pod {name} -n {ns}"),
                purpose: "delete the pod".to_owned(),
            }],
        ),
        (Resource::Pod(_), Experiment::ChangeImage) => (
            Owner::Pod,
            vec![
                step(
                    "running",
                    vec![tile(name.clone(), "", false, Phase::Available)],
                    &format!("One bare Pod runs {image}."),
                ),
                step(
                    &format!("kubectl delete pod {name}"),
                    vec![tile(name.clone(), "", false, Phase::Terminating)],
                    "Almost nothing in a running Pod's spec can change, so the usual way to change it is to delete it and create it again. From here nothing serves.",
                ),
                step(
                    "kubectl apply -f the edited manifest",
                    vec![tile(name.clone(), "", true, Phase::ContainerCreating)],
                    &format!(
                        "A new Pod with {new_image} starts; it is not Ready yet, so still nothing serves."
                    ),
                ),
                step(
                    "ready",
                    vec![tile(name.clone(), "", true, Phase::Available)],
                    "The new Pod is Ready and serves again: the gap in between was downtime. (The image field alone may be edited in place, but that restarts the only container: downtime as well.)",
                ),
            ],
            "changing a bare Pod means deleting and re-creating it, with downtime in between"
                .to_owned(),
            vec![
                KubectlCommand {
                    command: format!("kubectl delete pod {name} -n {ns}"),
                    purpose: "delete the old pod".to_owned(),
                },
                KubectlCommand {
                    command: format!("kubectl apply -f {}", obj.file),
                    purpose: "create it again with the new image".to_owned(),
                },
            ],
        ),
        (Resource::ReplicaSet(rs), experiment) => {
            let replicas = replicas_within_cap(obj, rs.spec.replicas)?;
            let revision = name.clone();
            let pods: Vec<PodTile> = (0..replicas)
                .map(|i| {
                    tile(
                        format!("{name}-{}", pod_suffix(&name, i)),
                        &revision,
                        false,
                        Phase::Available,
                    )
                })
                .collect();
            match experiment {
                Experiment::DeletePod => {
                    let (steps, commands) =
                        replace_one(&name, &revision, &pods, replicas, false, &ns);
                    (
                        Owner::ReplicaSet,
                        steps,
                        "a ReplicaSet replaces a deleted pod at once: it keeps the count, not the pods".to_owned(),
                        commands,
                    )
                }
                Experiment::ChangeImage => {
                    let mut mixed = pods.clone();
                    let mut steps = vec![
                        step(
                            "running",
                            pods.clone(),
                            &format!("{replicas} pods run {image}."),
                        ),
                        step(
                            &format!("the ReplicaSet's template gets {new_image}"),
                            pods.clone(),
                            "Nothing happens to the running pods: a ReplicaSet only counts the pods its selector matches, and these still match. Only pods created from now on get the new image.",
                        ),
                    ];
                    if let Some(first) = mixed.first_mut() {
                        first.phase = Phase::Terminating;
                    }
                    mixed.push(tile(
                        format!("{name}-{}", pod_suffix(&name, replicas)),
                        &revision,
                        true,
                        Phase::ContainerCreating,
                    ));
                    steps.push(step(
                        "delete one pod by hand",
                        mixed.clone(),
                        "Its replacement is created from the new template, so it gets the new image.",
                    ));
                    mixed.retain(|p| p.phase != Phase::Terminating);
                    for p in &mut mixed {
                        p.phase = Phase::Available;
                    }
                    steps.push(step(
                        "mixed versions",
                        mixed,
                        "Now the old and the new image serve side by side. Replacing the rest means deleting them one by one: a rolling update by hand, with no history and no undo.",
                    ));
                    (
                        Owner::ReplicaSet,
                        steps,
                        "changing a ReplicaSet's image changes no running pod; only new pods get it".to_owned(),
                        vec![
                            KubectlCommand {
                                command: format!("kubectl set image replicaset/{name} {container}={new_image} -n {ns}"),
                                purpose: "change the template (running pods keep the old image)".to_owned(),
                            },
                            KubectlCommand {
                                command: format!("kubectl delete pod {} -n {ns}", pods.first().map_or("<pod>", |p| p.name.as_str())),
                                purpose: "replace one pod by hand".to_owned(),
                            },
                        ],
                    )
                }
            }
        }
        (Resource::Deployment(d), Experiment::DeletePod) => {
            let replicas = replicas_within_cap(obj, d.spec.replicas)?;
            let rs = super::hash::revision_name(&name, &d.spec.template);
            let pods: Vec<PodTile> = (0..replicas)
                .map(|i| {
                    tile(
                        format!("{rs}-{}", pod_suffix(&rs, i)),
                        &rs,
                        false,
                        Phase::Available,
                    )
                })
                .collect();
            let (mut steps, commands) = replace_one(&rs, &rs, &pods, replicas, false, &ns);
            steps[1].note = format!(
                "The Deployment's ReplicaSet {rs} sees one pod missing and creates a replacement at once; the Deployment itself does nothing, the ReplicaSet does."
            );
            (
                Owner::Deployment,
                steps,
                "a Deployment's ReplicaSet replaces a deleted pod, exactly like a bare ReplicaSet"
                    .to_owned(),
                commands,
            )
        }
        (Resource::Deployment(_), Experiment::ChangeImage) => {
            let rollout = simulate(model, object, &RolloutOptions::default())?;
            // Serving pods come from the state's count: beyond the tile limit it has no tiles.
            let of_state = |title: &str, state: &super::State, note: &str| LessonStep {
                serving: state.ready,
                ..step(title, state.pods.clone(), note)
            };
            let mut steps = vec![of_state(
                "running",
                &rollout.initial,
                &format!("{} pods run {image}.", rollout.replicas),
            )];
            for pass in &rollout.passes {
                steps.push(of_state(
                    &format!("pass {}: {}", pass.number, pass.decision),
                    &pass.after,
                    &pass.narration,
                ));
            }
            if let Some(last) = rollout.passes.last() {
                steps.push(of_state("settled", &last.settled, "Every pod runs the new image; the old ReplicaSet stays at 0 pods, kept for `kubectl rollout undo`."));
            }
            (
                Owner::Deployment,
                steps,
                "a Deployment rolls: a new ReplicaSet grows while the old one shrinks, within maxSurge and maxUnavailable, with a revision to go back to".to_owned(),
                rollout.commands.clone(),
            )
        }
        _ => {
            return Err(RolloutError::NotSimulatable {
                id: obj.id.to_string(),
                kind: obj.kind.clone(),
            });
        }
    };
    let downtime = steps.iter().any(|s| s.serving == 0);
    Ok(Lesson {
        owner,
        experiment,
        object: obj.id.clone(),
        steps,
        downtime,
        summary,
        commands,
    })
}

/// Delete the first pod; its owner replaces it.
/// The replicas a lesson draws one tile each for, refused beyond the simulator's cap (and for a
/// name or count the API server refuses) before anything is allocated.
fn replicas_within_cap(obj: &crate::Object, replicas: Option<i32>) -> Result<u32> {
    let replicas = replicas.unwrap_or(1);
    let errors = if replicas < 0 {
        vec![format!(
            "spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0"
        )]
    } else {
        Vec::new()
    };
    let replicas = replicas.max(0).unsigned_abs();
    super::check_valid(&obj.kind, obj, errors, replicas)?;
    Ok(replicas)
}

fn replace_one(
    owner: &str,
    revision: &str,
    pods: &[PodTile],
    replicas: u32,
    updated: bool,
    ns: &str,
) -> (Vec<LessonStep>, Vec<KubectlCommand>) {
    let victim = pods.first().map(|p| p.name.clone()).unwrap_or_default();
    let mut during = pods.to_vec();
    if let Some(first) = during.first_mut() {
        first.phase = Phase::Terminating;
    }
    during.push(tile(
        format!("{owner}-{}", pod_suffix(owner, replicas)),
        revision,
        updated,
        Phase::ContainerCreating,
    ));
    let mut after = during.clone();
    after.retain(|p| p.phase != Phase::Terminating);
    for p in &mut after {
        p.phase = Phase::Available;
    }
    (
        vec![
            step(
                "running",
                pods.to_vec(),
                &format!("{} run.", super::pods(replicas)),
            ),
            step(
                &format!("kubectl delete pod {victim}"),
                during,
                "The ReplicaSet sees one pod missing and creates a replacement at once, with a new name.",
            ),
            step(
                "replaced",
                after,
                "The count is back; the other pods served the whole time.",
            ),
        ],
        vec![KubectlCommand {
            command: format!("kubectl delete pod {victim} -n {ns}"),
            purpose: "delete one pod".to_owned(),
        }],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::Sample;

    fn models() -> Model {
        let mut files = Sample::FeastFlow.files();
        files.extend(Sample::PodsVsReplicaSets.files());
        Model::from_files(files)
    }

    fn run(id: &str, experiment: Experiment) -> Lesson {
        let model = models();
        let id = model.get_str(id).expect("object").id.clone();
        lesson(&model, &id, experiment).expect("lesson")
    }

    #[test]
    fn a_deleted_bare_pod_is_gone_for_good() {
        let l = run("Pod/feastflow/feastflow-backend-pod", Experiment::DeletePod);
        assert_eq!(l.owner, Owner::Pod);
        assert!(l.steps.last().is_some_and(|s| s.pods.is_empty()));
        assert!(l.downtime);
    }

    #[test]
    fn changing_a_bare_pod_has_downtime() {
        let l = run(
            "Pod/feastflow/feastflow-backend-pod",
            Experiment::ChangeImage,
        );
        assert!(l.downtime);
        assert!(
            l.steps
                .last()
                .is_some_and(|s| s.pods.iter().all(|p| p.updated))
        );
    }

    #[test]
    fn a_replica_set_replaces_a_deleted_pod_but_ignores_a_new_image() {
        let l = run(
            "ReplicaSet/feastflow/feastflow-backend-rs",
            Experiment::DeletePod,
        );
        assert!(!l.downtime);
        assert_eq!(l.steps.last().map(|s| s.pods.len()), Some(3));
        let l = run(
            "ReplicaSet/feastflow/feastflow-backend-rs",
            Experiment::ChangeImage,
        );
        assert!(
            l.steps[1].pods.iter().all(|p| !p.updated),
            "no running pod changes"
        );
        let last = l.steps.last().expect("steps");
        assert_eq!(last.pods.iter().filter(|p| p.updated).count(), 1);
        assert_eq!(last.pods.len(), 3);
    }

    #[test]
    fn a_deployment_rolls() {
        let l = run(
            "Deployment/feastflow/feastflow-backend",
            Experiment::ChangeImage,
        );
        assert!(!l.downtime);
        assert_eq!(l.steps.len(), 6);
        assert!(
            l.steps
                .last()
                .is_some_and(|s| s.pods.iter().all(|p| p.updated) && s.pods.len() == 2)
        );
        let l = run(
            "Deployment/feastflow/feastflow-backend",
            Experiment::DeletePod,
        );
        assert!(
            l.steps[1]
                .pods
                .iter()
                .any(|p| p.phase == Phase::ContainerCreating)
        );
    }

    #[test]
    fn huge_replica_counts_and_names_are_refused_before_any_tile_is_made() {
        let workload = |kind: &str, name: &str, replicas: &str| {
            let api = if kind == "ReplicaSet" || kind == "Deployment" {
                "apps/v1"
            } else {
                "v1"
            };
            format!(
                "apiVersion: {api}\nkind: {kind}\nmetadata: {{name: {name}}}\nspec:\n  replicas: {replicas}\n  selector: {{matchLabels: {{app: w}}}}\n  template:\n    metadata: {{labels: {{app: w}}}}\n    spec:\n      containers: [{{name: w, image: 'w:1'}}]\n"
            )
        };
        let long = "n".repeat(300_000);
        let cases = [
            (
                workload("ReplicaSet", "rs", "2147483647"),
                "ReplicaSet/default/rs".to_owned(),
                "asks for 2147483647 pods; the simulator runs at most 5000",
            ),
            (
                workload("Deployment", "web", "2147483647"),
                "Deployment/default/web".to_owned(),
                "asks for 2147483647 pods; the simulator runs at most 5000",
            ),
            (
                workload("Deployment", "web", "-3"),
                "Deployment/default/web".to_owned(),
                "spec.replicas: Invalid value: -3",
            ),
            (
                workload("Deployment", &long, "5000"),
                format!("Deployment/default/{long}"),
                "must be no more than 253 characters",
            ),
        ];
        for (yaml, id, expected) in cases {
            let model = Model::from_files(vec![crate::SourceFile::new("w.yaml", yaml)]);
            let id = model.get_str(&id).expect("object").id.clone();
            for experiment in [Experiment::DeletePod, Experiment::ChangeImage] {
                let err = lesson(&model, &id, experiment)
                    .expect_err("refused")
                    .to_string();
                assert!(err.contains(expected), "{err}");
                assert!(
                    err.len() < 1_000,
                    "the message stays short: {} bytes",
                    err.len()
                );
            }
        }
    }
}
