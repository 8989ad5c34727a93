//! Runs the pending analysis of a large workspace once the page has shown the change: after the
//! next paint, so the new text and "Reading…" appear before the files are read, a slice at a
//! time. The files and settings go to the analysis worker at once, which reviews them off the
//! page's thread while the page reads them (it needs the model to draw); the two meet in the
//! reducer. Without a worker, the page reads the files, then after another paint ("Checking…")
//! reviews them itself.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use super::analysis_worker::{AnalysisWorker, Reply};
use crate::state::{Action, AppContext};

/// The analysis worker, started once the page has shown.
enum WorkerSlot {
    NotStarted,
    Running(AnalysisWorker),
    /// It could not start, or failed: the page reviews the files itself.
    Unavailable,
}

impl WorkerSlot {
    /// The worker, started if it was not, unless it is unavailable or has failed.
    fn get(
        &mut self,
        dispatcher: &UseReducerDispatcher<crate::state::AppState>,
    ) -> Option<&AnalysisWorker> {
        if matches!(self, WorkerSlot::NotStarted) {
            let dispatcher = dispatcher.clone();
            *self = AnalysisWorker::start(move |reply| match reply {
                // Shown in a task of its own: the review was read from its JSON in this one.
                Reply::Reviewed(request, review) => {
                    let dispatcher = dispatcher.clone();
                    Timeout::new(0, move || {
                        dispatcher.dispatch(Action::Reviewed(request, review));
                    })
                    .forget();
                }
                // The page reviews this request itself (its next stage).
                Reply::Failed(request) => dispatcher.dispatch(Action::Analyse(request)),
            })
            .map_or(WorkerSlot::Unavailable, WorkerSlot::Running);
        }
        match self {
            WorkerSlot::Running(worker) if worker.failed() => {
                *self = WorkerSlot::Unavailable;
                None
            }
            WorkerSlot::Running(worker) => Some(worker),
            _ => None,
        }
    }
}

/// Sends the latest request to the analysis worker and dispatches [`Action::Analyse`] for it
/// after the next paint (the page's reading, a slice at a time, each after the page has had a
/// turn); without a worker, again after the reading (the page's review). A request that fires
/// after a newer one was made is ignored by the reducer.
#[hook]
pub fn use_analysis_scheduler(state: &AppContext) {
    let status = state.analysis;
    let checking = state.checking_objects().is_some();
    let dispatcher = state.dispatcher();
    let worker = use_mut_ref(|| WorkerSlot::NotStarted);
    // Started once the page has shown, so the first large analysis does not wait for it.
    use_effect_with((), {
        let (worker, dispatcher) = (worker.clone(), dispatcher.clone());
        move |()| {
            worker.borrow_mut().get(&dispatcher);
        }
    });
    // The state of this render (a shared handle: nothing is copied unless a job is sent).
    let state = state.clone();
    use_effect_with((status, checking), move |&(status, checking)| {
        if !status.running() {
            return;
        }
        let request = status.requested;
        let mut slot = worker.borrow_mut();
        let reviewing = slot
            .get(&dispatcher)
            .map(|worker| worker.send(request, &state.settings, &state.files));
        if checking && reviewing.is_some() {
            return; // The worker's review comes as its own action.
        }
        let analyse = move || dispatcher.dispatch(Action::Analyse(request));
        if status.bytes_read > 0 && !checking {
            // The next slice of the reading, once the page has answered what came meanwhile.
            Timeout::new(0, analyse).forget();
        } else {
            after_next_paint(analyse);
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
