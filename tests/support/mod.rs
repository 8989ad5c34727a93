//! Mounting the app's components in the test page, and reading and driving what they render.
//!
//! Each test mounts its component on a fresh `<div>` of the page, so tests do not see each
//! other's elements.

#![allow(dead_code)] // Each test file uses part of it.

use std::time::Duration;

use manifesto_app::state::{AppContext, AppState, LoadedFile};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};
use yew::prelude::*;

/// A fresh `<div>` at the end of the page's body.
pub fn fresh_root() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("a div");
    gloo::utils::body()
        .append_child(&root)
        .expect("appended to the body");
    root
}

/// Mounts `COMP` with `props` on a fresh root and lets it render.
pub async fn mount<COMP>(props: COMP::Properties) -> Element
where
    COMP: BaseComponent,
{
    let root = fresh_root();
    yew::Renderer::<COMP>::with_root_and_props(root.clone(), props).render();
    settle().await;
    root
}

/// Lets Yew render what the last events and state changes asked for (its scheduler runs on
/// the browser's task queue), effects included.
pub async fn settle() {
    for _ in 0..3 {
        yew::platform::time::sleep(Duration::ZERO).await;
    }
}

/// Props of [`WithFiles`].
#[derive(Properties, PartialEq)]
pub struct WithFilesProps {
    /// The loaded files, as (name, text).
    pub files: Vec<(&'static str, &'static str)>,
    /// The components under test, which take the state from the context.
    pub children: Html,
}

/// Provides the app's state, holding `files`, to its children as `App` does; actions go through
/// the app's own reducer.
#[component]
pub fn WithFiles(props: &WithFilesProps) -> Html {
    let files = props.files.clone();
    let state = use_reducer(move || {
        let files = files
            .into_iter()
            .map(|(name, text)| LoadedFile {
                name: name.to_owned(),
                text: text.to_owned(),
                problem: None,
            })
            .collect();
        AppState::with_files(files, None)
    });
    html! {
        <ContextProvider<AppContext> context={state}>
            { props.children.clone() }
        </ContextProvider<AppContext>>
    }
}

/// Mounts `children` under the app's state holding `files`.
pub async fn mount_with_files(files: &[(&'static str, &'static str)], children: Html) -> Element {
    mount::<WithFiles>(WithFilesProps {
        files: files.to_vec(),
        children,
    })
    .await
}

/// The one element matching `selector` under `root`; panics when there is none.
pub fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("no `{selector}` in {}", root.inner_html()))
}

/// Whether an element matches `selector` under `root`.
pub fn exists(root: &Element, selector: &str) -> bool {
    root.query_selector(selector)
        .expect("a valid selector")
        .is_some()
}

/// Every element matching `selector` under `root`, in document order.
pub fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

/// The text an element shows, whitespace as written.
pub fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

/// The value of `attribute` on each element matching `selector`.
pub fn attributes(root: &Element, selector: &str, attribute: &str) -> Vec<String> {
    find_all(root, selector)
        .iter()
        .map(|e| e.get_attribute(attribute).unwrap_or_default())
        .collect()
}

/// Clicks the element matching `selector` and lets the page render.
pub async fn click(root: &Element, selector: &str) {
    find(root, selector)
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
    settle().await;
}

/// Types `value` into the input matching `selector` and presses `key` in it.
pub async fn type_and_press(root: &Element, selector: &str, value: &str, key: &str) {
    let input = find(root, selector)
        .dyn_into::<HtmlInputElement>()
        .expect("an input");
    input.set_value(value);
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("a keydown event");
    input.dispatch_event(&event).expect("dispatched");
    settle().await;
}
