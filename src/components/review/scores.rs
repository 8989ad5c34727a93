//! The readiness scores: one line per object (component, score out of 10, why), the overall
//! score, and how they are computed.

use manifesto_core::model::ObjectId;
use manifesto_core::report::Review;
use yew::prelude::*;

use crate::shared::Shared;

use crate::components::more::{FIRST_ROWS, ShowMore, use_row_limit};
use crate::state::{Action, AppState};

/// Props of [`Scores`].
#[derive(Properties, PartialEq)]
pub struct ScoresProps {
    /// The review.
    pub review: Shared<Review>,
    /// The object selected on the page, whose row is marked.
    pub selected: Option<ObjectId>,
    /// Shows an object in the editor (a prop rather than the page's context, so that the table
    /// is drawn again only when what it shows changes).
    pub dispatcher: UseReducerDispatcher<AppState>,
}

/// How a score reads: `10`, `8.5`.
pub fn format_score(score: f64) -> String {
    format!("{score}")
}

/// `good`, `fair` or `poor`, for the bar's colour (the number is always shown too).
fn grade(score: f64) -> &'static str {
    if score >= 9.0 {
        "good"
    } else if score >= 7.0 {
        "fair"
    } else {
        "poor"
    }
}

fn bar(score: f64) -> Html {
    let width = format!("width: {}%", (score * 10.0).clamp(0.0, 100.0));
    html! {
        <span class={classes!("rv-bar", format!("rv-{}", grade(score)))} aria-hidden="true">
            <span style={width}></span>
        </span>
    }
}

/// The scores table and the formula.
#[component]
pub fn Scores(props: &ScoresProps) -> Html {
    let dispatcher = &props.dispatcher;
    let review = &props.review;
    let total = review.scores.len();
    let (drawn, on_show) = use_row_limit(FIRST_ROWS, total);
    let rows: Html = review
        .scores
        .iter()
        .take(drawn)
        .map(|s| {
            let reveal = {
                let dispatcher = dispatcher.clone();
                let id = s.object.clone();
                Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Reveal(id.clone())))
            };
            let selected = props.selected.as_ref() == Some(&s.object);
            html! {
                <tr
                    data-testid="score"
                    data-object={s.object.as_str().to_owned()}
                    data-value={format_score(s.score)}
                    class={classes!(selected.then_some("rv-selected"))}
                >
                    <th scope="row">
                        <button type="button" class="link-button rv-object-link" onclick={reveal} title={format!("Show {} in the editor", s.object.as_str())}>
                            <span class="rv-kind">{ s.kind.clone() }</span>
                            <span class="rv-name">{ s.object.name().to_owned() }</span>
                        </button>
                    </th>
                    <td class="rv-score">
                        <span class="rv-score-value">{ format!("{}/10", format_score(s.score)) }</span>
                        { bar(s.score) }
                    </td>
                    <td class="rv-score-reason">{ s.reason.clone() }</td>
                </tr>
            }
        })
        .collect();
    let sentences: Html = review
        .formula
        .split_inclusive(". ")
        .map(|s| html! { <li>{ s.trim().to_owned() }</li> })
        .collect();
    html! {
        <>
            <div class="rv-table-wrap">
                <table class="rv-scores">
                    <thead>
                        <tr>
                            <th scope="col">{ "Component" }</th>
                            <th scope="col">{ "Score" }</th>
                            <th scope="col">{ "Notes" }</th>
                        </tr>
                    </thead>
                    <tbody>{ rows }</tbody>
                    <tfoot>
                        <tr data-testid="overall-score" data-value={format_score(review.overall_score)}>
                            <th scope="row">{ "Overall" }</th>
                            <td class="rv-score">
                                <span class="rv-score-value">{ format!("{}/10", format_score(review.overall_score)) }</span>
                                { bar(review.overall_score) }
                            </td>
                            <td class="rv-score-reason">{ "all objects together" }</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <ShowMore shown={drawn} {total} step={FIRST_ROWS} noun="score" {on_show} />
            <details class="rv-formula">
                <summary>{ "How the score is computed" }</summary>
                <ul>{ sentences }</ul>
            </details>
        </>
    }
}
