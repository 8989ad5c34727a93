//! The right-hand column: tabs for the Objects, Graph, Rollout, Review, Compare and Learn views,
//! under the open level's panel.

use strum::VariantArray;
use yew::prelude::*;

use super::compare::CompareView;
use super::graph::GraphView;
use super::learn::LearnView;
use super::learn::level::LevelPanel;
use super::objects_view::ObjectsView;
use super::review::ReviewView;
use super::rollout::RolloutPanel;
use crate::state::{Action, AppContext, View};

/// The view tabs and the active view.
#[component]
pub fn Views() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    // Results from older files stay visible, dimmed, until the pending analysis replaces them.
    let stale = state.analysis.running();
    let current = state.view;

    // Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation).
    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            let index = View::VARIANTS
                .iter()
                .position(|v| *v == current)
                .unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => (index + 1) % View::VARIANTS.len(),
                "ArrowLeft" => (index + View::VARIANTS.len() - 1) % View::VARIANTS.len(),
                "Home" => 0,
                "End" => View::VARIANTS.len() - 1,
                _ => return,
            };
            e.prevent_default();
            state.dispatch(Action::SetView(View::VARIANTS[next]));
            if let Some(tab) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| {
                    d.get_element_by_id(&format!("view-tab-{}", View::VARIANTS[next].key()))
                })
                .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
            {
                let _ = tab.focus();
            }
        })
    };

    let panel = match current {
        View::Objects => html! { <ObjectsView /> },
        View::Graph => html! { <GraphView /> },
        View::Rollout => html! { <RolloutPanel /> },
        View::Review => html! { <ReviewView /> },
        View::Compare => html! { <CompareView /> },
        View::Learn => html! { <LearnView /> },
    };

    html! {
        <section
            class={classes!("views", stale.then_some("stale"))}
            aria-label="Views"
            aria-busy={stale.to_string()}
        >
            <LevelPanel />
            <div class="view-tabs" role="tablist" aria-label="Views" {onkeydown}>
                { for View::VARIANTS.iter().map(|&view| {
                    let selected = view == current;
                    let onclick = {
                        let state = state.clone();
                        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetView(view)))
                    };
                    html! {
                        <button
                            type="button"
                            role="tab"
                            id={format!("view-tab-{}", view.key())}
                            class="view-tab"
                            data-testid="view-tab"
                            data-view={view.key()}
                            aria-selected={selected.to_string()}
                            aria-controls="view-panel"
                            tabindex={if selected { "0" } else { "-1" }}
                            {onclick}
                        >
                            { view.title() }
                            if view == View::Objects {
                                <span class="count">{ state.model.objects.len() }</span>
                            }
                        </button>
                    }
                }) }
            </div>
            <div
                id="view-panel"
                class="view-panel"
                role="tabpanel"
                aria-labelledby={format!("view-tab-{}", current.key())}
            >
                { panel }
            </div>
        </section>
    }
}
