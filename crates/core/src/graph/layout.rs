//! Placing the graph for drawing: fixed lanes left to right, one horizontal band per namespace,
//! nodes ordered to keep edge crossings few, and large groups of pods collapsed into stacks.
//!
//! The order is stable: the workloads of a namespace are sorted by name, and every other node is
//! placed by the mean position of its neighbours (the barycenter heuristic), ties broken by name.
//! Editing one object moves that object and what hangs off it, not the rest.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use foldhash::{HashMap, HashMapExt};
use serde::Serialize;

use super::{Graph, GraphNode, NodeState, Relation};
use crate::model::ObjectId;

/// Width of a node box.
const NODE_W: f64 = 200.0;
/// Height of a node box.
const NODE_H: f64 = 40.0;
/// Height of a stack of collapsed pods.
const STACK_H: f64 = 48.0;
/// Horizontal space between lanes.
const LANE_GAP: f64 = 90.0;
/// Vertical space between nodes of a lane.
const ROW_GAP: f64 = 12.0;
/// Space above the first node of a band (for its title) and below the last.
const BAND_TOP: f64 = 36.0;
const BAND_BOTTOM: f64 = 20.0;
/// Margin around the drawing.
const MARGIN: f64 = 20.0;

/// A column of the layout, left to right.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
pub enum Lane {
    /// Ingresses.
    Ingress,
    /// Services.
    Service,
    /// Deployments, DeploymentConfigs, StatefulSets, DaemonSets, Jobs and CronJobs.
    Workload,
    /// ReplicaSets, ReplicationControllers, and the Jobs a CronJob creates.
    ReplicaSet,
    /// Pods.
    Pod,
    /// ConfigMaps, Secrets, PersistentVolumeClaims and ServiceAccounts.
    Config,
    /// HorizontalPodAutoscalers, PodDisruptionBudgets, NetworkPolicies and ServiceMonitors.
    Policy,
    /// Every other kind (custom resources, Namespaces, StorageClasses, …).
    Other,
    /// Roles, ClusterRoles and their bindings.
    Rbac,
}

impl Lane {
    /// Every lane, left to right.
    pub const ALL: [Lane; 9] = crate::variants::all();

    /// The lane a node is drawn in.
    pub fn of(node: &GraphNode) -> Lane {
        match node.kind.as_str() {
            "Ingress" => Lane::Ingress,
            "Service" => Lane::Service,
            "Job" if node.state.is_simulated() => Lane::ReplicaSet,
            "Deployment" | "DeploymentConfig" | "StatefulSet" | "DaemonSet" | "Job" | "CronJob" => {
                Lane::Workload
            }
            "ReplicaSet" | "ReplicationController" => Lane::ReplicaSet,
            "Pod" => Lane::Pod,
            "ConfigMap" | "Secret" | "PersistentVolumeClaim" | "ServiceAccount" => Lane::Config,
            "HorizontalPodAutoscaler"
            | "PodDisruptionBudget"
            | "NetworkPolicy"
            | "ServiceMonitor" => Lane::Policy,
            "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding" => Lane::Rbac,
            _ => Lane::Other,
        }
    }

    /// The lane's column title.
    pub fn title(self) -> &'static str {
        match self {
            Lane::Ingress => "Ingresses",
            Lane::Service => "Services",
            Lane::Workload => "Workloads",
            Lane::ReplicaSet => "ReplicaSets",
            Lane::Pod => "Pods",
            Lane::Config => "Config and storage",
            Lane::Policy => "Scaling and policies",
            Lane::Other => "Other",
            Lane::Rbac => "RBAC",
        }
    }

    /// The order lanes are placed in: workloads first (sorted by name), then each lane next to
    /// what is already placed.
    const PLACEMENT: [Lane; 9] = [
        Lane::Workload,
        Lane::ReplicaSet,
        Lane::Pod,
        Lane::Service,
        Lane::Ingress,
        Lane::Config,
        Lane::Policy,
        Lane::Other,
        Lane::Rbac,
    ];
}

/// Choices for [`layout`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Owners whose pods (or claims) are drawn one by one however many there are.
    pub expanded: BTreeSet<ObjectId>,
    /// An owner with more simulated pods (or claims) than this gets one "× N" stack instead.
    pub collapse_above: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            expanded: BTreeSet::new(),
            collapse_above: 5,
        }
    }
}

