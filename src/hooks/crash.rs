//! What the page shows when it crashes (a panic in the wasm code): a panel written in plain DOM
//! by the panic hook, since the app may be dead by then, with a way to reload. The files are
//! kept in the browser, so reloading loses nothing.
//!
//! For tests there is a deliberate crash that cannot happen by accident: changing the URL
//! fragment to `#debug-panic` arms it, and the next edit sent from the editor panics once its
//! text is saved, where the analysis would start.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::state::FileEntry;

/// The panel's element id.
const PANEL_ID: &str = "fatal-error";
/// The fragment that arms the deliberate crash.
const ARM_FRAGMENT: &str = "#debug-panic";

/// Files and the active file's name.
type Shown = (Rc<Vec<Rc<FileEntry>>>, Option<String>);

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    /// The files last shown and the active file's name, offered as a download after a crash.
    static LAST_FILES: RefCell<Option<Shown>> = const { RefCell::new(None) };
}

/// Remembers the files shown (a pointer, not a copy), for the crash panel's download.
pub fn remember_files(files: Rc<Vec<Rc<FileEntry>>>, active: Option<String>) {
    LAST_FILES.with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            *last = Some((files, active));
        }
    });
}

/// Installs the panic hook and the listener that arms the deliberate crash.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| show_panel(&info.to_string())));
    let Some(window) = web_sys::window() else {
        return;
    };
    // Only a change of fragment arms it: loading or reloading a URL with it does not.
    let on_hash = Closure::<dyn FnMut()>::new(|| {
        let hash = web_sys::window().and_then(|w| w.location().hash().ok());
        ARMED.with(|armed| armed.set(hash.as_deref() == Some(ARM_FRAGMENT)));
    });
    let _ = window.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
    on_hash.forget();
}

/// Panics if the deliberate crash is armed (see the module docs).
pub fn panic_if_armed() {
    #[allow(
        clippy::manual_assert,
        reason = "a deliberate crash, not a broken invariant"
    )]
    if ARMED.with(|armed| armed.replace(false)) {
        panic!("deliberate crash requested by {ARM_FRAGMENT}");
    }
}

/// Shows the crash panel above the page: what happened and how to go on.
fn show_panel(message: &str) {
    gloo::console::error!(format!("Manifesto stopped: {message}"));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let panel = match document.get_element_by_id(PANEL_ID) {
        Some(panel) => panel,
        None => {
            let Ok(panel) = document.create_element("div") else {
                return;
            };
            panel.set_id(PANEL_ID);
            let _ = body.prepend_with_node_1(&panel);
            panel
        }
    };
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("data-testid", "crash-panel");
    // Links rather than scripted buttons: they work even though the code behind the page
    // has stopped.
    panel.set_inner_html(
        "<h2>Something went wrong</h2>\
         <p>Manifesto stopped because of an internal error. Your work is kept in this browser: \
         reload the page to continue where you were.</p>\
         <p class=\"crash-actions\">\
         <a class=\"button button-primary\" role=\"button\" href=\"./\" data-testid=\"crash-reload\">\
         Reload \u{2014} your work is kept</a> \
         <a href=\"./?reset\" data-testid=\"crash-reset\">Start afresh without your files</a></p>\
         <details><summary>Technical details</summary><pre></pre></details>",
    );
    if let Ok(Some(pre)) = panel.query_selector("pre") {
        pre.set_text_content(Some(message));
    }
    // Last, as it needs memory: the files as last shown, in a link that works without code.
    let json = LAST_FILES.with(|last| {
        let last = last.try_borrow().ok()?;
        let (files, active) = last.as_ref()?;
        Some(super::bundle::files_to_json(files, active.as_deref()))
    });
    let url = json.and_then(|json| super::bundle::blob_url(&json).ok());
    if let (Some(url), Ok(Some(actions))) = (url, panel.query_selector(".crash-actions"))
        && let Ok(link) = document.create_element("a")
    {
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", super::bundle::FILE_NAME);
        let _ = link.set_attribute("data-testid", "crash-download");
        link.set_text_content(Some("Download your files (as last shown)"));
        let _ = actions.append_child(&link);
    }
}
