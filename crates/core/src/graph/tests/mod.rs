//! The graph's tests, by subject; the helpers they share are here.

mod controllers;
mod layout;
mod links;
mod scoping;

use super::*;
use crate::samples::Sample;
use crate::source::SourceFile;

fn graph_with(yaml: &str, options: GraphOptions) -> Graph {
    let model = Model::from_files(vec![SourceFile::new("test.yaml", yaml)]);
    Graph::build(&model, &options)
}

fn graph_of(yaml: &str) -> Graph {
    graph_with(yaml, GraphOptions::default())
}

fn feastflow_files() -> Vec<SourceFile> {
    Sample::FeastFlow.files()
}

/// FeastFlow with one file's text changed by `edit`.
fn feastflow_edited(file: &str, edit: impl Fn(&str) -> String) -> Graph {
    let files = feastflow_files()
        .into_iter()
        .map(|f| {
            if f.name == file {
                SourceFile::new(&f.name, edit(&f.text))
            } else {
                f
            }
        })
        .collect();
    Graph::build(&Model::from_files(files), &GraphOptions::default())
}

/// The edge `from -relation-> to`, given ids as text; panics with the graph's edges if absent.
#[track_caller]
fn edge<'g>(graph: &'g Graph, from: &str, relation: Relation, to: &str) -> &'g Edge {
    graph
        .edges
        .iter()
        .find(|e| e.from.as_str() == from && e.to.as_str() == to && e.relation == relation)
        .unwrap_or_else(|| {
            panic!(
                "no edge {from} -{}-> {to} among:\n{}",
                relation.as_str(),
                describe_edges(graph)
            )
        })
}

fn describe_edges(graph: &Graph) -> String {
    graph
        .edges
        .iter()
        .map(|e| {
            format!(
                "  {} -{}-> {} ok={} ({})",
                e.from,
                e.relation.as_str(),
                e.to,
                e.ok,
                e.reason_text()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The targets of `from`'s edges of `relation`, as text, sorted.
fn targets(graph: &Graph, from: &str, relation: Relation) -> Vec<String> {
    let mut out: Vec<String> = graph
        .edges
        .iter()
        .filter(|e| e.from.as_str() == from && e.relation == relation)
        .map(|e| e.to.to_string())
        .collect();
    out.sort();
    out
}

/// The single problem with `code`; panics with every problem otherwise.
#[track_caller]
fn problem(graph: &Graph, code: ProblemCode) -> &Problem {
    let found: Vec<&Problem> = graph.problems_with(code).collect();
    match found.as_slice() {
        [one] => one,
        _ => panic!(
            "expected one {} problem, got {:#?}",
            code.as_str(),
            graph.problems
        ),
    }
}
