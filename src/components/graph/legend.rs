//! The legend: every style of the graph in a small sample, with what it means.

use manifesto_core::graph::Relation;
use yew::prelude::*;

/// What each relation means, in a few words.
fn relation_meaning(relation: Relation) -> &'static str {
    match relation {
        Relation::Owns => "a controller creates it",
        Relation::Selects => "a label selector picks it",
        Relation::Routes => "an Ingress sends traffic to it",
        Relation::Scales => "an autoscaler sets its replicas",
        Relation::Mounts => "mounted as a volume",
        Relation::Env => "read into environment variables",
        Relation::Uses => "named by reference",
    }
}

fn node_sample(class: &'static str, badge: Option<&'static str>) -> Html {
    html! {
        <svg class="legend-sample graph-svg" width="46" height="26" viewBox="0 0 46 26" aria-hidden="true">
            <g class={classes!("node", class)}>
                <rect class="node-box" x="2" y="4" width="36" height="20" rx="4" />
                if let Some(badge) = badge {
                    <g class={classes!("problem-badge", badge)}>
                        <circle cx="37" cy="6" r="6" />
                        <text x="37" y="9">{ "1" }</text>
                    </g>
                }
            </g>
        </svg>
    }
}

fn stack_sample() -> Html {
    html! {
        <svg class="legend-sample graph-svg" width="46" height="26" viewBox="0 0 46 26" aria-hidden="true">
            <g class="node simulated stack">
                <rect class="stack-sheet" x="8" y="8" width="34" height="16" rx="4" />
                <rect class="stack-sheet" x="5" y="5" width="34" height="16" rx="4" />
                <rect class="node-box" x="2" y="2" width="34" height="16" rx="4" />
            </g>
        </svg>
    }
}

fn edge_sample(class: String) -> Html {
    html! {
        <svg class="legend-sample graph-svg" width="46" height="26" viewBox="0 0 46 26" aria-hidden="true">
            <g class={classes!("edge", class)}>
                <path class="edge-line" d="M2,13 L42,13" />
            </g>
        </svg>
    }
}

/// Props of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// Whether the graph shows the change since a baseline.
    pub changes: bool,
}

/// The legend, folded by default.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    html! {
        <details class="graph-legend" data-testid="graph-legend">
            <summary>{ "Legend" }</summary>
            <ul class="legend-items">
                <li>{ node_sample("", None) }{ "Written in the manifests" }</li>
                <li>{ node_sample("simulated", None) }{ "Simulated: the cluster would create it (dashed, lighter, tagged \u{201c}simulated\u{201d})" }</li>
                <li>{ node_sample("missing", None) }{ "Missing: referenced but not loaded (red, dashed, tagged \u{201c}missing\u{201d})" }</li>
                <li>{ node_sample("builtin", None) }{ "Built into every cluster (dotted)" }</li>
                <li>{ stack_sample() }{ "\u{d7} N: many simulated pods in one stack; click to show them" }</li>
                <li>{ node_sample("", Some("")) }{ "Problems: broken links, or errors found by the review" }</li>
                <li>{ node_sample("", Some("warning")) }{ "Only warnings from the review" }</li>
                { for Relation::ALL.iter().map(|r| html! {
                    <li>{ edge_sample(format!("rel-{}", r.as_str())) }<span><strong>{ r.as_str() }</strong>{ format!(": {}", relation_meaning(*r)) }</span></li>
                }) }
                <li>{ edge_sample("rel-owns broken".to_owned()) }<span><strong>{ "broken" }</strong>{ ": red and dashed, labelled with the reason" }</span></li>
                if props.changes {
                    <li data-testid="legend-diff-added">{ node_sample("diff-added", None) }{ edge_sample("rel-selects diff-added".to_owned()) }{ "Added since the Compare view's baseline (green outline)" }</li>
                    <li data-testid="legend-diff-removed">{ node_sample("diff-removed", None) }{ edge_sample("rel-selects diff-removed".to_owned()) }{ "Removed since the baseline: a ghost where it was (faded, dashed)" }</li>
                }
            </ul>
            <p class="note">{ "Hover an object to light up its neighbours; click it (or Tab to it and press Enter) for its details; click an edge for its reason." }</p>
        </details>
    }
}
