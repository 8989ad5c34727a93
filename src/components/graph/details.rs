//! The details of the selected box or edge: what it is and where it is written, its problems,
//! its relations with their reasons, the traffic paths through it and its YAML.

use std::collections::{BTreeMap, BTreeSet};

use manifesto_core::checks::{Finding, Level};
use manifesto_core::graph::{Edge, Graph, GraphNode, Layout, NodeState, TrafficPath, would_hold};
use manifesto_core::listing::{self, Origin, Part, YamlLine};
use manifesto_core::{Location, ObjectId};
use yew::prelude::*;

use super::data::{Badge, box_of, edges_behind};
use super::edge::EdgeKey;
use crate::shared::Shared;
use crate::state::{Action, AppContext};
use crate::text::masked;

/// What the details panel shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Focus {
    /// A box (an object, or a stack of pods).
    Node(ObjectId),
    /// A drawn edge.
    Edge(EdgeKey),
}

/// Props of [`GraphDetails`].
#[derive(Properties, PartialEq)]
pub struct GraphDetailsProps {
    /// What to show.
    pub focus: Focus,
    /// The whole graph (relations are listed even when filtered out of the drawing).
    pub graph: Shared<Graph>,
    /// The drawing.
    pub layout: Shared<Layout>,
    /// Review findings per object.
    pub flagged: Shared<BTreeMap<ObjectId, Badge>>,
    /// Owners whose pods are drawn one by one.
    pub expanded: Shared<BTreeSet<ObjectId>>,
    /// Show another object.
    pub on_open: Callback<ObjectId>,
    /// Expand (`true`) or collapse the pods of an owner.
    pub on_expand: Callback<(ObjectId, bool)>,
    /// Close the panel.
    pub on_close: Callback<()>,
}

/// The details panel.
#[component]
pub fn GraphDetails(props: &GraphDetailsProps) -> Html {
    let on_close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    let (title, body) = match &props.focus {
        Focus::Node(id) => match props
            .layout
            .nodes
            .iter()
            .find(|n| &n.id == id)
            .and_then(|n| n.stack.clone())
        {
            Some(stack) => (
                html! { <><span class="object-kind">{ id.kind() }</span>{ format!(" \u{d7}{} of {}", stack.members.len(), stack.owner.name()) }</> },
                stack_body(props, &stack.owner, &stack.members),
            ),
            None => match props.graph.node(id) {
                Some(node) => (
                    html! { <><span class="object-kind">{ &node.kind }</span>{ " " }{ &node.name }</> },
                    html! { <NodeBody node={id.clone()} graph={props.graph.clone()} layout={props.layout.clone()} flagged={props.flagged.clone()} expanded={props.expanded.clone()} on_open={props.on_open.clone()} on_expand={props.on_expand.clone()} /> },
                ),
                None => (
                    html! { { id.to_string() } },
                    html! { <p class="note">{ "This object is no longer in the graph." }</p> },
                ),
            },
        },
        Focus::Edge(key) => (
            html! { <><span class="object-kind">{ key.relation.as_str() }</span>{ format!(" {} \u{2192} {}", key.from.name(), key.to.name()) }</> },
            edge_body(props, key),
        ),
    };
    html! {
        <section class="details graph-details" data-testid="node-details" aria-labelledby="graph-details-title" {onkeydown}>
            <div class="details-head">
                <h3 id="graph-details-title">{ title }</h3>
                <button type="button" class="icon-button" aria-label="Close the details" onclick={on_close}>{ "\u{d7}" }</button>
            </div>
            { body }
        </section>
    }
}

/// A button naming an object that opens its details.
fn object_button(id: &ObjectId, graph: &Graph, on_open: &Callback<ObjectId>) -> Html {
    let onclick = {
        let on_open = on_open.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| on_open.emit(id.clone()))
    };
    let tag = graph.node(id).and_then(|n| match n.state {
        NodeState::Missing => Some("missing"),
        NodeState::Simulated => Some("simulated"),
        NodeState::Written | NodeState::BuiltIn => None,
    });
    html! {
        <button type="button" class="link-button object-ref" data-target={id.to_string()} {onclick}>
            <span class="object-kind">{ id.kind() }</span>{ " " }{ id.name() }
            if let Some(tag) = tag {
                <span class={classes!("tag", format!("tag-{tag}"))}>{ tag }</span>
            }
        </button>
    }
}

