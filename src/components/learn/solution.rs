//! "Show the solution": the open level's solution as changes to the student's own files (lines
//! removed and added, with a few lines of context, per file), and "Apply the solution", which
//! the Undo banner takes back. The diff is computed by the core
//! ([`manifesto_core::lesson::Level::solution_diff`]).

use std::rc::Rc;

use manifesto_core::text_diff::{DiffLine, FileChange, FileDiff, Hunk, LineChange};
use yew::prelude::*;

use crate::shared::Shared;
use crate::state::{Action, AppContext, FileEntry, Learn, LearnAction};

/// Unchanged lines shown around each change.
const CONTEXT: usize = 3;

/// What the diff depends on, compared by identity: the files and the Learn state are replaced
/// whenever they change.
#[derive(Clone, PartialEq)]
struct DiffKey {
    files: Shared<Vec<Rc<FileEntry>>>,
    learn: Shared<Learn>,
}

fn solution_diff(key: &DiffKey) -> Vec<FileDiff> {
    let Some((_, level)) = key.learn.open_level() else {
        return Vec::new();
    };
    let current: Vec<_> = key
        .files
        .iter()
        .map(|f| manifesto_core::lesson::PackFile {
            name: f.name.clone(),
            text: f.text.clone(),
        })
        .collect();
    level.solution_diff(&current, CONTEXT)
}

fn number(n: Option<usize>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

fn line(l: &DiffLine) -> Html {
    let (sign, said) = match l.change {
        LineChange::Same => (" ", ""),
        LineChange::Removed => ("\u{2212}", "removed: "),
        LineChange::Added => ("+", "added: "),
    };
    html! {
        <div class="diff-line" data-testid="diff-line" data-change={l.change.as_str()}
            data-old={l.old.map(|n| n.to_string())} data-new={l.new.map(|n| n.to_string())}>
            <span class="diff-num" aria-hidden="true">{ number(l.old) }</span>
            <span class="diff-num" aria-hidden="true">{ number(l.new) }</span>
            <span class="diff-sign" aria-hidden="true">{ sign }</span>
            <span class="visually-hidden">{ said }</span>
            <span class="diff-text" data-testid="diff-text">{ l.text.clone() }</span>
            if !l.newline {
                <span class="diff-eof muted">{ " (no newline at the end)" }</span>
            }
        </div>
    }
}

fn hunk(h: &Hunk) -> Html {
    html! {
        <div class="diff-hunk" data-testid="diff-hunk" data-old-start={h.old_start.to_string()} data-new-start={h.new_start.to_string()}>
            <div class="diff-hunk-head">{ format!("Line {}", h.new_start) }</div>
            { for h.lines.iter().map(line) }
        </div>
    }
}

fn file(f: &FileDiff) -> Html {
    let (removed, added) = f.counts();
    let label = match f.change {
        FileChange::Changed => "changed",
        FileChange::Added => "new file",
        FileChange::Removed => "removed file",
    };
    html! {
        <details class="solution-file" open=true data-testid="solution-file" data-file={f.name.clone()} data-change={f.change.as_str()}>
            <summary>
                <span class="cmp-badge" data-change={f.change.as_str()}>{ label }</span>
                { " " }<code>{ f.name.clone() }</code>
                <span class="muted">{ format!(" \u{2212}{removed} +{added}") }</span>
            </summary>
            <div class="diff">{ for f.hunks.iter().map(hunk) }</div>
        </details>
    }
}

/// The open level's solution as a diff against the current files, with "Apply the solution".
#[component]
pub fn SolutionDiff() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let diff = use_memo(
        DiffKey {
            files: Shared::new(&state.files),
            learn: Shared::new(&state.learn),
        },
        solution_diff,
    );
    let apply = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Learn(LearnAction::ApplySolution));
        })
    };
    html! {
        <div class="level-solution" data-testid="level-solution">
            if diff.is_empty() {
                <p data-testid="solution-applied">{ "Your files are the solution's: nothing is left to change." }</p>
            } else {
                <p>{ format!(
                    "The solution, as changes to your files: lines marked \u{2212} go, lines marked + come in ({}).",
                    files_count(diff.len())
                ) }</p>
                { for diff.iter().map(file) }
                <button type="button" class="button button-primary" data-testid="level-apply-solution" onclick={apply}>
                    { "Apply the solution" }
                </button>
                <span class="muted">{ " Undo brings your files back." }</span>
            }
        </div>
    }
}

fn files_count(n: usize) -> String {
    if n == 1 {
        "1 file".to_owned()
    } else {
        format!("{n} files")
    }
}
