//! The problems met while reading the files, rendered rustc-style; clicking one selects its
//! line in the editor.

use manifesto_core::{Diagnostic, Model};
use yew::prelude::*;

use crate::state::{Action, AppContext};
use crate::text::masked;

/// The list of diagnostics under the editor.
#[component]
pub fn Diagnostics() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let diagnostics = state.diagnostics.clone();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == manifesto_core::Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    let summary = match (errors, warnings) {
        (0, 0) => "No problems".to_owned(),
        (e, 0) => count(e, "error"),
        (0, w) => count(w, "warning"),
        (e, w) => format!("{}, {}", count(e, "error"), count(w, "warning")),
    };

    html! {
        <section class="diagnostics" aria-labelledby="diagnostics-title">
            <h2 id="diagnostics-title" class="pane-title">
                { "Problems " }
                <span class={classes!("count", (errors > 0).then_some("count-error"))}>{ summary }</span>
            </h2>
            if state.files.is_empty() {
                <p class="empty-note">{ "Nothing loaded yet." }</p>
            } else if diagnostics.is_empty() {
                <p class="empty-note">{ "The manifests were read without problems." }</p>
            } else {
                // A click anywhere on an item (or Enter on its location button, whose click
                // bubbles up) shows the line.
                <ul class="diagnostic-list">
                    { for diagnostics.iter().map(|d| {
                        let snippet = snippet(&state.model, d);
                        let location = d.location.clone();
                        let onclick = {
                            let state = state.clone();
                            let location = location.clone();
                            Callback::from(move |_: MouseEvent| state.dispatch(Action::GoTo(location.clone())))
                        };
                        html! {
                            <li
                                class="diagnostic"
                                data-testid="diagnostic"
                                data-severity={d.severity.as_str()}
                                data-file={location.file.clone()}
                                data-line={location.line.to_string()}
                                data-column={location.column.to_string()}
                                {onclick}
                            >
                                <div class="diagnostic-head">
                                    <span class="severity">{ d.severity.as_str() }{ ": " }</span>
                                    <span class="message">{ &d.message }</span>
                                </div>
                                <button type="button" class="diagnostic-location" title="Show this line in the editor">
                                    { "--> " }{ location.to_string() }
                                </button>
                                if let Some(snippet) = snippet {
                                    <pre class="snippet" aria-hidden="true">{ snippet }</pre>
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The source line under the diagnostic with a caret under its column, rustc-style; the values
/// of Secrets are masked.
fn snippet(model: &Model, d: &Diagnostic) -> Option<String> {
    let file = model.file(&d.location.file)?;
    let line = file.line_text(d.location.line)?;
    let line = if in_secret_data(model, d) {
        mask_value(line)
    } else {
        line.to_owned()
    };
    let gutter = d.location.line.to_string();
    let pad = " ".repeat(gutter.len());
    let caret = " ".repeat(d.location.column.saturating_sub(1));
    Some(format!("{pad} |\n{gutter} | {line}\n{pad} | {caret}^"))
}

/// Whether the diagnostic points into the `data` or `stringData` of a Secret.
fn in_secret_data(model: &Model, d: &Diagnostic) -> bool {
    model
        .of_kind("Secret")
        .filter(|o| o.file == d.location.file)
        .any(|o| {
            let (_, last) = o.line_range();
            let first = ["data", "stringData"]
                .iter()
                .filter_map(|key| o.find(key))
                .map(|l| l.line)
                .min();
            first.is_some_and(|first| (first..=last).contains(&d.location.line))
        })
}

/// The line with whatever follows its key masked (`password: ••••`).
fn mask_value(line: &str) -> String {
    match line.find(':') {
        Some(colon) => {
            let (key, value) = line.split_at(colon + 1);
            let value = value.trim();
            if value.is_empty() {
                key.to_owned()
            } else {
                format!("{key} {}", masked(value, 8))
            }
        }
        None => {
            let indent = line.len() - line.trim_start().len();
            format!("{}{}", &line[..indent], masked(line.trim(), 8))
        }
    }
}
