//! The goal of the open level, checked live: each condition with its state, and the status
//! ("2 of 3 met", or for a challenge "3 of 5 fixed" without naming the problems).

use manifesto_core::lesson::{GoalState, LevelKind, Progress};
use yew::prelude::*;

/// Props of [`Goals`].
#[derive(Properties, PartialEq)]
pub struct GoalsProps {
    /// Level or challenge.
    pub kind: LevelKind,
    /// The goal in words.
    pub goal: AttrValue,
    /// Each condition, evaluated against the current files.
    pub goals: Vec<GoalState>,
    /// How many hold.
    pub progress: Progress,
}

/// Whether a level with these goals is done (a level without conditions never is).
pub fn is_done(progress: Progress) -> bool {
    progress.total > 0 && progress.fixed == progress.total
}

/// The status line of a level or a challenge.
pub fn status_text(kind: LevelKind, progress: Progress) -> String {
    match kind {
        LevelKind::Challenge => format!("{} of {} fixed", progress.fixed, progress.total),
        LevelKind::Level if is_done(progress) => "Goal met".to_owned(),
        LevelKind::Level => format!("{} of {} conditions met", progress.fixed, progress.total),
    }
}

/// The goal, its conditions and the status.
#[component]
pub fn Goals(props: &GoalsProps) -> Html {
    let done = is_done(props.progress);
    let status = html! {
        <p
            class={classes!("level-status", done.then_some("level-status-done"))}
            data-testid="level-status"
            data-done={done.to_string()}
            data-fixed={props.progress.fixed.to_string()}
            data-total={props.progress.total.to_string()}
            role="status"
            aria-live="polite"
        >
            { status_text(props.kind, props.progress) }
        </p>
    };
    let goals = match props.kind {
        LevelKind::Level => html! {
            <ul class="level-goals">
                { for props.goals.iter().map(|g| html! {
                    <li class="level-goal" data-testid="level-goal" data-done={g.done.to_string()}>
                        <span class="level-goal-mark" aria-hidden="true">{ if g.done { "\u{2713}" } else { "\u{25cb}" } }</span>
                        <span class="visually-hidden">{ if g.done { "met: " } else { "not met yet: " } }</span>
                        { g.text.clone() }
                    </li>
                }) }
            </ul>
        },
        // One mark per planted problem, the fixed ones first, so nothing tells which is which.
        LevelKind::Challenge => {
            let mut marks: Vec<bool> = props.goals.iter().map(|g| g.done).collect();
            marks.sort_by(|a, b| b.cmp(a));
            html! {
                <ul class="level-goals level-pips" aria-hidden="true">
                    { for marks.into_iter().map(|done| html! {
                        <li class="level-goal level-pip" data-testid="level-goal" data-done={done.to_string()}></li>
                    }) }
                </ul>
            }
        }
    };
    html! {
        <div class="level-goal-box">
            <p class="level-goal-text"><strong>{ "Goal: " }</strong>{ props.goal.clone() }</p>
            { goals }
            { status }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_challenge_counts_fixed_problems_without_naming_them() {
        let p = Progress { fixed: 3, total: 5 };
        assert_eq!(status_text(LevelKind::Challenge, p), "3 of 5 fixed");
        assert_eq!(status_text(LevelKind::Level, p), "3 of 5 conditions met");
        let all = Progress { fixed: 2, total: 2 };
        assert_eq!(status_text(LevelKind::Level, all), "Goal met");
        assert!(!is_done(Progress { fixed: 0, total: 0 }));
    }
}
