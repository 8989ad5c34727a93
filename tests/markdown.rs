//! The Markdown renderer of the checks' docs and the lessons, in headless Chromium: what a
//! reader sees, and that nothing in the text becomes markup or a script link.

#![cfg(target_arch = "wasm32")]

mod support;

use manifesto_app::components::review::markdown::render;
use support::{attributes, exists, find, find_all, mount, text};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Props of [`Doc`].
#[derive(Properties, PartialEq)]
struct DocProps {
    text: &'static str,
    top: u8,
}

/// A document rendered as the review and the Learn view render one.
#[component]
fn Doc(props: &DocProps) -> Html {
    html! { <article>{ render(props.text, props.top) }</article> }
}

async fn doc(text: &'static str, top: u8) -> Element {
    mount::<Doc>(DocProps { text, top }).await
}

/// The tag names of the article's children, in order.
fn blocks(root: &Element) -> Vec<String> {
    let article = find(root, "article");
    let children = article.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .map(|e| e.tag_name().to_lowercase())
        .collect()
}

#[wasm_bindgen_test]
async fn headings_start_at_the_level_asked_for() {
    let root = doc("## What it checks\n\nText.\n\n### Why\n\nMore.\n", 3).await;
    assert_eq!(blocks(&root), ["h3", "p", "h4", "p"]);
    assert_eq!(text(&find(&root, "h3")), "What it checks");
}

#[wasm_bindgen_test]
async fn paragraphs_lists_and_code_blocks() {
    let text_in = "Pods need\nprobes.\n\n- one `liveness`\n- two\n\n1. first\n2. second\n\n```yaml\nspec:\n  replicas: 2\n```\n";
    let root = doc(text_in, 2).await;
    assert_eq!(blocks(&root), ["p", "ul", "ol", "pre"]);
    assert_eq!(
        text(&find(&root, "p")),
        "Pods need probes.",
        "lines join with a space"
    );
    assert_eq!(
        find_all(&root, "ul li")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["one liveness", "two"]
    );
    assert_eq!(text(&find(&root, "ul li code")), "liveness");
    assert_eq!(find_all(&root, "ol li").len(), 2);
    let code = find(&root, "pre.md-code");
    assert_eq!(code.get_attribute("data-lang").as_deref(), Some("yaml"));
    assert_eq!(text(&find(&code, "code")), "spec:\n  replicas: 2\n");
}

#[wasm_bindgen_test]
async fn bold_italics_and_web_links() {
    let root = doc(
        "A **strong** word, an *emphasised* one and [the docs](https://kubernetes.io/docs/).",
        2,
    )
    .await;
    assert_eq!(text(&find(&root, "strong")), "strong");
    assert_eq!(text(&find(&root, "em")), "emphasised");
    let link = find(&root, "a");
    assert_eq!(text(&link), "the docs");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://kubernetes.io/docs/")
    );
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("noopener noreferrer"),
        "the opened page gets no handle on this one"
    );
}

#[wasm_bindgen_test]
async fn markup_in_the_text_stays_text() {
    let root = doc(
        "<script>alert(1)</script> <img src=x onerror=alert(2)> and [click](javascript:alert(3))\n\n<b>bold?</b>\n",
        2,
    )
    .await;
    assert!(!exists(&root, "script"), "{}", root.inner_html());
    assert!(!exists(&root, "img"), "{}", root.inner_html());
    assert!(!exists(&root, "b"), "{}", root.inner_html());
    assert!(
        attributes(&root, "a", "href").is_empty(),
        "only http(s) links become links: {}",
        root.inner_html()
    );
    let shown = text(&root);
    assert!(shown.contains("<script>alert(1)</script>"), "{shown}");
    assert!(shown.contains("click"), "a link's text stays: {shown}");
    assert!(shown.contains("<b>bold?</b>"), "{shown}");
}
