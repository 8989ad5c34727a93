//! Keeping the Compare view's baseline in `localStorage` next to the files, under its own key,
//! so it survives a reload.

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::state::AppContext;

/// The storage key; the suffix changes if the format ever does.
const KEY: &str = "manifesto.baseline.v1";

#[derive(Serialize, Deserialize)]
struct StoredFile {
    name: String,
    text: String,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored baseline files, if a baseline was kept.
pub fn stored_baseline() -> Option<Vec<(String, String)>> {
    let json = local_storage()?.get_item(KEY).ok().flatten()?;
    let files: Vec<StoredFile> = serde_json::from_str(&json).ok()?;
    Some(files.into_iter().map(|f| (f.name, f.text)).collect())
}

/// Saves the baseline whenever it is taken, and forgets it when it is dropped. Failures are
/// silent: the files' own storage already tells the user when storage does not work.
#[hook]
pub fn use_baseline_persistence(state: &AppContext) {
    let baseline = state.baseline.clone();
    let key = baseline.as_ref().map(|b| std::rc::Rc::as_ptr(b) as usize);
    let first = use_mut_ref(|| true);
    use_effect_with(key, move |_| {
        // The first run sees what was just restored: nothing to save.
        if std::mem::take(&mut *first.borrow_mut()) {
            return;
        }
        let Some(storage) = local_storage() else {
            return;
        };
        match baseline {
            Some(b) => {
                let files: Vec<StoredFile> = b
                    .files
                    .iter()
                    .map(|(name, text)| StoredFile {
                        name: name.clone(),
                        text: text.clone(),
                    })
                    .collect();
                if let Ok(json) = serde_json::to_string(&files) {
                    let _ = storage.set_item(KEY, &json);
                }
            }
            None => {
                let _ = storage.remove_item(KEY);
            }
        }
    });
}
