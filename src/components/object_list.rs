//! The objects the manifests define, grouped by namespace and kind.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use manifesto_core::{LineIndex, Object};
use web_sys::{ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

use crate::state::{Action, AppContext};
use manifesto_core::checks::deprecated_api_replacement;

use crate::text::document_start_line;

/// The object list: clicking an object shows its source in the editor.
#[component]
pub fn ObjectList() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let list = use_node_ref();

    // Keep the selected object in view when the editor's cursor selects it.
    {
        let list = list.clone();
        use_effect_with(state.selected.clone(), move |selected| {
            let Some(id) = selected else { return };
            let Some(root) = list.cast::<web_sys::Element>() else {
                return;
            };
            let selector = format!(
                "[data-object-id=\"{}\"]",
                id.as_str().replace('\\', "\\\\").replace('"', "\\\"")
            );
            if let Ok(Some(el)) = root.query_selector(&selector) {
                let options = ScrollIntoViewOptions::new();
                options.set_block(ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    }

    // Cluster-scoped objects first, then each namespace; kinds alphabetically; objects in file order.
    let mut groups: BTreeMap<(bool, &str), BTreeMap<&str, Vec<&Object>>> = BTreeMap::new();
    for object in &state.model.objects {
        groups
            .entry((object.namespace.is_some(), object.ns()))
            .or_default()
            .entry(object.kind.as_str())
            .or_default()
            .push(object);
    }

    // Each file's lines, indexed once per analysis (not on every click): an object's row shows
    // the line its document starts at.
    let lines = {
        let model = state.model.clone();
        use_memo(Rc::as_ptr(&state.model) as usize, move |_| {
            model
                .files
                .iter()
                .enumerate()
                .map(|(i, f)| (f.name.clone(), (i, LineIndex::new(&f.text))))
                .collect::<FileLines>()
        })
    };

    let body = if groups.is_empty() {
        html! {
            <p class="empty-note">
                { "No objects yet. Paste manifests into the editor, upload files, or drop files or a folder on the page." }
            </p>
        }
    } else {
        html! {
            { for groups.iter().map(|((namespaced, namespace), kinds)| {
                let title = if *namespaced { format!("Namespace {namespace}") } else { "Cluster-scoped".to_owned() };
                let total: usize = kinds.values().map(Vec::len).sum();
                html! {
                    <section class="ns-group" aria-label={title.clone()}>
                        <h3 class="ns-title">
                            { title }
                            <span class="count">{ total }</span>
                        </h3>
                        { for kinds.iter().map(|(kind, objects)| html! {
                            <div class="kind-group">
                                <h4 class="kind-title">{ *kind }<span class="count">{ objects.len() }</span></h4>
                                <ul class="objects">
                                    { for objects.iter().map(|o| object_item(&state, &lines, o)) }
                                </ul>
                            </div>
                        }) }
                    </section>
                }
            }) }
        }
    };

    html! {
        <div class="object-list" data-testid="object-list" ref={list}>
            { body }
        </div>
    }
}

/// Each file's place in the model and its line index, by file name.
type FileLines = HashMap<String, (usize, LineIndex)>;

fn object_item(state: &AppContext, lines: &FileLines, object: &Object) -> Html {
    let selected = state.selected.as_ref() == Some(&object.id);
    let onclick = {
        let state = state.clone();
        let id = object.id.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Reveal(id.clone())))
    };
    let deprecated = deprecated_api_replacement(&object.api_version, &object.kind).is_some();
    let line = lines
        .get(&*object.file)
        .and_then(|(file, index)| Some((&state.model.files.get(*file)?.text, index)))
        .map_or(object.pos.line, |(text, index)| {
            document_start_line(text, index, object.pos.line)
        });
    html! {
        <li
            class={classes!("object", selected.then_some("selected"))}
            data-object-id={object.id.as_str().to_owned()}
            data-kind={object.kind.clone()}
            data-namespace={object.ns().to_owned()}
            data-name={object.name.clone()}
            data-file={object.file.to_string()}
            data-line={line.to_string()}
        >
            <button
                type="button"
                class="object-button"
                aria-current={selected.then_some("true")}
                title={format!("Show {} in the editor", object.id)}
                {onclick}
            >
                <span class="object-name">{ &object.name }</span>
                <span class="object-kind">{ &object.kind }</span>
                if deprecated {
                    <span class="badge badge-warning" title="This apiVersion is deprecated or no longer served">
                        { &object.api_version }
                    </span>
                }
                <span class="object-location">{ format!("{}:{line}", object.file) }</span>
            </button>
        </li>
    }
}
