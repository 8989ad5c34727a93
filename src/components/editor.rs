//! The editor: an uncontrolled textarea with line numbers, re-analysed ~250 ms after typing.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use manifesto_core::Severity;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::hooks::{crash, storage};
use crate::state::{Action, AppContext, AppState, LoadedFile};
use crate::text::{line_at_utf16, line_count, line_span_utf16};

/// How long typing must pause before the text is analysed.
const DEBOUNCE_MS: u32 = 250;

/// Edits typed but not yet sent to the reducer.
#[derive(Default)]
struct Pending {
    /// The file being typed into (`None`: no file yet, one is created).
    #[allow(
        clippy::option_option,
        reason = "nothing pending differs from a file to create"
    )]
    file: Option<Option<u32>>,
    /// The name of that file (`untitled.yaml` for the one created).
    name: Option<String>,
    timer: Option<Timeout>,
}

/// Sends the textarea's text to the reducer if it has unsent edits.
fn flush(
    pending: &RefCell<Pending>,
    textarea: &NodeRef,
    dispatcher: &UseReducerDispatcher<AppState>,
) {
    let Some(file) = pending.borrow_mut().file.take() else {
        return;
    };
    let Some(el) = textarea.cast::<HtmlTextAreaElement>() else {
        return;
    };
    let text = el.value();
    // Kept before the reducer analyses it, so a crash in the analysis never loses it.
    let name = pending.borrow_mut().name.take();
    if let Some(name) = name
        && (file.is_some() || !text.is_empty())
    {
        storage::save_text_now(&name, &text, file.is_none());
    }
    crash::panic_if_armed();
    match file {
        Some(file) => dispatcher.dispatch(Action::SetText { file, text }),
        None if !text.is_empty() => dispatcher.dispatch(Action::AddFiles {
            files: vec![LoadedFile {
                name: "untitled.yaml".into(),
                text,
                problem: None,
            }],
            replace: false,
        }),
        None => {}
    }
}