/// A point of the drawing, in pixels from the top left.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    /// Pixels from the left.
    pub x: f64,
    /// Pixels from the top.
    pub y: f64,
}

/// The pods (or claims) a stack node stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stack {
    /// Their owner; add it to [`LayoutOptions::expanded`] to draw them one by one.
    pub owner: ObjectId,
    /// The nodes collapsed into the stack.
    pub members: Vec<ObjectId>,
}

/// A node placed on the drawing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeBox {
    /// The node's id; for a stack, `Kind/namespace/<owner> ×N`.
    pub id: ObjectId,
    /// The kind.
    pub kind: String,
    /// The namespace, `None` when cluster-scoped.
    pub namespace: Option<String>,
    /// The name (for a stack, the owner's name).
    pub name: String,
    /// What to write in the box: the name, or `× 6 pods` for a stack.
    pub label: String,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// The lane (column).
    pub lane: Lane,
    /// Written, simulated, missing or built in (a stack's members share one state).
    #[serde(flatten)]
    pub state: NodeState,
    /// A broken edge touches it or it has a problem.
    pub broken: bool,
    /// Set when the box stands for several collapsed nodes.
    pub stack: Option<Stack>,
}

/// An edge routed between two boxes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgePath {
    /// The box it leaves.
    pub from: ObjectId,
    /// The box it reaches.
    pub to: ObjectId,
    /// The relation.
    pub relation: Relation,
    /// `false` when the link is broken.
    pub ok: bool,
    /// Why the edge exists (those of the first edge when several edges merge into a stack).
    #[serde(rename = "reason", serialize_with = "super::serialize_reasons")]
    pub reasons: Vec<Arc<str>>,
    /// A cubic Bézier curve: start, two control points, end (SVG `M p0 C p1 p2 p3`).
    pub points: Vec<Point>,
}

/// The horizontal band of one namespace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamespaceBand {
    /// The namespace, `None` for the cluster-scoped band.
    pub namespace: Option<String>,
    /// The band's title: `namespace shop` or `cluster-scoped`.
    pub label: String,
    /// Top edge.
    pub y: f64,
    /// Height.
    pub h: f64,
}

/// A lane's column on the drawing (empty lanes take no room).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LaneColumn {
    /// The lane.
    pub lane: Lane,
    /// Its title.
    pub title: &'static str,
    /// Left edge.
    pub x: f64,
    /// Width.
    pub w: f64,
}

/// The graph placed for drawing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    /// The boxes.
    pub nodes: Vec<NodeBox>,
    /// The edges between boxes (edges into a stack merge into one).
    pub edges: Vec<EdgePath>,
    /// The lanes that hold nodes, left to right.
    pub lanes: Vec<LaneColumn>,
    /// The namespace bands, top to bottom.
    pub bands: Vec<NamespaceBand>,
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
}

/// A box before placement.
struct Item {
    /// The graph nodes it stands for (one, or a stack's members).
    members: Vec<usize>,
    id: ObjectId,
    lane: Lane,
    band: usize,
    label: String,
    stack_owner: Option<ObjectId>,
    /// The stable sort key.
    key: (String, String),
    y: Option<f64>,
    h: f64,
}

