//! The Manifesto web app: the root component, the views and the state they share.
//!
//! A library so the component tests in `tests/` can mount the app's components; the binary
//! (`main.rs`) only calls [`start`].

pub mod app;
pub mod components;
mod hooks;
pub mod js_text;
pub mod shared;
pub mod state;
mod text;
pub mod worker;

/// The allocator of the page and its analysis worker: reading and reviewing manifests make many
/// small allocations, which Talc serves faster than Rust's default for wasm.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Mounts the app on the page: a `<div id="app">` appended to the body, once the files kept in
/// this browser have been read.
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    hooks::crash::install();
    hooks::offline::register();
    // "?reset" starts afresh, without the files kept in this browser (the way out if they
    // ever make the page fail); the address then loses it, so a reload keeps new work.
    let reset = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|s| s.contains("reset"));
    if reset && let Some(window) = web_sys::window() {
        let path = window.location().pathname().unwrap_or_else(|_| "./".into());
        let _ = window
            .history()
            .and_then(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path)));
    }
    let Some(body) = document.body() else { return };
    let root = document.create_element("div").ok();
    let Some(root) = root else { return };
    root.set_id("app");
    let _ = body.append_child(&root);
    // The kept files are read (asynchronously) before the app starts with them.
    yew::platform::spawn_local(async move {
        hooks::storage::restore(reset).await;
        yew::Renderer::<app::App>::with_root(root).render();
    });
}