/// A button showing a location that selects it in the editor.
#[derive(Properties, PartialEq)]
struct GoToProps {
    location: Location,
    #[prop_or_default]
    label: Option<AttrValue>,
}

#[component]
fn GoTo(props: &GoToProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let onclick = {
        let location = props.location.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::GoTo(location.clone())))
    };
    let text = props
        .label
        .clone()
        .map_or_else(|| props.location.to_string(), |l| l.to_string());
    html! {
        <button type="button" class="link-button location" title="Show in the editor" {onclick}>{ text }</button>
    }
}

fn stack_body(props: &GraphDetailsProps, owner: &ObjectId, members: &[ObjectId]) -> Html {
    let expand = {
        let on_expand = props.on_expand.clone();
        let owner = owner.clone();
        Callback::from(move |_: MouseEvent| on_expand.emit((owner.clone(), true)))
    };
    html! {
        <>
            <p class="note">
                { format!("{} simulated {} of ", members.len(), if members.first().is_some_and(|m| m.kind() == "PersistentVolumeClaim") { "claims" } else { "pods" }) }
                { object_button(owner, &props.graph, &props.on_open) }
                { ", drawn as one stack to keep the graph readable." }
            </p>
            <button type="button" class="button" data-testid="expand-stack" onclick={expand}>{ "Show them one by one" }</button>
            <ul class="member-list">
                { for members.iter().map(|m| html! { <li>{ object_button(m, &props.graph, &props.on_open) }</li> }) }
            </ul>
        </>
    }
}

fn edge_body(props: &GraphDetailsProps, key: &EdgeKey) -> Html {
    let behind = edges_behind(
        &props.graph,
        &props.layout,
        &key.from,
        &key.to,
        key.relation.as_str(),
    );
    let ends = |id: &ObjectId| match props
        .layout
        .nodes
        .iter()
        .find(|n| &n.id == id)
        .and_then(|n| n.stack.as_ref())
    {
        Some(stack) => object_button(&stack.owner, &props.graph, &props.on_open),
        None => object_button(id, &props.graph, &props.on_open),
    };
    html! {
        <>
            <p class="edge-ends">{ ends(&key.from) }{ format!(" {} ", key.relation.as_str()) }{ ends(&key.to) }</p>
            <h4>{ "Why this edge exists" }</h4>
            <ul class="relations">
                { for behind.iter().take(50).map(|e| relation_item(e, None, &props.graph, &props.on_open)) }
            </ul>
            if behind.len() > 50 {
                <p class="note">{ format!("and {} more", behind.len() - 50) }</p>
            }
        </>
    }
}

/// One relation: the other object (when given), the relation, why, and where it is written.
fn relation_item(
    edge: &Edge,
    other: Option<&ObjectId>,
    graph: &Graph,
    on_open: &Callback<ObjectId>,
) -> Html {
    html! {
        <li class={classes!("relation", (!edge.ok).then_some("broken"))} data-relation={edge.relation.as_str()} data-ok={edge.ok.to_string()}>
            <span class={classes!("rel", format!("rel-{}", edge.relation.as_str()))}>{ edge.relation.as_str() }</span>
            if let Some(other) = other {
                { " " }{ object_button(other, graph, on_open) }
            }
            if !edge.ok {
                <span class="tag tag-broken">{ "broken" }</span>
            }
            <div class="reason">{ edge.reason_text() }</div>
            if let Some(location) = &edge.location {
                <GoTo location={location.clone()} />
            }
        </li>
    }
}

/// Props of [`NodeBody`].
#[derive(Properties, PartialEq)]
struct NodeBodyProps {
    node: ObjectId,
    graph: Shared<Graph>,
    layout: Shared<Layout>,
    flagged: Shared<BTreeMap<ObjectId, Badge>>,
    expanded: Shared<BTreeSet<ObjectId>>,
    on_open: Callback<ObjectId>,
    on_expand: Callback<(ObjectId, bool)>,
}