/// Places `graph` in lanes and namespace bands.
pub fn layout(graph: &Graph, options: &LayoutOptions) -> Layout {
    let (mut items, node_item) = collapse(graph, options);
    let bands = band_keys(graph);
    let neighbours = neighbours(graph, &node_item, items.len());

    // Place each band's lanes, top to bottom, in placement order.
    let mut band_boxes = Vec::new();
    let mut top = MARGIN;
    for (b, namespace) in bands.iter().enumerate() {
        let mut bottom = top + BAND_TOP;
        let in_band: Vec<usize> = (0..items.len()).filter(|&i| items[i].band == b).collect();
        for lane in Lane::PLACEMENT {
            let lane_items: Vec<usize> = in_band
                .iter()
                .copied()
                .filter(|&i| items[i].lane == lane)
                .collect();
            let ordered = order_lane(&items, &neighbours, lane_items, lane == Lane::Workload);
            bottom = bottom.max(place(
                &mut items,
                &neighbours,
                &ordered,
                top + BAND_TOP,
                None,
            ));
        }
        // Second pass, keeping each lane's order: align ReplicaSets with their pods, workloads with
        // what they own, then the lanes around them with their neighbours' new places.
        let second: [(Lane, Option<&[Lane]>); 6] = [
            (Lane::ReplicaSet, Some(&[Lane::Pod])),
            (Lane::Workload, Some(&[Lane::ReplicaSet, Lane::Pod])),
            (Lane::Service, None),
            (Lane::Ingress, None),
            (Lane::Config, None),
            (Lane::Policy, None),
        ];
        for (lane, towards) in second {
            let mut lane_items: Vec<usize> = in_band
                .iter()
                .copied()
                .filter(|&i| items[i].lane == lane)
                .collect();
            lane_items.sort_by(|&a, &b| {
                items[a]
                    .y
                    .partial_cmp(&items[b].y)
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            bottom = bottom.max(place(
                &mut items,
                &neighbours,
                &lane_items,
                top + BAND_TOP,
                towards,
            ));
        }
        let h = bottom - top + BAND_BOTTOM - ROW_GAP;
        let label = match namespace {
            Some(ns) => format!("namespace {ns}"),
            None => "cluster-scoped".to_owned(),
        };
        band_boxes.push(NamespaceBand {
            namespace: namespace.map(str::to_owned),
            label,
            y: top,
            h,
        });
        top += h + ROW_GAP;
    }

    // Columns: only lanes that hold something take room.
    let used: BTreeSet<Lane> = items.iter().map(|i| i.lane).collect();
    let lanes: Vec<LaneColumn> = used
        .iter()
        .enumerate()
        .map(|(col, &lane)| LaneColumn {
            lane,
            title: lane.title(),
            x: MARGIN + col as f64 * (NODE_W + LANE_GAP),
            w: NODE_W,
        })
        .collect();
    let lane_x: HashMap<Lane, f64> = lanes.iter().map(|c| (c.lane, c.x)).collect();

    let broken = broken_nodes(graph);
    let nodes: Vec<NodeBox> = items
        .iter()
        .map(|item| {
            let first = &graph.nodes[item.members[0]];
            NodeBox {
                id: item.id.clone(),
                kind: first.kind.clone(),
                namespace: first.namespace.clone(),
                name: match &item.stack_owner {
                    Some(owner) => owner.name().to_owned(),
                    None => first.name.clone(),
                },
                label: item.label.clone(),
                x: lane_x.get(&item.lane).copied().unwrap_or(MARGIN),
                y: item.y.unwrap_or(MARGIN),
                w: NODE_W,
                h: item.h,
                lane: item.lane,
                state: shared_state(item.members.iter().map(|&m| graph.nodes[m].state)),
                broken: item.members.iter().any(|&m| broken.contains(&m)),
                stack: item.stack_owner.as_ref().map(|owner| Stack {
                    owner: owner.clone(),
                    members: item
                        .members
                        .iter()
                        .map(|&m| graph.nodes[m].id.clone())
                        .collect(),
                }),
            }
        })
        .collect();

    let edges = route_edges(graph, &node_item, &nodes);
    let width = lanes.last().map_or(2.0 * MARGIN, |c| c.x + c.w + MARGIN);
    let height = top - ROW_GAP + MARGIN;
    Layout {
        nodes,
        edges,
        lanes,
        bands: band_boxes,
        width,
        height: height.max(2.0 * MARGIN),
    }
}

/// The namespaces that hold nodes, sorted, with the cluster-scoped band (`None`) last.
fn band_keys(graph: &Graph) -> Vec<Option<&str>> {
    let named: BTreeSet<&str> = graph
        .nodes
        .iter()
        .filter_map(|n| n.namespace.as_deref())
        .collect();
    let mut out: Vec<Option<&str>> = named.into_iter().map(Some).collect();
    if graph.nodes.iter().any(|n| n.namespace.is_none()) {
        out.push(None);
    }
    out
}

/// The state of a box: the one its members share, else written.
fn shared_state(mut states: impl Iterator<Item = NodeState>) -> NodeState {
    let first = states.next().unwrap_or(NodeState::Written);
    if states.all(|s| s == first) {
        first
    } else {
        NodeState::Written
    }
}

/// One item per node, except that the simulated pods (or claims) of an owner with more than
/// `collapse_above` of them share one stack item. Returns the items and each node's item.
fn collapse(graph: &Graph, options: &LayoutOptions) -> (Vec<Item>, Vec<usize>) {
    let bands = band_keys(graph);
    let band_of = |node: &GraphNode| {
        bands
            .iter()
            .position(|b| *b == node.namespace.as_deref())
            .unwrap_or(0)
    };
    let mut groups: BTreeMap<(&ObjectId, &str), Vec<usize>> = BTreeMap::new();
    for (i, node) in graph.nodes.iter().enumerate() {
        if let (true, Some(owner)) = (node.state.is_simulated(), &node.owner)
            && matches!(node.kind.as_str(), "Pod" | "PersistentVolumeClaim")
            && !options.expanded.contains(owner)
        {
            groups
                .entry((owner, node.kind.as_str()))
                .or_default()
                .push(i);
        }
    }
    let mut stacked: HashMap<usize, (ObjectId, &str)> = HashMap::new();
    for ((owner, kind), members) in &groups {
        if members.len() > options.collapse_above {
            for &m in members {
                stacked.insert(m, ((*owner).clone(), *kind));
            }
        }
    }
    let mut items: Vec<Item> = Vec::new();
    let mut node_item = vec![0; graph.nodes.len()];
    let mut stack_item: HashMap<(ObjectId, &str), usize> = HashMap::new();
    for (i, node) in graph.nodes.iter().enumerate() {
        if let Some(key) = stacked.get(&i) {
            if let Some(&item) = stack_item.get(key) {
                items[item].members.push(i);
                node_item[i] = item;
                continue;
            }
            let (owner, kind) = key;
            let n = groups.get(&(owner, *kind)).map_or(0, Vec::len);
            let what = if *kind == "Pod" { "pods" } else { "claims" };
            let id = ObjectId::new(
                kind,
                node.namespace.as_deref(),
                &format!("{} ×{n}", owner.name()),
            );
            stack_item.insert(key.clone(), items.len());
            node_item[i] = items.len();
            items.push(Item {
                members: vec![i],
                id,
                lane: Lane::of(node),
                band: band_of(node),
                label: format!("× {n} {what}"),
                stack_owner: Some(owner.clone()),
                key: (owner.name().to_owned(), kind.to_string()),
                y: None,
                h: STACK_H,
            });
            continue;
        }
        node_item[i] = items.len();
        items.push(Item {
            members: vec![i],
            id: node.id.clone(),
            lane: Lane::of(node),
            band: band_of(node),
            label: node.name.clone(),
            stack_owner: None,
            key: (node.name.clone(), node.kind.clone()),
            y: None,
            h: NODE_H,
        });
    }
    (items, node_item)
}

/// The items each item is connected to (either direction), without duplicates.
fn neighbours(graph: &Graph, node_item: &[usize], count: usize) -> Vec<Vec<usize>> {
    let index: HashMap<&ObjectId, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (&n.id, i))
        .collect();
    let mut out: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); count];
    for edge in &graph.edges {
        let (Some(&f), Some(&t)) = (index.get(&edge.from), index.get(&edge.to)) else {
            continue;
        };
        let (a, b) = (node_item[f], node_item[t]);
        if a != b {
            out[a].insert(b);
            out[b].insert(a);
        }
    }
    out.into_iter().map(|s| s.into_iter().collect()).collect()
}

