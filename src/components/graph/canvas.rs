//! The SVG canvas: namespace bands, lane titles, edges and boxes inside a root `<g>` whose
//! transform is the viewport. Wheel zooms, dragging pans, and with the focus on the graph the
//! keys + and − zoom, the arrows pan and 0 or F fit the graph to the view.

use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use manifesto_core::ObjectId;
use manifesto_core::diff::GraphDelta;
use manifesto_core::graph::{Layout, Point};
use yew::prelude::*;

use super::data::{Badge, linked};
use super::edge::{EdgeKey, EdgeLook, GraphEdge, markers};
use super::node::{GraphBox, NodeHandlers, NodeLook};
use super::progressive::{Frame, Progressive};
use super::viewport::{Size, ViewAction, ViewState, Viewport, Window};
use crate::shared::Shared;

/// Room above the first band for the lane titles.
pub const HEADER: f64 = 30.0;

/// How far one arrow key pans, in screen pixels.
const PAN_STEP: f64 = 60.0;

/// The drawing's size, lane titles included.
pub fn content_size(layout: &Layout) -> Size {
    Size {
        w: layout.width,
        h: layout.height + HEADER,
    }
}

/// The on-screen size of the canvas (zero before it is drawn).
pub fn view_size(svg: &NodeRef) -> Size {
    svg.cast::<web_sys::Element>()
        .map_or(Size { w: 0.0, h: 0.0 }, |el| {
            let rect = el.get_bounding_client_rect();
            Size {
                w: rect.width(),
                h: rect.height(),
            }
        })
}

/// The viewport that shows the whole drawing in the canvas.
pub fn fitted(layout: &Layout, svg: &NodeRef) -> Option<Viewport> {
    let view = view_size(svg);
    (view.w > 0.0 && view.h > 0.0).then(|| Viewport::fit(content_size(layout), view))
}

/// The viewport a drawing opens with in the canvas.
pub fn opening(layout: &Layout, svg: &NodeRef) -> Option<Viewport> {
    let view = view_size(svg);
    (view.w > 0.0 && view.h > 0.0).then(|| Viewport::initial(content_size(layout), view))
}

/// What stands out in the drawing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Emphasis {
    /// The hovered (or keyboard-focused) box: it and its neighbours are lit, the rest faded.
    pub hovered: Option<ObjectId>,
    /// The selected box.
    pub selected: Option<ObjectId>,
    /// The selected edge.
    pub edge: Option<EdgeKey>,
    /// The boxes matching the search (`None`: no search).
    pub matches: Option<Shared<HashSet<ObjectId>>>,
}

/// Props of [`GraphCanvas`].
#[derive(Properties, PartialEq)]
pub struct GraphCanvasProps {
    /// The drawing.
    pub layout: Shared<Layout>,
    /// Each edge's curve, in layout order.
    pub curves: Shared<Vec<Vec<Point>>>,
    /// Each box's accessible name, in layout order.
    pub names: Shared<Vec<String>>,
    /// Each box's problem badge, in layout order.
    pub problems: Shared<Vec<Badge>>,
    /// Each box's pods at the rollout step shown, in layout order (empty: no rollout).
    pub pods: Shared<Vec<Option<u32>>>,
    /// What stands out.
    pub emphasis: Emphasis,
    /// What changed since the Compare view's baseline, if there is one.
    pub delta: Option<Shared<GraphDelta>>,
    /// The viewport.
    pub view: ViewState,
    /// Changes the viewport.
    pub on_view: Callback<ViewAction>,
    /// A box was clicked or activated from the keyboard.
    pub on_activate: Callback<ObjectId>,
    /// The hovered box changed.
    pub on_hover: Callback<Option<ObjectId>>,
    /// A box took the keyboard focus.
    pub on_focus: Callback<ObjectId>,
    /// An edge was clicked.
    pub on_edge: Callback<EdgeKey>,
    /// The `<svg>` element (for fitting and exporting).
    pub svg_ref: NodeRef,
    /// Draws only what is in view and around it, and leaves the boxes' text out when zoomed far
    /// out (for a large drawing); `false` draws everything, e.g. for an export.
    pub culled: bool,
}

/// A drag in progress: the last pointer position and whether it moved.
#[derive(Default)]
struct Drag {
    last: Option<(i32, i32)>,
    moved: f64,
}

