//! One box of the graph: a focusable `<g role="button">` with the kind, a status tag in words,
//! the name and a problem badge.

use manifesto_core::ObjectId;
use manifesto_core::graph::{Lane, Layout, NodeBox};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::data::{Badge, fit, status_tag};
use crate::shared::Shared;

/// How many characters of a name fit in a box.
const NAME_CHARS: usize = 27;

/// How a box is emphasised.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NodeLook {
    /// Faded: not a neighbour of the hovered box, or not matching the search.
    pub dimmed: bool,
    /// The hovered box or one of its neighbours.
    pub lit: bool,
    /// The selected box.
    pub selected: bool,
    /// Matches the search.
    pub matched: bool,
    /// Its problem badge.
    pub problems: Badge,
    /// Its pods at the rollout step shown (a ReplicaSet of the rollout only).
    pub pods: Option<u32>,
    /// `added` or `removed` (a ghost) since the Compare view's baseline.
    pub change: Option<&'static str>,
}

/// What a box does when used.
#[derive(Clone, PartialEq)]
pub struct NodeHandlers {
    /// Clicked, or Enter / Space pressed on it.
    pub on_activate: Callback<ObjectId>,
    /// The pointer or the keyboard focus entered (`Some`) or left (`None`) it.
    pub on_hover: Callback<Option<ObjectId>>,
    /// It took the keyboard focus (the view scrolls to it).
    pub on_focus: Callback<ObjectId>,
}

/// The CSS class of a lane, e.g. `lane-workload`.
pub fn lane_class(lane: Lane) -> &'static str {
    match lane {
        Lane::Ingress => "lane-ingress",
        Lane::Service => "lane-service",
        Lane::Workload => "lane-workload",
        Lane::ReplicaSet => "lane-replicaset",
        Lane::Pod => "lane-pod",
        Lane::Config => "lane-config",
        Lane::Policy => "lane-policy",
        Lane::Other => "lane-other",
        Lane::Rbac => "lane-rbac",
    }
}

/// Props of [`GraphBox`].
#[derive(Properties, PartialEq)]
pub struct GraphBoxProps {
    /// The drawing.
    pub layout: Shared<Layout>,
    /// Each box's accessible name, in layout order.
    pub names: Shared<Vec<String>>,
    /// The box's place in the layout.
    pub index: usize,
    /// How it is emphasised.
    pub look: NodeLook,
    /// What it does when used.
    pub handlers: NodeHandlers,
}

/// One box as a component: drawing the scene again redraws only the boxes whose look changed.
#[component]
pub fn GraphBox(props: &GraphBoxProps) -> Html {
    let Some(node) = props.layout.nodes.get(props.index) else {
        return Html::default();
    };
    let name = props.names.get(props.index).map_or("", String::as_str);
    node_view(node, name, props.look, &props.handlers)
}

