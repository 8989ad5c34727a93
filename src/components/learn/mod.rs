//! The Learn view: lesson packs of guided levels and find-the-bug challenges, checked live
//! against the analysis of the files being edited.
//!
//! The tab lists the packs ([`list`]), loads more from files ([`loader`]) and lets a teacher
//! build levels from the current files ([`builder`]); the open level's
//! panel ([`level::LevelPanel`]) sits above the views, so its goal stays in sight on every view.
//! The progress is kept in the browser ([`storage`]). The conditions are evaluated by the core.

pub mod builder;
pub mod goals;
pub mod level;
pub mod list;
pub mod loader;
pub mod solution;
pub mod storage;

use yew::prelude::*;

use self::builder::Builder;
use self::list::PackList;
use self::loader::PackLoader;
use crate::state::{Action, AppContext, LearnAction};

/// The Learn tab: the packs, their levels and challenges, and "Load lesson pack".
#[component]
pub fn LearnView() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let learn = &state.learn;
    let total: usize = learn.packs.iter().map(|p| p.levels.len()).sum();
    let reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Learn(LearnAction::ResetProgress));
        })
    };
    html! {
        <section class="learn-view" data-testid="learn" data-view="learn" aria-label="Lessons">
            <div class="learn-intro">
                <p>
                    { "Each level gives you manifests and a goal. Edit the files; the goal is checked after every change. \
                       Challenges hide planted mistakes: find and fix them all." }
                </p>
                <p class="learn-progress" data-testid="learn-progress" data-done={learn.done.len().to_string()}>
                    { format!("{} of {total} done in this browser", learn.done.len()) }
                    if !learn.done.is_empty() {
                        { " \u{00b7} " }
                        <button type="button" class="link-button" data-testid="learn-reset" onclick={reset}>{ "Start over" }</button>
                    }
                </p>
                <PackLoader />
            </div>
            <PackList packs={learn.packs.clone()} />
            <Builder />
        </section>
    }
}