/// The interactive SVG canvas.
#[component]
pub fn GraphCanvas(props: &GraphCanvasProps) -> Html {
    let drag = use_mut_ref(Drag::default);
    // The window drawn last, kept while the view stays inside it (see `Window::or_kept`).
    let drawn = use_mut_ref(|| None::<Window>);
    // Set when a drag ends, so the click that follows does not select what is under it.
    let dragged = use_memo((), |()| Rc::new(Cell::new(false)));

    let onwheel = {
        let on_view = props.on_view.clone();
        let svg = props.svg_ref.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let Some(el) = svg.cast::<web_sys::Element>() else {
                return;
            };
            let rect = el.get_bounding_client_rect();
            let unit = match e.delta_mode() {
                1 => 16.0,
                2 => 400.0,
                _ => 1.0,
            };
            let factor = (-e.delta_y() * unit * 0.0015).exp();
            on_view.emit(ViewAction::ZoomAt {
                factor,
                x: f64::from(e.client_x()) - rect.left(),
                y: f64::from(e.client_y()) - rect.top(),
            });
        })
    };
    let onmousedown = {
        let drag = drag.clone();
        let dragged = dragged.clone();
        Callback::from(move |e: MouseEvent| {
            if e.button() != 0 {
                return;
            }
            dragged.set(false);
            *drag.borrow_mut() = Drag {
                last: Some((e.client_x(), e.client_y())),
                moved: 0.0,
            };
        })
    };
    let onmousemove = {
        let drag = drag.clone();
        let on_view = props.on_view.clone();
        Callback::from(move |e: MouseEvent| {
            let mut drag = drag.borrow_mut();
            let Some((x, y)) = drag.last else { return };
            if e.buttons() & 1 == 0 {
                drag.last = None;
                return;
            }
            let (dx, dy) = (e.client_x() - x, e.client_y() - y);
            if dx == 0 && dy == 0 {
                return;
            }
            drag.last = Some((e.client_x(), e.client_y()));
            drag.moved += f64::from(dx.abs() + dy.abs());
            on_view.emit(ViewAction::Pan(f64::from(dx), f64::from(dy)));
        })
    };
    let end_drag = {
        let drag = drag.clone();
        let dragged = dragged.clone();
        move || {
            let mut drag = drag.borrow_mut();
            // A few pixels of jitter during a click are not a drag.
            if drag.last.take().is_some() && drag.moved > 4.0 {
                dragged.set(true);
            }
        }
    };
    let onmouseup = {
        let end_drag = end_drag.clone();
        Callback::from(move |_: MouseEvent| end_drag())
    };
    let onmouseleave = Callback::from(move |_: MouseEvent| end_drag());
    let onkeydown = {
        let on_view = props.on_view.clone();
        let svg = props.svg_ref.clone();
        let layout = props.layout.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let view = view_size(&svg);
            let (cx, cy) = (view.w / 2.0, view.h / 2.0);
            let action = match e.key().as_str() {
                "+" | "=" => ViewAction::ZoomAt {
                    factor: Viewport::STEP,
                    x: cx,
                    y: cy,
                },
                "-" | "_" => ViewAction::ZoomAt {
                    factor: 1.0 / Viewport::STEP,
                    x: cx,
                    y: cy,
                },
                "0" | "f" | "F" => match fitted(&layout, &svg) {
                    Some(v) => ViewAction::Set(v),
                    None => return,
                },
                "ArrowLeft" => ViewAction::Pan(PAN_STEP, 0.0),
                "ArrowRight" => ViewAction::Pan(-PAN_STEP, 0.0),
                "ArrowUp" => ViewAction::Pan(0.0, PAN_STEP),
                "ArrowDown" => ViewAction::Pan(0.0, -PAN_STEP),
                _ => return,
            };
            e.prevent_default();
            on_view.emit(action);
        })
    };
    let on_activate = {
        let dragged = dragged.clone();
        use_callback(
            props.on_activate.clone(),
            move |id: ObjectId, on_activate| {
                if !dragged.replace(false) {
                    on_activate.emit(id);
                }
            },
        )
    };
    let on_edge = {
        let dragged = dragged.clone();
        use_callback(props.on_edge.clone(), move |key: EdgeKey, on_edge| {
            if !dragged.replace(false) {
                on_edge.emit(key);
            }
        })
    };

    let size = content_size(&props.layout);
    let viewport = props.view.viewport;
    // (Drawing everything, e.g. for an export, starts the next window afresh.)
    let window = props.culled.then(|| {
        Window::around(viewport, view_size(&props.svg_ref))
            .within(size)
            .or_kept(*drawn.borrow())
    });
    *drawn.borrow_mut() = window;
    let far = props.culled && viewport.k < Window::FAR;
    // Lighting a box's neighbours restyles every box: not while dragging across them, nor on a
    // large drawing zoomed out too far to read.
    let on_hover = {
        let drag = drag.clone();
        use_callback(
            (props.on_hover.clone(), far),
            move |id: Option<ObjectId>, (on_hover, far)| {
                let dragging = drag.try_borrow().is_ok_and(|d| d.last.is_some());
                if id.is_none() || !(*far || dragging) {
                    on_hover.emit(id);
                }
            },
        )
    };
    html! {
        <svg
            ref={props.svg_ref.clone()}
            class={classes!("graph", "graph-svg", props.culled.then_some("culled"))}
            data-testid="graph"
            role="group"
            aria-label="Relationship graph: Tab moves between objects, Enter opens one; + and − zoom, the arrow keys pan, 0 fits the graph"
            aria-roledescription="graph"
            tabindex="0"
            data-width={format!("{:.0}", size.w)}
            data-height={format!("{:.0}", size.h)}
            {onwheel}
            {onmousedown}
            {onmousemove}
            {onmouseup}
            {onmouseleave}
            {onkeydown}
        >
            { markers() }
            <g data-root="" class={far.then_some("far")} transform={viewport.transform()}>
                <GraphScene
                    layout={props.layout.clone()}
                    curves={props.curves.clone()}
                    names={props.names.clone()}
                    problems={props.problems.clone()}
                    pods={props.pods.clone()}
                    emphasis={props.emphasis.clone()}
                    delta={props.delta.clone()}
                    {window}
                    {on_activate}
                    {on_hover}
                    on_focus={props.on_focus.clone()}
                    {on_edge}
                />
            </g>
        </svg>
    }
}

