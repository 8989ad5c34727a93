//! The rolling-update simulator view: pick a workload and a change, then watch the controller
//! replace its pods pass by pass, with the bounds it keeps, the traffic, the events and the
//! kubectl commands; plus the Pods vs ReplicaSets vs Deployments demonstration and the review's
//! narrative compared with the controller.
//!
//! Everything the panel remembers (workload, change, step, playing, speed) is local to it: the
//! simulation is a pure function of the model and these choices, memoised on both.

mod bounds;
mod chart;
pub mod controls;
mod lessons;
mod narration;
mod picker;
mod pods;
mod review_note;
mod revisions;
pub mod ui;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use manifesto_core::rollout::{
    self, RevisionHistory, Rollout, RolloutOptions, Simulatable, State, TemplateChange,
};
use manifesto_core::{Model, ObjectId, diff};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use self::bounds::Bounds;
use self::chart::Chart;
use self::controls::Controls;
use self::lessons::Lessons;
use self::narration::{Narration, Summary};
use self::picker::Picker;
use self::pods::PodTiles;
use self::review_note::ReviewNote;
use self::revisions::Revisions;
use self::ui::{Ui, UiAction};
use crate::shared::Shared;
use crate::state::{Action, AppContext, Baseline, RolloutView};

/// The workload preselected when the loaded files have it.
const PREFERRED: &str = "Deployment/feastflow/feastflow-backend";

/// How long one step lasts when playing at 1×, in milliseconds.
const STEP_MS: f64 = 2200.0;

/// How long the moment right after a pass is shown before its pods settle, at 1×.
const SETTLE_MS: f64 = 1000.0;

thread_local! {
    /// The workload whose change since the baseline the panel plays when it opens next.
    static PLAY_CHANGE: RefCell<Option<ObjectId>> = const { RefCell::new(None) };
}

/// Makes the panel, when it opens next, play the rollout of `workload` from the Compare view's
/// baseline to the current files instead of a new image tag.
pub fn play_baseline_change(workload: ObjectId) {
    PLAY_CHANGE.with(|slot| *slot.borrow_mut() = Some(workload));
}

/// What a simulation depends on.
#[derive(Clone, PartialEq)]
struct SimKey {
    model: Shared<Model>,
    workload: ObjectId,
    tag: String,
    fail_new: bool,
    undo: bool,
    /// Set when the change played is the one since this baseline, not a new tag.
    baseline: Option<Shared<Baseline>>,
}

/// A simulation, or why there is none.
type Simulation = Result<Rc<Rollout>, String>;

fn simulate(key: &SimKey) -> Simulation {
    if let Some(baseline) = &key.baseline {
        let options = RolloutOptions {
            fail_new: key.fail_new,
            ..RolloutOptions::default()
        };
        return diff::simulate_change(&baseline.0.model, &key.model.0, &key.workload, &options)
            .map(Rc::new)
            .map_err(|e| e.to_string());
    }
    let tag = key.tag.trim();
    if let Some(problem) = tag_problem(tag) {
        return Err(problem);
    }
    let options = RolloutOptions {
        change: TemplateChange::NewImageTag(tag.to_owned()),
        fail_new: key.fail_new,
        ..RolloutOptions::default()
    };
    if !key.undo {
        return rollout::simulate(&key.model.0, &key.workload, &options)
            .map(Rc::new)
            .map_err(|e| e.to_string());
    }
    let mut undo =
        rollout::simulate_undo(&key.model.0, &key.workload, &options).map_err(|e| e.to_string())?;
    // Name each ReplicaSet's image from the revision history, so the rollback reads
    // "v2 → latest" whichever way the simulation reports the change.
    if let Ok(mut history) = RevisionHistory::of(&key.model.0, &key.workload) {
        history.set_image(tag);
        let image = |rs: &str| {
            history
                .replica_sets
                .iter()
                .find(|r| r.replica_set == rs)
                .and_then(|r| r.image.clone())
        };
        if let (Some(old), Some(new)) = (image(&undo.old_rs_name), image(&undo.new_rs_name)) {
            undo.old_image = Some(old);
            undo.new_image = Some(new);
        }
    }
    Ok(Rc::new(undo))
}

