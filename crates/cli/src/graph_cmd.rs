//! `manifesto graph`: the relationship graph as JSON, DOT or Mermaid.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

/// Arguments of `manifesto graph`.
#[derive(clap::Args, Debug)]
pub struct GraphArgs {
    /// Files, folders or `-`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "json", value_parser = ["json", "dot", "mermaid"])]
    pub format: String,
    /// How many nodes a DaemonSet runs on.
    #[arg(long, default_value_t = 3)]
    pub nodes: u32,
}

/// Prints the graph.
pub fn run(_args: &GraphArgs) -> Result<ExitCode> {
    bail!("`manifesto graph` is not built yet")
}