/// The mean centre of the already placed neighbours of `item` in the same band (and in one of
/// the lanes `only`, when given).
fn barycenter(
    items: &[Item],
    neighbours: &[Vec<usize>],
    item: usize,
    only: Option<&[Lane]>,
) -> Option<f64> {
    let band = items[item].band;
    let placed: Vec<f64> = neighbours[item]
        .iter()
        .filter(|&&n| {
            items[n].band == band && only.is_none_or(|lanes| lanes.contains(&items[n].lane))
        })
        .filter_map(|&n| items[n].y.map(|y| y + items[n].h / 2.0))
        .collect();
    (!placed.is_empty()).then(|| placed.iter().sum::<f64>() / placed.len() as f64)
}

/// The order of one lane: by name for the anchor lane, else by barycenter (nodes with no placed
/// neighbour last), ties by name.
fn order_lane(
    items: &[Item],
    neighbours: &[Vec<usize>],
    mut lane: Vec<usize>,
    anchor: bool,
) -> Vec<usize> {
    if anchor {
        lane.sort_by(|&a, &b| items[a].key.cmp(&items[b].key));
        return lane;
    }
    let mut keyed: Vec<(Option<f64>, usize)> = lane
        .iter()
        .map(|&i| (barycenter(items, neighbours, i, None), i))
        .collect();
    keyed.sort_by(|(ya, a), (yb, b)| {
        let by_position = match (ya, yb) {
            (Some(x), Some(y)) => x.partial_cmp(y).unwrap_or(std::cmp::Ordering::Equal),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        by_position.then_with(|| items[*a].key.cmp(&items[*b].key))
    });
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Places `ordered` top to bottom from `top`, each as close to its neighbours' centre as the
/// nodes above it allow (neighbours in the lanes `only`, when given). Returns the bottom of the
/// last node.
fn place(
    items: &mut [Item],
    neighbours: &[Vec<usize>],
    ordered: &[usize],
    top: f64,
    only: Option<&[Lane]>,
) -> f64 {
    let mut cursor = top;
    for &i in ordered {
        let want = barycenter(items, neighbours, i, only).map_or(cursor, |c| c - items[i].h / 2.0);
        let y = want.max(cursor);
        items[i].y = Some(y);
        cursor = y + items[i].h + ROW_GAP;
    }
    cursor
}

/// The nodes touched by a broken edge or carrying a problem.
fn broken_nodes(graph: &Graph) -> BTreeSet<usize> {
    let index: HashMap<&ObjectId, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (&n.id, i))
        .collect();
    let mut out = BTreeSet::new();
    for edge in graph.edges.iter().filter(|e| !e.ok) {
        out.extend(index.get(&edge.from));
        out.extend(index.get(&edge.to));
    }
    for problem in &graph.problems {
        out.extend(index.get(&problem.object));
    }
    out
}

/// The edges between boxes; edges into or out of a stack merge into one per relation.
fn route_edges(graph: &Graph, node_item: &[usize], boxes: &[NodeBox]) -> Vec<EdgePath> {
    let index: HashMap<&ObjectId, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (&n.id, i))
        .collect();
    let mut seen: HashMap<(usize, usize, Relation), usize> = HashMap::new();
    let mut out: Vec<EdgePath> = Vec::new();
    for edge in &graph.edges {
        let (Some(&f), Some(&t)) = (index.get(&edge.from), index.get(&edge.to)) else {
            continue;
        };
        let (a, b) = (node_item[f], node_item[t]);
        if a == b {
            continue;
        }
        if let Some(&e) = seen.get(&(a, b, edge.relation)) {
            out[e].ok &= edge.ok;
            continue;
        }
        seen.insert((a, b, edge.relation), out.len());
        out.push(EdgePath {
            from: boxes[a].id.clone(),
            to: boxes[b].id.clone(),
            relation: edge.relation,
            ok: edge.ok,
            reasons: edge.reasons.clone(),
            points: curve(&boxes[a], &boxes[b]),
        });
    }
    out
}

/// A Bézier curve from one box to another: right side to left side when the target is to the
/// right, left to right when it is to the left, and a bulge to the right within one lane.
fn curve(from: &NodeBox, to: &NodeBox) -> Vec<Point> {
    let (fy, ty) = (from.y + from.h / 2.0, to.y + to.h / 2.0);
    let (start, end, c1, c2) = if to.x > from.x + 1.0 {
        let (sx, ex) = (from.x + from.w, to.x);
        let mid = f64::midpoint(sx, ex);
        ((sx, fy), (ex, ty), (mid, fy), (mid, ty))
    } else if to.x + 1.0 < from.x {
        let (sx, ex) = (from.x, to.x + to.w);
        let mid = f64::midpoint(sx, ex);
        ((sx, fy), (ex, ty), (mid, fy), (mid, ty))
    } else {
        let x = from.x + from.w;
        let bulge = x + LANE_GAP / 2.0;
        ((x, fy), (x, ty), (bulge, fy), (bulge, ty))
    };
    [start, c1, c2, end]
        .into_iter()
        .map(|(x, y)| Point { x, y })
        .collect()
}