/// Why `tag` cannot be an image tag (Docker's rule: up to 128 of `[A-Za-z0-9_.-]`, not
/// starting with `.` or `-`).
fn tag_problem(tag: &str) -> Option<String> {
    if tag.is_empty() {
        return Some("type the new image tag, e.g. v2".to_owned());
    }
    let valid = tag.len() <= 128
        && !tag.starts_with(['.', '-'])
        && tag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    (!valid).then(|| {
        format!("\u{201c}{tag}\u{201d} is not a valid image tag: use letters, digits, _ . and - (not first)")
    })
}

/// Whether the user asked for reduced motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The workload shown: the chosen one while it exists, else FeastFlow's backend, else the first.
fn chosen(list: &[Simulatable], wanted: Option<&str>) -> Option<ObjectId> {
    let find = |id: &str| list.iter().find(|w| w.id.as_str() == id);
    wanted
        .and_then(find)
        .or_else(|| find(PREFERRED))
        .or(list.first())
        .map(|w| w.id.clone())
}

/// The state shown at `step`: the initial one, then each pass's settled state.
pub(crate) fn settled_at(rollout: &Rollout, step: usize) -> &State {
    match step {
        0 => &rollout.initial,
        k => rollout
            .passes
            .get(k - 1)
            .map_or_else(|| rollout.last(), |p| &p.settled),
    }
}

