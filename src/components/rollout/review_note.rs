//! FeastFlow's review describes the backend's and the frontend's rolling updates by hand; this
//! note puts each description next to what the controller really does.

use crate::shared::Shared;
use manifesto_core::rollout::review::{
    NarrativeComparison, NarrativeStep, backend_narrative, compare_narrative, frontend_narrative,
};
use manifesto_core::{Model, ObjectId};
use yew::prelude::*;

/// Where the narratives come from.
const SOURCE: &str = "feastflow-review.md, section 2";

/// Props of [`ReviewNote`].
#[derive(Properties, PartialEq)]
pub struct ReviewNoteProps {
    /// The loaded model.
    pub model: Shared<Model>,
    /// The workload shown.
    pub workload: ObjectId,
}

/// The review's narrative for this workload, if the review describes it.
fn narrative(workload: &ObjectId) -> Option<Vec<NarrativeStep>> {
    match workload.as_str() {
        "Deployment/feastflow/feastflow-frontend" => Some(frontend_narrative()),
        "Deployment/feastflow/feastflow-backend" => Some(backend_narrative()),
        _ => None,
    }
}

/// `2 v1 + 2 v2 (4)`.
fn counts(step: &NarrativeStep) -> String {
    format!(
        "{} v1 + {} v2 ({})",
        step.old,
        step.new,
        step.old + step.new
    )
}

fn sequence(title: &str, steps: &[NarrativeStep], class: &'static str) -> Html {
    html! {
        <div class={classes!("narrative", class)}>
            <p class="narrative-title">{ title.to_owned() }</p>
            <ol>
                { for steps.iter().map(|s| html! {
                    <li><span class="narrative-step">{ s.text.clone() }</span><span class="narrative-counts">{ counts(s) }</span></li>
                }) }
            </ol>
        </div>
    }
}

/// The comparison, when the review describes this workload.
#[component]
pub fn ReviewNote(props: &ReviewNoteProps) -> Html {
    let Some(claimed) = narrative(&props.workload) else {
        return Html::default();
    };
    let Ok(comparison) = compare_narrative(&props.model, &props.workload, &claimed, SOURCE) else {
        return Html::default();
    };
    let NarrativeComparison {
        claimed,
        actual,
        matches,
        differences,
        agreements,
        source,
        ..
    } = comparison;
    html! {
        <section
            class={classes!("review-note", if matches { "review-agrees" } else { "review-differs" })}
            data-testid="rollout-review-note"
            data-matches={matches.to_string()}
            aria-label="The review's narrative compared with the controller"
        >
            <h3>
                if matches {
                    { "The review's narrative matches the controller" }
                } else {
                    { "Where the review's narrative differs from the controller" }
                }
            </h3>
            <p class="muted">{ format!("From {source}, for a new image ({}).", props.workload.name()) }</p>
            <div class="narrative-pair">
                { sequence("The review says", &claimed, "narrative-claimed") }
                { sequence("The controller does (settled after each pass)", &actual, "narrative-actual") }
            </div>
            if !differences.is_empty() {
                <p class="narrative-heading">{ "Differences" }</p>
                <ul class="differences">
                    { for differences.iter().map(|d| html! { <li>{ d.clone() }</li> }) }
                </ul>
            }
            if !agreements.is_empty() {
                <p class="narrative-heading">{ "What it gets right" }</p>
                <ul class="agreements">
                    { for agreements.iter().map(|a| html! { <li>{ a.clone() }</li> }) }
                </ul>
            }
        </section>
    }
}
