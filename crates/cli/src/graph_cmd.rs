//! `manifesto graph`: the relationship graph as JSON, DOT or Mermaid.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use manifesto_core::graph::{Graph, GraphOptions, to_dot, to_mermaid};
use serde_json::json;

use crate::input::ReadArgs;
use crate::terminal::{one_line, safe};

/// Arguments of `manifesto graph`.
#[derive(clap::Args, Debug)]
pub(crate) struct GraphArgs {
    /// Files, folders or `-`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Output format.
    #[arg(long, default_value = "json", value_parser = ["json", "dot", "mermaid"])]
    pub format: String,
    /// How many nodes a DaemonSet runs on.
    #[arg(long, default_value_t = 3)]
    pub nodes: u32,
}

/// Prints the graph; exit 1 when it has problems (broken links, selectors that match nothing) or
/// the input has error diagnostics.
pub(crate) fn run(args: &GraphArgs) -> Result<ExitCode> {
    let model = args.read.load(&args.paths)?;
    let mut snippets = manifesto_core::Snippets::new(&model);
    for d in &model.diagnostics {
        eprint!("{}", safe(&snippets.render(d)));
    }
    let graph = Graph::build(
        &model,
        &GraphOptions {
            daemonset_nodes: args.nodes,
        },
    );
    match args.format.as_str() {
        "dot" => print!("{}", to_dot(&graph)),
        "mermaid" => print!("{}", to_mermaid(&graph)),
        _ => println!("{}", serde_json::to_string_pretty(&as_json(&graph))?),
    }
    if args.format != "json" {
        for p in graph.problems() {
            eprintln!(
                "{}: {} [{}]",
                one_line(&p.location.to_string()),
                one_line(&p.message),
                p.code.as_str()
            );
        }
    }
    let failed = model.has_errors() || !graph.problems().is_empty();
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The graph in the CLI's JSON shape.
fn as_json(graph: &Graph) -> serde_json::Value {
    let nodes: Vec<_> = graph
        .nodes()
        .iter()
        .map(|n| {
            json!({
                "id": n.id, "kind": n.kind, "namespace": n.namespace, "name": n.name,
                "simulated": n.state.is_simulated(), "missing": n.state.is_missing(),
            })
        })
        .collect();
    let edges: Vec<_> = graph
        .edges()
        .iter()
        .map(|e| json!({ "from": e.from, "to": e.to, "relation": e.relation, "ok": e.ok, "reason": e.reason_text() }))
        .collect();
    let problems: Vec<_> = graph
        .problems()
        .iter()
        .map(|p| {
            json!({
                "object": p.object, "code": p.code, "message": p.message,
                "file": p.location.file, "line": p.location.line,
            })
        })
        .collect();
    json!({ "nodes": nodes, "edges": edges, "problems": problems })
}
