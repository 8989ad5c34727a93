//! The player: play or pause, step back and forward, reset, speed; the failing-version switch
//! and `kubectl rollout undo`.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::ui::{Speed, UiAction};

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
                        <span aria-hidden="true">{ "\u{23f8} " }</span>{ "Pause" }
                    } else if at_end && last > 0 {
                        <span aria-hidden="true">{ "\u{21bb} " }</span>{ "Replay" }
                    } else {
                        <span aria-hidden="true">{ "\u{25b6} " }</span>{ "Play" }
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
                    <span aria-hidden="true">{ "\u{23ee} " }</span>{ "Back" }
                </button>
                <button
                    type="button"
                    class="button"
                    data-testid="rollout-step"
                    title="One pass forward (\u{2192})"
                    disabled={at_end}
                    onclick={emit(UiAction::Forward { last, animate })}
                >
                    { "Step " }<span aria-hidden="true">{ "\u{23ed}" }</span>
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
                        { for Speed::ALL.iter().map(|s| html! {
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
                        <span aria-hidden="true">{ "\u{21b6} " }</span>{ "kubectl rollout undo" }
                    </button>
                }
            </div>
        </div>
    }
}
