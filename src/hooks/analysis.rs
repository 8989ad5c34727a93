//! Runs the pending analysis of a large workspace once the page has shown the change, a stage at
//! a time: after the next paint, so the new text and "Reading…" appear before the files are
//! read, and "Checking…" before they are checked.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::state::{Action, AppContext};

/// Dispatches [`Action::Analyse`] for the latest request after the next paint, again after each
/// stage. A request that fires after a newer one was made is ignored by the reducer.
#[hook]
pub fn use_analysis_scheduler(state: &AppContext) {
    let status = state.analysis;
    let checking = state.checking_objects().is_some();
    let dispatcher = state.dispatcher();
    use_effect_with((status, checking), move |(status, _)| {
        if status.running() {
            let request = status.requested;
            after_next_paint(move || dispatcher.dispatch(Action::Analyse(request)));
        }
    });
}

/// Calls `f` once the browser has painted the current page: a frame callback runs just before
/// the paint, and a timeout set from it runs after. Without frames (no window), on a timeout.
fn after_next_paint(f: impl FnOnce() + 'static) {
    let once = Rc::new(Cell::new(Some(f)));
    let run = move || {
        if let Some(f) = once.take() {
            f();
        }
    };
    let on_frame = Closure::once_into_js({
        let run = run.clone();
        move || Timeout::new(0, run).forget()
    });
    let asked = web_sys::window()
        .is_some_and(|w| w.request_animation_frame(on_frame.unchecked_ref()).is_ok());
    if !asked {
        Timeout::new(0, run).forget();
    }
}
