//! The loaded files as tabs: show, rename or remove each.

use std::rc::Rc;

use manifesto_core::Severity;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{Action, AppContext, FileEntry};
use crate::text::plural;

/// One tab per loaded file.
#[component]
pub fn FileTabs() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let renaming = use_state_eq(|| None::<u32>);
    let rename_input = use_node_ref();

    // Focus the name field when renaming starts.
    {
        let rename_input = rename_input.clone();
        use_effect_with(*renaming, move |renaming| {
            if renaming.is_some()
                && let Some(input) = rename_input.cast::<HtmlInputElement>()
            {
                let _ = input.focus();
                input.select();
            }
        });
    }

    if state.files.is_empty() {
        return html! {
            <nav class="file-tabs" aria-label="Files">
                <p class="empty-note">{ "No files loaded." }</p>
            </nav>
        };
    }

    let tab = |file: &Rc<FileEntry>| {
        let active = state.active == Some(file.id);
        let problems = state
            .diagnostics
            .iter()
            .filter(|d| *d.location.file == *file.name && d.severity == Severity::Error)
            .count();
        let id = file.id;
        let on_show = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowFile(id)))
        };
        let on_rename = {
            let renaming = renaming.clone();
            Callback::from(move |_: MouseEvent| renaming.set(Some(id)))
        };
        let on_remove = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::RemoveFile(id)))
        };
        let name_or_field = if *renaming == Some(id) {
            let commit = {
                let state = state.clone();
                let renaming = renaming.clone();
                move |input: HtmlInputElement| {
                    renaming.set(None);
                    state.dispatch(Action::RenameFile {
                        file: id,
                        name: input.value(),
                    });
                }
            };
            let onkeydown = {
                let renaming = renaming.clone();
                let commit = commit.clone();
                Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                    "Enter" => {
                        e.prevent_default();
                        commit(e.target_unchecked_into());
                    }
                    "Escape" => renaming.set(None),
                    _ => {}
                })
            };
            let onblur = Callback::from(move |e: FocusEvent| commit(e.target_unchecked_into()));
            html! {
                <input
                    ref={rename_input.clone()}
                    class="rename-input"
                    data-testid="rename-input"
                    aria-label={format!("New name for {}", file.name)}
                    value={file.name.clone()}
                    {onkeydown}
                    {onblur}
                />
            }
        } else {
            html! {
                <button
                    type="button"
                    class="file-tab-name"
                    aria-current={active.then_some("true")}
                    title={format!("Show {} in the editor", file.name)}
                    onclick={on_show}
                >
                    { &file.name }
                    if problems > 0 {
                        <span class="count count-error" title={plural(problems, "error")}>{ problems }</span>
                    }
                </button>
            }
        };
        html! {
            <li
                class={classes!("file-tab", active.then_some("active"))}
                data-testid="file-tab"
                data-file={file.name.clone()}
                key={file.id}
            >
                { name_or_field }
                <button type="button" class="icon-button" data-testid="rename-file" aria-label={format!("Rename {}", file.name)} title="Rename" onclick={on_rename}>
                    { "\u{270e}" }
                </button>
                <button type="button" class="icon-button" data-testid="remove-file" aria-label={format!("Remove {}", file.name)} title="Remove" onclick={on_remove}>
                    { "\u{d7}" }
                </button>
            </li>
        }
    };

    html! {
        <nav class="file-tabs" aria-label="Files">
            <ul>{ for state.files.iter().map(tab) }</ul>
        </nav>
    }
}
