//! A long list's "Show more" line, in headless Chromium: what it says, and how many rows each
//! button asks for.

#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use manifesto_app::components::more::ShowMore;
use support::{exists, find, find_all, mount, text};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the line for `shown` of `total` findings; returns it and the row counts asked for.
async fn show_more(shown: usize, total: usize) -> (web_sys::Element, Rc<RefCell<Vec<usize>>>) {
    let asked = Rc::new(RefCell::new(Vec::new()));
    let on_show = {
        let asked = asked.clone();
        Callback::from(move |rows| asked.borrow_mut().push(rows))
    };
    let props = yew::props!(manifesto_app::components::more::ShowMoreProps {
        shown,
        total,
        step: 200,
        noun: "finding",
        on_show,
    });
    (mount::<ShowMore>(props).await, asked)
}

#[wasm_bindgen_test]
async fn says_how_many_rows_show_and_asks_for_more_or_all() {
    let (root, asked) = show_more(200, 700).await;
    assert_eq!(
        text(&find(&root, ".show-more-count")),
        "Showing 200 of 700 findings."
    );
    let buttons = find_all(&root, "[data-testid=show-more] button");
    let labels: Vec<String> = buttons.iter().map(text).collect();
    assert_eq!(labels, ["Show 200 more", "Show all 700"]);
    for button in &buttons {
        button.unchecked_ref::<HtmlElement>().click();
    }
    assert_eq!(*asked.borrow(), [400, 700]);
}

#[wasm_bindgen_test]
async fn fewer_than_half_a_step_left_after_more_join_it() {
    // 200 more would leave 50: "Show more" draws all 250, as the list would anyway.
    let (root, asked) = show_more(200, 450).await;
    let buttons = find_all(&root, "[data-testid=show-more] button");
    let labels: Vec<String> = buttons.iter().map(text).collect();
    assert_eq!(labels, ["Show 250 more"]);
    buttons[0].unchecked_ref::<HtmlElement>().click();
    assert_eq!(*asked.borrow(), [450]);
}

#[wasm_bindgen_test]
async fn the_last_page_offers_only_the_rest() {
    let (root, _) = show_more(400, 450).await;
    let labels: Vec<String> = find_all(&root, "[data-testid=show-more] button")
        .iter()
        .map(text)
        .collect();
    assert_eq!(labels, ["Show 50 more"]);
}

#[wasm_bindgen_test]
async fn nothing_shows_when_every_row_is_drawn() {
    let (root, _) = show_more(450, 450).await;
    assert!(!exists(&root, "[data-testid=show-more]"));
}