#[component]
fn NodeBody(props: &NodeBodyProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let graph = &props.graph;
    let Some(node) = graph.node(&props.node) else {
        return html! {};
    };
    let object = state.model.get(&node.id);
    let outgoing: Vec<&Edge> = graph.outgoing(&node.id).collect();
    let incoming: Vec<&Edge> = graph.incoming(&node.id).collect();
    let problems: Vec<_> = graph
        .problems()
        .iter()
        .filter(|p| p.object == node.id)
        .collect();
    // The review's errors and warnings for it that the graph does not already report.
    let findings: Vec<&Finding> = if props.flagged.contains_key(&node.id) {
        let known: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
        state
            .review
            .open_findings()
            .filter(|f| {
                f.object == node.id && f.severity != Level::Info && !known.contains(&f.check)
            })
            .collect()
    } else {
        Vec::new()
    };
    let traffic: Vec<&TrafficPath> = traffic_through(graph, node);
    let collapse = node
        .owner
        .as_ref()
        .filter(|o| props.expanded.contains(*o))
        .map(|owner| {
            let on_expand = props.on_expand.clone();
            let owner = owner.clone();
            Callback::from(move |_: MouseEvent| on_expand.emit((owner.clone(), false)))
        });
    let hidden = box_of(&props.layout, &node.id).is_none();

    let status = match node.state.word() {
        Some("simulated") => {
            html! { <>{ "Simulated: the cluster would create it from " }{ node.owner.as_ref().map(|o| object_button(o, graph, &props.on_open)) }</> }
        }
        Some("missing") => html! { { "Missing: referenced, but not in the loaded manifests" } },
        Some(_) => html! { { "Built into every cluster: not written, but always there" } },
        None => html! { { "Written in the manifests" } },
    };

    let yaml = match object {
        Some(object) => {
            let text = state
                .model
                .file(&object.file)
                .map_or("", |f| f.text.as_str());
            let listing = listing::of_object(object, text);
            let note = match listing.origin {
                Origin::ConvertedFromJson => "Converted from JSON, values masked",
                Origin::Written => "As written",
            };
            (listing.lines, note)
        }
        None if node.state.is_missing() => (Vec::new(), ""),
        None => (
            listing::generated(&would_hold(node, graph, &state.model)),
            "Generated: what the cluster would hold",
        ),
    };

    html! {
        <>
            <dl class="facts">
                <dt>{ "Status" }</dt>
                <dd data-testid="node-status">{ status }</dd>
                <dt>{ "Namespace" }</dt>
                <dd>{ node.namespace.clone().unwrap_or_else(|| "(cluster-scoped)".into()) }</dd>
                if let Some(source) = &node.source {
                    <dt>{ if object.is_some() { "Source" } else { "From" } }</dt>
                    <dd>
                        <GoTo location={source.clone()} label={object.map(|o| {
                            let (first, last) = o.line_range();
                            AttrValue::from(format!("{} lines {first}\u{2013}{last}", o.file))
                        })} />
                    </dd>
                }
            </dl>
            if hidden {
                <p class="note">{ "Hidden by the filters." }</p>
            }
            if let Some(onclick) = collapse {
                <button type="button" class="button" data-testid="collapse-stack" {onclick}>
                    { format!("Collapse the pods of {}", node.owner.as_ref().map(ObjectId::name).unwrap_or_default()) }
                </button>
            }
            <h4>{ "Problems" }<span class={classes!("count", (!problems.is_empty() || !findings.is_empty()).then_some("count-error"))}>{ problems.len() + findings.len() }</span></h4>
            if problems.is_empty() && findings.is_empty() {
                <p class="note">{ "None found in its relations." }</p>
            } else {
                <ul class="problems">
                    { for problems.iter().map(|p| html! {
                        <li class="problem" data-code={p.code.as_str()}>
                            <span class="problem-message">{ &p.message }</span>
                            <span class="problem-code">{ p.code.as_str() }</span>
                            <GoTo location={p.location.clone()} />
                        </li>
                    }) }
                    { for findings.iter().map(|f| html! {
                        <li class="problem review-finding" data-check={f.check} data-severity={f.severity.as_str()}>
                            <span class="problem-message">{ &f.message }</span>
                            <span class="problem-code">{ format!("{} ({})", f.check, f.severity.as_str()) }</span>
                            <GoTo location={f.location.clone()} />
                        </li>
                    }) }
                </ul>
            }
            <h4>{ "Relations" }<span class="count">{ outgoing.len() + incoming.len() }</span></h4>
            if outgoing.is_empty() && incoming.is_empty() {
                <p class="note">{ "It points at nothing, and nothing points at it." }</p>
            }
            if !outgoing.is_empty() {
                <p class="relations-title">{ format!("From this {}", node.kind) }</p>
                <ul class="relations" data-direction="outgoing">
                    { for outgoing.iter().map(|e| relation_item(e, Some(&e.to), graph, &props.on_open)) }
                </ul>
            }
            if !incoming.is_empty() {
                <p class="relations-title">{ format!("To this {}", node.kind) }</p>
                <ul class="relations" data-direction="incoming">
                    { for incoming.iter().map(|e| relation_item(e, Some(&e.from), graph, &props.on_open)) }
                </ul>
            }
            if !traffic.is_empty() {
                <h4>{ "Traffic" }<span class="count">{ traffic.len() }</span></h4>
                <ul class="traffic-paths">
                    { for traffic.iter().map(|t| traffic_view(t)) }
                </ul>
            }
            if !yaml.0.is_empty() {
                <h4>{ "YAML" }<span class="note yaml-note">{ yaml.1 }</span></h4>
                <YamlView key={node.id.to_string()} lines={yaml.0} />
            }
        </>
    }
}

