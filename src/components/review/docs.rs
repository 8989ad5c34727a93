//! A check's documentation: what it does, why it matters, an example and the fix, with a switch to
//! turn it on or off.

use manifesto_core::checks;
use manifesto_core::report::{Review, docs};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::shared::Shared;

use super::findings::{category_title, severity_badge};
use super::markdown;
use crate::state::{Action, AppContext};

/// Props of [`CheckDocs`].
#[derive(Properties, PartialEq)]
pub struct CheckDocsProps {
    /// The check's id.
    pub check: &'static str,
    /// The review (for the check's findings count).
    pub review: Shared<Review>,
}

/// The docs of one check.
#[component]
pub fn CheckDocs(props: &CheckDocsProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let Some(check) = checks::by_id(props.check) else {
        return html! { <p class="note">{ format!("There is no check named {}.", props.check) }</p> };
    };
    let enabled = state.settings.is_enabled(check);
    let onchange = {
        let state = state.clone();
        let id = check.id;
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            state.dispatch(Action::SetCheckEnabled(id.to_owned(), on));
        })
    };
    let found = props
        .review
        .findings
        .iter()
        .filter(|f| f.check == check.id)
        .count();
    let aliases = docs::describe_aliases(check);
    html! {
        <article class="rv-docs" data-testid="check-docs" data-check={check.id}>
            <header class="rv-docs-head">
                <h3><code>{ check.id }</code></h3>
                <div class="rv-docs-summary">{ markdown::render(check.summary, 4) }</div>
                <p class="rv-docs-meta">
                    <span class="rv-tag">{ category_title(check.category) }</span>
                    { severity_badge(check.severity) }
                    if !check.enabled_by_default {
                        <span class="rv-tag rv-opt-in">{ "opt-in" }</span>
                    }
                    <span class="note">
                        { match (enabled, found) {
                            (false, _) => "not run now".to_owned(),
                            (true, 0) => "nothing found here".to_owned(),
                            (true, 1) => "1 finding here".to_owned(),
                            (true, n) => format!("{n} findings here"),
                        } }
                    </span>
                </p>
                <label class="rv-switch">
                    <input type="checkbox" checked={enabled} {onchange} data-testid="docs-toggle" />
                    { if check.enabled_by_default { " Enabled (on by default)" } else { " Enabled (off by default)" } }
                </label>
            </header>
            <div class="rv-markdown">{ markdown::render(check.docs, 4) }</div>
            if !aliases.is_empty() {
                <div class="note rv-aliases">{ "The same problem in other linters: " }{ markdown::render(&aliases, 4) }</div>
            }
        </article>
    }
}