/// The rolling-update simulator of the loaded objects.
#[component]
pub fn RolloutPanel() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    // Coming back to the view shows the moment it left.
    let ui = {
        let saved = state.rollout_view.clone();
        use_reducer(move || Ui::restored(saved.as_deref()))
    };
    let reduced = use_memo((), |()| reduced_motion());
    let animate = !*reduced;

    let model = Shared::new(&state.model);
    let list = use_memo(model.clone(), |m| rollout::simulatable(&m.0));
    let workload = chosen(&list, ui.workload.as_deref());
    // The workload whose change since the Compare view's baseline is played, until the user
    // types a tag.
    let change = use_state(|| PLAY_CHANGE.with(|slot| slot.borrow_mut().take()));
    let from_baseline = state
        .baseline
        .clone()
        .filter(|_| !ui.undo && change.is_some() && *change == workload)
        .map(Shared);
    let playing_change = from_baseline.is_some();
    let simulation = use_memo(
        workload.clone().map(|workload| SimKey {
            model: model.clone(),
            workload,
            tag: ui.tag.clone(),
            fail_new: ui.fail_new,
            undo: ui.undo,
            baseline: from_baseline,
        }),
        |key| key.as_ref().map(simulate),
    );
    let rollout = match simulation.as_ref() {
        Some(Ok(r)) => Some(r.clone()),
        _ => None,
    };
    let last = rollout.as_ref().map_or(0, |r| r.passes.len());
    let step = ui.step.min(last);

    // Another workload (the files changed under the panel) starts from step 0.
    {
        let ui = ui.clone();
        let previous = use_mut_ref(|| workload.clone());
        use_effect_with(workload.clone(), move |workload| {
            if *previous.borrow() != *workload {
                ui.dispatch(UiAction::Switched);
            }
            (*previous.borrow_mut()).clone_from(workload);
        });
    }
    // The graph draws the same moment.
    {
        let state = state.clone();
        let view = rollout
            .as_ref()
            .zip(workload.as_ref())
            .map(|(r, w)| RolloutView {
                workload: w.clone(),
                tag: ui.tag.clone(),
                fail_new: ui.fail_new,
                undo: ui.undo,
                step,
                replica_sets: (r.old_rs_name.clone(), r.new_rs_name.clone()),
                state: settled_at(r, step).clone(),
            });
        use_effect_with(view, move |view| {
            state.dispatch(Action::ShowRollout(view.clone().map(Rc::new)));
        });
    }
    // Autoplay: one step per tick; stops at the end.
    {
        let ui = ui.clone();
        let speed = ui.speed.factor();
        use_effect_with(
            (ui.playing, step, last, ui.speed),
            move |&(playing, _, last, _)| {
                let timer = playing.then(|| {
                    Timeout::new((STEP_MS / speed) as u32, move || {
                        ui.dispatch(UiAction::Tick { last, animate });
                    })
                });
                move || drop(timer)
            },
        );
    }
    // The moment right after a pass, then its settled state.
    {
        let ui = ui.clone();
        let speed = ui.speed.factor();
        use_effect_with((step, ui.settling), move |&(step, settling)| {
            let timer = settling.then(|| {
                Timeout::new((SETTLE_MS / speed) as u32, move || {
                    ui.dispatch(UiAction::Settled(step));
                })
            });
            move || drop(timer)
        });
    }

    let onkeydown = {
        let ui = ui.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Arrow keys keep their meaning inside form fields.
            let in_field = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
                });
            if in_field || e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            match e.key().as_str() {
                "ArrowRight" => ui.dispatch(UiAction::Forward { last, animate }),
                "ArrowLeft" => ui.dispatch(UiAction::Back),
                _ => return,
            }
            e.prevent_default();
        })
    };

    let on_reveal = {
        let state = state.clone();
        Callback::from(move |id: ObjectId| state.dispatch(Action::Reveal(id)))
    };

    let body = match (&workload, simulation.as_ref()) {
        (None, _) => html! {
            <p class="rollout-empty" data-testid="rollout-empty">
                { "No Deployment, StatefulSet or DaemonSet in the loaded files: load FeastFlow or add a workload to watch it roll out." }
            </p>
        },
        (Some(id), Some(Err(message))) => {
            let onclick = {
                let on_reveal = on_reveal.clone();
                let id = id.clone();
                Callback::from(move |_: MouseEvent| on_reveal.emit(id.clone()))
            };
            html! {
                <div class="rollout-error" role="alert" data-testid="rollout-error">
                    <p>{ message.clone() }</p>
                    <button type="button" class="button" {onclick}>{ "Show it in the editor" }</button>
                </div>
            }
        }
        (Some(_), _) => match &rollout {
            Some(r) => stage(r, &ui, step, animate),
            None => Html::default(),
        },
    };

    let selected = workload
        .as_ref()
        .map(|w| AttrValue::from(w.as_str().to_owned()));
    html! {
        <section
            class={classes!("rollout", (!animate).then_some("reduced-motion"))}
            data-testid="rollout"
            data-view="rollout"
            aria-label="The rolling-update simulator"
            style={format!("--speed: {}", ui.speed.factor())}
            tabindex="0"
            {onkeydown}
        >
            <Picker
                workloads={list.clone()}
                selected={selected}
                tag={AttrValue::from(ui.tag.clone())}
                on_pick={{ let ui = ui.clone(); Callback::from(move |id: String| ui.dispatch(UiAction::Pick(id))) }}
                on_tag={{
                    let ui = ui.clone();
                    let change = change.clone();
                    Callback::from(move |tag: String| {
                        change.set(None);
                        ui.dispatch(UiAction::Tag(tag));
                    })
                }}
            />
            if let (true, Some(r)) = (playing_change, &rollout) {
                <p class="rollout-baseline-change" data-testid="rollout-baseline-change" role="status">
                    { match (&r.old_image, &r.new_image) {
                        (Some(old), Some(new)) => format!("The change since the Compare view\u{2019}s baseline: {old} \u{2192} {new}. "),
                        _ => "The change since the Compare view\u{2019}s baseline: its new pod template. ".to_owned(),
                    } }
                    <button type="button" class="button" data-testid="rollout-baseline-change-leave"
                        onclick={{ let change = change.clone(); Callback::from(move |_: MouseEvent| change.set(None)) }}>
                        { "Try a new image tag instead" }
                    </button>
                </p>
            }
            if let Some(r) = &rollout {
                <Controls
                    step={step}
                    last={last}
                    playing={ui.playing}
                    speed={ui.speed}
                    fail_new={ui.fail_new}
                    undo={ui.undo}
                    can_undo={r.kind == rollout::WorkloadKind::Deployment}
                    on_action={{ let ui = ui.clone(); Callback::from(move |a: UiAction| ui.dispatch(a)) }}
                    animate={animate}
                />
            } else if workload.is_some() {
                <Controls
                    step={0}
                    last={0}
                    playing={false}
                    speed={ui.speed}
                    fail_new={ui.fail_new}
                    undo={ui.undo}
                    can_undo={false}
                    on_action={{ let ui = ui.clone(); Callback::from(move |a: UiAction| ui.dispatch(a)) }}
                    animate={animate}
                />
            }
            { body }
            if let (Some(r), Some(id)) = (&rollout, &workload) {
                if ui.undo {
                    <Revisions model={model.0.clone()} workload={id.clone()} tag={AttrValue::from(ui.tag.trim().to_owned())} />
                }
                if !ui.undo && r.kind == rollout::WorkloadKind::Deployment {
                    <ReviewNote model={model.0.clone()} workload={id.clone()} />
                }
            }
            <Lessons />
        </section>
    }
}

