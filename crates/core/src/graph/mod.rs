//! The relationship graph: every object of the manifests, the objects the cluster would create
//! from them (ReplicaSets, Pods, Jobs, PersistentVolumeClaims), and how they point at each other.
//!
//! [`Graph::build`] reads a [`Model`] and returns nodes, edges and problems:
//!
//! - a node per object, plus *simulated* nodes for what the controllers would create and
//!   *missing* nodes for objects that are referenced but not in the loaded manifests;
//! - an [`Edge`] per relationship ([`Relation`]), with a reason naming the fields involved, and
//!   `ok: false` when the link is broken;
//! - a [`Problem`] per broken link or suspicious selection, attached to the object that has it;
//! - the [`TrafficPath`] of every Ingress rule, hop by hop.
//!
//! [`layout`] places the graph in lanes for drawing, [`to_dot`] and [`to_mermaid`] render it
//! as text, and [`would_hold`] tells what the cluster would hold for a node that is not written.
//!
//! ```no_run
//! use manifesto_core::graph::{Graph, GraphOptions};
//! use manifesto_core::{Model, samples::Sample};
//!
//! let model = Model::from_files(Sample::FeastFlow.files());
//! let graph = Graph::build(&model, &GraphOptions::default());
//! for edge in graph.edges().iter().filter(|e| !e.ok) {
//!     println!("{} -> {}: {}", edge.from, edge.to, edge.reason_text());
//! }
//! ```

mod build;
mod groups;
mod index;
mod layout;
mod operators;
mod render;
#[cfg(test)]
mod replication_tests;
#[cfg(test)]
mod tests;
mod would_hold;

use std::collections::BTreeMap;
use std::sync::Arc;

use foldhash::{HashMap, HashSet};
use serde::Serialize;

use crate::model::{Model, ObjectId};
use crate::source::Location;

pub use groups::NamespaceGroup;
pub use layout::{
    EdgePath, Lane, LaneColumn, Layout, LayoutOptions, NamespaceBand, NodeBox, Point, Stack, layout,
};
pub use render::{to_dot, to_mermaid};
pub use would_hold::would_hold;

/// The most pods simulated for one owner, however many replicas it asks for.
pub const MAX_SIMULATED_PODS: u32 = 100;

/// Choices that shape the simulated part of the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GraphOptions {
    /// How many nodes the cluster has: a DaemonSet runs one pod on each (default 3).
    pub daemonset_nodes: u32,
}

impl Default for GraphOptions {
    fn default() -> Self {
        GraphOptions { daemonset_nodes: 3 }
    }
}

/// How one object points at another.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Relation {
    /// A controller creates and owns the object: Deployment → ReplicaSet → Pod, StatefulSet,
    /// DaemonSet and Job → Pod, CronJob → Job, StatefulSet → its PersistentVolumeClaims, and any
    /// written `metadata.ownerReferences`.
    Owns,
    /// A label selector picks the object: Service, PodDisruptionBudget and NetworkPolicy → Pod,
    /// ServiceMonitor → Service.
    Selects,
    /// An Ingress sends traffic to a Service (per rule and path, or its default backend), or
    /// terminates TLS with a Secret.
    Routes,
    /// A HorizontalPodAutoscaler sets the replicas of a workload.
    Scales,
    /// A pod mounts a ConfigMap, Secret or PersistentVolumeClaim as a volume.
    Mounts,
    /// A container reads environment variables from a ConfigMap or Secret (`envFrom`,
    /// `valueFrom`).
    Env,
    /// Any other reference by name: a pod's ServiceAccount and `imagePullSecrets`, a
    /// StatefulSet's governing Service, a RoleBinding's role and subjects.
    Uses,
}

impl Relation {
    /// Every relation, in the order the docs list them.
    pub const ALL: [Relation; 7] = crate::variants::all();

