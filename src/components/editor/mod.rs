//! The editor of the active file: a code editor ([`code_mirror`]) whose text is analysed
//! ~250 ms after typing pauses (a paste at once), with the analysis's problems marked in place.

pub mod code_mirror;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use manifesto_core::ObjectId;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use self::code_mirror::{EditorHandle, Listeners, Problem};
use crate::hooks::{crash, storage};
use crate::state::{Action, AppContext, AppState, LoadedFile, View};

/// How long typing must pause before the text is analysed.
const DEBOUNCE_MS: u32 = 250;

/// What the empty editor says.
const PLACEHOLDER: &str =
    "Paste Kubernetes manifests (YAML or JSON) here, or drop files and folders on the page.";

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

/// The editor and what it shares with its listeners, which outlive any one render.
#[derive(Default)]
struct Live {
    editor: Option<EditorHandle>,
    listeners: Option<Listeners>,
    /// The state at the last render, for the listeners.
    state: Option<AppContext>,
    pending: Pending,
    /// The object each marked problem opens ("Open" in its tooltip), by index.
    problem_objects: Vec<Option<ObjectId>>,
    /// What the editor shows: (file, content revision).
    shown: Option<(Option<u32>, u64)>,
    /// The last editor target applied.
    last_target: u64,
}

type Shared = Rc<RefCell<Live>>;

