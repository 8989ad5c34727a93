//! The file tabs in headless Chromium: each loaded file as a tab with its error count, and
//! showing, renaming and removing files through the app's reducer.

#![cfg(target_arch = "wasm32")]

mod support;

use manifesto_app::components::file_tabs::FileTabs;
use support::{attributes, click, exists, find, mount_with_files, text, type_and_press};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::html;

wasm_bindgen_test_configure!(run_in_browser);

const NAMESPACE: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";
const BROKEN: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: [1, 2\n";
const SERVICE: &str =
    "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n";

const FILES: &[(&str, &str)] = &[
    ("namespace.yaml", NAMESPACE),
    ("broken.yaml", BROKEN),
    ("service.yaml", SERVICE),
];

fn tab(name: &str) -> String {
    format!("[data-testid=file-tab][data-file=\"{name}\"]")
}

/// The names of the tabs, in order.
fn tab_names(root: &web_sys::Element) -> Vec<String> {
    attributes(root, "[data-testid=file-tab]", "data-file")
}

/// The name of the file shown in the editor, as the tabs mark it.
fn shown(root: &web_sys::Element) -> Vec<String> {
    attributes(root, "[data-testid=file-tab].active", "data-file")
}

#[wasm_bindgen_test]
async fn lists_the_files_in_load_order_and_counts_each_files_errors() {
    let root = mount_with_files(FILES, html! { <FileTabs /> }).await;

    assert_eq!(
        tab_names(&root),
        ["namespace.yaml", "broken.yaml", "service.yaml"]
    );
    assert_eq!(shown(&root), ["namespace.yaml"], "the first file is shown");
    assert_eq!(
        find(&root, &format!("{} .file-tab-name", tab("namespace.yaml")))
            .get_attribute("aria-current")
            .as_deref(),
        Some("true"),
        "assistive technology hears which file is shown"
    );
    assert_eq!(
        text(&find(
            &root,
            &format!("{} .count-error", tab("broken.yaml"))
        )),
        "1",
        "the file with a YAML syntax error shows one error"
    );
    assert!(!exists(
        &root,
        &format!("{} .count-error", tab("namespace.yaml"))
    ));
    assert!(!exists(
        &root,
        &format!("{} .count-error", tab("service.yaml"))
    ));
}

#[wasm_bindgen_test]
async fn shows_nothing_but_a_note_without_files() {
    let root = mount_with_files(&[], html! { <FileTabs /> }).await;
    assert!(tab_names(&root).is_empty());
    assert_eq!(text(&find(&root, ".empty-note")), "No files loaded.");
}

#[wasm_bindgen_test]
async fn clicking_a_tab_shows_its_file() {
    let root = mount_with_files(FILES, html! { <FileTabs /> }).await;
    click(&root, &format!("{} .file-tab-name", tab("service.yaml"))).await;
    assert_eq!(shown(&root), ["service.yaml"]);
}

#[wasm_bindgen_test]
async fn renaming_commits_on_enter_and_escape_keeps_the_old_name() {
    let root = mount_with_files(FILES, html! { <FileTabs /> }).await;

    click(
        &root,
        &format!("{} [data-testid=rename-file]", tab("namespace.yaml")),
    )
    .await;
    let input = find(&root, "[data-testid=rename-input]");
    assert_eq!(
        gloo::utils::document().active_element().as_ref(),
        Some(&input),
        "the name field takes the keyboard focus"
    );
    type_and_press(
        &root,
        "[data-testid=rename-input]",
        "base/namespace.yaml",
        "Enter",
    )
    .await;
    assert!(
        !exists(&root, "[data-testid=rename-input]"),
        "the field closes"
    );
    assert_eq!(
        tab_names(&root),
        ["base/namespace.yaml", "broken.yaml", "service.yaml"]
    );

    click(
        &root,
        &format!("{} [data-testid=rename-file]", tab("service.yaml")),
    )
    .await;
    type_and_press(&root, "[data-testid=rename-input]", "svc.yaml", "Escape").await;
    assert!(
        !exists(&root, "[data-testid=rename-input]"),
        "the field closes"
    );
    assert_eq!(
        tab_names(&root),
        ["base/namespace.yaml", "broken.yaml", "service.yaml"],
        "Escape leaves the name as it was"
    );
}

#[wasm_bindgen_test]
async fn removing_a_file_removes_its_tab_and_its_errors() {
    let root = mount_with_files(FILES, html! { <FileTabs /> }).await;
    click(
        &root,
        &format!("{} [data-testid=remove-file]", tab("broken.yaml")),
    )
    .await;
    assert_eq!(tab_names(&root), ["namespace.yaml", "service.yaml"]);
    assert!(!exists(&root, ".count-error"));
}
