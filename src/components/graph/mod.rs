//! The relationship graph view: the core's graph laid out in lanes (Ingress → Service →
//! workloads → ReplicaSets → pods → configuration), grouped by namespace, with zoom, pan,
//! filters, search, details and export.
//!
//! The graph is built once per analysis (cached on the model's pointer, so switching views does
//! not rebuild it), filtered, then laid out by the core; each step is memoised on its inputs, so
//! hovering, panning or zooming never recomputes the layout.

mod canvas;
mod data;
mod details;
mod edge;
mod export;
mod legend;
mod node;
mod overview;
mod progressive;
mod rollout;
mod toolbar;
mod viewport;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::{Rc, Weak};

use manifesto_core::diff::{GraphDelta, graph_delta};
use manifesto_core::graph::{Graph, GraphOptions, Layout, LayoutOptions, layout};
use manifesto_core::{Model, ObjectId};
use yew::prelude::*;

use self::canvas::{Emphasis, GraphCanvas, HEADER, fitted, opening, view_size};
use self::data::{
    Badge, Filters, NamespaceFilter, accessible_name, box_of, box_problems, filter, problem_counts,
    review_flags, search, spread_edges, troubled,
};
use self::details::{Focus, GraphDetails};
use self::edge::EdgeKey;
use self::legend::Legend;
use self::overview::{GraphOverview, OVERVIEW_ABOVE_NODES};
use self::toolbar::{Export, Toolbar};
use self::viewport::{ViewAction, ViewState};
use crate::shared::Shared;
use crate::state::{Action, AppContext};

thread_local! {
    /// Whether the graph takes the whole width, remembered while the page lives.
    static WIDE: Cell<bool> = const { Cell::new(false) };
    /// The graph of the last model, kept while that model lives.
    static GRAPH: RefCell<Option<(Weak<Model>, Rc<Graph>)>> = const { RefCell::new(None) };
}

/// The graph of `model`, built once per model.
fn graph_of(model: &Rc<Model>) -> Rc<Graph> {
    GRAPH.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((weak, graph)) = cache.as_ref()
            && weak.upgrade().is_some_and(|m| Rc::ptr_eq(&m, model))
        {
            return graph.clone();
        }
        let graph = Rc::new(Graph::build(model, &GraphOptions::default()));
        *cache = Some((Rc::downgrade(model), graph.clone()));
        graph
    })
}