/// Sends the editor's text to the reducer if it has unsent edits.
fn flush(live: &Shared) {
    let (file, name, state, editor) = {
        let mut live = live.borrow_mut();
        let Some(file) = live.pending.file.take() else {
            return;
        };
        live.pending.timer = None;
        let name = live.pending.name.take();
        let (Some(editor), Some(state)) = (live.editor.clone(), live.state.clone()) else {
            return;
        };
        (file, name, state, editor)
    };
    // Not borrowed while the editor is called: it may call the listeners back.
    let text = editor.text_js();
    // Kept before the reducer analyses it, so a crash in the analysis never loses it.
    if let Some(name) = name
        && (file.is_some() || text.length() > 0)
    {
        storage::save_text_now(&name, &text, file.is_none());
    }
    let text = crate::js_text::to_rust_string(&text);
    crash::panic_if_armed();
    match file {
        Some(file) => state.dispatch(Action::SetText { file, text }),
        None if !text.is_empty() => state.dispatch(Action::AddFiles {
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

/// The listeners of the editor: typing starts the pause before [`flush`] (a paste flushes at
/// once), moving the cursor selects the object under it, leaving sends what was typed, "Open"
/// shows a finding.
fn listeners(live: &Shared) -> Listeners {
    let on_change = {
        let live = live.clone();
        Closure::<dyn FnMut(bool)>::new(move |pasted: bool| {
            // A paste is analysed at once, typing once it pauses.
            let wait = if pasted { 0 } else { DEBOUNCE_MS };
            let timer = {
                let live = live.clone();
                Timeout::new(wait, move || flush(&live))
            };
            let mut shared = live.borrow_mut();
            let Some(state) = shared.state.clone() else {
                return;
            };
            shared.pending.file = Some(state.active);
            shared.pending.name = Some(
                state
                    .active_file()
                    .map_or_else(|| "untitled.yaml".to_owned(), |f| f.name.clone()),
            );
            // Replacing the timer cancels the previous one.
            shared.pending.timer = Some(timer);
        })
    };
    let on_cursor = {
        let live = live.clone();
        Closure::<dyn FnMut(u32)>::new(move |line: u32| {
            let Some(state) = live.borrow().state.clone() else {
                return;
            };
            let under = object_at(&state, line as usize);
            if under != state.selected {
                state.dispatch(Action::Select(under));
            }
        })
    };
    let on_blur = {
        let live = live.clone();
        Closure::<dyn FnMut()>::new(move || flush(&live))
    };
    let on_open = {
        let live = live.clone();
        Closure::<dyn FnMut(u32)>::new(move |index: u32| {
            let (state, object) = {
                let live = live.borrow();
                let object = live.problem_objects.get(index as usize).cloned().flatten();
                (live.state.clone(), object)
            };
            if let (Some(state), Some(object)) = (state, object) {
                state.dispatch(Action::Select(Some(object)));
                state.dispatch(Action::SetView(View::Review));
            }
        })
    };
    Listeners {
        on_change,
        on_cursor,
        on_blur,
        on_open,
    }
}

/// The object of the active file whose text holds `line`.
fn object_at(state: &AppState, line: usize) -> Option<ObjectId> {
    let file = state.active_file()?;
    // The file's objects are in document order: the one under the cursor is the last that
    // starts at or above it, if its text reaches the cursor's line.
    state
        .model
        .objects
        .iter()
        .rev()
        .find(|o| *o.file == *file.name && o.pos.line <= line)
        .filter(|o| line <= o.line_range().1)
        .map(|o| o.id.clone())
}

/// The problems of the active file to mark: what reading it found, and the review's open
/// findings (each offers "Open"), with the objects they open.
fn problems(state: &AppState) -> (Vec<Problem>, Vec<Option<ObjectId>>) {
    let Some(file) = state.active_file() else {
        return (Vec::new(), Vec::new());
    };
    let read = state
        .diagnostics
        .iter()
        .filter(|d| *d.location.file == *file.name)
        .map(|d| {
            let problem = Problem::at(&d.location, d.severity.as_str(), d.message.clone());
            (problem, None)
        });
    let found = state
        .review
        .open_findings()
        .filter(|f| *f.location.file == *file.name)
        .map(|f| {
            let message = format!("{} [{}]", f.message, f.check);
            let problem = Problem {
                open: true,
                ..Problem::at(&f.location, f.severity.as_str(), message)
            };
            (problem, Some(f.object.clone()))
        });
    read.chain(found).unzip()
}

/// The editor of the active file.
#[component]
pub fn Editor() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let host = use_node_ref();
    let live: Shared = use_mut_ref(Live::default);
    live.borrow_mut().state = Some(state.clone());

    let file_name = state.active_file().map(|f| f.name.clone());
    let label = match &file_name {
        Some(name) => format!("YAML of {name}"),
        None => "YAML (paste or type manifests here)".to_owned(),
    };

    // Start the editor once; remove it when the component goes.
    {
        let host = host.clone();
        let live = live.clone();
        let label = label.clone();
        use_effect_with((), move |()| {
            if let Some(parent) = host.cast::<web_sys::Element>() {
                let listeners = listeners(&live);
                let text = live
                    .borrow()
                    .state
                    .as_ref()
                    .and_then(|s| s.active_file().map(|f| f.text.clone()))
                    .unwrap_or_default();
                let editor = EditorHandle::create(&parent, &text, &label, PLACEHOLDER, &listeners);
                let mut shared = live.borrow_mut();
                shared.editor = editor;
                shared.listeners = Some(listeners);
            }
            move || {
                let editor = live.borrow_mut().editor.take();
                if let Some(editor) = editor {
                    editor.destroy();
                }
                let mut shared = live.borrow_mut();
                shared.listeners = None;
                shared.pending = Pending::default();
            }
        });
    }

    // Load the active file's text when the file or its content changes from outside, then
    // apply a pending request to select lines.
    {
        let live = live.clone();
        let deps = (
            state.active,
            state.content_rev,
            state.editor_target.as_ref().map(|t| t.serial),
        );
        use_effect_with(deps, move |&(active, rev, _)| {
            let now = (active, rev);
            let before = live.borrow().shown;
            if before != Some(now) {
                if before.is_some_and(|(_, r)| r == rev) {
                    // Only the active file changed: keep what was typed in the previous one.
                    flush(&live);
                } else {
                    // The files were replaced: typing not yet sent belonged to what was replaced.
                    live.borrow_mut().pending = Pending::default();
                }
                let (editor, state) = {
                    let mut shared = live.borrow_mut();
                    shared.pending.timer = None;
                    shared.shown = Some(now);
                    (shared.editor.clone(), shared.state.clone())
                };
                if let (Some(editor), Some(state)) = (editor, state) {
                    let text = state.active_file().map_or("", |f| f.text.as_str());
                    if editor.text() != text {
                        editor.set_text(text);
                    }
                }
            }
            let (editor, target) = {
                let mut shared = live.borrow_mut();
                let target = shared
                    .state
                    .as_ref()
                    .and_then(|s| s.editor_target.clone())
                    .filter(|t| t.serial != shared.last_target && Some(t.file) == active);
                if let Some(target) = &target {
                    shared.last_target = target.serial;
                }
                (shared.editor.clone(), target)
            };
            if let (Some(editor), Some(target)) = (editor, target) {
                editor.select_lines(
                    u32::try_from(target.start).unwrap_or(u32::MAX),
                    u32::try_from(target.end).unwrap_or(u32::MAX),
                    !keyboard_in_graph(),
                );
            }
        });
    }

    // Mark the problems of the active file once an analysis finishes: in a task of its own, after
    // the results are drawn (thousands of marks take the editor tens of milliseconds).
    {
        let live = live.clone();
        let deps = (
            Rc::as_ptr(&state.diagnostics) as usize,
            Rc::as_ptr(&state.review) as usize,
            state.active,
            state.content_rev,
        );
        use_effect_with(deps, move |_| {
            Timeout::new(0, move || mark_problems(&live)).forget();
        });
    }

    // Name the editor after its file.
    {
        let live = live.clone();
        use_effect_with(label, move |label| {
            let editor = live.borrow().editor.clone();
            if let Some(editor) = editor {
                editor.set_label(label);
            }
        });
    }

    // Shade the selected object's lines.
    {
        let live = live.clone();
        let range = state
            .selected
            .as_ref()
            .and_then(|id| state.model.get(id))
            .filter(|o| Some(&*o.file) == file_name.as_deref())
            .map_or((0, 0), manifesto_core::Object::line_range);
        // (Also when the text is replaced: a new text starts unshaded.)
        use_effect_with(
            (range, state.active, state.content_rev),
            move |&((first, last), _, _)| {
                let editor = live.borrow().editor.clone();
                if let Some(editor) = editor {
                    editor.set_object_lines(
                        u32::try_from(first).unwrap_or(u32::MAX),
                        u32::try_from(last).unwrap_or(u32::MAX),
                    );
                }
            },
        );
    }

    html! {
        <div class="editor">
            <div class="editor-title">
                <span class="editor-file">
                    { file_name.unwrap_or_else(|| "No file loaded: paste YAML below".into()) }
                </span>
                <span class="editor-hint">{ "Edits are analysed as you type · Ctrl-F search · Ctrl-Alt-G go to line" }</span>
            </div>
            <div class="editor-body" ref={host}></div>
        </div>
    }
}

/// Gives the editor the problems of the state at the last render.
fn mark_problems(live: &Shared) {
    let (editor, state) = {
        let shared = live.borrow();
        (shared.editor.clone(), shared.state.clone())
    };
    let (Some(editor), Some(state)) = (editor, state) else {
        return;
    };
    let (marks, objects) = problems(&state);
    live.borrow_mut().problem_objects = objects;
    editor.set_problems(&marks);
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
