//! `manifesto graph`: the relationship graph as JSON, DOT or Mermaid.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use std::io::Write;

use manifesto_core::ObjectId;
use manifesto_core::graph::{
    Edge, Graph, GraphNode, GraphOptions, Problem, ProblemCode, Relation, to_dot, to_mermaid,
};
use serde::{Serialize, Serializer};

use crate::input::ReadArgs;
use crate::output;
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
        "dot" => output::print(&to_dot(&graph))?,
        "mermaid" => output::print(&to_mermaid(&graph))?,
        _ => print_json(&graph)?,
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

/// The graph in the CLI's JSON shape, written as it is serialised (a graph can hold millions of
/// edges). Fields in alphabetical order, as the shape has always printed them.
#[derive(Serialize)]
struct GraphJson<'g> {
    #[serde(serialize_with = "each_edge")]
    edges: &'g [Edge],
    #[serde(serialize_with = "each_node")]
    nodes: &'g [GraphNode],
    #[serde(serialize_with = "each_problem")]
    problems: &'g [Problem],
}

#[derive(Serialize)]
struct NodeJson<'g> {
    id: &'g ObjectId,
    kind: &'g str,
    missing: bool,
    name: &'g str,
    namespace: Option<&'g str>,
    simulated: bool,
}

#[derive(Serialize)]
struct EdgeJson<'g> {
    from: &'g ObjectId,
    ok: bool,
    reason: String,
    relation: Relation,
    to: &'g ObjectId,
}

#[derive(Serialize)]
struct ProblemJson<'g> {
    code: ProblemCode,
    file: &'g str,
    line: usize,
    message: &'g str,
    object: &'g ObjectId,
}

fn each_node<S: Serializer>(nodes: &[GraphNode], out: S) -> Result<S::Ok, S::Error> {
    out.collect_seq(nodes.iter().map(|n| NodeJson {
        id: &n.id,
        kind: &n.kind,
        missing: n.state.is_missing(),
        name: &n.name,
        namespace: n.namespace.as_deref(),
        simulated: n.state.is_simulated(),
    }))
}

fn each_edge<S: Serializer>(edges: &[Edge], out: S) -> Result<S::Ok, S::Error> {
    out.collect_seq(edges.iter().map(|e| EdgeJson {
        from: &e.from,
        ok: e.ok,
        reason: e.reason_text(),
        relation: e.relation,
        to: &e.to,
    }))
}

fn each_problem<S: Serializer>(problems: &[Problem], out: S) -> Result<S::Ok, S::Error> {
    out.collect_seq(problems.iter().map(|p| ProblemJson {
        code: p.code,
        file: &p.location.file,
        line: p.location.line,
        message: &p.message,
        object: &p.object,
    }))
}

/// Writes the graph as indented JSON and a newline to standard output.
fn print_json(graph: &Graph) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let shape = GraphJson {
        edges: graph.edges(),
        nodes: graph.nodes(),
        problems: graph.problems(),
    };
    let written = serde_json::to_writer_pretty(&mut out, &shape)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    Ok(output::finished(written)?)
}