/// Draws one box.
fn node_view(node: &NodeBox, name: &str, look: NodeLook, handlers: &NodeHandlers) -> Html {
    let id = node.id.clone();
    let onclick = {
        let on_activate = handlers.on_activate.clone();
        let id = id.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            on_activate.emit(id.clone());
        })
    };
    let onkeydown = {
        let on_activate = handlers.on_activate.clone();
        let id = id.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                e.stop_propagation();
                // Events are delegated: find the box from the target.
                let node = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|t| t.closest("[data-node-id]").ok().flatten())
                    .and_then(|t| t.dyn_into::<web_sys::SvgElement>().ok());
                on_activate.emit(id.clone());
                // Showing the source focuses the editor; from the keyboard, stay in the graph
                // (once the editor has taken its turn).
                if let Some(node) = node {
                    gloo::timers::callback::Timeout::new(0, move || {
                        let _ = node.focus();
                    })
                    .forget();
                }
            }
        })
    };
    let enter = {
        let on_hover = handlers.on_hover.clone();
        let id = id.clone();
        move || on_hover.emit(Some(id.clone()))
    };
    let leave = {
        let on_hover = handlers.on_hover.clone();
        move || on_hover.emit(None)
    };
    let onmouseenter = {
        let enter = enter.clone();
        Callback::from(move |_: MouseEvent| enter())
    };
    let onfocus = {
        let on_focus = handlers.on_focus.clone();
        let id = id.clone();
        Callback::from(move |_: FocusEvent| {
            enter();
            on_focus.emit(id.clone());
        })
    };
    let onmouseleave = {
        let leave = leave.clone();
        Callback::from(move |_: MouseEvent| leave())
    };
    let onblur = Callback::from(move |_: FocusEvent| leave());

    let (x, y, w, h) = (node.x, node.y, node.w, node.h);
    let tag = status_tag(node);
    let class = classes!(
        "node",
        lane_class(node.lane),
        node.state.is_simulated().then_some("simulated"),
        node.state.is_missing().then_some("missing"),
        node.state.is_builtin().then_some("builtin"),
        node.stack.is_some().then_some("stack"),
        node.broken.then_some("broken"),
        look.dimmed.then_some("dim"),
        look.lit.then_some("lit"),
        look.selected.then_some("selected"),
        look.matched.then_some("match"),
        look.change.map(|c| format!("diff-{c}")),
    );
    let stack_size = node.stack.as_ref().map(|s| s.members.len().to_string());
    let title = match &node.stack {
        Some(stack) => format!(
            "{} \u{d7}{} (click to show them one by one)",
            stack.owner,
            stack.members.len()
        ),
        None => node.id.to_string(),
    };
    html! {
        <g
            {class}
            data-node-id={node.id.to_string()}
            data-kind={node.kind.clone()}
            data-simulated={node.state.is_simulated().to_string()}
            data-missing={node.state.is_missing().to_string()}
            data-problems={look.problems.count.to_string()}
            data-stack={stack_size}
            data-pods={look.pods.map(|n| n.to_string())}
            data-diff={look.change}
            tabindex="0"
            role="button"
            aria-label={match (look.pods, look.change) {
                (Some(n), _) => format!("{name}, {n} {} at the rollout step shown", if n == 1 { "pod" } else { "pods" }),
                (None, Some(change)) => format!("{name}, {change} since the baseline"),
                (None, None) => name.to_owned(),
            }}
            aria-pressed={look.selected.then_some("true")}
            {onclick}
            {onkeydown}
            {onmouseenter}
            {onmouseleave}
            {onfocus}
            {onblur}
        >
            <title>{ match look.change {
                Some(change) => format!("{title} ({change} since the baseline)"),
                None => title,
            } }</title>
            if node.stack.is_some() {
                <rect class="stack-sheet" x={(x + 6.0).to_string()} y={(y + 6.0).to_string()} width={w.to_string()} height={(h - 6.0).to_string()} rx="6" />
                <rect class="stack-sheet" x={(x + 3.0).to_string()} y={(y + 3.0).to_string()} width={w.to_string()} height={(h - 6.0).to_string()} rx="6" />
            }
            <rect
                class="node-box"
                x={x.to_string()}
                y={y.to_string()}
                width={w.to_string()}
                height={(if node.stack.is_some() { h - 6.0 } else { h }).to_string()}
                rx="6"
            />
            <rect class="node-accent" x={(x + 1.0).to_string()} y={(y + 6.0).to_string()} width="3" height={(h - if node.stack.is_some() { 18.0 } else { 12.0 }).to_string()} rx="1.5" />
            <text class="node-kind" x={(x + 12.0).to_string()} y={(y + 15.0).to_string()}>
                { &node.kind }
                if let Some(tag) = tag {
                    <tspan class="node-tag">{ format!(" \u{b7} {tag}") }</tspan>
                }
            </text>
            if let Some(n) = look.pods {
                <text class="node-pods" x={(x + w - 14.0).to_string()} y={(y + 15.0).to_string()}>
                    { if n == 1 { "1 pod".to_owned() } else { format!("{n} pods") } }
                </text>
            }
            <text class="node-name" x={(x + 12.0).to_string()} y={(y + 31.0).to_string()}>
                { fit(&node.label, NAME_CHARS) }
            </text>
            if look.problems.count > 0 {
                <g class={classes!("problem-badge", (!look.problems.serious).then_some("warning"))} aria-hidden="true">
                    <circle cx={(x + w - 4.0).to_string()} cy={(y + 4.0).to_string()} r="9" />
                    <text x={(x + w - 4.0).to_string()} y={(y + 8.0).to_string()}>{ look.problems.count.min(99) }</text>
                </g>
            }
        </g>
    }
}
