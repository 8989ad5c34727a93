//! Keeping the review settings (checks turned on or off, the targeted Kubernetes version) in the
//! browser's `localStorage`, under their own key, so they survive a reload.

use manifesto_core::checks::{self, Settings};
use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::state::{Action, AppContext, Notice};

/// The storage key; the suffix changes if the format ever does.
const KEY: &str = "manifesto.settings.v1";

#[derive(Serialize, Deserialize)]
struct Stored {
    #[serde(default)]
    disabled: Vec<String>,
    #[serde(default)]
    enabled: Vec<String>,
    #[serde(default)]
    target_version: Option<(u32, u32)>,
    #[serde(default)]
    default_namespace: Option<String>,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The settings saved in this browser, or the defaults. Ids no longer in the registry are dropped.
pub fn stored_settings() -> Settings {
    let Some(json) = local_storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return Settings::default();
    };
    let Ok(stored) = serde_json::from_str::<Stored>(&json) else {
        return Settings::default();
    };
    let known = |id: &String| checks::by_id(id).is_some();
    Settings {
        disabled: stored.disabled.into_iter().filter(known).collect(),
        enabled: stored.enabled.into_iter().filter(known).collect(),
        target_version: stored.target_version,
        default_namespace: stored.default_namespace,
        ..Settings::default()
    }
}

fn save(settings: &Settings) -> Result<(), String> {
    let stored = Stored {
        disabled: settings.disabled.iter().cloned().collect(),
        enabled: settings.enabled.iter().cloned().collect(),
        target_version: settings.target_version,
        default_namespace: settings.default_namespace.clone(),
    };
    let json = serde_json::to_string(&stored).map_err(|e| e.to_string())?;
    local_storage()
        .ok_or_else(|| "local storage is unavailable".to_owned())?
        .set_item(KEY, &json)
        .map_err(|_| "the browser's storage is full or blocked".to_owned())
}

/// Saves the settings whenever they change; a failure shows a notice.
#[hook]
pub fn use_settings_persistence(state: &AppContext) {
    let handle = state.clone();
    let first = use_mut_ref(|| true);
    use_effect_with(state.settings.clone(), move |settings| {
        // The first run sees what was just restored: nothing to save yet.
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        if let Err(why) = save(settings) {
            handle.dispatch(Action::Notify(Notice {
                level: "warning",
                text: format!(
                    "Your review settings cannot be kept in this browser ({why}): they will be reset when the page is closed."
                ),
            }));
        }
    });
}