/// The traffic paths through a node: from its Ingress, through its Service, into its pods.
fn traffic_through<'g>(graph: &'g Graph, node: &GraphNode) -> Vec<&'g TrafficPath> {
    let owner = graph.root_owner(&node.id);
    graph
        .traffic_paths()
        .iter()
        .filter(|t| {
            t.ingress == node.id
                || t.hops.iter().any(|h| {
                    h.object
                        .as_ref()
                        .is_some_and(|o| *o == node.id || (node.kind == "Pod" && o == owner))
                })
        })
        .collect()
}

fn traffic_view(path: &TrafficPath) -> Html {
    html! {
        <li class={classes!("traffic", path.broken.is_some().then_some("broken"))} data-ok={path.broken.is_none().to_string()}>
            <div class="traffic-route">{ format!("{} {}{}", path.ingress.name(), path.host, path.path) }</div>
            <ol class="hops">
                { for path.hops.iter().map(|hop| html! {
                    <li class={classes!("hop", (!hop.ok).then_some("broken"))} data-step={hop.step}>{ &hop.label }</li>
                }) }
            </ol>
            if let Some(broken) = &path.broken {
                <p class="traffic-broken">{ format!("Traffic stops: {broken}") }</p>
            }
        </li>
    }
}

/// Props of [`YamlView`].
#[derive(Properties, PartialEq)]
struct YamlViewProps {
    lines: Vec<YamlLine>,
}

/// YAML lines with masked values and a reveal button per value.
#[component]
fn YamlView(props: &YamlViewProps) -> Html {
    let revealed = use_state(BTreeSet::<String>::new);
    // A value spread over several lines gets one button, on its first line.
    let mut seen = BTreeSet::new();
    html! {
        <pre class="yaml" data-testid="node-yaml"><code>
            { for props.lines.iter().map(|line| {
                let number = line.number.map(|n| html! { <span class="yaml-ln" aria-hidden="true">{ n }</span> });
                let parts = line.parts.iter().map(|part| match part {
                    Part::Text(text) => html! { <span class="yaml-text">{ text }</span> },
                    Part::Secret { slot, key, text } => {
                        let shown = revealed.contains(slot);
                        let first = seen.insert(slot.clone());
                        let onclick = crate::components::object_details::toggle_reveal(&revealed, slot);
                        html! {
                            <>
                                <span class={classes!("yaml-secret", (!shown).then_some("masked"))} data-testid="graph-secret-value" data-slot={slot.clone()} data-revealed={shown.to_string()}>
                                    { if shown { text.clone() } else { masked(text, 8) } }
                                </span>
                                if first {
                                    <button
                                        type="button"
                                        class="reveal"
                                        data-testid="graph-secret-reveal"
                                        aria-pressed={shown.to_string()}
                                        aria-label={format!("{} the value of {key}", if shown { "Hide" } else { "Reveal" })}
                                        {onclick}
                                    >{ if shown { "Hide" } else { "Reveal" } }</button>
                                }
                            </>
                        }
                    }
                });
                html! {
                    <span class="yaml-line">{ for number }{ for parts }{ "\n" }</span>
                }
            }) }
        </code></pre>
    }
}