/// Props of [`GraphScene`].
#[derive(Properties, PartialEq)]
struct GraphSceneProps {
    layout: Shared<Layout>,
    curves: Shared<Vec<Vec<Point>>>,
    names: Shared<Vec<String>>,
    problems: Shared<Vec<Badge>>,
    pods: Shared<Vec<Option<u32>>>,
    emphasis: Emphasis,
    delta: Option<Shared<GraphDelta>>,
    /// The part to draw (`None`: all of it).
    window: Option<Window>,
    on_activate: Callback<ObjectId>,
    on_hover: Callback<Option<ObjectId>>,
    on_focus: Callback<ObjectId>,
    on_edge: Callback<EdgeKey>,
}

/// The drawing itself; its props do not change while panning or zooming within its window, so it
/// is not redrawn then.
#[component]
fn GraphScene(props: &GraphSceneProps) -> Html {
    let layout = &props.layout;
    let emphasis = &props.emphasis;
    let lit: Option<HashSet<ObjectId>> = emphasis.hovered.as_ref().map(|id| {
        let mut set = linked(layout, id);
        set.insert(id.clone());
        set
    });
    let handlers = NodeHandlers {
        on_activate: props.on_activate.clone(),
        on_hover: props.on_hover.clone(),
        on_focus: props.on_focus.clone(),
    };
    let missing: HashSet<&ObjectId> = layout
        .nodes
        .iter()
        .filter(|n| n.state.is_missing())
        .map(|n| &n.id)
        .collect();
    let band_w = (layout.width - 16.0).max(0.0);
    // Inside the window, in the coordinates below the lane titles.
    let inside = |x: f64, y: f64, w: f64, h: f64| {
        props
            .window
            .is_none_or(|window| window.holds(x, y + HEADER, w, h))
    };
    let drawn_edge = |points: &[Point]| {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in points {
            (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
        }
        points.is_empty() || inside(x0, y0, x1 - x0, y1 - y0)
    };
    // A large drawing (one with a window) is drawn a few hundred boxes and edges per frame.
    let progressive = use_mut_ref(Progressive::default);
    let frame = match props.window {
        Some(_) => {
            let box_inside: Vec<bool> = layout
                .nodes
                .iter()
                .map(|n| inside(n.x, n.y, n.w, n.h))
                .collect();
            let edge_inside: Vec<bool> = layout
                .edges
                .iter()
                .enumerate()
                .map(|(i, edge)| {
                    drawn_edge(
                        props
                            .curves
                            .get(i)
                            .map_or(edge.points.as_slice(), Vec::as_slice),
                    )
                })
                .collect();
            progressive.borrow_mut().frame(
                Rc::as_ptr(&layout.0) as usize,
                &box_inside,
                &edge_inside,
            )
        }
        None => Frame {
            boxes: (0..layout.nodes.len()).collect(),
            edges: (0..layout.edges.len()).collect(),
            pending: false,
        },
    };
    let redraw = use_force_update();
    let frame_pending = frame.pending;
    use_effect(move || {
        let next = frame_pending.then(|| Timeout::new(0, move || redraw.force_update()));
        move || drop(next)
    });

    html! {
        <>
            <g class="lane-titles" aria-hidden="true">
                { for layout.lanes.iter().map(|lane| html! {
                    <text class="lane-title" x={format!("{:.1}", lane.x + lane.w / 2.0)} y="20">{ lane.title }</text>
                }) }
            </g>
            <g transform={format!("translate(0 {HEADER})")}>
                <g class="bands">
                    { for layout.bands.iter().filter(|band| inside(0.0, band.y, band_w, band.h)).map(|band| html! {
                        <g class="band" data-namespace={band.namespace.clone().unwrap_or_default()}>
                            <rect x="8" y={format!("{:.1}", band.y)} width={format!("{band_w:.1}")} height={format!("{:.1}", band.h)} rx="10" />
                            <text x="22" y={format!("{:.1}", band.y + 21.0)}>{ &band.label }</text>
                        </g>
                    }) }
                </g>
                <g class="edges">
                    { for frame.edges.iter().filter_map(|&i| Some((i, layout.edges.get(i)?))).map(|(i, edge)| {
                        let touches = |id: &ObjectId| edge.from == *id || edge.to == *id;
                        let (dimmed, lit) = match &emphasis.hovered {
                            Some(h) => (!touches(h), touches(h)),
                            None => (emphasis.matches.as_ref().is_some_and(|m| !m.contains(&edge.from) && !m.contains(&edge.to)), false),
                        };
                        let look = EdgeLook {
                            dimmed,
                            lit,
                            selected: emphasis.edge.as_ref().is_some_and(|k| k.from == edge.from && k.to == edge.to && k.relation == edge.relation),
                            target_missing: missing.contains(&edge.to),
                            change: props.delta.as_ref().and_then(|d| d.edge_change(&edge.from, &edge.to, edge.relation)),
                        };
                        html! {
                            <GraphEdge key={i} layout={props.layout.clone()} curves={props.curves.clone()} index={i} {look} on_select={props.on_edge.clone()} />
                        }
                    }) }
                </g>
                <g class="nodes" data-drawn={frame.boxes.len().to_string()} data-boxes={layout.nodes.len().to_string()} data-complete={(!frame.pending).to_string()}>
                    { for frame.boxes.iter().filter_map(|&i| Some((i, layout.nodes.get(i)?))).map(|(i, node)| {
                        let matched = emphasis.matches.as_ref().is_some_and(|m| m.contains(&node.id));
                        let look = NodeLook {
                            dimmed: match &lit {
                                Some(lit) => !lit.contains(&node.id),
                                None => emphasis.matches.is_some() && !matched,
                            },
                            lit: lit.as_ref().is_some_and(|l| l.contains(&node.id)),
                            selected: emphasis.selected.as_ref() == Some(&node.id),
                            matched,
                            problems: props.problems.get(i).copied().unwrap_or_default(),
                            pods: props.pods.get(i).copied().flatten(),
                            change: props.delta.as_ref().and_then(|d| d.node_change(&node.id)),
                        };
                        html! {
                            <GraphBox key={i} layout={props.layout.clone()} names={props.names.clone()} index={i} {look} handlers={handlers.clone()} />
                        }
                    }) }
                </g>
            </g>
        </>
    }
}
