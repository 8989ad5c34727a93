//! Pods vs ReplicaSets vs Deployments (the review's section 5) as a live demonstration over
//! FeastFlow's examples: delete a pod or change the image of a bare Pod, a ReplicaSet and a
//! Deployment, and see what each owner does; next to the review's comparison table.

use manifesto_core::rollout::{Experiment, Lesson, Owner, PodTile, lesson};
use manifesto_core::samples::Sample;
use manifesto_core::{Model, ObjectId};
use yew::prelude::*;

use super::pods::{phase_icon, phase_label};

/// The review's comparison table: feature, Pod, ReplicaSet, Deployment.
const TABLE: [(&str, &str, &str, &str); 10] = [
    ("Self-healing", "no", "yes", "yes"),
    ("Scaling", "no", "yes", "yes"),
    ("Load balancing", "no", "yes", "yes"),
    ("Rolling updates", "no", "no", "yes"),
    ("Rollback", "no", "no", "yes"),
    ("Deployment history", "no", "no", "yes"),
    ("Pause/resume updates", "no", "no", "yes"),
    ("Update strategies", "no", "no", "yes"),
    ("Revision tracking", "no", "no", "yes"),
    ("Declarative updates", "no", "Partial", "yes"),
];

/// The owners, in the order of the review.
const OWNERS: [Owner; 3] = [Owner::Pod, Owner::ReplicaSet, Owner::Deployment];

fn owner_key(owner: Owner) -> &'static str {
    match owner {
        Owner::Pod => "pod",
        Owner::ReplicaSet => "replicaset",
        Owner::Deployment => "deployment",
    }
}

fn owner_title(owner: Owner) -> &'static str {
    match owner {
        Owner::Pod => "Bare Pod",
        Owner::ReplicaSet => "ReplicaSet",
        Owner::Deployment => "Deployment",
    }
}

fn experiment_key(experiment: Experiment) -> &'static str {
    match experiment {
        Experiment::DeletePod => "delete-pod",
        Experiment::ChangeImage => "change-image",
    }
}

/// FeastFlow's bare Pod and ReplicaSet examples beside its application, read once.
fn examples() -> Model {
    let mut files = Sample::FeastFlow.files();
    files.extend(Sample::PodsVsReplicaSets.files());
    Model::from_files(files)
}

/// The object each owner's lesson runs on.
fn subject(model: &Model, owner: Owner) -> Option<ObjectId> {
    let kind = match owner {
        Owner::Pod => "Pod",
        Owner::ReplicaSet => "ReplicaSet",
        Owner::Deployment => {
            if let Some(o) = model.get_str("Deployment/feastflow/feastflow-backend") {
                return Some(o.id.clone());
            }
            "Deployment"
        }
    };
    model.of_kind(kind).next().map(|o| o.id.clone())
}

fn cell(value: &str) -> Html {
    match value {
        "yes" => {
            html! { <td class="yes"><span aria-hidden="true">{ "\u{2714} " }</span>{ "yes" }</td> }
        }
        "no" => {
            html! { <td class="no"><span aria-hidden="true">{ "\u{2716} " }</span>{ "no" }</td> }
        }
        other => html! { <td class="partial">{ other.to_owned() }</td> },
    }
}

fn mini_tile(pod: &PodTile, index: usize) -> Html {
    let version = if pod.updated { "new" } else { "old" };
    html! {
        <li
            key={format!("{index}/{}", pod.name)}
            class={classes!("pod", "pod-mini", format!("pod-{version}"))}
            data-phase={format!("{:?}", pod.phase)}
            title={format!("{} \u{2014} {version} image, {}", pod.name, phase_label(pod.phase))}
        >
            <span class="pod-head">{ phase_icon(pod.phase) }<span class="pod-version">{ version }</span></span>
            <span class="pod-name">{ pod.name.clone() }</span>
            <span class="pod-phase">{ phase_label(pod.phase) }</span>
        </li>
    }
}

/// The most pod tiles drawn for one step; the rest are counted.
const MAX_TILES: usize = 60;

/// How many of `count` pods are drawn as tiles, and how many are only counted.
fn tiles(count: usize) -> (usize, usize) {
    let shown = count.min(MAX_TILES);
    (shown, count - shown)
}

/// A step's pods: the first [`MAX_TILES`] as tiles, then "+ N more".
fn pod_list(pods: &[PodTile]) -> Html {
    let (shown, hidden) = tiles(pods.len());
    html! {
        <ul class="pod-list">
            { for pods[..shown].iter().enumerate().map(|(i, p)| mini_tile(p, i)) }
            if hidden > 0 {
                <li class="pod-more muted" data-testid="lesson-more-pods" data-hidden={hidden.to_string()}>
                    { format!("+ {hidden} more") }
                </li>
            }
        </ul>
    }
}

