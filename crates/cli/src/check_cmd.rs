//! `manifesto check` and `manifesto checks`: the best-practice review.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

/// Arguments of `manifesto check`.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files, folders or `-`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "human", value_parser = ["human", "json", "markdown", "sarif", "junit"])]
    pub format: String,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, default_value = "error", value_parser = ["error", "warning", "info", "never"])]
    pub fail_on: String,
    /// The target Kubernetes version, e.g. `1.29` (default: the newest).
    #[arg(long)]
    pub k8s_version: Option<String>,
}

/// `manifesto checks …`.
#[derive(clap::Subcommand, Debug)]
pub enum ChecksCommand {
    /// List every check with its id, category, severity and summary.
    List,
    /// Explain one check: what it does, why, an example and the fix.
    Explain {
        /// The check's id.
        id: String,
    },
}

/// Runs the review.
pub fn run(_args: &CheckArgs) -> Result<ExitCode> {
    bail!("`manifesto check` is not built yet")
}

/// Lists or explains checks.
pub fn run_checks(_command: &ChecksCommand) -> Result<ExitCode> {
    bail!("`manifesto checks` is not built yet")
}
