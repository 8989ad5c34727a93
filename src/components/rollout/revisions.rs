//! `kubectl rollout history` before and after `kubectl rollout undo`: the old ReplicaSet is
//! reused and renumbered, not re-created.

use crate::shared::Shared;
use manifesto_core::rollout::{RevisionHistory, UndoOutcome};
use manifesto_core::{Model, ObjectId};
use yew::prelude::*;

/// Props of [`Revisions`].
#[derive(Properties, PartialEq)]
pub struct RevisionsProps {
    /// The loaded model.
    pub model: Shared<Model>,
    /// The Deployment.
    pub workload: ObjectId,
    /// The tag rolled out before the undo.
    pub tag: AttrValue,
}

/// The history after the change, and after the undo.
fn histories(
    model: &Model,
    workload: &ObjectId,
    tag: &str,
) -> Result<(RevisionHistory, RevisionHistory, UndoOutcome), String> {
    let mut before = RevisionHistory::of(model, workload).map_err(|e| e.to_string())?;
    before.set_image(tag);
    let mut after = before.clone();
    let outcome = after.undo(None).map_err(|e| e.to_string())?;
    Ok((before, after, outcome))
}

fn table(title: &str, history: &RevisionHistory) -> Html {
    let current = history.current().replica_set.clone();
    let mut rows: Vec<_> = history.replica_sets.iter().collect();
    rows.sort_by_key(|r| r.revision);
    html! {
        <div class="history">
            <p class="history-title">{ title.to_owned() }</p>
            <table>
                <thead>
                    <tr><th>{ "REVISION" }</th><th>{ "ReplicaSet" }</th><th>{ "image" }</th><th></th></tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|r| {
                        let is_current = r.replica_set == current;
                        let was = (!r.revision_history.is_empty()).then(|| {
                            let numbers: Vec<String> = r.revision_history.iter().map(u32::to_string).collect();
                            format!("was revision {}", numbers.join(", "))
                        });
                        html! {
                            <tr class={classes!(is_current.then_some("current"))} data-revision={r.revision.to_string()} data-replicaset={r.replica_set.clone()}>
                                <td class="num">{ r.revision }</td>
                                <td><code>{ r.replica_set.clone() }</code></td>
                                <td><code>{ r.image.clone().unwrap_or_default() }</code></td>
                                <td>
                                    if is_current { <span class="badge badge-ok">{ "current" }</span> }
                                    if let Some(was) = was { { " " }<span class="badge">{ was }</span> }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The revisions before and after the undo, side by side.
#[component]
pub fn Revisions(props: &RevisionsProps) -> Html {
    let result = histories(&props.model, &props.workload, &props.tag);
    let (before, after, outcome) = match result {
        Ok(h) => h,
        Err(message) => {
            return html! { <p class="rollout-error" role="alert">{ message }</p> };
        }
    };
    let reused = after.current().replica_set.clone();
    let old_number = after
        .current()
        .revision_history
        .last()
        .copied()
        .unwrap_or_default();
    html! {
        <section class="revisions" data-testid="rollout-revisions" aria-label="Revisions before and after the undo">
            <h3>{ "kubectl rollout undo" }</h3>
            <p>
                { "kubectl copies the previous ReplicaSet's template back into the Deployment. The controller finds that ReplicaSet (" }
                <code>{ reused }</code>
                { format!(
                    ") by its template, reuses it instead of creating one and renumbers it from revision {old_number} to {}; the old number moves to its deployment.kubernetes.io/revision-history annotation. The animation above is the rollback: the same arithmetic as any rollout, from the state where the update had completed.",
                    after.current().revision
                ) }
            </p>
            <p class="command-line"><code>{ format!("$ kubectl rollout undo deployment/{} -n {}", before.deployment, before.namespace) }</code><br /><code>{ outcome.message.clone() }</code></p>
            <div class="history-pair">
                { table("kubectl rollout history \u{2014} before", &before) }
                { table("kubectl rollout history \u{2014} after", &after) }
            </div>
        </section>
    }
}
