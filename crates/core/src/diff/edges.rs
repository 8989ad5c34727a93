//! Links: the graph edges that appear or disappear between the two versions.
//!
//! Only working links count (a broken edge to a missing object is reported by the findings).
//! What the cluster creates (ReplicaSets, Pods, claims) is named after the written object that
//! creates it, so a Service that selects a Deployment's pods shows as a link from the Service to
//! the Deployment, and a new pod-template hash does not read as a new link. Edges are matched
//! by their two ends and their relation.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::graph::{Graph, Relation};
use crate::model::ObjectId;

/// A link between two objects.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct EdgeRef {
    /// The object that points.
    pub from: ObjectId,
    /// The object pointed at (for what the cluster creates, the written object that creates it).
    pub to: ObjectId,
    /// How it points.
    pub relation: Relation,
}

/// The links that appear and disappear.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EdgeChanges {
    /// Links only in the new version.
    pub added: Vec<EdgeRef>,
    /// Links only in the old version.
    pub removed: Vec<EdgeRef>,
}

impl EdgeChanges {
    /// Whether no link changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// The working links of a graph, with simulated ends named after their written owner, without
/// links from an object to itself.
pub fn links(graph: &Graph) -> BTreeSet<EdgeRef> {
    let end = |id: &ObjectId| -> ObjectId {
        match graph.node(id) {
            Some(node) if node.state.is_simulated() => graph.root_owner(id).clone(),
            _ => id.clone(),
        }
    };
    graph
        .edges()
        .iter()
        .filter(|e| e.ok)
        .map(|e| EdgeRef {
            from: end(&e.from),
            to: end(&e.to),
            relation: e.relation,
        })
        .filter(|e| e.from != e.to)
        .collect()
}

/// The links added and removed between two graphs, sorted.
pub fn compare_edges(old: &Graph, new: &Graph) -> EdgeChanges {
    let (a, b) = (links(old), links(new));
    EdgeChanges {
        added: b.difference(&a).cloned().collect(),
        removed: a.difference(&b).cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{feastflow, feastflow_with};
    use crate::graph::GraphOptions;
    use crate::model::Model;

    fn graph(model: &Model) -> Graph {
        Graph::build(model, &GraphOptions::default())
    }

    #[track_caller]
    fn show(edges: &[EdgeRef]) -> Vec<String> {
        edges
            .iter()
            .map(|e| format!("{} {} {}", e.from, e.relation.as_str(), e.to))
            .collect()
    }

    #[test]
    fn an_image_bump_changes_no_link() {
        let new = feastflow_with(
            "06-backend-deployment.yaml",
            "image: feastflow-backend:latest",
            "image: feastflow-backend:v2",
        );
        assert!(compare_edges(&graph(&feastflow()), &graph(&new)).is_empty());
    }

    #[test]
    fn a_service_selector_typo_removes_its_selects_link() {
        let new = feastflow_with(
            "07-backend-service.yaml",
            "  selector:\n    app: feastflow\n    component: backend",
            "  selector:\n    app: feastflow\n    component: backnd",
        );
        let diff = compare_edges(&graph(&feastflow()), &graph(&new));
        assert_eq!(
            show(&diff.removed),
            ["Service/feastflow/feastflow-backend selects Deployment/feastflow/feastflow-backend"]
        );
        assert!(diff.added.is_empty(), "{:?}", show(&diff.added));
    }

    #[test]
    fn an_env_reference_removed_is_a_link_removed() {
        let new = feastflow_with(
            "06-backend-deployment.yaml",
            "            - secretRef:\n                name: feastflow-secrets # All Secret keys as env vars\n",
            "",
        );
        let diff = compare_edges(&graph(&feastflow()), &graph(&new));
        assert_eq!(
            show(&diff.removed),
            ["Deployment/feastflow/feastflow-backend env Secret/feastflow/feastflow-secrets"]
        );
    }
}
