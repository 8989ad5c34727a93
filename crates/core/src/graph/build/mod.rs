//! Building the graph: nodes for the objects and what the controllers would create from them,
//! then the edges and problems of each kind of reference.

mod ingress;
mod pod_refs;
mod policy;
mod scaling;
mod selectors;
mod services;
mod simulation;

use std::collections::BTreeMap;
use std::sync::Arc;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::index::PodLabelIndex;
use super::operators::may_create_pods;
use super::{
    Edge, Graph, GraphNode, GraphOptions, MAX_EDGE_REASONS, NodeState, Problem, ProblemCode,
    Relation, TrafficPath,
};
use crate::model::{Model, Object, ObjectId};
use crate::source::Location;
use crate::text::closest;

/// Builds the graph of `model`.
pub(super) fn build(model: &Model, options: GraphOptions) -> Graph {
    let mut b = Builder::new(model, options);
    b.objects_and_simulated();
    b.owner_references();
    b.pod_spec_references();
    b.services();
    b.ingresses();
    b.autoscalers();
    b.disruption_budgets();
    b.network_policies();
    b.role_bindings();
    b.statefulset_services();
    b.service_monitors();
    b.problems
        .sort_by(|a, b| (&a.location, a.code, &a.object).cmp(&(&b.location, b.code, &b.object)));
    Graph::assemble(b.nodes, b.edges, b.problems, b.traffic)
}

/// A pod of the graph and the object whose pod spec it runs (itself, or its workload).
#[derive(Clone, Copy)]
struct PodInfo<'m> {
    node: usize,
    template: &'m Object,
}

/// What a reference by name from a pod spec points at.
struct PodRef<'a> {
    kind: &'static str,
    name: &'a str,
    optional: bool,
    relation: Relation,
    /// The field path of the name, for locations.
    field: String,
    /// The reference in words, relative to the container or pod spec, e.g. `envFrom[0].configMapRef`.
    what: String,
    /// The key read, for `configMapKeyRef` and `secretKeyRef`.
    key: Option<&'a str>,
    container: Option<&'a str>,
}

/// A service port resolved for the traffic paths.
struct Resolved<'m> {
    container: String,
    port: i32,
    port_name: Option<String>,
    template: &'m Object,
    /// A numeric port the pod's containers do not declare (they declare none): served anyway.
    undeclared: bool,
}

struct Builder<'m> {
    options: GraphOptions,
    /// The objects by id; the last definition of an id wins, as on `kubectl apply`.
    objects: HashMap<&'m ObjectId, &'m Object>,
    /// The objects in the order their ids first appear (the last definition of each id).
    live: Vec<&'m Object>,
    nodes: Vec<GraphNode>,
    index: HashMap<ObjectId, usize>,
    edges: Vec<Edge>,
    /// Each edge's position, by the positions of its nodes and its relation.
    edge_index: HashMap<(usize, usize, Relation), usize>,
    problems: Vec<Problem>,
    traffic: Vec<TrafficPath>,
    /// The pods of each namespace.
    pods: BTreeMap<String, Vec<PodInfo<'m>>>,
    /// The pods of each namespace by label, for selectors.
    pod_labels: PodLabelIndex,
    /// The names of each (kind, namespace), for "did you mean".
    names: HashMap<(&'m str, &'m str), Vec<&'m str>>,
    /// The namespaces of each (kind, name), sorted, for "exists in namespace x".
    namespaces: HashMap<(&'m str, &'m str), Vec<&'m str>>,
    /// The objects of each (namespace, name), in order, for "a Deployment of that name exists".
    by_namespace_name: HashMap<(&'m str, &'m str), Vec<&'m Object>>,
    /// The objects of each namespace that may create pods Manifesto cannot model, in order.
    pod_makers: HashMap<&'m str, Vec<&'m Object>>,
    /// The Services of each namespace, with their position in `order`.
    services_by_namespace: HashMap<&'m str, Vec<(usize, &'m Object)>>,
    /// Owners whose children are written in the manifests (through `ownerReferences`), so
    /// nothing is simulated for them.
    written_children: HashSet<ObjectId>,
    /// The `minReplicas` of the HorizontalPodAutoscaler targeting each workload.
    hpa_min: HashMap<ObjectId, (i32, &'m str)>,
    /// The pods each Service selects, and whether it has a selector at all.
    service_pods: HashMap<ObjectId, Vec<PodInfo<'m>>>,
}

