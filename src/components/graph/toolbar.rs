//! The graph's toolbar: zoom and fit, namespace and kind filters, search, "only problems",
//! and export. Every control is a native form control, so it works from the keyboard.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::data::{Filters, NamespaceFilter};
use super::viewport::Viewport;
use crate::shared::Shared;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// An SVG file.
    Svg,
    /// A PNG image.
    Png,
}

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The current filters.
    pub filters: Filters,
    /// The namespaces of the graph (`None`: cluster-scoped objects).
    pub namespaces: Shared<Vec<Option<String>>>,
    /// The kinds of the graph, with how many objects each.
    pub kinds: Shared<Vec<(String, usize)>>,
    /// The search text.
    pub query: AttrValue,
    /// How many boxes match the search (`None`: no search).
    pub matches: Option<usize>,
    /// The current scale.
    pub zoom: f64,
    /// Objects with problems in the whole graph.
    pub troubled: usize,
    /// How many stacks are shown one by one.
    pub expanded: usize,
    /// A message about the last export.
    pub status: Option<AttrValue>,
    /// Whether the graph takes the editor's room too.
    pub wide: bool,
    /// Widen (`true`) or narrow the graph.
    pub on_wide: Callback<bool>,
    /// The filters changed.
    pub on_filters: Callback<Filters>,
    /// The search text changed.
    pub on_query: Callback<String>,
    /// Enter pressed in the search box.
    pub on_search_enter: Callback<()>,
    /// Zoom by a factor around the centre.
    pub on_zoom: Callback<f64>,
    /// Fit the graph to the view.
    pub on_fit: Callback<()>,
    /// Collapse every expanded stack.
    pub on_collapse_all: Callback<()>,
    /// Export the graph.
    pub on_export: Callback<Export>,
}