/// The editor of the active file.
#[component]
pub fn Editor() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let textarea = use_node_ref();
    let gutter = use_node_ref();
    let pending = use_mut_ref(Pending::default);
    let lines = use_state_eq(|| state.active_file().map_or(1, |f| line_count(&f.text)));
    // What the textarea shows: (file, content revision, last editor target applied).
    let shown = use_mut_ref(|| None::<(Option<u32>, u64)>);
    let last_target = use_mut_ref(|| 0u64);

    // Load the active file's text when the file or its content changes from outside, then
    // apply a pending request to select lines.
    {
        let textarea = textarea.clone();
        let gutter = gutter.clone();
        let pending = pending.clone();
        let lines = lines.clone();
        let state = state.clone();
        let deps = (
            state.active,
            state.content_rev,
            state.editor_target.as_ref().map(|t| t.serial),
        );
        use_effect_with(deps, move |&(active, rev, _)| {
            let Some(el) = textarea.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let now = (active, rev);
            let before = *shown.borrow();
            if before != Some(now) {
                let same_content = before.is_some_and(|(_, r)| r == rev);
                if same_content {
                    // Only the active file changed: keep what was typed in the previous one.
                    flush(&pending, &textarea, &state.dispatcher());
                } else {
                    // The files were replaced: typing not yet sent belonged to what was replaced.
                    *pending.borrow_mut() = Pending::default();
                }
                pending.borrow_mut().timer = None;
                let text = state.active_file().map_or("", |f| f.text.as_str());
                if el.value() != text {
                    el.set_value(text);
                    el.set_scroll_top(0);
                }
                lines.set(line_count(text));
                *shown.borrow_mut() = Some(now);
            }
            if let Some(target) = &state.editor_target
                && target.serial != *last_target.borrow()
                && Some(target.file) == active
            {
                *last_target.borrow_mut() = target.serial;
                select_lines(&el, target.start, target.end);
                if let Some(g) = gutter.cast::<web_sys::Element>() {
                    g.set_scroll_top(el.scroll_top());
                }
            }
        });
    }

    let oninput = {
        let textarea = textarea.clone();
        let pending = pending.clone();
        let lines = lines.clone();
        let dispatcher = state.dispatcher();
        let active = state.active;
        let name = state
            .active_file()
            .map_or_else(|| "untitled.yaml".to_owned(), |f| f.name.clone());
        Callback::from(move |_: InputEvent| {
            let Some(el) = textarea.cast::<HtmlTextAreaElement>() else {
                return;
            };
            lines.set(line_count(&el.value()));
            let timer = {
                let pending = pending.clone();
                let textarea = textarea.clone();
                let dispatcher = dispatcher.clone();
                Timeout::new(DEBOUNCE_MS, move || flush(&pending, &textarea, &dispatcher))
            };
            let mut pending = pending.borrow_mut();
            pending.file = Some(active);
            pending.name = Some(name.clone());
            // Replacing the timer cancels the previous one.
            pending.timer = Some(timer);
        })
    };

    // Leaving the editor (to click a button, a tab, a sample) sends what was typed first.
    let onblur = {
        let textarea = textarea.clone();
        let pending = pending.clone();
        let dispatcher = state.dispatcher();
        Callback::from(move |_: FocusEvent| {
            flush(&pending, &textarea, &dispatcher);
            pending.borrow_mut().timer = None;
        })
    };

    // Moving the cursor highlights the object under it.
    let on_cursor = {
        let textarea = textarea.clone();
        let state = state.clone();
        Rc::new(move || {
            let Some(el) = textarea.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let Some(file) = state.active_file() else {
                return;
            };
            let offset = el.selection_start().ok().flatten().unwrap_or(0);
            let line = line_at_utf16(&el.value(), offset);
            let under = state
                .model
                .objects
                .iter()
                .filter(|o| o.file == file.name)
                .find(|o| {
                    let (first, last) = o.line_range();
                    (first..=last).contains(&line)
                })
                .map(|o| o.id.clone());
            if under != state.selected {
                state.dispatch(Action::Select(under));
            }
        })
    };
    let onkeyup = {
        let on_cursor = on_cursor.clone();
        Callback::from(move |_: KeyboardEvent| on_cursor())
    };
    let onclick = {
        let on_cursor = on_cursor.clone();
        Callback::from(move |_: MouseEvent| on_cursor())
    };
    let onselect = Callback::from(move |_: Event| on_cursor());

    let onscroll = {
        let textarea = textarea.clone();
        let gutter = gutter.clone();
        Callback::from(move |_: Event| {
            if let (Some(el), Some(g)) = (
                textarea.cast::<web_sys::Element>(),
                gutter.cast::<web_sys::Element>(),
            ) {
                g.set_scroll_top(el.scroll_top());
            }
        })
    };

    let file_name = state.active_file().map(|f| f.name.clone());
    let label = match &file_name {
        Some(name) => format!("YAML of {name}"),
        None => "YAML (paste or type manifests here)".to_owned(),
    };
    let marks = line_marks(&state);
    let selected_range = state
        .selected
        .as_ref()
        .and_then(|id| state.model.get(id))
        .filter(|o| Some(&o.file) == file_name.as_ref())
        .map(manifesto_core::Object::line_range);

    html! {
        <div class="editor">
            <div class="editor-title">
                <span class="editor-file">
                    { file_name.clone().unwrap_or_else(|| "No file loaded: paste YAML below".into()) }
                </span>
                <span class="editor-hint">{ "Edits are analysed as you type" }</span>
            </div>
            <div class="editor-body">
                <div class="gutter" ref={gutter} aria-hidden="true">
                    { for (1..=*lines).map(|n| {
                        let mark = marks.get(&n);
                        let in_selection = selected_range.is_some_and(|(a, b)| (a..=b).contains(&n));
                        html! {
                            <span
                                class={classes!(
                                    "ln",
                                    in_selection.then_some("ln-selected"),
                                    mark.map(|(severity, _)| format!("ln-{severity}")),
                                )}
                                title={mark.map(|(_, message)| message.clone())}
                            >{ n }</span>
                        }
                    }) }
                </div>
                <textarea
                    ref={textarea}
                    class="editor-text"
                    data-testid="editor"
                    aria-label={label}
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    placeholder="Paste Kubernetes manifests (YAML or JSON) here, or drop files and folders on the page."
                    {oninput}
                    {onblur}
                    {onkeyup}
                    {onclick}
                    {onselect}
                    {onscroll}
                />
            </div>
        </div>
    }
}

/// The worst diagnostic on each line of the active file: severity and messages.
fn line_marks(state: &AppState) -> BTreeMap<usize, (&'static str, String)> {
    let mut marks: BTreeMap<usize, (&'static str, String)> = BTreeMap::new();
    let Some(file) = state.active_file() else {
        return marks;
    };
    for d in state
        .diagnostics
        .iter()
        .filter(|d| d.location.file == file.name)
    {
        let severity = d.severity.as_str();
        marks
            .entry(d.location.line)
            .and_modify(|(s, message)| {
                if d.severity == Severity::Error {
                    *s = severity;
                }
                message.push('\n');
                message.push_str(&d.message);
            })
            .or_insert((severity, d.message.clone()));
    }
    marks
}

/// Selects lines `first..=last`, focuses the textarea and scrolls them into view.
///
/// Someone moving through the graph from the keyboard keeps the focus there: the editor
/// only shows the lines.
fn select_lines(el: &HtmlTextAreaElement, first: usize, last: usize) {
    let text = el.value();
    let (start, end) = line_span_utf16(&text, first, last);
    if !keyboard_in_graph() {
        let _ = el.focus();
    }
    let _ = el.set_selection_range(start, end);
    let total = line_count(&text).max(1);
    let line_height = f64::from(el.scroll_height()) / total as f64;
    let top = ((first.saturating_sub(3)) as f64 * line_height).round() as i32;
    el.set_scroll_top(top);
}

/// Whether a graph node holds the keyboard focus (focused from the keyboard, not clicked).
fn keyboard_in_graph() -> bool {
    gloo::utils::document()
        .active_element()
        .is_some_and(|active| {
            active.has_attribute("data-node-id")
                && active.matches(":focus-visible").unwrap_or(false)
        })
}