impl<'m> Builder<'m> {
    fn new(model: &'m Model, options: GraphOptions) -> Self {
        let written = model.objects.len();
        let mut objects = HashMap::with_capacity(written);
        let mut order = Vec::with_capacity(written);
        for obj in &model.objects {
            if objects.insert(&obj.id, obj).is_none() {
                order.push(&obj.id);
            }
        }
        let mut names: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
        let mut namespaces: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
        let mut by_namespace_name: HashMap<(&str, &str), Vec<&Object>> =
            HashMap::with_capacity(written);
        let mut pod_makers: HashMap<&str, Vec<&Object>> = HashMap::new();
        let mut services_by_namespace: HashMap<&str, Vec<(usize, &Object)>> = HashMap::new();
        let live: Vec<&'m Object> = order.iter().map(|id| objects[id]).collect();
        for (position, &obj) in live.iter().enumerate() {
            let (kind, ns, name) = (obj.kind.as_str(), obj.ns(), obj.name.as_str());
            names.entry((kind, ns)).or_default().push(name);
            namespaces.entry((kind, name)).or_default().push(ns);
            by_namespace_name.entry((ns, name)).or_default().push(obj);
            if may_create_pods(obj) {
                pod_makers.entry(ns).or_default().push(obj);
            }
            if kind == "Service" {
                services_by_namespace
                    .entry(ns)
                    .or_default()
                    .push((position, obj));
            }
        }
        for list in namespaces.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        Builder {
            options,
            objects,
            live,
            // The cluster creates about as many objects again as are written (ReplicaSets, Pods).
            nodes: Vec::with_capacity(2 * written),
            index: HashMap::with_capacity(2 * written),
            edges: Vec::with_capacity(2 * written),
            edge_index: HashMap::with_capacity(2 * written),
            problems: Vec::new(),
            traffic: Vec::new(),
            pods: BTreeMap::new(),
            pod_labels: PodLabelIndex::default(),
            names,
            namespaces,
            by_namespace_name,
            pod_makers,
            services_by_namespace,
            written_children: HashSet::new(),
            hpa_min: HashMap::new(),
            service_pods: HashMap::new(),
        }
    }