/// The relationship graph of the loaded objects.
#[component]
pub fn GraphView() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let graph = {
        let model = state.model.clone();
        use_memo(Shared(model), |model| graph_of(&model.0))
    };
    let current: Shared<Graph> = Shared((*graph).clone());
    // With a baseline, the graph shows the change: the core adds the removed nodes and edges
    // back as ghosts and says what is added.
    let merged = use_memo(
        (current, state.baseline.clone().map(Shared)),
        |(current, baseline)| match baseline {
            Some(baseline) => {
                let mut delta = graph_delta(&baseline.graph, current);
                let graph = Shared(Rc::new(std::mem::take(&mut delta.graph)));
                (Some(Shared(Rc::new(delta))), graph)
            }
            None => (None, current.clone()),
        },
    );
    let delta: Option<Shared<GraphDelta>> = merged.0.clone();
    let graph: Shared<Graph> = merged.1.clone();
    // The review's errors and warnings join the graph's problems on the badges.
    let flagged = use_memo(
        (graph.clone(), Shared(state.review.clone())),
        |(graph, review)| review_flags(graph, review.open_findings()),
    );
    let flagged = Shared(flagged);

    let filters = use_state(Filters::default);
    // A large graph opens as its namespaces' summary until one is chosen or all are asked for.
    let draw_all = use_state_eq(|| false);
    let overview = graph.0.nodes().len() > OVERVIEW_ABOVE_NODES
        && filters.namespace == NamespaceFilter::All
        && !*draw_all;
    let expanded = use_state(|| Rc::new(BTreeSet::<ObjectId>::new()));
    let query = use_state(String::new);
    // Plain `use_state`: memoised callbacks hold old handles, and `use_state_eq` would compare
    // with the value of their time.
    let hovered = use_state(|| None::<ObjectId>);
    let focus = use_state(|| None::<Focus>);
    let view = use_reducer(ViewState::default);
    let status = use_state(|| None::<AttrValue>);
    let wide = use_state_eq(|| WIDE.get());
    let svg_ref = use_node_ref();

    let shown = use_memo(
        (graph.clone(), (*filters).clone(), flagged.clone(), overview),
        |(graph, filters, flagged, overview)| {
            if *overview {
                // Nothing is laid out while the summary shows.
                return Shared(Rc::new(Graph::default()));
            }
            Shared(filter(graph, filters, flagged).map_or_else(|| graph.0.clone(), Rc::new))
        },
    );
    let laid = use_memo(
        ((*shown).clone(), (*expanded).clone()),
        |(shown, expanded)| {
            let options = LayoutOptions {
                expanded: (**expanded).clone(),
                ..LayoutOptions::default()
            };
            layout(shown, &options)
        },
    );
    // The rollout simulator's current step: its ReplicaSets with their pods.
    let passes = use_memo(
        (Shared(state.model.clone()), state.rollout_view.clone()),
        |(model, view)| view.as_ref().and_then(|v| rollout::pass_count(model, v)),
    );
    let rollout_note = use_memo(
        (graph.clone(), state.rollout_view.clone(), *passes),
        |(graph, view, passes)| view.as_ref().and_then(|v| rollout::note(graph, v, *passes)),
    );
    let rolled = use_memo(
        (Shared(laid), graph.clone(), state.rollout_view.clone()),
        |(laid, graph, view)| match view.as_ref().and_then(|v| rollout::apply(laid, graph, v)) {
            Some((rolled, pods)) => (Shared(Rc::new(rolled)), Shared(Rc::new(pods))),
            None => (laid.clone(), Shared(Rc::new(Vec::new()))),
        },
    );
    let laid: Shared<Layout> = rolled.0.clone();
    let pods = rolled.1.clone();
    let counts = use_memo((graph.clone(), flagged.clone()), |(graph, flagged)| {
        problem_counts(graph, flagged)
    });
    let boxes = use_memo(
        (laid.clone(), graph.clone(), Shared(counts.clone())),
        |(laid, graph, counts)| {
            let problems: Vec<Badge> = laid.nodes.iter().map(|n| box_problems(n, counts)).collect();
            let names: Vec<String> = laid
                .nodes
                .iter()
                .zip(&problems)
                .map(|(n, p)| accessible_name(n, graph, p.count))
                .collect();
            (
                Shared(Rc::new(names)),
                Shared(Rc::new(problems)),
                Shared(Rc::new(spread_edges(laid))),
            )
        },
    );
    let matches = use_memo((laid.clone(), (*query).clone()), |(laid, query)| {
        search(laid, query).map(|m| Shared(Rc::new(m)))
    });
    let (namespaces, kinds, troubled_count) = {
        let memo = use_memo((graph.clone(), flagged.clone()), |(graph, flagged)| {
            // In name order, cluster-scoped last, as in the drawing and the summary.
            let namespaces: Vec<Option<String>> = graph
                .namespace_groups()
                .into_iter()
                .map(|group| group.namespace)
                .collect();
            let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
            for node in graph.nodes() {
                *kinds.entry(node.kind.clone()).or_default() += 1;
            }
            let troubled = troubled(graph, flagged).len();
            (
                Shared(Rc::new(namespaces)),
                Shared(Rc::new(kinds.into_iter().collect::<Vec<_>>())),
                troubled,
            )
        });
        (memo.0.clone(), memo.1.clone(), memo.2)
    };

    // Fit the drawing when the view opens, when other files are loaded and when the filters
    // change; typing keeps the view where it is.
    {
        let laid = laid.clone();
        let view = view.dispatcher();
        let svg = svg_ref.clone();
        let empty = laid.nodes.is_empty();
        use_effect_with(
            ((*filters).clone(), state.content_rev, empty, *wide),
            move |_| {
                if let Some(v) = opening(&laid, &svg) {
                    view.dispatch(ViewAction::Set(v));
                }
            },
        );
    }

    // The object selected elsewhere (the editor's cursor, the object list) is selected here and
    // scrolled into view; a simulated object keeps the selection when the cursor lands on the
    // object that creates it.
    {
        let focus = focus.clone();
        let graph = graph.clone();
        let laid = laid.clone();
        let view = view.dispatcher();
        let svg = svg_ref.clone();
        use_effect_with(state.selected.clone(), move |selected| {
            let Some(id) = selected else { return };
            let keep = match &*focus {
                Some(Focus::Node(current)) => current == id || graph.root_owner(current) == id,
                _ => false,
            };
            if !keep && graph.node(id).is_some() {
                focus.set(Some(Focus::Node(id.clone())));
            }
            if let Some(b) = box_of(&laid, id) {
                view.dispatch(ViewAction::Reveal(
                    (b.x, b.y + HEADER, b.w, b.h),
                    view_size(&svg),
                ));
            }
        });
    }

    let on_activate = {
        let state = state.clone();
        let focus = focus.clone();
        let expanded = expanded.clone();
        use_callback(
            (laid.clone(), graph.clone(), delta.clone()),
            move |id: ObjectId, (laid, graph, delta)| {
                let Some(b) = laid.nodes.iter().find(|n| n.id == id) else {
                    return;
                };
                if let Some(stack) = &b.stack {
                    let mut next = (**expanded).clone();
                    next.insert(stack.owner.clone());
                    expanded.set(Rc::new(next));
                    return;
                }
                focus.set(Some(Focus::Node(id.clone())));
                // A ghost is written only in the baseline: nothing to show in the editor.
                if delta
                    .as_ref()
                    .is_some_and(|d| d.removed_nodes.contains(&id))
                {
                    return;
                }
                if state.model.get(&id).is_some() {
                    state.dispatch(Action::Reveal(id));
                } else if let Some(node) = graph.node(&id) {
                    // A simulated object: the field of its owner that creates it; a missing one:
                    // the reference to it.
                    let location = node
                        .source
                        .clone()
                        .or_else(|| graph.incoming(&id).find_map(|e| e.location.clone()));
                    if let Some(location) = location {
                        state.dispatch(Action::GoTo(location));
                    }
                }
            },
        )
    };
    let on_open = {
        let focus = focus.clone();
        let on_activate = on_activate.clone();
        let view = view.dispatcher();
        let svg = svg_ref.clone();
        use_callback(
            (laid.clone(), on_activate),
            move |id: ObjectId, (laid, on_activate)| {
                match box_of(laid, &id) {
                    Some(b) if b.id == id => {
                        view.dispatch(ViewAction::Reveal(
                            (b.x, b.y + HEADER, b.w, b.h),
                            view_size(&svg),
                        ));
                        on_activate.emit(id);
                    }
                    // Collapsed into a stack, or hidden by the filters: show its details anyway.
                    _ => focus.set(Some(Focus::Node(id))),
                }
            },
        )
    };
    let on_hover = {
        let hovered = hovered.clone();
        use_callback((), move |id: Option<ObjectId>, ()| hovered.set(id))
    };
    let on_focus_node = {
        let view = view.dispatcher();
        let svg = svg_ref.clone();
        use_callback(laid.clone(), move |id: ObjectId, laid| {
            if let Some(b) = laid.nodes.iter().find(|n| n.id == id) {
                view.dispatch(ViewAction::Reveal(
                    (b.x, b.y + HEADER, b.w, b.h),
                    view_size(&svg),
                ));
            }
        })
    };
    let on_edge = {
        let focus = focus.clone();
        use_callback((), move |key: EdgeKey, ()| {
            focus.set(Some(Focus::Edge(key)));
        })
    };
    let on_view = {
        let view = view.dispatcher();
        use_callback((), move |action: ViewAction, ()| view.dispatch(action))
    };
    let on_zoom = {
        let view = view.dispatcher();
        let svg = svg_ref.clone();
        Callback::from(move |factor: f64| {
            let size = view_size(&svg);
            view.dispatch(ViewAction::ZoomAt {
                factor,
                x: size.w / 2.0,
                y: size.h / 2.0,
            });
        })
    };
    let on_fit = {
        let view = view.dispatcher();
        let svg = svg_ref.clone();
        let laid = laid.clone();
        Callback::from(move |()| {
            if let Some(v) = fitted(&laid, &svg) {
                view.dispatch(ViewAction::Set(v));
            }
        })
    };
    let on_wide = {
        let wide = wide.clone();
        Callback::from(move |on: bool| {
            WIDE.set(on);
            wide.set(on);
        })
    };
    let on_filters = {
        let filters = filters.clone();
        Callback::from(move |next: Filters| filters.set(next))
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |text: String| query.set(text))
    };
    let on_search_enter = {
        let on_open = on_open.clone();
        let laid = laid.clone();
        let matches = matches.clone();
        Callback::from(move |()| {
            let first = laid
                .nodes
                .iter()
                .find(|n| matches.as_ref().as_ref().is_some_and(|m| m.contains(&n.id)));
            if let Some(first) = first {
                on_open.emit(first.id.clone());
            }
        })
    };
    let on_expand = {
        let expanded = expanded.clone();
        Callback::from(move |(owner, open): (ObjectId, bool)| {
            let mut next = (**expanded).clone();
            let changed = if open {
                next.insert(owner)
            } else {
                next.remove(&owner)
            };
            if changed {
                expanded.set(Rc::new(next));
            }
        })
    };
    let on_collapse_all = {
        let expanded = expanded.clone();
        Callback::from(move |()| expanded.set(Rc::new(BTreeSet::new())))
    };
    let on_close = {
        let focus = focus.clone();
        Callback::from(move |()| focus.set(None))
    };
    // An export draws the whole drawing first (a large one is drawn only around the view), and
    // runs once it is drawn.
    let exporting = use_state_eq(|| None::<Export>);
    let on_export = {
        let exporting = exporting.clone();
        Callback::from(move |kind: Export| exporting.set(Some(kind)))
    };
    {
        let exporting = exporting.clone();
        let svg = svg_ref.clone();
        let laid = laid.clone();
        let status = status.clone();
        use_effect_with(*exporting, move |kind| {
            if let (Some(kind), Some(el)) = (*kind, svg.cast::<web_sys::Element>()) {
                status.set(export_drawing(kind, &el, &laid, &status));
            }
            if kind.is_some() {
                exporting.set(None);
            }
        });
    }

    let selected = match &*focus {
        Some(Focus::Node(id)) => box_of(&laid, id).map(|b| b.id.clone()),
        _ => None,
    }
    .or_else(|| {
        state
            .selected
            .as_ref()
            .and_then(|id| box_of(&laid, id))
            .map(|b| b.id.clone())
    });
    let emphasis = Emphasis {
        hovered: (*hovered).clone(),
        selected,
        edge: match &*focus {
            Some(Focus::Edge(key)) => Some(key.clone()),
            _ => None,
        },
        matches: (*matches).clone(),
    };
    let hidden_all = laid.nodes.is_empty() && !graph.nodes().is_empty() && !overview;
    let on_open_namespace = {
        let filters = filters.clone();
        Callback::from(move |namespace: NamespaceFilter| {
            filters.set(Filters {
                namespace,
                ..(*filters).clone()
            });
        })
    };
    let on_draw_all = {
        let draw_all = draw_all.clone();
        Callback::from(move |()| draw_all.set(true))
    };

    html! {
        <section class="graph-view" data-view="graph" data-wide={wide.to_string()} aria-label="The relationship graph">
            <Toolbar
                filters={(*filters).clone()}
                namespaces={namespaces}
                kinds={kinds}
                query={AttrValue::from((*query).clone())}
                matches={matches.as_ref().as_ref().map(|m| m.len())}
                zoom={view.viewport.k}
                troubled={troubled_count}
                expanded={expanded.len()}
                status={(*status).clone()}
                wide={*wide}
                {on_wide}
                {on_filters}
                {on_query}
                {on_search_enter}
                {on_zoom}
                {on_fit}
                {on_collapse_all}
                {on_export}
            />
            if let Some(text) = (*rollout_note).clone() {
                <p class="graph-rollout-note" data-testid="graph-rollout-note" role="status">{ text }</p>
            }
            <div class="graph-stage">
                if overview {
                    <GraphOverview
                        graph={graph.clone()}
                        counts={Shared(counts.clone())}
                        on_open={on_open_namespace}
                        {on_draw_all}
                    />
                } else {
                <GraphCanvas
                    layout={laid.clone()}
                    curves={boxes.2.clone()}
                    names={boxes.0.clone()}
                    problems={boxes.1.clone()}
                    {pods}
                    {emphasis}
                    delta={delta.clone()}
                    view={*view}
                    {on_view}
                    {on_activate}
                    {on_hover}
                    on_focus={on_focus_node}
                    {on_edge}
                    svg_ref={svg_ref.clone()}
                    culled={laid.nodes.len() > OVERVIEW_ABOVE_NODES && exporting.is_none()}
                />
                }
                if graph.nodes().is_empty() {
                    <p class="graph-empty">{ "No objects yet: load or paste manifests to see how they relate." }</p>
                } else if hidden_all {
                    <p class="graph-empty">{ "The filters hide every object." }</p>
                }
            </div>
            if let Some(current) = (*focus).clone() {
                <GraphDetails
                    key={format!("{current:?}")}
                    focus={current.clone()}
                    graph={graph.clone()}
                    layout={laid.clone()}
                    flagged={flagged.clone()}
                    expanded={Shared((*expanded).clone())}
                    {on_open}
                    {on_expand}
                    {on_close}
                />
            }
            <Legend changes={delta.is_some()} />
        </section>
    }
}

/// Exports the drawn graph as `kind`; the status to show (`None` when it went well).
fn export_drawing(
    kind: Export,
    svg: &web_sys::Element,
    laid: &Layout,
    status: &UseStateHandle<Option<AttrValue>>,
) -> Option<AttrValue> {
    let size = canvas::content_size(laid);
    let result = match kind {
        Export::Svg => export::download_svg(svg, size.w, size.h),
        Export::Png => {
            let status = status.clone();
            export::download_png(svg, size.w, size.h, move |err| {
                status.set(Some(format!("The PNG could not be made: {err}").into()));
            })
        }
    };
    result
        .err()
        .map(|err| format!("The export failed: {}", export::describe(&err)).into())
}
