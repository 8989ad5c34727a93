//! A graph summarised by namespace: what a graph too large to draw at once shows first.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};
use serde::Serialize;

use super::Graph;

/// One namespace of a graph, summarised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamespaceGroup {
    /// The namespace; `None` for the cluster-scoped objects.
    pub namespace: Option<String>,
    /// How many nodes it holds (simulated and missing ones included).
    pub nodes: usize,
    /// Its nodes by kind, the most common first (then by kind).
    pub kinds: Vec<(String, usize)>,
    /// The broken edges that start or end in it.
    pub broken_edges: usize,
}

impl Graph {
    /// The graph's namespaces in name order, the cluster-scoped objects last, each with its
    /// node counts and broken edges.
    pub fn namespace_groups(&self) -> Vec<NamespaceGroup> {
        let mut kinds: BTreeMap<Option<&str>, HashMap<&str, usize>> = BTreeMap::new();
        for node in &self.nodes {
            *kinds
                .entry(node.namespace.as_deref())
                .or_default()
                .entry(node.kind.as_str())
                .or_default() += 1;
        }
        let mut broken: HashMap<Option<&str>, usize> = HashMap::new();
        for edge in self.edges.iter().filter(|e| !e.ok) {
            let ends =
                [&edge.from, &edge.to].map(|id| self.node(id).and_then(|n| n.namespace.as_deref()));
            *broken.entry(ends[0]).or_default() += 1;
            if ends[1] != ends[0] {
                *broken.entry(ends[1]).or_default() += 1;
            }
        }
        let mut groups: Vec<NamespaceGroup> = kinds
            .into_iter()
            .map(|(namespace, counts)| {
                let mut kinds: Vec<(String, usize)> =
                    counts.into_iter().map(|(k, n)| (k.to_owned(), n)).collect();
                kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                NamespaceGroup {
                    namespace: namespace.map(str::to_owned),
                    nodes: kinds.iter().map(|(_, n)| n).sum(),
                    kinds,
                    broken_edges: broken.get(&namespace).copied().unwrap_or(0),
                }
            })
            .collect();
        // `None` sorts first in the map; the cluster-scoped objects go last, as in the drawing.
        if groups.first().is_some_and(|g| g.namespace.is_none()) {
            groups.rotate_left(1);
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use crate::graph::{Graph, GraphOptions};
    use crate::parse::parse_files;
    use crate::samples::Sample;

    #[test]
    fn groups_count_each_namespace_with_the_cluster_scoped_objects_last() {
        let model = parse_files(Sample::FeastFlow.files());
        let graph = Graph::build(&model, &GraphOptions::default());
        let groups = graph.namespace_groups();
        let names: Vec<Option<&str>> = groups.iter().map(|g| g.namespace.as_deref()).collect();
        assert_eq!(names, [Some("feastflow"), None]);
        assert_eq!(
            groups.iter().map(|g| g.nodes).sum::<usize>(),
            graph.nodes().len()
        );
        let feastflow = &groups[0];
        let deployments = feastflow.kinds.iter().find(|(k, _)| k == "Deployment");
        assert_eq!(deployments.map(|(_, n)| *n), Some(2));
        assert!(
            feastflow.kinds.windows(2).all(|w| w[0].1 >= w[1].1),
            "most common kinds first: {:?}",
            feastflow.kinds
        );
        assert_eq!(groups[1].kinds, [("Namespace".to_owned(), 1)]);
    }

    #[test]
    fn a_broken_edge_counts_in_its_namespace() {
        let text = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  defaultBackend:\n    service:\n      name: nope\n      port:\n        number: 80\n";
        let model = parse_files(vec![crate::SourceFile::new("a.yaml", text)]);
        let graph = Graph::build(&model, &GraphOptions::default());
        let groups = graph.namespace_groups();
        let shop = groups
            .iter()
            .find(|g| g.namespace.as_deref() == Some("shop"))
            .expect("the shop namespace");
        assert_eq!(
            shop.broken_edges, 1,
            "the Ingress's link to the missing Service"
        );
    }
}
