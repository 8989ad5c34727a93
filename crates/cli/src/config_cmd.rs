//! The configuration file: finding `.manifesto.yaml` (from the current folder upwards, or
//! `--config`), and `manifesto config init`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use manifesto_core::SourceFile;
use manifesto_core::checks::Settings;
use manifesto_core::checks::config::{FILE_NAME, TEMPLATE, parse_config};

/// `manifesto config …`.
#[derive(clap::Subcommand, Debug)]
pub(crate) enum ConfigCommand {
    /// Write a commented `.manifesto.yaml` with every setting into the current folder.
    Init {
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
}

/// Runs `manifesto config …`.
pub(crate) fn run(command: &ConfigCommand) -> Result<ExitCode> {
    match command {
        ConfigCommand::Init { force } => {
            let path = PathBuf::from(FILE_NAME);
            if path.exists() && !force {
                bail!("{FILE_NAME} already exists here; pass --force to replace it");
            }
            std::fs::write(&path, TEMPLATE)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {FILE_NAME}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The configuration file to read: `explicit`, else the first `.manifesto.yaml` in the current
/// folder or one of its parents.
fn find(explicit: Option<&Path>) -> Result<Option<PathBuf>> {
    if let Some(path) = explicit {
        if !path.is_file() {
            bail!("{}: no such configuration file", path.display());
        }
        return Ok(Some(path.to_path_buf()));
    }
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    Ok(cwd
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file()))
}

/// The settings of the configuration file (the defaults when there is none). A file with
/// mistakes prints them, located, and is an error.
pub(crate) fn load_settings(explicit: Option<&Path>) -> Result<Settings> {
    let Some(path) = find(explicit)? else {
        return Ok(Settings::default());
    };
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let (file, _) = SourceFile::from_bytes(path.display().to_string(), &bytes);
    match parse_config(&file.name, &file.text) {
        Ok(settings) => Ok(settings),
        Err(diagnostics) => {
            for d in &diagnostics {
                eprint!("{}", d.render(Some(&file)));
            }
            bail!(
                "{} has {} mistake{}",
                path.display(),
                diagnostics.len(),
                if diagnostics.len() == 1 { "" } else { "s" }
            )
        }
    }
}
