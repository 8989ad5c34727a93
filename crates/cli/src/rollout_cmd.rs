//! `manifesto rollout`: the rolling update of one workload, pass by pass.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

/// Arguments of `manifesto rollout`.
#[derive(clap::Args, Debug)]
pub struct RolloutArgs {
    /// Files, folders or `-`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The workload, as `Kind/namespace/name`.
    #[arg(long)]
    pub workload: String,
    /// How many nodes a DaemonSet runs on.
    #[arg(long, default_value_t = 3)]
    pub nodes: u32,
    /// Simulate a new version that never becomes ready.
    #[arg(long)]
    pub fail_new: bool,
    /// Output format.
    #[arg(long, default_value = "text", value_parser = ["json", "text"])]
    pub format: String,
}

/// Prints the simulation.
pub fn run(_args: &RolloutArgs) -> Result<ExitCode> {
    bail!("`manifesto rollout` is not built yet")
}
