//! Keeping the user's files in the browser's `localStorage`, so they survive a reload.
//!
//! The files, their names and the active file are saved under one key whenever they change.
//! When storage is unavailable or full, the page says so and keeps working.

use manifesto_core::Pos;
use manifesto_core::samples::Sample;
use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::state::{Action, AppContext, AppState, LoadProblem, LoadedFile, Notice};

/// The storage key; the suffix changes if the format ever does.
const KEY: &str = "manifesto.files.v1";

#[derive(Serialize, Deserialize)]
struct Stored {
    files: Vec<StoredFile>,
    active: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredFile {
    name: String,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    problem: Option<StoredProblem>,
}

#[derive(Serialize, Deserialize)]
struct StoredProblem {
    line: usize,
    column: usize,
    message: String,
}

fn local_storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no window")?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("this browser offers no local storage".into()),
        Err(_) => Err("local storage is blocked in this browser".into()),
    }
}

fn unavailable_notice(why: &str) -> Notice {
    Notice {
        level: "warning",
        text: format!(
            "Your files cannot be kept in this browser ({why}): they will be lost when the page is closed."
        ),
    }
}

/// Forgets what is stored (used by the "start afresh" link of the error screen).
pub fn forget() {
    if let Ok(storage) = local_storage() {
        let _ = storage.remove_item(KEY);
    }
}

/// The state to start with: the stored files when there are any, else the FeastFlow sample.
pub fn initial_state() -> AppState {
    let storage = match local_storage() {
        Ok(storage) => storage,
        Err(why) => {
            let mut state = AppState::with_sample(Sample::FeastFlow);
            state.notices.push(unavailable_notice(&why));
            return state;
        }
    };
    let stored = match storage.get_item(KEY) {
        Ok(Some(json)) => json,
        Ok(None) => return AppState::with_sample(Sample::FeastFlow),
        Err(_) => {
            let mut state = AppState::with_sample(Sample::FeastFlow);
            state
                .notices
                .push(unavailable_notice("local storage could not be read"));
            return state;
        }
    };
    match serde_json::from_str::<Stored>(&stored) {
        Ok(stored) => {
            let files = stored
                .files
                .into_iter()
                .map(|f| LoadedFile {
                    name: f.name,
                    text: f.text,
                    problem: f.problem.map(|p| LoadProblem {
                        pos: Pos::new(p.line, p.column),
                        message: p.message,
                    }),
                })
                .collect();
            AppState::with_files(files, stored.active.as_deref())
        }
        Err(err) => {
            let mut state = AppState::with_sample(Sample::FeastFlow);
            state.notices.push(Notice {
                level: "warning",
                text: format!("The files saved in this browser could not be read ({err}); the FeastFlow sample was loaded instead."),
            });
            state
        }
    }
}

fn save(state: &AppState) -> Result<(), String> {
    let stored = Stored {
        files: state
            .files
            .iter()
            .map(|f| StoredFile {
                name: f.name.clone(),
                text: f.text.clone(),
                problem: f.load_problem.as_ref().map(|p| StoredProblem {
                    line: p.pos.line,
                    column: p.pos.column,
                    message: p.message.clone(),
                }),
            })
            .collect(),
        active: state.active_file().map(|f| f.name.clone()),
    };
    let json = serde_json::to_string(&stored).map_err(|e| e.to_string())?;
    let storage = local_storage()?;
    storage
        .set_item(KEY, &json)
        .map_err(|_| "the browser's storage is full or blocked".to_owned())
}

/// Saves the files whenever they change; a failure shows a notice once.
#[hook]
pub fn use_persistence(state: &AppContext) {
    let handle = state.clone();
    use_effect_with(state.save_rev, move |&rev| {
        // Revision 0 is what was just restored (or the sample): nothing to save yet.
        if rev != 0
            && let Err(why) = save(&handle)
        {
            handle.dispatch(Action::Notify(unavailable_notice(&why)));
        }
    });
}
