//! The rollout player in headless Chromium, driven by the panel's own reducer: which buttons
//! can be pressed at each step, what the play button says, and how changing what rolls out
//! starts over.

#![cfg(target_arch = "wasm32")]

mod support;

use manifesto_app::components::rollout::controls::Controls;
use manifesto_app::components::rollout::ui::{Ui, UiAction};
use support::{click, find, mount};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlButtonElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Props of [`Player`].
#[derive(Properties, PartialEq)]
struct PlayerProps {
    /// The passes of the rollout shown.
    last: usize,
    /// Whether `kubectl rollout undo` is simulated (Deployments).
    can_undo: bool,
}

/// The controls wired to the panel's reducer as the rollout view wires them, without the
/// timer that plays the steps (the tests press every button themselves).
#[component]
fn Player(props: &PlayerProps) -> Html {
    let ui = use_reducer(Ui::default);
    let on_action = {
        let ui = ui.clone();
        Callback::from(move |action: UiAction| ui.dispatch(action))
    };
    html! {
        <Controls
            step={ui.step}
            last={props.last}
            playing={ui.playing}
            speed={ui.speed}
            fail_new={ui.fail_new}
            undo={ui.undo}
            can_undo={props.can_undo}
            animate={false}
            {on_action}
        />
    }
}

async fn player(last: usize, can_undo: bool) -> Element {
    mount::<Player>(PlayerProps { last, can_undo }).await
}

fn button(root: &Element, testid: &str) -> HtmlButtonElement {
    find(root, &format!("[data-testid={testid}]"))
        .dyn_into()
        .expect("a button")
}

fn enabled(root: &Element, testid: &str) -> bool {
    !button(root, testid).disabled()
}

fn label(root: &Element, testid: &str) -> String {
    button(root, testid).text_content().unwrap_or_default()
}

fn progress(root: &Element) -> String {
    find(root, ".rollout-progress")
        .text_content()
        .unwrap_or_default()
}

async fn press(root: &Element, testid: &str) {
    click(root, &format!("[data-testid={testid}]")).await;
}

#[wasm_bindgen_test]
async fn steps_between_the_start_and_the_last_pass() {
    let root = player(3, true).await;
    assert_eq!(progress(&root), "0 / 3");
    assert!(!enabled(&root, "rollout-back"), "nothing before the start");
    assert!(!enabled(&root, "rollout-reset"), "already at the start");
    assert_eq!(label(&root, "rollout-play"), "Play");

    for expected in ["1 / 3", "2 / 3", "3 / 3"] {
        press(&root, "rollout-step").await;
        assert_eq!(progress(&root), expected);
    }
    assert!(
        !enabled(&root, "rollout-step"),
        "nothing after the last pass"
    );
    assert_eq!(label(&root, "rollout-play"), "Replay");
    assert!(enabled(&root, "rollout-back"));

    press(&root, "rollout-back").await;
    assert_eq!(progress(&root), "2 / 3");
    assert!(enabled(&root, "rollout-step"));
    assert_eq!(label(&root, "rollout-play"), "Play");

    press(&root, "rollout-reset").await;
    assert_eq!(progress(&root), "0 / 3");
    assert!(!enabled(&root, "rollout-reset"));
}

#[wasm_bindgen_test]
async fn play_turns_into_pause_and_replay_starts_from_the_beginning() {
    let root = player(2, true).await;
    press(&root, "rollout-play").await;
    assert_eq!(label(&root, "rollout-play"), "Pause");
    assert_eq!(
        button(&root, "rollout-play")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert!(
        enabled(&root, "rollout-reset"),
        "a playing rollout can be stopped and reset"
    );
    press(&root, "rollout-play").await;
    assert_eq!(label(&root, "rollout-play"), "Play");

    press(&root, "rollout-step").await;
    press(&root, "rollout-step").await;
    assert_eq!(label(&root, "rollout-play"), "Replay");
    press(&root, "rollout-play").await;
    assert_eq!(progress(&root), "0 / 2", "replay goes back to the start");
    assert_eq!(label(&root, "rollout-play"), "Pause");
}

#[wasm_bindgen_test]
async fn a_failing_new_version_starts_the_rollout_over() {
    let root = player(4, true).await;
    press(&root, "rollout-step").await;
    press(&root, "rollout-step").await;
    assert_eq!(progress(&root), "2 / 4");

    press(&root, "rollout-fail-new").await;
    assert_eq!(
        button(&root, "rollout-fail-new")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        progress(&root),
        "0 / 4",
        "another rollout: back to its start"
    );
}

#[wasm_bindgen_test]
async fn undo_is_offered_for_deployments_and_switches_to_showing_the_update_again() {
    let root = player(3, false).await;
    assert!(!enabled(&root, "rollout-undo"));
    assert!(
        button(&root, "rollout-undo")
            .title()
            .contains("Deployments only"),
        "says why it cannot be pressed"
    );

    let root = player(3, true).await;
    press(&root, "rollout-undo").await;
    assert_eq!(label(&root, "rollout-redo"), "Show the update again");
    assert_eq!(
        label(&root, "rollout-play"),
        "Pause",
        "the rollback plays at once"
    );
    press(&root, "rollout-redo").await;
    assert!(enabled(&root, "rollout-undo"));
}

#[wasm_bindgen_test]
async fn nothing_to_play_without_passes() {
    let root = player(0, false).await;
    assert!(!enabled(&root, "rollout-play"));
    assert!(!enabled(&root, "rollout-step"));
    assert!(!enabled(&root, "rollout-back"));
}
