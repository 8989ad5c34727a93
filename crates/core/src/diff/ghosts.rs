//! The change drawn on the graph: the new version's graph with what the change adds marked,
//! and what it removes put back as ghosts, so one layout shows both.
//!
//! Nodes are matched by id, and an object counts with everything the cluster creates for it:
//! a Deployment added or removed brings its ReplicaSets and pods along, while a new
//! pod-template hash after an image bump is not a new object. An object removed while the new
//! version still references it is marked on its missing node; other missing and built-in nodes
//! are never marked. Edges are matched like the links of [`super::compare_edges`]: a selector
//! typo removes the Service's `selects` edges, and an edge of an added or removed object is
//! added or removed with it. A removed edge to a node gone with an old pod template is drawn to
//! the object that created that node.

use std::collections::BTreeSet;

use foldhash::HashSet;

use super::edges::{EdgeRef, links};
use crate::graph::{Edge, Graph, GraphNode, Relation};
use crate::model::ObjectId;

/// An edge of the drawing: its two ends and its relation.
pub type EdgeKey = (ObjectId, ObjectId, Relation);

/// The new graph with the change marked and the removed parts added back.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphDelta {
    /// The new graph plus the removed nodes and edges (after the new version's own).
    pub graph: Graph,
    /// Nodes only in the new version.
    pub added_nodes: BTreeSet<ObjectId>,
    /// Nodes only in the old version, drawn as ghosts.
    pub removed_nodes: BTreeSet<ObjectId>,
    /// Edges only in the new version.
    pub added_edges: BTreeSet<EdgeKey>,
    /// Edges only in the old version, drawn as ghosts.
    pub removed_edges: BTreeSet<EdgeKey>,
}

impl GraphDelta {
    /// Whether the change adds or removes nothing on the graph.
    pub fn is_empty(&self) -> bool {
        self.added_nodes.is_empty()
            && self.removed_nodes.is_empty()
            && self.added_edges.is_empty()
            && self.removed_edges.is_empty()
    }

    /// `added`, `removed` or nothing, for the node `id`.
    pub fn node_change(&self, id: &ObjectId) -> Option<&'static str> {
        if self.added_nodes.contains(id) {
            Some("added")
        } else if self.removed_nodes.contains(id) {
            Some("removed")
        } else {
            None
        }
    }

    /// `added`, `removed` or nothing, for the edge `from → to` by `relation`.
    pub fn edge_change(
        &self,
        from: &ObjectId,
        to: &ObjectId,
        relation: Relation,
    ) -> Option<&'static str> {
        let key = (from.clone(), to.clone(), relation);
        if self.added_edges.contains(&key) {
            Some("added")
        } else if self.removed_edges.contains(&key) {
            Some("removed")
        } else {
            None
        }
    }
}

fn key(edge: &Edge) -> EdgeKey {
    (edge.from.clone(), edge.to.clone(), edge.relation)
}

/// The link an edge stands for, as [`links`] names it.
fn link(graph: &Graph, edge: &Edge) -> EdgeRef {
    let end = |id: &ObjectId| -> ObjectId {
        match graph.node(id) {
            Some(node) if node.state.is_simulated() => graph.root_owner(id).clone(),
            _ => id.clone(),
        }
    };
    EdgeRef {
        from: end(&edge.from),
        to: end(&edge.to),
        relation: edge.relation,
    }
}

/// Nodes of `graph` whose object (the written object that creates them) `other` lacks, or
/// only names as missing.
fn only_in(graph: &Graph, other: &Graph) -> BTreeSet<ObjectId> {
    graph
        .nodes()
        .iter()
        .filter(|n| !n.state.is_missing() && !n.state.is_builtin())
        .filter(|n| {
            other
                .node(graph.root_owner(&n.id))
                .is_none_or(|there| there.state.is_missing())
        })
        .map(|n| n.id.clone())
        .collect()
}

/// Edges of `graph` that `other` lacks: those touching `nodes` (added or removed with their
/// object), and working ones whose link `other_links` lacks.
fn edges_only_in(
    graph: &Graph,
    other: &Graph,
    nodes: &BTreeSet<ObjectId>,
    other_links: &BTreeSet<EdgeRef>,
) -> Vec<Edge> {
    let other_keys: HashSet<EdgeKey> = other.edges().iter().map(key).collect();
    graph
        .edges()
        .iter()
        .filter(|e| !other_keys.contains(&key(e)))
        .filter(|e| {
            nodes.contains(&e.from)
                || nodes.contains(&e.to)
                || (e.ok && {
                    let l = link(graph, e);
                    l.from != l.to && !other_links.contains(&l)
                })
        })
        .cloned()
        .collect()
}

