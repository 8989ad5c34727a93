//! One edge of the graph: a curve styled by its relation, red and dashed with a short reason
//! when broken, and a wider invisible stroke that takes the clicks.

use manifesto_core::graph::{EdgePath, Point, Relation};
use yew::prelude::*;

use super::data::{midpoint, path_data, short_reason};

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

/// Draws one edge along `points` (its curve, ends spread).
pub fn edge_view(
    edge: &EdgePath,
    points: &[Point],
    target_missing: bool,
    (dimmed, lit, selected): (bool, bool, bool),
    change: Option<&'static str>,
    on_select: &Callback<EdgeKey>,
) -> Html {
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
