//! The links that appear and disappear, and the notes on surprising changes.

use manifesto_core::diff::EdgeRef;
use yew::prelude::*;

use super::DiffProps;

fn edge(e: &EdgeRef, change: &'static str) -> Html {
    html! {
        <li class="cmp-edge" data-testid="diff-edge" data-change={change}
            data-from={e.from.to_string()} data-to={e.to.to_string()} data-relation={e.relation.as_str()}>
            <span class="cmp-badge" data-change={change}>{ change }</span>
            { format!(" {} ", e.from) }
            <em>{ e.relation.as_str() }</em>
            { format!(" {}", e.to) }
        </li>
    }
}

/// Links removed (broken), then added.
#[component]
pub fn LinkChanges(props: &DiffProps) -> Html {
    let edges = &props.diff.edges;
    if edges.is_empty() {
        return html! {};
    }
    html! {
        <section class="cmp-section" aria-label="Links">
            <h3>{ format!("Links ({} removed, {} added)", edges.removed.len(), edges.added.len()) }</h3>
            <ul class="cmp-edges">
                { for edges.removed.iter().map(|e| edge(e, "removed")) }
                { for edges.added.iter().map(|e| edge(e, "added")) }
            </ul>
        </section>
    }
}

/// Notes on changes that do not do what their authors often expect.
#[component]
pub fn Notes(props: &DiffProps) -> Html {
    let notes = &props.diff.notes;
    if notes.is_empty() {
        return html! {};
    }
    html! {
        <section class="cmp-section" aria-label="Worth knowing">
            <h3>{ "Worth knowing" }</h3>
            <ul class="cmp-notes">
                { for notes.iter().map(|n| html! {
                    <li class="cmp-note" data-testid="diff-note" data-object={n.object.to_string()}>
                        <strong>{ n.object.to_string() }</strong>{ ": " }{ &n.message }
                    </li>
                }) }
            </ul>
        </section>
    }
}
