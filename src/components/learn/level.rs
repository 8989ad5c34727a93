//! The open level, above the views so its goal stays in sight while the student edits and looks
//! at the graph or the rollout: the introduction, the goal checked live, hints one at a time, the
//! solution as changes to the student's files, and the "done" moment with what was learned.

use manifesto_core::Model;
use manifesto_core::lesson::{GoalState, LevelKind};
use manifesto_core::report::Review;
use yew::prelude::*;

use super::goals::{Goals, is_done};
use super::solution::SolutionDiff;
use crate::components::review::markdown;
use crate::shared::Shared;
use crate::state::{Action, AppContext, Learn, LearnAction, View, level_key};

/// What the goals depend on, compared by identity: a new analysis is a new model and review.
#[derive(Clone, PartialEq)]
struct EvalKey {
    model: Shared<Model>,
    review: Shared<Review>,
    learn: Shared<Learn>,
}

/// The open level's goals against the current analysis (none when no level is open).
fn evaluate(key: &EvalKey) -> Option<Vec<GoalState>> {
    let (_, level) = key.learn.open_level()?;
    Some(level.evaluate(&key.model, &key.review))
}

/// A lesson text (paragraphs, lists, `code`), rendered with the review's Markdown.
fn paragraphs(text: &str) -> Html {
    markdown::render(text, 4)
}

/// A hint: one paragraph of the same Markdown, inline.
fn hint(text: &str) -> Html {
    markdown::render_inline(text)
}

/// The open level's panel; nothing when no level is open.
#[component]
pub fn LevelPanel() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let collapsed = use_state_eq(|| false);
    let goals = use_memo(
        EvalKey {
            model: Shared::new(&state.model),
            review: Shared::new(&state.review),
            learn: Shared::new(&state.learn),
        },
        evaluate,
    );
    let open = state
        .learn
        .open_level()
        .map(|(pack, level)| (pack.to_owned(), level.clone()));
    let goals: Option<Vec<GoalState>> = (*goals).clone();
    let progress = open
        .as_ref()
        .zip(goals.as_ref())
        .map(|((_, level), goals)| level.progress(goals));
    let key = open
        .as_ref()
        .map(|(pack, level)| level_key(pack, &level.id));
    let done = progress.is_some_and(is_done);

    // The moment the goal is met, the level counts as done in this browser.
    {
        let state = state.clone();
        use_effect_with((key.clone(), done), move |(key, done)| {
            if let (Some(key), true) = (key, done)
                && !state.learn.done.contains(key)
            {
                state.dispatch(Action::Learn(LearnAction::Completed(key.clone())));
            }
        });
    }

    let (Some((pack, level)), Some(goals), Some(progress)) = (open, goals, progress) else {
        return Html::default();
    };
    let dispatch = |action: LearnAction| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Learn(action.clone())))
    };
    let challenge = level.kind == LevelKind::Challenge;
    let hints_shown = state.learn.hints.min(level.hints.len());
    let next = state.learn.next_after(&pack, &level.id);
    let to_list = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetView(View::Learn)))
    };
    let toggle = {
        let collapsed = collapsed.clone();
        Callback::from(move |_: MouseEvent| collapsed.set(!*collapsed))
    };

    html! {
        <section
            class={classes!("level-panel", done.then_some("level-panel-done"))}
            data-testid="level-panel"
            data-pack-id={pack.clone()}
            data-open-level={level.id.clone()}
            data-kind={level.kind.as_str()}
            aria-label="The open level"
        >
            <header class="level-head">
                <span class="level-kind">{ if challenge { "Challenge" } else { "Level" } }</span>
                <h2 class="level-title">{ level.title.clone() }</h2>
                <button type="button" class="link-button" data-testid="level-collapse" aria-expanded={(!*collapsed).to_string()} onclick={toggle}>
                    { if *collapsed { "Show" } else { "Hide" } }
                </button>
                <button type="button" class="link-button" data-testid="level-list" onclick={to_list}>{ "All levels" }</button>
                <button type="button" class="link-button" data-testid="level-close" onclick={dispatch(LearnAction::Close)}>{ "Close" }</button>
            </header>
            if !*collapsed {
                <div class="level-intro">{ paragraphs(&level.intro) }</div>
            }
            <Goals kind={level.kind} goal={AttrValue::from(level.goal.clone())} goals={goals} progress={progress} />
            if done {
                <div class="level-done" data-testid="level-done" role="status">
                    <p class="level-done-title">{ if challenge { "Every problem fixed!" } else { "Level complete!" } }</p>
                    <div class="level-learned">{ paragraphs(&level.learned) }</div>
                    if let Some((next_pack, next_level)) = next {
                        <button type="button" class="button button-primary" data-testid="level-next"
                            onclick={dispatch(LearnAction::Open { pack: next_pack, level: next_level })}>
                            { "Next level \u{2192}" }
                        </button>
                    } else {
                        <p>{ "That was the last level." }</p>
                    }
                </div>
            }
            if !*collapsed {
                if hints_shown > 0 {
                    <ol class="level-hints">
                        { for level.hints[..hints_shown].iter().map(|h| html! { <li data-testid="level-hint">{ hint(h) }</li> }) }
                    </ol>
                }
                <div class="level-actions">
                    if hints_shown < level.hints.len() {
                        <button type="button" class="button" data-testid="level-hint-more" onclick={dispatch(LearnAction::Hint)}>
                            { format!("Show a hint ({} of {})", hints_shown + 1, level.hints.len()) }
                        </button>
                    }
                    if !state.learn.solution && !level.solution.is_empty() {
                        <button type="button" class="button" data-testid="level-show-solution" onclick={dispatch(LearnAction::ShowSolution)}>
                            { "Show the solution" }
                        </button>
                    }
                </div>
                if state.learn.solution {
                    <SolutionDiff />
                }
            }
        </section>
    }
}
