//! The packs with their levels and challenges, each marked done or not from the progress kept in
//! this browser.

use manifesto_core::lesson::{LevelKind, Pack};
use yew::prelude::*;

use crate::shared::Shared;
use crate::state::{Action, AppContext, LearnAction, level_key};

/// Props of [`PackList`].
#[derive(Properties, PartialEq)]
pub struct PackListProps {
    /// The packs.
    pub packs: Shared<Vec<Pack>>,
}

/// Every pack, its levels then its challenges.
#[component]
pub fn PackList(props: &PackListProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let open = state.learn.open.clone();
    html! {
        <div class="learn-packs">
            { for props.packs.iter().map(|pack| {
                let levels = pack.levels.iter().filter(|l| l.kind == LevelKind::Level);
                let challenges = pack.levels.iter().filter(|l| l.kind == LevelKind::Challenge);
                let done = pack.levels.iter().filter(|l| state.learn.done.contains(&level_key(&pack.id, &l.id))).count();
                let item = |level: &manifesto_core::lesson::Level, number: usize| {
                    let key = level_key(&pack.id, &level.id);
                    let is_done = state.learn.done.contains(&key);
                    let is_open = open.as_ref().is_some_and(|(p, l)| *p == pack.id && *l == level.id);
                    let onclick = {
                        let state = state.clone();
                        let action = LearnAction::Open { pack: pack.id.clone(), level: level.id.clone() };
                        Callback::from(move |_: MouseEvent| state.dispatch(Action::Learn(action.clone())))
                    };
                    let (level_id, challenge_id) = match level.kind {
                        LevelKind::Level => (Some(level.id.clone()), None),
                        LevelKind::Challenge => (None, Some(level.id.clone())),
                    };
                    html! {
                        <li>
                            <button
                                type="button"
                                class={classes!("learn-level", is_done.then_some("done"), is_open.then_some("open"))}
                                data-level-id={level_id}
                                data-challenge-id={challenge_id}
                                data-pack-id={pack.id.clone()}
                                data-done={is_done.to_string()}
                                aria-current={is_open.then_some("true")}
                                {onclick}
                            >
                                <span class="learn-level-mark" aria-hidden="true">{ if is_done { "\u{2713}" } else { "" } }</span>
                                <span class="learn-level-number">{ number }</span>
                                <span class="learn-level-title">{ level.title.clone() }</span>
                                <span class="visually-hidden">{ if is_done { " (done)" } else { " (not done)" } }</span>
                            </button>
                        </li>
                    }
                };
                html! {
                    <section class="learn-pack" data-pack-id={pack.id.clone()}>
                        <h3>{ pack.title.clone() }<span class="count">{ format!("{done}/{}", pack.levels.len()) }</span></h3>
                        <p class="muted">{ pack.summary.clone() }</p>
                        if pack.levels.iter().any(|l| l.kind == LevelKind::Level) {
                            <ol class="learn-levels">
                                { for levels.enumerate().map(|(i, l)| item(l, i + 1)) }
                            </ol>
                        }
                        if pack.levels.iter().any(|l| l.kind == LevelKind::Challenge) {
                            <h4>{ "Find the bugs" }</h4>
                            <ol class="learn-levels learn-challenges">
                                { for challenges.enumerate().map(|(i, l)| item(l, i + 1)) }
                            </ol>
                        }
                    </section>
                }
            }) }
        </div>
    }
}
