//! The Manifesto web app: a thin entry point that mounts the root component.

mod app;
mod components;
mod hooks;
mod state;
mod text;

/// The element that shows an internal error instead of a blank page.
const FATAL_ID: &str = "fatal-error";

fn main() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // "?reset" starts afresh, without the files kept in this browser (the way out if they
    // ever make the page fail).
    let reset = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|s| s.contains("reset"));
    if reset {
        hooks::storage::forget();
    }
    yew::set_custom_panic_hook(Box::new(|info| show_fatal_error(&info.to_string())));
    let Some(body) = document.body() else { return };
    let root = document.create_element("div").ok();
    let Some(root) = root else { return };
    root.set_id("app");
    let _ = body.append_child(&root);
    yew::Renderer::<app::App>::with_root(root).render();
}

/// Replaces the page with a message saying what went wrong and how to go on.
fn show_fatal_error(message: &str) {
    gloo::console::error!(format!("Manifesto stopped: {message}"));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let panel = match document.get_element_by_id(FATAL_ID) {
        Some(panel) => panel,
        None => {
            let Ok(panel) = document.create_element("div") else {
                return;
            };
            panel.set_id(FATAL_ID);
            let _ = body.prepend_with_node_1(&panel);
            panel
        }
    };
    let _ = panel.set_attribute("role", "alert");
    panel.set_inner_html(
        "<h2>Manifesto stopped because of an internal error</h2>\
         <p>Your files are kept in this browser: <a href=\"./\">reload the page</a> to continue, \
         or <a href=\"./?reset\">start afresh</a> without them.</p><pre></pre>",
    );
    if let Ok(Some(pre)) = panel.query_selector("pre") {
        pre.set_text_content(Some(message));
    }
}
