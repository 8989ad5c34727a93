//! "Load a lesson pack": reads a pack file chosen by the user; the reducer parses it, and its
//! errors are shown here with their file:line:column.

use manifesto_core::lesson::MAX_PACK_BYTES;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{Action, AppContext, LearnAction, LoadedPack, Notice};

/// The file input and the errors of the last pack read.
#[component]
pub fn PackLoader() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // The same file can be chosen again after a fix.
            input.set_value("");
            let name = file.name();
            if file.size() > MAX_PACK_BYTES as f64 {
                state.dispatch(Action::Notify(Notice {
                    level: "warning",
                    text: format!(
                        "{name} is too large for a lesson pack (at most {} KB).",
                        MAX_PACK_BYTES / 1024
                    ),
                }));
                return;
            }
            let state = state.clone();
            spawn_local(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                match text {
                    Some(text) => {
                        state.dispatch(Action::Learn(LearnAction::LoadPack(LoadedPack {
                            name,
                            text,
                        })));
                    }
                    None => state.dispatch(Action::Notify(Notice {
                        level: "warning",
                        text: format!("{name} could not be read as text."),
                    })),
                }
            });
        })
    };
    let errors = &state.learn.errors;
    html! {
        <div class="pack-loader">
            <input type="file" id="load-pack" class="file-input visually-hidden" accept=".yaml,.yml" data-testid="load-pack" {onchange} />
            <label for="load-pack" class="button">{ "Load lesson pack\u{2026}" }</label>
            if !errors.is_empty() {
                <ul class="pack-errors" role="alert" data-testid="pack-errors">
                    { for errors.iter().map(|d| html! {
                        <li data-testid="pack-error" data-file={d.location.file.to_string()} data-line={d.location.line.to_string()} data-column={d.location.column.to_string()}>
                            <code>{ format!("{}:{}:{}", d.location.file, d.location.line, d.location.column) }</code>
                            { format!(" {}", d.message) }
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}
