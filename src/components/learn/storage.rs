//! Keeping the Learn view's progress (the levels done, the level open and the packs loaded from
//! files) in the browser's `localStorage`, so it survives a reload.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::shared::Shared;
use crate::state::{Action, AppContext, Learn, LoadedPack, Notice};

/// The storage key; the suffix changes if the format ever does.
const KEY: &str = "manifesto.learn.v1";

#[derive(Serialize, Deserialize, Default)]
struct Stored {
    #[serde(default)]
    done: Vec<String>,
    #[serde(default)]
    open: Option<(String, String)>,
    #[serde(default)]
    loaded: Vec<(String, String)>,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The Learn view as this browser left it: the built-in packs, the packs loaded before and the
/// progress.
pub fn stored_learn() -> Learn {
    let stored = local_storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str::<Stored>(&json).ok())
        .unwrap_or_default();
    let loaded = stored
        .loaded
        .into_iter()
        .map(|(name, text)| LoadedPack { name, text })
        .collect();
    Learn::restored(
        loaded,
        stored.done.into_iter().collect::<BTreeSet<_>>(),
        stored.open,
    )
}

fn save(learn: &Learn) -> Result<(), String> {
    let stored = Stored {
        done: learn.done.iter().cloned().collect(),
        open: learn.open.clone(),
        loaded: learn
            .loaded
            .iter()
            .map(|l| (l.name.clone(), l.text.clone()))
            .collect(),
    };
    let json = serde_json::to_string(&stored).map_err(|e| e.to_string())?;
    local_storage()
        .ok_or_else(|| "local storage is unavailable".to_owned())?
        .set_item(KEY, &json)
        .map_err(|_| "the browser's storage is full or blocked".to_owned())
}

/// Saves the progress whenever it changes; a failure shows a notice.
#[hook]
pub fn use_learn_persistence(state: &AppContext) {
    let handle = state.clone();
    let first = use_mut_ref(|| true);
    use_effect_with(Shared::new(&state.learn), move |learn| {
        // The first run sees what was just restored: nothing to save yet.
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        if let Err(why) = save(&learn.0) {
            handle.dispatch(Action::Notify(Notice {
                level: "warning",
                text: format!(
                    "Your lesson progress cannot be kept in this browser ({why}): it will be lost when the page is closed."
                ),
            }));
        }
    });
}