/// Everything about one simulated rollout at one step.
fn stage(rollout: &Rc<Rollout>, ui: &Ui, step: usize, animate: bool) -> Html {
    let after = ui.settling && animate && step > 0;
    let shown = if after {
        &rollout.passes[step - 1].after
    } else {
        settled_at(rollout, step)
    };
    let settled = settled_at(rollout, step);
    let last = rollout.passes.len();
    let complete = rollout.complete && step == last;
    html! {
        <div class="rollout-stage">
            <Summary rollout={rollout.clone()} />
            <div
                class="rollout-state"
                data-testid="rollout-state"
                data-pass={step.to_string()}
                data-passes={last.to_string()}
                data-old-total={settled.old_total.to_string()}
                data-old-ready={settled.old_ready.to_string()}
                data-new-total={settled.new_total.to_string()}
                data-new-ready={settled.new_ready.to_string()}
                data-complete={complete.to_string()}
                data-moment={if after { "after" } else { "settled" }}
            >
                <p class="rollout-step-title" aria-live="polite">
                    <strong>{ if step == 0 { "Before the change".to_owned() } else { format!("Pass {step} of {last}") } }</strong>
                    <span class="rollout-moment">
                        { if after { "right after the pass: new pods start, removed pods terminate" } else if step == 0 { "every pod runs the old version" } else { "settled" } }
                    </span>
                    <span class="rollout-counts">
                        <span class="count-old">{ format!("old {}/{}", shown.old_total, shown.old_ready) }</span>
                        { " | " }
                        <span class="count-new">{ format!("new {}/{}", shown.new_total, shown.new_ready) }</span>
                        <span class="count-help">{ " (pods/available)" }</span>
                    </span>
                    if complete {
                        <span class="badge badge-ok">{ "complete" }</span>
                    }
                </p>
                <PodTiles rollout={rollout.clone()} state={Rc::new(shown.clone())} />
                <Bounds rollout={rollout.clone()} state={Rc::new(shown.clone())} />
            </div>
            <Chart rollout={rollout.clone()} step={step} />
            <Narration rollout={rollout.clone()} step={step} />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use manifesto_core::samples::Sample;

    #[test]
    fn the_backend_is_preselected_until_another_workload_is_picked() {
        let model = Model::from_files(Sample::FeastFlow.files());
        let list = rollout::simulatable(&model);
        assert_eq!(chosen(&list, None).unwrap().as_str(), PREFERRED);
        let frontend = "Deployment/feastflow/feastflow-frontend";
        assert_eq!(chosen(&list, Some(frontend)).unwrap().as_str(), frontend);
        // A workload that no longer exists falls back to the backend.
        assert_eq!(
            chosen(&list, Some("Deployment/feastflow/gone"))
                .unwrap()
                .as_str(),
            PREFERRED
        );
        assert_eq!(chosen(&[], None), None);
    }

    #[test]
    fn image_tags_follow_dockers_rule() {
        assert_eq!(tag_problem("v2"), None);
        assert_eq!(tag_problem("1.27.3-alpine_x"), None);
        assert!(tag_problem("").is_some());
        assert!(tag_problem("-v2").is_some());
        assert!(tag_problem("v 2").is_some());
        assert!(tag_problem("v2@sha").is_some());
    }
}