/// The new graph with the change from `old` marked and the removed parts added back.
pub fn graph_delta(old: &Graph, new: &Graph) -> GraphDelta {
    let added_nodes = only_in(new, old);
    let removed_nodes = only_in(old, new);
    let added: Vec<Edge> = edges_only_in(new, old, &added_nodes, &links(old));
    let removed: Vec<Edge> = edges_only_in(old, new, &removed_nodes, &links(new));

    // A removed object that the new version still names is already drawn, as missing.
    let mut nodes: Vec<GraphNode> = new.nodes().to_vec();
    nodes.extend(
        old.nodes()
            .iter()
            .filter(|n| removed_nodes.contains(&n.id) && new.node(&n.id).is_none())
            .cloned(),
    );
    let drawn: HashSet<ObjectId> = nodes.iter().map(|n| n.id.clone()).collect();
    // An end that is not drawn (a pod of the old pod template) stands for the written object
    // that created it; a removed edge with no drawn end has no place.
    let place = |id: &ObjectId| -> Option<ObjectId> {
        if drawn.contains(id) {
            return Some(id.clone());
        }
        let root = old.root_owner(id);
        drawn.contains(root).then(|| root.clone())
    };
    let new_keys: HashSet<EdgeKey> = new.edges().iter().map(key).collect();
    let mut removed_edges: BTreeSet<EdgeKey> = BTreeSet::new();
    let removed: Vec<Edge> = removed
        .into_iter()
        .filter_map(|e| {
            let (from, to) = (place(&e.from)?, place(&e.to)?);
            let k = (from.clone(), to.clone(), e.relation);
            (from != to && !new_keys.contains(&k) && removed_edges.insert(k)).then_some(Edge {
                from,
                to,
                ..e
            })
        })
        .collect();
    let mut edges = new.edges().to_vec();
    edges.extend(removed);
    GraphDelta {
        graph: Graph::assemble(
            nodes,
            edges,
            new.problems().to_vec(),
            new.traffic_paths().to_vec(),
        ),
        added_nodes,
        removed_nodes,
        added_edges: added.iter().map(key).collect(),
        removed_edges,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{feastflow, feastflow_with, model};
    use crate::graph::GraphOptions;
    use crate::model::Model;
    use crate::samples::Sample;

    fn graph(model: &Model) -> Graph {
        Graph::build(model, &GraphOptions::default())
    }

    fn show(edges: &BTreeSet<EdgeKey>) -> Vec<String> {
        edges
            .iter()
            .map(|(from, to, relation)| format!("{from} {} {to}", relation.as_str()))
            .collect()
    }

    fn ids(set: &BTreeSet<ObjectId>) -> Vec<&str> {
        set.iter().map(ObjectId::as_str).collect()
    }

    #[test]
    fn no_change_marks_nothing() {
        let g = graph(&feastflow());
        let delta = graph_delta(&g, &g);
        assert!(delta.is_empty());
        assert_eq!(delta.graph.nodes(), g.nodes());
        assert_eq!(delta.graph.edges(), g.edges());
    }

    #[test]
    fn an_image_bump_marks_nothing() {
        let new = feastflow_with(
            "06-backend-deployment.yaml",
            "image: feastflow-backend:latest",
            "image: feastflow-backend:v2",
        );
        let delta = graph_delta(&graph(&feastflow()), &graph(&new));
        assert!(delta.is_empty(), "{delta:?}");
    }

    #[test]
    fn a_selector_typo_keeps_its_selects_edges_as_ghosts() {
        let new = feastflow_with(
            "07-backend-service.yaml",
            "  selector:\n    app: feastflow\n    component: backend",
            "  selector:\n    app: feastflow\n    component: backnd",
        );
        let new = graph(&new);
        let delta = graph_delta(&graph(&feastflow()), &new);
        assert!(delta.added_nodes.is_empty() && delta.removed_nodes.is_empty());
        let removed = show(&delta.removed_edges);
        assert!(!removed.is_empty());
        for edge in &removed {
            assert!(
                edge.starts_with(
                    "Service/feastflow/feastflow-backend selects Pod/feastflow/feastflow-backend-"
                ),
                "{edge}"
            );
        }
        // The ghosts are drawn: the merged graph has them, the new one does not.
        for (from, to, relation) in &delta.removed_edges {
            let has = |g: &Graph| {
                g.outgoing(from)
                    .any(|e| &e.to == to && e.relation == *relation)
            };
            assert!(has(&delta.graph) && !has(&new));
        }
    }

    #[test]
    fn a_removed_object_is_a_ghost_and_an_added_one_is_marked() {
        let files = Sample::FeastFlow.files();
        let texts: Vec<(String, String)> = files
            .iter()
            .map(|f| (f.name.clone(), f.text.clone()))
            .collect();
        let without = |skip: &str| -> Model {
            let kept: Vec<(&str, &str)> = texts
                .iter()
                .filter(|(n, _)| n != skip)
                .map(|(n, t)| (n.as_str(), t.as_str()))
                .collect();
            model(&kept)
        };
        // Old: no Ingress; new: no frontend Service.
        let old = graph(&without("10-ingress.yaml"));
        let new = graph(&without("09-frontend-service.yaml"));
        let delta = graph_delta(&old, &new);
        assert_eq!(
            ids(&delta.added_nodes),
            ["Ingress/feastflow/feastflow-ingress"]
        );
        assert_eq!(
            ids(&delta.removed_nodes),
            ["Service/feastflow/feastflow-frontend"]
        );
        assert!(
            delta
                .graph
                .node_str("Service/feastflow/feastflow-frontend")
                .is_some(),
            "the ghost is drawn"
        );
        let added = show(&delta.added_edges);
        assert!(
            added
                .iter()
                .all(|e| e.starts_with("Ingress/feastflow/feastflow-ingress ")),
            "{added:?}"
        );
        assert!(
            added.contains(
                &"Ingress/feastflow/feastflow-ingress routes Service/feastflow/feastflow-backend"
                    .to_owned()
            ),
            "{added:?}"
        );
        let removed = show(&delta.removed_edges);
        assert!(!removed.is_empty());
        assert!(
            removed
                .iter()
                .all(|e| e.starts_with("Service/feastflow/feastflow-frontend selects ")),
            "{removed:?}"
        );
    }
}
