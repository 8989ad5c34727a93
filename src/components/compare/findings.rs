//! The findings the change introduces and fixes.

use manifesto_core::checks::Finding;
use yew::prelude::*;

use super::DiffProps;
use crate::state::{Action, AppContext};

fn finding(f: &Finding, change: &'static str, state: &AppContext) -> Html {
    // A fixed finding points into the baseline, which the editor does not hold.
    let onclick = {
        let state = state.clone();
        let location = f.location.clone();
        Callback::from(move |_: MouseEvent| {
            if change == "introduced" {
                state.dispatch(Action::GoTo(location.clone()));
            }
        })
    };
    let container = f
        .container
        .as_deref()
        .map(|c| format!(", container {c}"))
        .unwrap_or_default();
    html! {
        <li class="cmp-finding" data-testid="diff-finding" data-check={f.check}
            data-object={f.object.to_string()} data-change={change} data-severity={f.severity.as_str()}>
            <button type="button" class="cmp-finding-line" {onclick} disabled={change != "introduced"}>
                <span class="cmp-badge" data-change={change}>{ change }</span>
                { " " }
                <span class="cmp-severity" data-severity={f.severity.as_str()}>{ f.severity.as_str() }</span>
                { " " }
                <code>{ f.check }</code>
                { format!(" on {}{container}: {}", f.object, f.message) }
            </button>
        </li>
    }
}

/// Findings introduced, then fixed.
#[component]
pub fn FindingChanges(props: &DiffProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let changes = &props.diff.findings;
    let total = changes.introduced.len() + changes.fixed.len();
    html! {
        <section class="cmp-section" aria-label="Findings">
            <h3>{ format!("Findings ({} introduced, {} fixed)", changes.introduced.len(), changes.fixed.len()) }</h3>
            if total == 0 {
                <p class="cmp-none">{ "No finding appears or goes away." }</p>
            } else {
                <ul class="cmp-findings">
                    { for changes.introduced.iter().map(|f| finding(f, "introduced", &state)) }
                    { for changes.fixed.iter().map(|f| finding(f, "fixed", &state)) }
                </ul>
            }
        </section>
    }
}
