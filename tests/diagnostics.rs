//! The problems panel in headless Chromium: its summary, each problem with its location and
//! source line (Secret values masked), and a click showing the problem's file.

#![cfg(target_arch = "wasm32")]

mod support;

use manifesto_app::components::diagnostics::Diagnostics;
use manifesto_app::components::file_tabs::FileTabs;
use support::{attributes, click, find, find_all, mount_with_files, text};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::html;

wasm_bindgen_test_configure!(run_in_browser);

const NAMESPACE: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";
const BROKEN: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: [1, 2\n";
/// `hunter2!` is not base64: the problem is on the Secret value's line.
const SECRET: &str =
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: hunter2!\n";

fn summary(root: &web_sys::Element) -> String {
    text(&find(root, "#diagnostics-title .count"))
}

#[wasm_bindgen_test]
async fn says_when_nothing_is_loaded_and_when_the_files_are_fine() {
    let root = mount_with_files(&[], html! { <Diagnostics /> }).await;
    assert_eq!(summary(&root), "No problems");
    assert_eq!(text(&find(&root, ".empty-note")), "Nothing loaded yet.");

    let root = mount_with_files(&[("namespace.yaml", NAMESPACE)], html! { <Diagnostics /> }).await;
    assert_eq!(summary(&root), "No problems");
    assert_eq!(
        text(&find(&root, ".empty-note")),
        "The manifests were read without problems."
    );
}

#[wasm_bindgen_test]
async fn lists_each_problem_with_its_location_and_source_line() {
    let files = [
        ("namespace.yaml", NAMESPACE),
        ("broken.yaml", BROKEN),
        ("secret.yaml", SECRET),
    ];
    let root = mount_with_files(&files, html! { <Diagnostics /> }).await;

    assert_eq!(summary(&root), "2 errors");
    let problems = find_all(&root, "[data-testid=diagnostic]");
    assert_eq!(
        attributes(&root, "[data-testid=diagnostic]", "data-file"),
        ["broken.yaml", "secret.yaml"],
        "in file order, none for the valid file"
    );

    let syntax = &problems[0];
    assert_eq!(
        syntax.get_attribute("data-severity").as_deref(),
        Some("error")
    );
    assert!(
        text(&find(syntax, ".message")).starts_with("YAML syntax error"),
        "{}",
        text(syntax)
    );
    assert_eq!(
        text(&find(syntax, ".diagnostic-location")),
        "--> broken.yaml:6:10"
    );
    let snippet = text(&find(syntax, ".snippet"));
    assert!(snippet.contains("  k: [1, 2"), "the source line: {snippet}");
    let caret_line = snippet.lines().last().unwrap_or_default();
    let caret_column = caret_line.find('^').expect("a caret under the column");
    let source_line = snippet.lines().find(|l| l.contains("k: [1, 2")).unwrap();
    assert_eq!(
        &source_line[caret_column..=caret_column],
        "2",
        "the caret points at column 10 of the line:\n{snippet}"
    );

    let secret = text(&problems[1]);
    assert!(secret.contains("--> secret.yaml:6:3"), "{secret}");
    assert!(
        secret.contains("password: \u{2022}"),
        "the line, value masked: {secret}"
    );
    assert!(
        !secret.contains("hunter2"),
        "the Secret's value is not shown: {secret}"
    );
}

#[wasm_bindgen_test]
async fn clicking_a_problem_shows_its_file() {
    let files = [("namespace.yaml", NAMESPACE), ("broken.yaml", BROKEN)];
    let root = mount_with_files(&files, html! { <><FileTabs /><Diagnostics /></> }).await;
    let shown =
        |root: &web_sys::Element| attributes(root, "[data-testid=file-tab].active", "data-file");
    assert_eq!(shown(&root), ["namespace.yaml"]);

    click(&root, "[data-testid=diagnostic][data-file=\"broken.yaml\"]").await;
    assert_eq!(shown(&root), ["broken.yaml"]);
}
