//! One edge of the graph: a curve styled by its relation, red and dashed with a short reason
//! when broken, and a wider invisible stroke that takes the clicks.

use manifesto_core::graph::{EdgePath, Layout, Point, Relation};
use yew::prelude::*;

use super::data::{midpoint, path_data, short_reason};
use crate::shared::Shared;

/// Which drawn edge: its two boxes and its relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeKey {
    /// The box it leaves.
    pub from: manifesto_core::ObjectId,
    /// The box it reaches.
    pub to: manifesto_core::ObjectId,
    /// Its relation.
    pub relation: Relation,
}

impl EdgeKey {
    /// The key of a drawn edge.
    pub fn of(edge: &EdgePath) -> Self {
        EdgeKey {
            from: edge.from.clone(),
            to: edge.to.clone(),
            relation: edge.relation,
        }
    }
}

/// The id of the arrowhead marker of an edge.
pub fn marker_id(relation: Relation, ok: bool) -> String {
    if ok {
        format!("graph-arrow-{}", relation.as_str())
    } else {
        "graph-arrow-broken".to_owned()
    }
}

/// The arrowheads, one per relation plus the broken one.
pub fn markers() -> Html {
    let marker = |id: String, class: String| {
        html! {
            <marker
                {id}
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                markerUnits="userSpaceOnUse"
                orient="auto-start-reverse"
            >
                <path d="M0,1 L10,5 L0,9 z" {class} />
            </marker>
        }
    };
    html! {
        <defs>
            { for Relation::ALL.iter().map(|r| marker(marker_id(*r, true), format!("arrow rel-{}", r.as_str()))) }
            { marker(marker_id(Relation::Owns, false), "arrow broken".to_owned()) }
        </defs>
    }
}

/// How an edge is emphasised.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct EdgeLook {
    /// Faded: it does not touch the hovered box, or neither end matches the search.
    pub dimmed: bool,
    /// It touches the hovered box.
    pub lit: bool,
    /// The selected edge.
    pub selected: bool,
    /// The box it reaches is missing.
    pub target_missing: bool,
    /// `added` or `removed` since the Compare view's baseline.
    pub change: Option<&'static str>,
}

/// Props of [`GraphEdge`].
#[derive(Properties, PartialEq)]
pub struct GraphEdgeProps {
    /// The drawing.
    pub layout: Shared<Layout>,
    /// Each edge's curve, in layout order.
    pub curves: Shared<Vec<Vec<Point>>>,
    /// The edge's place in the layout.
    pub index: usize,
    /// How it is emphasised.
    pub look: EdgeLook,
    /// It was clicked.
    pub on_select: Callback<EdgeKey>,
}

/// One edge as a component: drawing the scene again redraws only the edges whose look changed.
#[component]
pub fn GraphEdge(props: &GraphEdgeProps) -> Html {
    let Some(edge) = props.layout.edges.get(props.index) else {
        return Html::default();
    };
    let points = props
        .curves
        .get(props.index)
        .map_or(edge.points.as_slice(), Vec::as_slice);
    edge_view(edge, points, props.look, &props.on_select)
}

/// Draws one edge along `points` (its curve, ends spread).
fn edge_view(
    edge: &EdgePath,
    points: &[Point],
    look: EdgeLook,
    on_select: &Callback<EdgeKey>,
) -> Html {
    let EdgeLook {
        dimmed,
        lit,
        selected,
        target_missing,
        change,
    } = look;
    let d = path_data(points);
    let onclick = {
        let on_select = on_select.clone();
        let key = EdgeKey::of(edge);
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            on_select.emit(key.clone());
        })
    };
    let class = classes!(
        "edge",
        format!("rel-{}", edge.relation.as_str()),
        (!edge.ok).then_some("broken"),
        dimmed.then_some("dim"),
        lit.then_some("lit"),
        selected.then_some("selected"),
        change.map(|c| format!("diff-{c}")),
    );
    let label = (!edge.ok).then(|| {
        let (x, y) = midpoint(points);
        html! {
            <text class="edge-label" x={format!("{x:.1}")} y={format!("{:.1}", y - 4.0)}>
                { short_reason(&edge.reasons, target_missing) }
            </text>
        }
    });
    html! {
        <g
            {class}
            data-edge-from={edge.from.to_string()}
            data-edge-to={edge.to.to_string()}
            data-relation={edge.relation.as_str()}
            data-ok={edge.ok.to_string()}
            data-diff={change}
            {onclick}
        >
            <title>{ format!(
                "{} ({}): {}{}",
                edge.relation.as_str(),
                if edge.ok { "ok" } else { "broken" },
                edge.reasons.join("; "),
                change.map(|c| format!(" ({c} since the baseline)")).unwrap_or_default()
            ) }</title>
            <path class="edge-hit" d={d.clone()} />
            <path class="edge-line" {d} marker-end={format!("url(#{})", marker_id(edge.relation, edge.ok))} />
            { for label }
        </g>
    }
}
