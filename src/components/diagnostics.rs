//! The problems met while reading the files, rendered rustc-style; clicking one selects its
//! line in the editor.

use std::collections::HashMap;

use manifesto_core::{Diagnostic, LineIndex, Model};
use yew::prelude::*;

use crate::components::more::{FIRST_ROWS, ShowMore, use_row_limit};
use crate::state::{Action, AppContext};
use crate::text::plural;

/// The list of diagnostics under the editor.
#[component]
pub fn Diagnostics() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let diagnostics = state.diagnostics.clone();
    let (drawn, on_show) = use_row_limit(FIRST_ROWS, diagnostics.len());
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == manifesto_core::Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    // One line index per file, built on first use, so many diagnostics in a large file do not
    // each scan it from the start.
    let mut indexes: HashMap<String, LineIndex> = HashMap::new();
    let summary = match (errors, warnings) {
        (0, 0) => "No problems".to_owned(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    };

    html! {
        <section
            class={classes!("diagnostics", state.analysis.running().then_some("stale"))}
            aria-labelledby="diagnostics-title"
        >
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
                    { for diagnostics.iter().take(drawn).map(|d| {
                        let snippet = snippet(&state.model, &mut indexes, d);
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
                                data-file={location.file.to_string()}
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
                <ShowMore shown={drawn} total={diagnostics.len()} step={FIRST_ROWS} noun="problem" {on_show} />
            }
        </section>
    }
}

/// The source line under the diagnostic with a caret under its column, rustc-style; the values
/// of Secrets are masked by the core.
fn snippet(
    model: &Model,
    indexes: &mut HashMap<String, LineIndex>,
    d: &Diagnostic,
) -> Option<String> {
    let file = model.file(&d.location.file)?;
    let index = indexes
        .entry(file.name.clone())
        .or_insert_with(|| LineIndex::new(&file.text));
    let line = index.snippet(&file.text, d.location.line)?;
    d.excerpt(Some(&line))
}
