//! The Compare view: take the files as they are as a baseline, keep editing, and see what the
//! change does: objects with change badges, the rollouts it triggers, the findings it introduces
//! and fixes, the links it adds and breaks, and notes on surprising changes. The core computes
//! the difference (`state.diff`); this view only draws it.

mod findings;
mod links;
mod objects;
mod rollouts;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use self::findings::FindingChanges;
use self::links::{LinkChanges, Notes};
use self::objects::ObjectChanges;
use self::rollouts::RolloutChanges;
use crate::hooks::baseline::read_baseline_files;
use crate::shared::Shared;
use crate::state::{Action, AppContext};
use crate::text::plural;

/// The Compare view.
#[component]
pub fn CompareView() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let take = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::TakeBaseline))
    };
    let clear = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ClearBaseline))
    };
    // Why the last files chosen as the baseline could not be read, with their names.
    let load_error = use_state(|| None::<String>);
    let load = {
        let state = state.clone();
        let load_error = load_error.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let files: Vec<_> = (0..list.length())
                .filter_map(|i| list.get(i))
                .map(|f| (f.name(), f))
                .collect();
            // Let the same files be chosen again later.
            input.set_value("");
            if files.is_empty() {
                return;
            }
            let state = state.clone();
            let load_error = load_error.clone();
            read_baseline_files(
                files,
                Callback::from(
                    move |read: Result<Vec<(String, String)>, String>| match read {
                        Ok(files) => {
                            load_error.set(None);
                            state.dispatch(Action::LoadBaseline(files));
                        }
                        Err(why) => load_error.set(Some(why)),
                    },
                ),
            );
        })
    };
    let toolbar = html! {
        <div class="cmp-toolbar">
            <button type="button" class="button" data-testid="compare-baseline" onclick={take}
                title="Compare every later edit with the files as they are now">
                { if state.baseline.is_some() { "Take a new baseline" } else { "Set baseline" } }
            </button>
            <input id="compare-load-baseline" class="visually-hidden" type="file" multiple=true
                accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
                data-testid="compare-load-baseline" onchange={load} />
            <label for="compare-load-baseline" class="button"
                title="Compare the files in the editor with these files, the \u{201c}before\u{201d} of the change; the workspace stays as it is">
                { "Load files as the baseline\u{2026}" }
            </label>
            if let Some(b) = &state.baseline {
                <span class="cmp-baseline">
                    { format!("Baseline: {} with {}", plural(b.files.len(), "file"), plural(b.model.objects.len(), "object")) }
                </span>
                <button type="button" class="button" data-testid="compare-clear" onclick={clear}>
                    { "Clear baseline" }
                </button>
            }
        </div>
    };
    let load_error = load_error.as_ref().map(|why| {
        html! {
            <p class="cmp-load-error" role="alert" data-testid="compare-load-error">
                { format!("The baseline was not changed: could not read {why}.") }
            </p>
        }
    });
    let toolbar = html! { <>{ toolbar }{ load_error }</> };
    let Some(diff) = state.diff.clone() else {
        return html! {
            <section class="compare" data-testid="compare" aria-label="Compare">
                { toolbar }
                <p class="cmp-empty">
                    { "Set a baseline to review a change: the files as they are now become the \u{201c}before\u{201d}. Then edit, add or remove files and see which objects change, which workloads roll out and how, which links break and which findings appear or go away." }
                </p>
            </section>
        };
    };
    let summary = if diff.is_empty() {
        "No changes since the baseline.".to_owned()
    } else {
        let downtime = diff.rollouts.iter().filter(|r| r.downtime).count();
        format!(
            "{} changed; {}{}; {} broken; {} introduced, {} fixed.",
            plural(diff.objects.len(), "object"),
            plural(diff.rollouts.len(), "rollout"),
            if downtime > 0 {
                format!(" ({downtime} with downtime)")
            } else {
                String::new()
            },
            plural(diff.edges.removed.len(), "link"),
            plural(diff.findings.introduced.len(), "finding"),
            diff.findings.fixed.len(),
        )
    };
    html! {
        <section class="compare" data-testid="compare" aria-label="Compare">
            { toolbar }
            <p class="cmp-summary" data-testid="compare-summary">{ summary }</p>
            if !diff.is_empty() {
                <RolloutChanges diff={diff.clone()} />
                <FindingChanges diff={diff.clone()} />
                <LinkChanges diff={diff.clone()} />
                <Notes diff={diff.clone()} />
                <ObjectChanges diff={diff} />
            }
        </section>
    }
}

/// Props of the Compare view's sections: the difference, compared by identity.
#[derive(Properties, Clone, PartialEq)]
pub struct DiffProps {
    /// The difference computed by the core.
    pub diff: Shared<manifesto_core::diff::Diff>,
}
