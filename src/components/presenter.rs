//! Presenter mode: large type and high contrast for a projector, with the editor and the chrome
//! hidden and one view at a time (the graph, or the rollout with its narration). The keys that
//! presentation clickers send step the rollout; Escape leaves and restores the layout.
//!
//! The mode is marked on the root element (`<html data-presenter="true">`), which
//! `static/css/presenter.css` styles.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::{Action, AppContext, View};

/// What a key does in presenter mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Next,
    Previous,
    Leave,
}

/// The keys clickers send: Space, arrows and Page Up/Down; Escape leaves.
fn key_action(key: &str) -> Option<Key> {
    match key {
        " " | "Spacebar" | "ArrowRight" | "ArrowDown" | "PageDown" => Some(Key::Next),
        "ArrowLeft" | "ArrowUp" | "PageUp" => Some(Key::Previous),
        "Escape" | "Esc" => Some(Key::Leave),
        _ => None,
    }
}

/// Marks the root element so the stylesheet switches the layout.
fn mark_root(on: bool) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = if on {
        root.set_attribute("data-presenter", "true")
    } else {
        root.remove_attribute("data-presenter")
    };
}

/// How long after the layout switches the graph is fitted, so it is measured at its new size.
const FIT_DELAY_MS: u32 = 60;

/// Presses one of the rollout view's own buttons (its Step or Back), so presenter stepping
/// goes through the same controls as a click.
fn press(testid: &str) {
    click(&format!("[data-testid=rollout] [data-testid={testid}]"));
}

/// Clicks the button `selector` finds (if it is there and enabled).
fn click(selector: &str) {
    let button = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = button
        && !button.has_attribute("disabled")
    {
        button.click();
    }
}

/// Whether the key was typed into a form field, where it keeps its meaning.
fn in_field(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

/// The presenter toggle, and while presenting, the slim bar with the view switch and the step.
#[component]
pub fn Presenter() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let on = use_state_eq(|| false);
    // The view shown before presenting, restored on leaving.
    let before = use_mut_ref(|| None::<View>);

    let toggle = {
        let state = state.clone();
        let on = on.clone();
        let before = before.clone();
        Callback::from(move |()| {
            if *on {
                if let Some(view) = before.borrow_mut().take() {
                    state.dispatch(Action::SetView(view));
                }
                on.set(false);
            } else {
                *before.borrow_mut() = Some(state.view);
                if !matches!(state.view, View::Graph | View::Rollout) {
                    state.dispatch(Action::SetView(View::Rollout));
                }
                // A focused button would also take the Space meant for the next step.
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.blur();
                }
                on.set(true);
            }
        })
    };

    use_effect_with(*on, |&on| {
        mark_root(on);
        move || mark_root(false)
    });

    // The graph fills the screen while presenting: once the layout has switched (and when
    // the graph is shown again), it is fitted to its new size, as its own Fit button does.
    use_effect_with((*on, state.view), |&(on, view)| {
        let timer = (on && view == View::Graph).then(|| {
            gloo::timers::callback::Timeout::new(FIT_DELAY_MS, || click("[data-testid=zoom-fit]"))
        });
        move || drop(timer)
    });

    // Keys, while presenting. The rollout view's own handler takes the arrows when it has the
    // focus; those arrive here already handled.
    {
        let toggle = toggle.clone();
        let view = state.view;
        use_effect_with((*on, view), move |&(on, view)| {
            let listener = on.then(|| {
                let document = web_sys::window()
                    .and_then(|w| w.document())
                    .expect("a page has a document");
                EventListener::new_with_options(
                    &document,
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                            return;
                        };
                        if e.default_prevented()
                            || in_field(e)
                            || e.alt_key()
                            || e.ctrl_key()
                            || e.meta_key()
                        {
                            return;
                        }
                        let Some(action) = key_action(&e.key()) else {
                            return;
                        };
                        e.prevent_default();
                        match (action, view) {
                            (Key::Leave, _) => toggle.emit(()),
                            (Key::Next, View::Rollout) => press("rollout-step"),
                            (Key::Previous, View::Rollout) => press("rollout-back"),
                            _ => {}
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    let onclick = {
        let toggle = toggle.clone();
        Callback::from(move |_: MouseEvent| toggle.emit(()))
    };
    let button = html! {
        <button
            type="button"
            class={classes!("button", "presenter-toggle", (*on).then_some("button-primary"))}
            data-testid="presenter"
            aria-pressed={(*on).to_string()}
            title={if *on { "Leave presenter mode (Escape)" } else { "Present: large type, one view, clicker keys step the rollout" }}
            {onclick}
        >
            { if *on { "Leave presenter mode" } else { "Present" } }
        </button>
    };
    if !*on {
        return html! { <div class="presenter">{ button }</div> };
    }

    let step = state.rollout_view.as_ref().map_or(0, |r| r.step);
    let switch = |view: View| {
        let pressed = state.view == view;
        let state = state.clone();
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::SetView(view)));
        html! {
            <button
                type="button"
                class="button presenter-view"
                data-testid="presenter-view"
                data-view={view.key()}
                aria-pressed={pressed.to_string()}
                {onclick}
            >
                { view.title() }
            </button>
        }
    };
    html! {
        <div class="presenter presenter-bar" role="toolbar" aria-label="Presenter mode">
            { switch(View::Graph) }
            { switch(View::Rollout) }
            <p class="presenter-step" data-testid="presenter-step" data-step={step.to_string()} aria-live="polite">
                { if step == 0 { "Step 0: before the change".to_owned() } else { format!("Step {step}") } }
            </p>
            <p class="presenter-keys">{ "Space / \u{2192} next \u{00b7} \u{2190} back \u{00b7} Esc leaves" }</p>
            { button }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicker_keys_step_and_escape_leaves() {
        for key in [" ", "ArrowRight", "ArrowDown", "PageDown"] {
            assert_eq!(key_action(key), Some(Key::Next), "{key}");
        }
        for key in ["ArrowLeft", "ArrowUp", "PageUp"] {
            assert_eq!(key_action(key), Some(Key::Previous), "{key}");
        }
        assert_eq!(key_action("Escape"), Some(Key::Leave));
        assert_eq!(key_action("a"), None);
    }
}
