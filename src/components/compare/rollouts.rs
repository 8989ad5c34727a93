//! The rollouts the change triggers, each with a button that opens its workload in the Rollout
//! view.

use std::rc::Rc;

use manifesto_core::diff::RolloutChange;
use manifesto_core::rollout::State;
use yew::prelude::*;

use super::DiffProps;
use crate::components::rollout::play_baseline_change;
use crate::state::{Action, AppContext, RolloutView, View};

/// `45 s`, `2 min 30 s`.
fn duration(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

fn rollout(r: &RolloutChange, state: &AppContext) -> Html {
    let open = {
        let state = state.clone();
        let workload = r.workload.clone();
        Callback::from(move |_: MouseEvent| {
            play_baseline_change(workload.clone());
            state.dispatch(Action::ShowRollout(Some(Rc::new(RolloutView {
                workload: workload.clone(),
                tag: "v2".to_owned(),
                fail_new: false,
                undo: false,
                step: 0,
                replica_sets: (String::new(), String::new()),
                state: State::default(),
            }))));
            state.dispatch(Action::SetView(View::Rollout));
        })
    };
    html! {
        <li class="cmp-rollout" data-testid="diff-rollout" data-workload={r.workload.to_string()}
            data-downtime={r.downtime.to_string()}>
            <div class="cmp-rollout-head">
                <strong>{ r.workload.to_string() }</strong>
                <span class="cmp-downtime" data-downtime={r.downtime.to_string()}>
                    { if r.downtime { "downtime" } else { "no downtime" } }
                </span>
                <button type="button" class="button" data-testid="diff-rollout-open" onclick={open}
                    title="Step through this rolling update, from the baseline's pod template to the new one, in the Rollout view">
                    { "Play in the Rollout view" }
                </button>
            </div>
            <p class="cmp-rollout-facts">
                { format!(
                    "{}, {} passes, at least {} of {} pods available, about {}",
                    r.strategy.as_str(),
                    r.passes,
                    r.min_available,
                    r.replicas,
                    duration(r.estimated_seconds)
                ) }
            </p>
            <p class="cmp-rollout-triggers">
                { "Triggered by " }
                { for r.triggers.iter().map(|t| html! { <code class="cmp-path">{ t }</code> }) }
            </p>
        </li>
    }
}

/// The rollouts, or a line saying there are none.
#[component]
pub fn RolloutChanges(props: &DiffProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let list = &props.diff.rollouts;
    html! {
        <section class="cmp-section" aria-label="Rollouts">
            <h3>{ format!("Rollouts ({})", list.len()) }</h3>
            if list.is_empty() {
                <p class="cmp-none">{ "No pod template changed: no workload rolls out." }</p>
            } else {
                <ul class="cmp-rollouts">{ for list.iter().map(|r| rollout(r, &state)) }</ul>
            }
        </section>
    }
}