    /// The objects in the order they first appear (last definition of each id).
    fn objects(&self) -> Vec<&'m Object> {
        self.live.clone()
    }

    fn exists(&self, id: &ObjectId) -> bool {
        self.objects.contains_key(id)
    }

    /// Whether a controller creates `id` (e.g. a claim of a StatefulSet's `volumeClaimTemplates`).
    fn is_simulated(&self, id: &ObjectId) -> bool {
        self.index
            .get(id)
            .is_some_and(|&i| self.nodes[i].state.is_simulated())
    }

    // ----- nodes -----------------------------------------------------------------------------

    fn push_node(&mut self, node: GraphNode) -> usize {
        if let Some(&i) = self.index.get(&node.id) {
            return i;
        }
        let i = self.nodes.len();
        self.index.insert(node.id.clone(), i);
        self.nodes.push(node);
        i
    }

    fn real_node(&mut self, obj: &Object) -> usize {
        let labels = if obj.kind == "Pod" {
            obj.pod_labels().cloned().unwrap_or_default()
        } else {
            obj.labels().clone()
        };
        self.push_node(GraphNode {
            id: obj.id.clone(),
            kind: obj.kind.clone(),
            namespace: obj.namespace.clone(),
            name: obj.name.clone(),
            state: NodeState::Written,
            source: Some(obj.location()),
            owner: None,
            labels,
        })
    }

    /// A node the cluster would create, owned by `owner`, from the field `field` of `obj`.
    fn simulated_node(
        &mut self,
        kind: &str,
        name: &str,
        owner: &ObjectId,
        obj: &Object,
        field: &str,
        labels: BTreeMap<String, String>,
    ) -> usize {
        let namespace = obj.namespace.clone();
        self.push_node(GraphNode {
            id: ObjectId::new(kind, namespace.as_deref(), name),
            kind: kind.to_owned(),
            namespace,
            name: name.to_owned(),
            state: NodeState::Simulated,
            source: Some(obj.locate(field)),
            owner: Some(owner.clone()),
            labels,
        })
    }

    /// The node for an object that is referenced but not loaded: missing, or built-in.
    fn absent_node(
        &mut self,
        kind: &str,
        namespace: Option<&str>,
        name: &str,
        builtin: bool,
    ) -> ObjectId {
        let id = ObjectId::new(kind, namespace, name);
        self.push_node(GraphNode {
            id: id.clone(),
            kind: kind.to_owned(),
            namespace: namespace.map(str::to_owned),
            name: name.to_owned(),
            state: if builtin {
                NodeState::BuiltIn
            } else {
                NodeState::Missing
            },
            source: None,
            owner: None,
            labels: BTreeMap::new(),
        });
        id
    }

    // ----- edges and problems ----------------------------------------------------------------

    /// The edge `relation` from `from` to `to`, or one more reason on it if it exists. Both ends
    /// are nodes already.
    fn edge(
        &mut self,
        from: &ObjectId,
        to: &ObjectId,
        relation: Relation,
        ok: bool,
        reason: impl Into<Arc<str>>,
        location: Option<Location>,
    ) {
        let (Some(&from), Some(&to)) = (self.index.get(from), self.index.get(to)) else {
            debug_assert!(false, "an edge between ids without nodes: {from} -> {to}");
            return;
        };
        self.edge_between(from, to, relation, ok, reason.into(), location);
    }

    /// [`Builder::edge`] between the nodes at these positions.
    fn edge_between(
        &mut self,
        from: usize,
        to: usize,
        relation: Relation,
        ok: bool,
        reason: Arc<str>,
        location: Option<Location>,
    ) {
        if let Some(&i) = self.edge_index.get(&(from, to, relation)) {
            let edge = &mut self.edges[i];
            edge.ok &= ok;
            if !edge.reasons.contains(&reason) && edge.reasons.len() < MAX_EDGE_REASONS {
                edge.reasons.push(reason);
            }
            return;
        }
        self.edge_index
            .insert((from, to, relation), self.edges.len());
        self.edges.push(Edge {
            from: self.nodes[from].id.clone(),
            to: self.nodes[to].id.clone(),
            relation,
            ok,
            reasons: vec![reason],
            location,
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn problem(
        &mut self,
        obj: &Object,
        code: ProblemCode,
        field: &str,
        message: String,
        suggestion: Option<String>,
        container: Option<&str>,
        definite: bool,
    ) {
        let message = match &suggestion {
            Some(s) => format!("{message}; did you mean `{s}`?"),
            None => message,
        };
        self.problems.push(Problem {
            object: obj.id.clone(),
            code,
            message,
            suggestion,
            field: field.to_owned(),
            location: obj.locate(field),
            container: container.map(str::to_owned),
            definite,
            advisory: false,
        });
    }

    /// Marks the last problem as advice only (see [`Problem::advisory`]).
    fn advisory(&mut self) {
        if let Some(p) = self.problems.last_mut() {
            p.advisory = true;
            p.definite = false;
        }
    }

    /// An existing name of `kind` in `namespace` one or two edits away from `name`.
    fn similar_name(&self, kind: &str, namespace: &str, name: &str) -> Option<String> {
        let candidates = self.names.get(&(kind, namespace))?;
        closest(name, candidates.iter().copied()).map(str::to_owned)
    }

    /// The namespaces other than `namespace` that hold a `kind` named `name`.
    fn elsewhere(&self, kind: &str, namespace: &str, name: &str) -> Vec<&'m str> {
        self.namespaces
            .get(&(kind, name))
            .into_iter()
            .flatten()
            .copied()
            .filter(|ns| *ns != namespace)
            .collect()
    }

    /// ", but a ConfigMap of that name exists in namespace x (… only its own namespace)".
    fn elsewhere_note(&self, kind: &str, namespace: &str, name: &str, who: &str) -> String {
        match self.elsewhere(kind, namespace, name).as_slice() {
            [] => String::new(),
            found => format!(
                " (a {kind} of that name exists in namespace {}, but {who} only reaches its own namespace)",
                found.join(", ")
            ),
        }
    }
}

/// Objects every cluster has although no manifest writes them.
fn builtin(kind: &str, namespace: &str, name: &str) -> bool {
    match kind {
        "ServiceAccount" => name == "default",
        "ConfigMap" => name == "kube-root-ca.crt",
        "ClusterRole" => {
            matches!(name, "cluster-admin" | "admin" | "edit" | "view")
                || name.starts_with("system:")
        }
        "Role" => {
            namespace == "kube-system"
                && (name.starts_with("system:")
                    || name == "extension-apiserver-authentication-reader")
        }
        _ => false,
    }
}
