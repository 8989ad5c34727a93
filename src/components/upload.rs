//! The upload button (several files at once) and the "replace" switch that also applies to
//! dropped files.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::loader::{LoadRequest, use_file_loader};
use crate::state::{Action, AppContext};

/// Upload, new file and remove-all controls.
#[component]
pub fn FileControls() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let load = use_file_loader(state.dispatcher());
    let replace = state.replace_on_load;

    let onchange = {
        let load = load.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let files = (0..list.length())
                .filter_map(|i| list.get(i))
                .map(|f| (f.name(), f))
                .collect();
            load.emit(LoadRequest {
                files,
                replace,
                skipped: Vec::new(),
            });
            // Let the same file be chosen again later.
            input.set_value("");
        })
    };
    let on_replace = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::SetReplaceOnLoad(input.checked()));
        })
    };
    let on_new = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::NewFile))
    };
    let on_remove_all = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::RemoveAll))
    };

    html! {
        <div class="file-controls">
            <input
                id="file-input"
                class="visually-hidden file-input"
                type="file"
                multiple=true
                accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
                data-testid="file-input"
                {onchange}
            />
            <label for="file-input" class="button button-primary" title="Open .yaml, .yml or .json files (you can also drop files or a folder on the page)">
                { if replace { "Open files\u{2026}" } else { "Add files\u{2026}" } }
            </label>
            <label class="check" title="When on, uploaded or dropped files replace the loaded ones instead of joining them">
                <input type="checkbox" data-testid="replace-files" checked={replace} onchange={on_replace} />
                { "Replace loaded files" }
            </label>
            <button type="button" class="button" onclick={on_new}>{ "New file" }</button>
            <button
                type="button"
                class="button"
                data-testid="remove-all"
                onclick={on_remove_all}
                disabled={state.files.is_empty()}
            >{ "Remove all" }</button>
        </div>
    }
}
