//! The summary a graph too large to draw at once opens with: one card per namespace with its
//! object counts and problem badge; a card opens that namespace's graph.

use std::collections::HashMap;

use crate::text::{counted, plural};
use manifesto_core::ObjectId;
use manifesto_core::graph::{Graph, NamespaceGroup};
use yew::prelude::*;

use super::data::{Badge, NamespaceFilter};
use crate::shared::Shared;

/// Graphs with more nodes than this open as the namespace summary.
pub const OVERVIEW_ABOVE_NODES: usize = 300;

/// Props of [`GraphOverview`].
#[derive(Properties, PartialEq)]
pub struct GraphOverviewProps {
    /// The whole graph.
    pub graph: Shared<Graph>,
    /// Each node's problem badge.
    pub counts: Shared<HashMap<ObjectId, Badge>>,
    /// Opens one namespace's graph.
    pub on_open: Callback<NamespaceFilter>,
    /// Draws every box anyway.
    pub on_draw_all: Callback<()>,
}

/// A namespace's card: its counts and the problems of its objects.
struct Card {
    group: NamespaceGroup,
    problems: Badge,
}

/// One card per namespace, the cluster-scoped objects last.
#[component]
pub fn GraphOverview(props: &GraphOverviewProps) -> Html {
    let cards = use_memo(
        (props.graph.clone(), props.counts.clone()),
        |(graph, counts)| {
            let mut problems: HashMap<Option<&str>, Badge> = HashMap::new();
            for node in graph.0.nodes() {
                if let Some(badge) = counts.0.get(&node.id) {
                    *problems.entry(node.namespace.as_deref()).or_default() += *badge;
                }
            }
            graph
                .0
                .namespace_groups()
                .into_iter()
                .map(|group| Card {
                    problems: problems
                        .get(&group.namespace.as_deref())
                        .copied()
                        .unwrap_or_default(),
                    group,
                })
                .collect::<Vec<_>>()
        },
    );
    let total = props.graph.0.nodes().len();
    let on_draw_all = {
        let on_draw_all = props.on_draw_all.clone();
        Callback::from(move |_: MouseEvent| on_draw_all.emit(()))
    };
    html! {
        <div class="graph-overview" data-testid="graph-overview">
            <p class="graph-overview-intro">
                { format!(
                    "{total} boxes in {}: too many to read at once. Open a namespace to see its graph, or ",
                    plural(cards.len(), "namespace")
                ) }
                <button type="button" class="link-button" data-testid="graph-draw-all" onclick={on_draw_all}>
                    { format!("draw all {total} boxes") }
                </button>
                { "." }
            </p>
            <ul class="namespace-groups">
                { for cards.iter().map(|card| card_html(card, &props.on_open)) }
            </ul>
        </div>
    }
}

fn card_html(card: &Card, on_open: &Callback<NamespaceFilter>) -> Html {
    let group = &card.group;
    let (filter, title) = match &group.namespace {
        Some(ns) => (NamespaceFilter::Named(ns.clone()), ns.clone()),
        None => (NamespaceFilter::ClusterScoped, "Cluster-scoped".to_owned()),
    };
    let onclick = {
        let on_open = on_open.clone();
        Callback::from(move |_: MouseEvent| on_open.emit(filter.clone()))
    };
    let kinds = group
        .kinds
        .iter()
        .take(4)
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect::<Vec<_>>()
        .join(", ");
    let more = group.kinds.len().saturating_sub(4);
    let problems = card.problems;
    html! {
        <li>
            <button
                type="button"
                class="namespace-group"
                data-testid="namespace-group"
                data-namespace={group.namespace.clone().unwrap_or_default()}
                data-objects={group.nodes.to_string()}
                data-problems={problems.count.to_string()}
                {onclick}
            >
                <span class="namespace-group-title">{ title }</span>
                <span class="namespace-group-count">{ counted(group.nodes, "box", "boxes") }</span>
                if problems.count > 0 {
                    <span
                        class={classes!("badge", if problems.serious { "badge-error" } else { "badge-warning" })}
                        title="Problems and review findings on its objects"
                    >{ problems.count }</span>
                }
                if group.broken_edges > 0 {
                    <span class="namespace-group-broken">{ plural(group.broken_edges, "broken link") }</span>
                }
                <span class="namespace-group-kinds">
                    { kinds }
                    if more > 0 { { format!(" and {}", plural(more, "more kind")) } }
                </span>
            </button>
        </li>
    }
}
