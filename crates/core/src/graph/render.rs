//! The graph as text for docs and slides: Graphviz DOT and Mermaid flowcharts.
//!
//! Both group nodes by namespace, draw simulated objects dashed, missing ones red and dashed,
//! built-in ones dotted, and broken edges red and dashed.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Graph, GraphNode, NodeState};

/// A namespace (`None` for cluster-scoped objects) and its nodes, each with its index.
type NamespaceGroup<'g> = (Option<&'g str>, Vec<(usize, &'g GraphNode)>);

/// The nodes grouped by namespace (namespaces sorted, cluster-scoped objects last), each with its
/// index in `graph.nodes`.
fn by_namespace(graph: &Graph) -> Vec<NamespaceGroup<'_>> {
    let mut groups: BTreeMap<(bool, &str), Vec<(usize, &GraphNode)>> = BTreeMap::new();
    for (i, node) in graph.nodes.iter().enumerate() {
        let key = match node.namespace.as_deref() {
            Some(ns) => (false, ns),
            None => (true, ""),
        };
        groups.entry(key).or_default().push((i, node));
    }
    groups
        .into_iter()
        .map(|((cluster, ns), nodes)| ((!cluster).then_some(ns), nodes))
        .collect()
}

/// Escapes text for a double-quoted DOT string: quotes and backslashes are escaped, a line
/// break becomes DOT's `\n`, other control characters (ANSI escapes included) become spaces.
fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The graph in Graphviz DOT, left to right (`dot -Tsvg graph.dot > graph.svg`).
pub fn to_dot(graph: &Graph) -> String {
    let mut out = String::from(
        "digraph manifests {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n",
    );
    for (i, (namespace, nodes)) in by_namespace(graph).into_iter().enumerate() {
        let indent = if namespace.is_some() { "    " } else { "  " };
        if let Some(ns) = namespace {
            let _ = writeln!(
                out,
                "  subgraph cluster_{i} {{\n    label=\"namespace {}\";",
                dot_escape(ns)
            );
        }
        for (_, node) in nodes {
            let mut attrs = vec![format!(
                "label=\"{}\\n{}\"",
                dot_escape(&node.kind),
                dot_escape(&node.name)
            )];
            match node.state {
                NodeState::Written => {}
                NodeState::Missing => {
                    attrs.push("style=dashed, color=red, fontcolor=red".to_owned());
                }
                NodeState::Simulated => attrs.push("style=dashed".to_owned()),
                NodeState::BuiltIn => attrs.push("style=dotted".to_owned()),
            }
            let _ = writeln!(
                out,
                "{indent}\"{}\" [{}];",
                dot_escape(node.id.as_str()),
                attrs.join(", ")
            );
        }
        if namespace.is_some() {
            out.push_str("  }\n");
        }
    }
    for edge in &graph.edges {
        let style = if edge.ok {
            String::new()
        } else {
            ", style=dashed, color=red, fontcolor=red".to_owned()
        };
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{}\", tooltip=\"{}\"{style}];",
            dot_escape(edge.from.as_str()),
            dot_escape(edge.to.as_str()),
            edge.relation.as_str(),
            dot_escape(&edge.reason_text()),
        );
    }
    out.push_str("}\n");
    out
}

/// Escapes text for a double-quoted Mermaid label.
fn mermaid_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '`' => out.push_str("#96;"),
            '&' => out.push_str("#38;"),
            '|' => out.push_str("#124;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The graph as a Mermaid flowchart, left to right, for Markdown docs.
pub fn to_mermaid(graph: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    let mut classes: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (i, (namespace, nodes)) in by_namespace(graph).into_iter().enumerate() {
        let indent = if namespace.is_some() { "    " } else { "  " };
        if let Some(ns) = namespace {
            let _ = writeln!(
                out,
                "  subgraph ns{i}[\"namespace {}\"]",
                mermaid_escape(ns)
            );
        }
        for (n, node) in nodes {
            let _ = writeln!(
                out,
                "{indent}n{n}[\"{}<br/>{}\"]",
                mermaid_escape(&node.kind),
                mermaid_escape(&node.name)
            );
            let class = match node.state {
                NodeState::Written => None,
                NodeState::Missing => Some("missing"),
                NodeState::Simulated => Some("simulated"),
                NodeState::BuiltIn => Some("builtin"),
            };
            if let Some(class) = class {
                classes.entry(class).or_default().push(format!("n{n}"));
            }
        }
        if namespace.is_some() {
            out.push_str("  end\n");
        }
    }
    let index: BTreeMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let mut broken = Vec::new();
    let mut count = 0;
    for edge in &graph.edges {
        let (Some(from), Some(to)) = (index.get(edge.from.as_str()), index.get(edge.to.as_str()))
        else {
            continue;
        };
        if edge.ok {
            let _ = writeln!(out, "  n{from} -->|{}| n{to}", edge.relation.as_str());
        } else {
            let _ = writeln!(
                out,
                "  n{from} -.->|{} broken| n{to}",
                edge.relation.as_str()
            );
            broken.push(count.to_string());
        }
        count += 1;
    }
    out.push_str("  classDef simulated stroke-dasharray: 5 3;\n");
    out.push_str("  classDef missing stroke:#c62828,color:#c62828,stroke-dasharray: 3 3;\n");
    out.push_str("  classDef builtin stroke-dasharray: 1 3;\n");
    for (class, ids) in classes {
        let _ = writeln!(out, "  class {} {class};", ids.join(","));
    }
    if !broken.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:#c62828,color:#c62828;",
            broken.join(",")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_break_out_of_their_strings() {
        let name = "a\"] -> x\n}\r\u{1b}[31m<b>`#|&";
        let dot = dot_escape(name);
        assert_eq!(dot, "a\\\"] -> x\\n}  [31m<b>`#|&");
        let mermaid = mermaid_escape(name);
        assert!(
            !mermaid.contains(['"', '<', '>', '`', '|', '\n', '\r', '\u{1b}']),
            "{mermaid}"
        );
    }
}