    /// The relation's name, lowercase (`owns`, `selects`, …).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One object of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphNode {
    /// `Kind/namespace/name` or `Kind/name`, like [`ObjectId`] everywhere.
    pub id: ObjectId,
    /// The kind, e.g. `Deployment`.
    pub kind: String,
    /// The namespace; `None` for cluster-scoped kinds.
    pub namespace: Option<String>,
    /// `metadata.name`.
    pub name: String,
    /// Written, simulated, missing or built in; serialised as the three flags `simulated`,
    /// `missing` and `builtin`.
    #[serde(flatten)]
    pub state: NodeState,
    /// Where the object is written; for a simulated object, the field of its owner that makes
    /// the controller create it (e.g. the Deployment's `spec.template`); `None` when missing.
    pub source: Option<Location>,
    /// The controller that owns it (simulated objects, and written `ownerReferences`).
    pub owner: Option<ObjectId>,
    /// The labels selectors match: a pod's labels (for a simulated pod, its template's labels
    /// plus what the controller adds, such as `pod-template-hash`), else the object's labels.
    pub labels: BTreeMap<String, String>,
}

/// Where a node comes from: exactly one of these holds for every node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeState {
    /// Written in the loaded manifests.
    Written,
    /// Not written in the manifests: the cluster would create it (a Deployment's ReplicaSet, a
    /// ReplicaSet's pods, a StatefulSet's claims).
    Simulated,
    /// Referenced but not in the loaded manifests (and not built into every cluster).
    Missing,
    /// Not written in the manifests, but present in every cluster: the `default`
    /// ServiceAccount, the `kube-root-ca.crt` ConfigMap, ClusterRoles such as `view` or
    /// `cluster-admin`.
    BuiltIn,
}

impl NodeState {
    /// Created by a controller, not written.
    pub fn is_simulated(self) -> bool {
        self == NodeState::Simulated
    }

    /// Referenced but not loaded.
    pub fn is_missing(self) -> bool {
        self == NodeState::Missing
    }

    /// Present in every cluster although not written.
    pub fn is_builtin(self) -> bool {
        self == NodeState::BuiltIn
    }

    /// The state in one word, `None` when the object is written: `simulated`, `missing` or
    /// `built-in`.
    pub fn word(self) -> Option<&'static str> {
        match self {
            NodeState::Written => None,
            NodeState::Simulated => Some("simulated"),
            NodeState::Missing => Some("missing"),
            NodeState::BuiltIn => Some("built-in"),
        }
    }
}

impl Serialize for NodeState {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut flags = serializer.serialize_struct("NodeState", 3)?;
        flags.serialize_field("simulated", &self.is_simulated())?;
        flags.serialize_field("missing", &self.is_missing())?;
        flags.serialize_field("builtin", &self.is_builtin())?;
        flags.end()
    }
}

/// A relationship between two nodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// The object that points.
    pub from: ObjectId,
    /// The object pointed at.
    pub to: ObjectId,
    /// How it points.
    pub relation: Relation,
    /// `false` when the link is broken: the target is missing, or it exists but does not offer
    /// what is asked (a port, a label).
    pub ok: bool,
    /// Why the edge exists, naming the fields involved, e.g.
    /// `container web: envFrom[0].configMapRef "web-config"`: one entry per reference between
    /// the same two objects (at most [`MAX_EDGE_REASONS`]). Serialised as `reason`, the entries
    /// joined with `; `.
    /// Shared text: the pods a selector picks share one reason.
    #[serde(rename = "reason", serialize_with = "serialize_reasons")]
    pub reasons: Vec<Arc<str>>,
    /// Where the reference is written (in the `from` object, or its owner for simulated nodes).
    pub location: Option<Location>,
}

/// The most reasons one edge keeps; further references between the same objects are dropped.
pub const MAX_EDGE_REASONS: usize = 6;

impl Edge {
    /// The reasons as one line, joined with `; ` (DOT labels, JSON).
    pub fn reason_text(&self) -> String {
        self.reasons.join("; ")
    }
}

fn serialize_reasons<S: serde::Serializer>(
    reasons: &[Arc<str>],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&reasons.join("; "))
}

/// What is wrong with an object's relationships. The names match the ids of the checks that
/// report them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
#[allow(missing_docs)]
pub enum ProblemCode {
    ServiceSelectsNoPods,
    ServiceTargetportUnresolved,
    IngressBackendServiceMissing,
    IngressBackendPortMissing,
    IngressTlsSecretMissing,
    HpaTargetMissing,
    PdbSelectsNothing,
    NetworkpolicySelectsNothing,
    NetworkpolicyPeerSelectsNothing,
    ConfigmapRefMissing,
    SecretRefMissing,
    PvcRefMissing,
    ServiceaccountMissing,
    StatefulsetServiceMissing,
    /// A StatefulSet's governing Service exists but is not headless.
    StatefulsetServiceNotHeadless,
    RbacBindingRefMissing,
    /// A RoleBinding subject names a ServiceAccount that is not in the loaded manifests.
    RbacSubjectMissing,
    ServicemonitorSelectsNothing,
}

