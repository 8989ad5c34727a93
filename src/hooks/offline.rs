//! Offline after the first visit: registers the service worker (`sw.js`, written into the
//! build by `scripts/sw-manifest.mjs`) that caches the page's own files.

use wasm_bindgen::JsCast;

/// The worker, next to index.html; relative, so the page works under any sub-path.
const WORKER: &str = "sw.js";

/// Registers the worker when the page is served over HTTP(S). Not from `file://` (no
/// workers there) nor in a single downloaded file (its worker would not exist).
pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "http:" && protocol != "https:" {
        return;
    }
    if window
        .document()
        .and_then(|d| d.get_element_by_id(super::html_export::GLUE_ID))
        .is_some()
    {
        return;
    }
    let navigator = window.navigator();
    let Ok(container) = js_sys::Reflect::get(&navigator, &"serviceWorker".into()) else {
        return;
    };
    if container.is_undefined() || container.is_null() {
        return;
    }
    let Ok(register) = js_sys::Reflect::get(&container, &"register".into()) else {
        return;
    };
    let Some(register) = register.dyn_ref::<js_sys::Function>() else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"scope".into(), &"./".into());
    let Ok(promise) = register.call2(&container, &WORKER.into(), &options) else {
        return;
    };
    if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
        // A failed registration (say, a host that does not serve sw.js) only means no
        // offline copy; the page works as before.
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
                gloo::console::warn!("offline copy unavailable:", e);
            }
        });
    }
}
