//! The player: play or pause, step back and forward, reset, speed; the failing-version switch
//! and `kubectl rollout undo`.

use strum::VariantArray;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::ui::{Speed, UiAction};

/// The player's icons.
#[derive(Clone, Copy)]
enum Icon {
    Play,
    Pause,
    Back,
    Step,
    Undo,
}

/// A small inline icon (system fonts lack the media-control characters).
fn icon(which: Icon) -> Html {
    let shape = match which {
        Icon::Play => html! { <path d="M4 2.5 L13 8 L4 13.5 Z" fill="currentColor" /> },
        Icon::Pause => {
            html! { <path d="M4 3 H7 V13 H4 Z M9 3 H12 V13 H9 Z" fill="currentColor" /> }
        }
        Icon::Back => {
            html! { <path d="M3 3 H5 V13 H3 Z M13 3 L6 8 L13 13 Z" fill="currentColor" /> }
        }
        Icon::Step => {
            html! { <path d="M3 3 L10 8 L3 13 Z M11 3 H13 V13 H11 Z" fill="currentColor" /> }
        }
        Icon::Undo => html! {
            <path d="M6 3.5 L2.5 7 L6 10.5 M2.5 7 H10 A3.5 3.5 0 0 1 10 14 H7" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
        },
    };
    html! {
        <svg class="button-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">{ shape }</svg>
    }
}

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The step shown (0 = before the change).
    pub step: usize,
    /// The last step (the number of passes).
    pub last: usize,
    /// Whether the player advances by itself.
    pub playing: bool,
    /// Playback speed.
    pub speed: Speed,
    /// Whether the new version fails.
    pub fail_new: bool,
    /// Whether the rollback is shown.
    pub undo: bool,
    /// Whether `kubectl rollout undo` is simulated for this workload.
    pub can_undo: bool,
    /// Whether steps show the moment right after each pass first.
    pub animate: bool,
    /// Something was pressed.
    pub on_action: Callback<UiAction>,
}

/// The buttons above the stage.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let emit = |action: UiAction| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
    };
    let (last, animate) = (props.last, props.animate);
    let play = if props.playing {
        emit(UiAction::Pause)
    } else {
        emit(UiAction::Play { last })
    };
    let onspeed = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            if let Some(speed) = e
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|s| Speed::from_key(&s.value()))
            {
                on_action.emit(UiAction::Speed(speed));
            }
        })
    };
    let at_end = props.step >= last;
    html! {
        <div class="rollout-controls" role="toolbar" aria-label="Rollout player">
            <div class="player">
                <button
                    type="button"
                    class="button button-primary play"
                    data-testid="rollout-play"
                    aria-pressed={props.playing.to_string()}
                    disabled={last == 0}
                    onclick={play}
                >
                    if props.playing {
                        { icon(Icon::Pause) }{ "Pause" }
                    } else if at_end && last > 0 {
                        { icon(Icon::Play) }{ "Replay" }
                    } else {
                        { icon(Icon::Play) }{ "Play" }
                    }
                </button>
                <button
                    type="button"
                    class="button"
                    data-testid="rollout-back"
                    title="One pass back (\u{2190})"
                    disabled={props.step == 0}
                    onclick={emit(UiAction::Back)}
                >
                    { icon(Icon::Back) }{ "Back" }
                </button>
                <button
                    type="button"
                    class="button"
                    data-testid="rollout-step"
                    title="One pass forward (\u{2192})"
                    disabled={at_end}
                    onclick={emit(UiAction::Forward { last, animate })}
                >
                    { "Step" }{ icon(Icon::Step) }
                </button>
                <button
                    type="button"
                    class="button"
                    data-testid="rollout-reset"
                    disabled={props.step == 0 && !props.playing}
                    onclick={emit(UiAction::Reset)}
                >
                    { "Reset" }
                </button>
                <label class="control">
                    <span class="control-label">{ "Speed" }</span>
                    <select data-testid="rollout-speed" onchange={onspeed}>
                        { for Speed::VARIANTS.iter().map(|s| html! {
                            <option value={s.key()} selected={*s == props.speed}>{ s.label() }</option>
                        }) }
                    </select>
                </label>
                <span class="rollout-progress" aria-hidden="true">
                    { format!("{} / {}", props.step, last) }
                </span>
            </div>
            <div class="what-if">
                <button
                    type="button"
                    class={classes!("button", "toggle", props.fail_new.then_some("on"))}
                    data-testid="rollout-fail-new"
                    aria-pressed={props.fail_new.to_string()}
                    title="Simulate a new version whose pods never become ready (a crash loop or a failing readiness probe)"
                    onclick={emit(UiAction::FailNew(!props.fail_new))}
                >
                    <span class="toggle-box" aria-hidden="true">{ if props.fail_new { "\u{2611}" } else { "\u{2610}" } }</span>
                    { "New version fails" }
                </button>
                if props.undo {
                    <button
                        type="button"
                        class="button"
                        data-testid="rollout-redo"
                        onclick={emit(UiAction::Undo(false))}
                    >
                        { "Show the update again" }
                    </button>
                } else {
                    <button
                        type="button"
                        class="button"
                        data-testid="rollout-undo"
                        disabled={!props.can_undo}
                        title={if props.can_undo { "Run kubectl rollout undo once the update has rolled out" } else { "kubectl rollout undo is simulated for Deployments only" }}
                        onclick={emit(UiAction::Undo(true))}
                    >
                        { icon(Icon::Undo) }{ "kubectl rollout undo" }
                    </button>
                }
            </div>
        </div>
    }
}