impl ProblemCode {
    /// The code in kebab-case, e.g. `service-selects-no-pods`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A problem with an object's relationships, attached to that object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The object that has the problem (the one holding the selector or the reference).
    pub object: ObjectId,
    /// What kind of problem.
    pub code: ProblemCode,
    /// What is wrong, naming the values, lowercase, no trailing period; ends with
    /// ``did you mean `…`?`` when a name or label is a typo away from an existing one.
    pub message: String,
    /// The existing name or `key=value` label one typo away from the one written, if any.
    pub suggestion: Option<String>,
    /// The field path in the object, e.g. `spec.rules[0].http.paths[1].backend.service.name`.
    pub field: String,
    /// Where that field is written.
    #[serde(flatten)]
    pub location: Location,
    /// The container the reference is in, when there is one.
    pub container: Option<String>,
    /// `true` when it breaks as written; `false` when the manifests alone cannot tell (the other
    /// object may be created elsewhere, a container may listen on a port it does not declare).
    pub definite: bool,
    /// Only advice: the link works, or the manifests cannot tell because objects Manifesto
    /// cannot model (custom resources) may provide what is missing. Checks report it as info.
    pub advisory: bool,
}

/// One hop of a [`TrafficPath`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// What the hop is: `ingress`, `service`, `targetPort`, `containerPort` or `container`.
    pub step: &'static str,
    /// The hop in words, e.g. `Service feastflow-backend port 5000`.
    pub label: String,
    /// The object the hop is in, when it is one.
    pub object: Option<ObjectId>,
    /// Whether traffic gets through this hop.
    pub ok: bool,
}

/// How a request for one Ingress rule reaches a container: host and path → Service port →
/// `targetPort` → container port → container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrafficPath {
    /// The Ingress.
    pub ingress: ObjectId,
    /// The rule's host, `*` when it matches every host.
    pub host: String,
    /// The path, `/*` for the default backend.
    pub path: String,
    /// The hops in order, up to the first broken one.
    pub hops: Vec<Hop>,
    /// Why traffic stops, naming the first broken hop; `None` when it gets through.
    pub broken: Option<String>,
}

/// The relationship graph of a [`Model`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Graph {
    /// The nodes: the objects in model order, each followed by what it creates; missing and
    /// built-in nodes last.
    nodes: Vec<GraphNode>,
    /// The edges, in the order they were found.
    edges: Vec<Edge>,
    /// The problems, sorted by location.
    problems: Vec<Problem>,
    /// The traffic path of every Ingress rule and default backend.
    traffic: Vec<TrafficPath>,
    #[serde(skip)]
    index: HashMap<ObjectId, usize>,
    #[serde(skip)]
    outgoing: Vec<Vec<usize>>,
    #[serde(skip)]
    incoming: Vec<Vec<usize>>,
}

impl Graph {
    /// Builds the graph of `model`. Never fails: what cannot be resolved becomes a missing node,
    /// a broken edge or a problem.
    pub fn build(model: &Model, options: &GraphOptions) -> Graph {
        build::build(model, *options)
    }

    /// Assembles a graph from its parts and indexes it.
    pub(crate) fn assemble(
        nodes: Vec<GraphNode>,
        edges: Vec<Edge>,
        problems: Vec<Problem>,
        traffic: Vec<TrafficPath>,
    ) -> Graph {
        let index: HashMap<ObjectId, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        let mut outgoing = vec![Vec::new(); nodes.len()];
        let mut incoming = vec![Vec::new(); nodes.len()];
        for (e, edge) in edges.iter().enumerate() {
            if let (Some(&f), Some(&t)) = (index.get(&edge.from), index.get(&edge.to)) {
                outgoing[f].push(e);
                incoming[t].push(e);
            }
        }
        Graph {
            nodes,
            edges,
            problems,
            traffic,
            index,
            outgoing,
            incoming,
        }
    }

    /// The nodes: the objects in model order, each followed by what it creates; missing and
    /// built-in nodes last.
    pub fn nodes(&self) -> &[GraphNode] {
        &self.nodes
    }