fn show_lesson(l: &Lesson) -> Html {
    html! {
        <div
            class="lesson"
            data-testid="lesson"
            data-owner={owner_key(l.owner)}
            data-experiment={experiment_key(l.experiment)}
            data-downtime={l.downtime.to_string()}
            aria-live="polite"
        >
            <p class="lesson-summary">
                <strong>{ format!("{}: ", owner_title(l.owner)) }</strong>{ l.summary.clone() }
                { " " }
                if l.downtime {
                    <span class="badge badge-bad">{ "downtime: no pod serving at some moment" }</span>
                } else {
                    <span class="badge badge-ok">{ "zero downtime" }</span>
                }
            </p>
            <ol class="lesson-steps">
                { for l.steps.iter().enumerate().map(|(i, s)| html! {
                    <li class="lesson-step" data-serving={s.serving.to_string()} data-pods={s.pods.len().to_string()}>
                        <p class="lesson-step-title">
                            <span class="lesson-step-number">{ i + 1 }</span>
                            <code>{ s.title.clone() }</code>
                            if s.serving == 0 {
                                <span class="badge badge-bad">{ "no pod serving" }</span>
                            } else {
                                <span class="muted">{ format!(" {} serving", s.serving) }</span>
                            }
                        </p>
                        if s.pods.is_empty() {
                            <p class="pods-none">{ "no pods" }</p>
                        } else {
                            { pod_list(&s.pods) }
                        }
                        <p class="lesson-note">{ s.note.clone() }</p>
                    </li>
                }) }
            </ol>
            if !l.commands.is_empty() {
                <ul class="lesson-commands">
                    { for l.commands.iter().map(|c| html! {
                        <li><code>{ c.command.clone() }</code><span class="muted">{ format!(" \u{2014} {}", c.purpose) }</span></li>
                    }) }
                </ul>
            }
        </div>
    }
}

/// The demonstration and the table.
#[component]
pub fn Lessons() -> Html {
    let model = use_memo((), |()| examples());
    let chosen = use_state(|| None::<(Owner, Experiment)>);
    let current = (*chosen).and_then(|(owner, experiment)| {
        let id = subject(&model, owner)?;
        Some(lesson(&model, &id, experiment).map_err(|e| e.to_string()))
    });
    let button = |owner: Owner, experiment: Experiment, label: &str| {
        let onclick = {
            let chosen = chosen.clone();
            Callback::from(move |_: MouseEvent| chosen.set(Some((owner, experiment))))
        };
        let pressed = *chosen == Some((owner, experiment));
        html! {
            <button
                type="button"
                class={classes!("button", pressed.then_some("on"))}
                data-testid={format!("lesson-{}", experiment_key(experiment))}
                data-owner={owner_key(owner)}
                aria-pressed={pressed.to_string()}
                {onclick}
            >
                { label.to_owned() }
            </button>
        }
    };
    html! {
        <section class="lessons" data-testid="rollout-lessons" aria-labelledby="lessons-title">
            <h3 id="lessons-title">{ "Pods vs ReplicaSets vs Deployments" }</h3>
            <p class="muted">
                { "Try it on FeastFlow's examples (pods-and-replicasets/01-simple-pod.yaml, 02-replicaset.yaml and the backend Deployment): what does each owner do when a pod is deleted, or when the image changes?" }
            </p>
            <div class="lesson-owners">
                { for OWNERS.iter().map(|&owner| {
                    let id = subject(&model, owner);
                    html! {
                        <div class="lesson-owner" data-owner={owner_key(owner)}>
                            <p class="lesson-owner-title">
                                <strong>{ owner_title(owner) }</strong>
                                if let Some(id) = &id {
                                    <code class="muted">{ id.name().to_owned() }</code>
                                }
                            </p>
                            <div class="lesson-buttons">
                                { button(owner, Experiment::DeletePod, "Delete a pod") }
                                { button(owner, Experiment::ChangeImage, "Change the image") }
                            </div>
                        </div>
                    }
                }) }
            </div>
            { match current {
                Some(Ok(l)) => show_lesson(&l),
                Some(Err(message)) => html! { <p class="rollout-error" role="alert">{ message }</p> },
                None => html! { <p class="lesson-hint muted">{ "Pick an experiment above." }</p> },
            } }
            <table class="owner-table" data-testid="owner-table">
                <caption>{ "The review's comparison (feastflow-review.md, section 5)" }</caption>
                <thead>
                    <tr><th scope="col">{ "Feature" }</th><th scope="col">{ "Pod" }</th><th scope="col">{ "ReplicaSet" }</th><th scope="col">{ "Deployment" }</th></tr>
                </thead>
                <tbody>
                    { for TABLE.iter().map(|(feature, pod, rs, deploy)| html! {
                        <tr>
                            <th scope="row">{ *feature }</th>
                            { cell(pod) }{ cell(rs) }{ cell(deploy) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_replica_count_draws_a_bounded_number_of_tiles() {
        assert_eq!(tiles(3), (3, 0));
        assert_eq!(tiles(MAX_TILES), (MAX_TILES, 0));
        assert_eq!(tiles(2_147_483_647), (MAX_TILES, 2_147_483_647 - MAX_TILES));
    }
}
