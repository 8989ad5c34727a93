//! The changed objects with their badges and changed fields.

use manifesto_core::ObjectId;
use manifesto_core::diff::{Diff, FieldChange, ObjectChange};
use yew::prelude::*;

use super::DiffProps;
use crate::state::{Action, AppContext};

/// A value in one line, cut to 80 characters (Secret values arrive masked by the core).
fn show(value: Option<&serde_json::Value>) -> String {
    let Some(value) = value else {
        return "(unset)".to_owned();
    };
    let text = value.to_string();
    if text.chars().count() > 80 {
        format!("{}…", text.chars().take(79).collect::<String>())
    } else {
        text
    }
}

fn field(f: &FieldChange) -> Html {
    html! {
        <li class="cmp-field" data-path={f.path.clone()}>
            <code class="cmp-path">{ &f.path }</code>
            <span class="cmp-old">{ show(f.old.as_ref()) }</span>
            <span aria-hidden="true">{ " → " }</span>
            <span class="cmp-new">{ show(f.new.as_ref()) }</span>
        </li>
    }
}

fn object(o: &ObjectChange, state: &AppContext) -> Html {
    let onclick = {
        let state = state.clone();
        let id: ObjectId = o.id.clone();
        let present = o.new_at.is_some();
        Callback::from(move |_: MouseEvent| {
            if present {
                state.dispatch(Action::Reveal(id.clone()));
            }
        })
    };
    html! {
        <li class="cmp-object" data-testid="diff-object" data-id={o.id.to_string()} data-change={o.change.as_str()}>
            <button type="button" class="cmp-object-name" {onclick} disabled={o.new_at.is_none()}
                title={if o.new_at.is_some() { "Show it in the editor" } else { "Only in the baseline" }}>
                <span class="cmp-badge" data-change={o.change.as_str()}>{ o.change.as_str() }</span>
                { " " }
                { o.id.to_string() }
            </button>
            if !o.fields.is_empty() {
                <ul class="cmp-fields">{ for o.fields.iter().map(field) }</ul>
            }
        </li>
    }
}

/// The objects added, removed and changed.
#[component]
pub fn ObjectChanges(props: &DiffProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let diff: &Diff = &props.diff;
    html! {
        <section class="cmp-section" aria-label="Objects">
            <h3>{ format!("Objects ({})", diff.objects.len()) }</h3>
            <ul class="cmp-objects">{ for diff.objects.iter().map(|o| object(o, &state)) }</ul>
        </section>
    }
}