    /// The edges, in the order they were found.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The problems, sorted by location.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The part of the graph whose nodes `keep` accepts: those nodes, the edges between them
    /// and the problems on them, indexed afresh (the traffic paths are kept whole).
    #[must_use]
    pub fn filtered(&self, mut keep: impl FnMut(&GraphNode) -> bool) -> Graph {
        let nodes: Vec<GraphNode> = self.nodes.iter().filter(|n| keep(n)).cloned().collect();
        let (edges, problems) = {
            let ids: HashSet<&ObjectId> = nodes.iter().map(|n| &n.id).collect();
            let edges: Vec<Edge> = self
                .edges
                .iter()
                .filter(|e| ids.contains(&e.from) && ids.contains(&e.to))
                .cloned()
                .collect();
            let problems: Vec<Problem> = self
                .problems
                .iter()
                .filter(|p| ids.contains(&p.object))
                .cloned()
                .collect();
            (edges, problems)
        };
        Graph::assemble(nodes, edges, problems, self.traffic.clone())
    }

    /// The node with this id.
    pub fn node(&self, id: &ObjectId) -> Option<&GraphNode> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    /// The node whose id is this text (`Kind/namespace/name` or `Kind/name`).
    pub fn node_str(&self, id: &str) -> Option<&GraphNode> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    /// The edges leaving `id`.
    pub fn outgoing(&self, id: &ObjectId) -> impl Iterator<Item = &Edge> + '_ {
        let list = self
            .index
            .get(id)
            .map(|&i| self.outgoing[i].as_slice())
            .unwrap_or_default();
        list.iter().map(|&e| &self.edges[e])
    }

    /// The edges arriving at `id`.
    pub fn incoming(&self, id: &ObjectId) -> impl Iterator<Item = &Edge> + '_ {
        let list = self
            .index
            .get(id)
            .map(|&i| self.incoming[i].as_slice())
            .unwrap_or_default();
        list.iter().map(|&e| &self.edges[e])
    }

    /// Every edge touching `id`, with the node at its other end, outgoing edges first.
    pub fn neighbours(&self, id: &ObjectId) -> Vec<(&Edge, &GraphNode)> {
        let out = self
            .outgoing(id)
            .filter_map(|e| Some((e, self.node(&e.to)?)));
        let inc = self
            .incoming(id)
            .filter_map(|e| Some((e, self.node(&e.from)?)));
        out.chain(inc).collect()
    }

    /// The traffic path of every Ingress rule.
    pub fn traffic_paths(&self) -> &[TrafficPath] {
        &self.traffic
    }

    /// The problems with this code.
    pub fn problems_with(&self, code: ProblemCode) -> impl Iterator<Item = &Problem> + '_ {
        self.problems.iter().filter(move |p| p.code == code)
    }

    /// The pods `id` owns, directly or through a ReplicaSet or Job.
    pub fn pods_of(&self, id: &ObjectId) -> Vec<&GraphNode> {
        let mut out = Vec::new();
        let mut stack = vec![id.clone()];
        let mut guard = 0;
        while let Some(current) = stack.pop() {
            guard += 1;
            if guard > self.nodes.len() + 1 {
                break;
            }
            for edge in self
                .outgoing(&current)
                .filter(|e| e.relation == Relation::Owns)
            {
                if let Some(node) = self.node(&edge.to) {
                    if node.kind == "Pod" {
                        out.push(node);
                    } else {
                        stack.push(node.id.clone());
                    }
                }
            }
        }
        out
    }

    /// The top of the ownership chain of `id`: a pod's Deployment, StatefulSet, CronJob…, or
    /// `id` itself when nothing owns it.
    pub fn root_owner<'a>(&'a self, id: &'a ObjectId) -> &'a ObjectId {
        let mut current = id;
        for _ in 0..8 {
            match self.owner(current) {
                Some(owner) => current = owner,
                None => break,
            }
        }
        current
    }

    /// The controller that owns `id` (a pod's ReplicaSet, a ReplicaSet's Deployment…), when it is
    /// a node of the graph.
    pub fn owner(&self, id: &ObjectId) -> Option<&ObjectId> {
        self.node(id)?
            .owner
            .as_ref()
            .filter(|owner| self.node(owner).is_some())
    }
}
