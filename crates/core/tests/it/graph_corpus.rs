//! The relationship graph of every real-world corpus file: nothing panics, every edge joins two
//! nodes, every problem points into its file, and the layout places every node.

use manifesto_core::graph::{Graph, GraphOptions, LayoutOptions, layout};
use manifesto_core::{Model, SourceFile};

use crate::corpus::{corpus_dir, corpus_files, corpus_model};

#[test]
fn every_corpus_file_builds_a_consistent_graph_and_layout() {
    let Some(dir) = corpus_dir() else { return };
    let mut problems = Vec::new();
    for (name, path) in corpus_files(&dir) {
        let text = std::fs::read_to_string(&path).expect("utf-8");
        let model = Model::from_files(vec![SourceFile::new(name.clone(), text)]);
        let graph = Graph::build(&model, &GraphOptions::default());
        if std::env::var_os("SHOW_GRAPH").is_some() {
            eprintln!(
                "{name}: {} nodes, {} edges, {} problems",
                graph.nodes().len(),
                graph.edges().len(),
                graph.problems().len()
            );
            for p in graph.problems() {
                eprintln!("  {} {} {}", p.location, p.code.as_str(), p.message);
            }
        }
        for edge in graph.edges() {
            if graph.node(&edge.from).is_none() || graph.node(&edge.to).is_none() {
                problems.push(format!(
                    "{name}: edge {} -> {} joins an unknown node",
                    edge.from, edge.to
                ));
            }
        }
        for p in graph.problems() {
            if *p.location.file != *name || p.location.line == 0 {
                problems.push(format!("{name}: problem located at {}", p.location));
            }
        }
        let placed = layout(&graph, &LayoutOptions::default());
        let drawn: usize = placed
            .nodes
            .iter()
            .map(|b| b.stack.as_ref().map_or(1, |s| s.members.len()))
            .sum();
        if drawn != graph.nodes().len() {
            problems.push(format!(
                "{name}: the layout draws {drawn} of {} nodes",
                graph.nodes().len()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_whole_corpus_at_once_builds_and_lays_out() {
    let Some(dir) = corpus_dir() else { return };
    let model = corpus_model(&dir);
    let graph = Graph::build(&model, &GraphOptions::default());
    let objects: std::collections::BTreeSet<_> = model.objects.iter().map(|o| &o.id).collect();
    // Every object is a node, written ones keep their place in the model order.
    assert_eq!(
        graph
            .nodes()
            .iter()
            .filter(|n| !n.state.is_simulated() && !n.state.is_missing() && !n.state.is_builtin())
            .count(),
        objects.len()
    );
    assert!(
        graph
            .nodes()
            .iter()
            .any(|n| n.state.is_simulated() && n.kind == "Pod")
    );
    let placed = layout(&graph, &LayoutOptions::default());
    assert!(placed.width > 0.0 && placed.height > 0.0);
    assert!(placed.edges.iter().all(|e| e.points.len() == 4));
}