/// The toolbar above the canvas.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let zoom = |factor: f64| {
        let on_zoom = props.on_zoom.clone();
        Callback::from(move |_: MouseEvent| on_zoom.emit(factor))
    };
    let on_fit = {
        let on_fit = props.on_fit.clone();
        Callback::from(move |_: MouseEvent| on_fit.emit(()))
    };
    let on_namespace = {
        let on_filters = props.on_filters.clone();
        let filters = props.filters.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_filters.emit(Filters {
                namespace: NamespaceFilter::from_key(&select.value()),
                ..filters.clone()
            });
        })
    };
    let on_problems = {
        let on_filters = props.on_filters.clone();
        let filters = props.filters.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_filters.emit(Filters {
                only_problems: input.checked(),
                ..filters.clone()
            });
        })
    };
    let on_query = {
        let on_query = props.on_query.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_query.emit(input.value());
        })
    };
    let on_search_key = {
        let on_search_enter = props.on_search_enter.clone();
        let on_query = props.on_query.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                on_search_enter.emit(());
            }
            "Escape" => on_query.emit(String::new()),
            _ => {}
        })
    };
    let export = |kind: Export| {
        let on_export = props.on_export.clone();
        Callback::from(move |_: MouseEvent| on_export.emit(kind))
    };
    let on_collapse_all = {
        let on_collapse_all = props.on_collapse_all.clone();
        Callback::from(move |_: MouseEvent| on_collapse_all.emit(()))
    };
    let on_wide = {
        let on_wide = props.on_wide.clone();
        let wide = props.wide;
        Callback::from(move |_: MouseEvent| on_wide.emit(!wide))
    };
    let current_ns = props.filters.namespace.key();
    let hidden = props.filters.hidden_kinds.len();

    html! {
        <div class="graph-toolbar" role="toolbar" aria-label="Graph controls">
            <div class="tool-group" role="group" aria-label="Zoom">
                <button type="button" class="button" data-testid="zoom-out" aria-label="Zoom out" title="Zoom out (\u{2212})" onclick={zoom(1.0 / Viewport::STEP)}>{ "\u{2212}" }</button>
                <span class="zoom-level" data-testid="zoom-level" aria-live="polite">{ format!("{:.0}%", props.zoom * 100.0) }</span>
                <button type="button" class="button" data-testid="zoom-in" aria-label="Zoom in" title="Zoom in (+)" onclick={zoom(Viewport::STEP)}>{ "+" }</button>
                <button type="button" class="button" data-testid="zoom-fit" title="Fit the graph to the view (0 or F)" onclick={on_fit}>{ "Fit" }</button>
                <button
                    type="button"
                    class="button"
                    data-testid="graph-wide"
                    aria-pressed={props.wide.to_string()}
                    title={if props.wide { "Show the editor again" } else { "Give the graph the editor's room too" }}
                    onclick={on_wide}
                >{ if props.wide { "Show editor" } else { "Full width" } }</button>
            </div>
            <label class="control">
                <span class="control-label">{ "Namespace" }</span>
                <select data-testid="graph-namespace" onchange={on_namespace}>
                    <option value="*" selected={current_ns == "*"}>{ "All" }</option>
                    { for props.namespaces.iter().map(|ns| {
                        let filter = match ns {
                            Some(ns) => NamespaceFilter::Named(ns.clone()),
                            None => NamespaceFilter::ClusterScoped,
                        };
                        let key = filter.key();
                        let label = ns.clone().unwrap_or_else(|| "(cluster-scoped)".to_owned());
                        let selected = current_ns == key;
                        html! { <option {selected} value={key}>{ label }</option> }
                    }) }
                </select>
            </label>
            <details class="kind-filter">
                <summary data-testid="graph-kinds">
                    { if hidden == 0 { "Kinds: all".to_owned() } else { format!("Kinds: {hidden} hidden") } }
                </summary>
                <fieldset class="kind-list">
                    <legend class="visually-hidden">{ "Kinds shown" }</legend>
                    { for props.kinds.iter().map(|(kind, count)| {
                        let shown = !props.filters.hidden_kinds.contains(kind);
                        let onchange = {
                            let on_filters = props.on_filters.clone();
                            let filters = props.filters.clone();
                            let kind = kind.clone();
                            Callback::from(move |e: Event| {
                                let input: HtmlInputElement = e.target_unchecked_into();
                                let mut next = filters.clone();
                                if input.checked() {
                                    next.hidden_kinds.remove(&kind);
                                } else {
                                    next.hidden_kinds.insert(kind.clone());
                                }
                                on_filters.emit(next);
                            })
                        };
                        html! {
                            <label class="check">
                                <input type="checkbox" data-testid="graph-kind" data-kind={kind.clone()} checked={shown} {onchange} />
                                { kind }<span class="count">{ count }</span>
                            </label>
                        }
                    }) }
                </fieldset>
            </details>
            <label class="control search">
                <span class="visually-hidden">{ "Search objects by name" }</span>
                <input
                    type="search"
                    data-testid="graph-search"
                    placeholder="Search by name"
                    value={props.query.clone()}
                    oninput={on_query}
                    onkeydown={on_search_key}
                />
                if let Some(n) = props.matches {
                    <span class="match-count" aria-live="polite">{ if n == 1 { "1 match".to_owned() } else { format!("{n} matches") } }</span>
                }
            </label>
            <label class="check">
                <input type="checkbox" data-testid="only-problems" checked={props.filters.only_problems} onchange={on_problems} />
                { "Only problems" }
                <span class={classes!("count", (props.troubled > 0).then_some("count-error"))}>{ props.troubled }</span>
            </label>
            if props.expanded > 0 {
                <button type="button" class="button" data-testid="collapse-all" onclick={on_collapse_all}>{ "Collapse pods" }</button>
            }
            <div class="tool-group export" role="group" aria-label="Export">
                <button type="button" class="button" data-testid="export-svg" aria-label="Export as SVG" title="Download the graph as manifesto-graph.svg" onclick={export(Export::Svg)}>{ "SVG" }</button>
                <button type="button" class="button" data-testid="export-png" aria-label="Export as PNG" title="Download the graph as manifesto-graph.png" onclick={export(Export::Png)}>{ "PNG" }</button>
            </div>
            if let Some(status) = &props.status {
                <p class="export-status" role="status">{ status }</p>
            }
        </div>
    }
}
