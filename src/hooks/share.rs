//! Opening a share link: the workspace in the address's `#share=` fragment, read before the
//! workspace kept in this browser; the fragment goes once the user changes something.

use manifesto_core::share;
use yew::prelude::*;

use crate::state::{AppContext, AppState, Notice};

/// The fragment key of a share link: `#share=v1.…`.
pub const FRAGMENT: &str = "#share=";

fn hash() -> Option<String> {
    web_sys::window()?.location().hash().ok()
}

/// Whether the page was opened from a share link (its fragment is still in the address).
pub fn opened_from_link() -> bool {
    hash().is_some_and(|h| h.starts_with(FRAGMENT))
}

/// The page's address without its fragment, to which a share link adds one.
pub fn page_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default()
}

/// The state of a share link in the address, else `fallback()`; a link that cannot be read
/// shows why, over the usual workspace.
pub fn shared_or(fallback: impl FnOnce() -> AppState) -> AppState {
    let Some(payload) = hash().and_then(|h| h.strip_prefix(FRAGMENT).map(str::to_owned)) else {
        return fallback();
    };
    match share::decode(&payload) {
        Ok(workspace) => AppState::from_shared(workspace),
        Err(why) => {
            forget_fragment();
            let mut state = fallback();
            state.notices.push(Notice {
                level: "warning",
                text: format!("This share link could not be opened: {why}. Your own workspace is shown instead."),
            });
            state
        }
    }
}

/// Drops a `#share=` fragment from the address, without reloading.
fn forget_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if hash().is_some_and(|h| h.starts_with(FRAGMENT)) {
        let address = page_address();
        let _ = window.history().and_then(|h| {
            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address))
        });
    }
}

/// Once the user changes the shared files, the address no longer shows them: the fragment goes,
/// so a reload opens the workspace as it is now kept.
#[hook]
pub fn use_share_fragment(state: &AppContext) {
    use_effect_with(state.save_rev, |&rev| {
        if rev > 0 {
            forget_fragment();
        }
    });
}
