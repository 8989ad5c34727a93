//! `manifesto lesson list` (the built-in lesson packs) and `manifesto lesson check` (a teacher's
//! packs, validated and verified level by level).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use manifesto_core::SourceFile;
use manifesto_core::lesson::{self, MAX_PACK_BYTES};

use crate::output;
use crate::terminal::safe;

/// `manifesto lesson …`.
#[derive(clap::Subcommand, Debug)]
pub(crate) enum LessonCommand {
    /// List the built-in lesson packs with their levels and challenges.
    List,
    /// Validate lesson packs and verify every level: its starting files leave a condition unmet
    /// and its solution meets them all (exit 1 otherwise).
    Check {
        /// Lesson pack files (YAML).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// Runs `manifesto lesson …`.
pub(crate) fn run(command: &LessonCommand) -> Result<ExitCode> {
    match command {
        LessonCommand::List => {
            output::print(&list())?;
            Ok(ExitCode::SUCCESS)
        }
        LessonCommand::Check { paths } => check(paths),
    }
}

/// The built-in packs and their levels, a line each.
fn list() -> String {
    let mut out = String::new();
    for pack in lesson::builtin() {
        let _ = writeln!(
            out,
            "{}  {} ({} levels)",
            safe(&pack.id),
            safe(&pack.title),
            pack.levels.len()
        );
        for level in &pack.levels {
            let _ = writeln!(
                out,
                "  {:<9}  {}  {}",
                level.kind.as_str(),
                safe(&level.id),
                safe(&level.title)
            );
        }
    }
    out
}

fn check(paths: &[PathBuf]) -> Result<ExitCode> {
    let mut failed = false;
    for path in paths {
        let size = std::fs::metadata(path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .len();
        if size > MAX_PACK_BYTES as u64 {
            eprintln!(
                "{}: the pack is {size} bytes; a pack holds at most {MAX_PACK_BYTES}",
                safe(&path.display().to_string())
            );
            failed = true;
            continue;
        }
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let (file, bad_utf8) = SourceFile::from_bytes(path.display().to_string(), &bytes);
        if let Some(d) = bad_utf8 {
            eprint!("{}", safe(&d.render(Some(&file))));
            failed = true;
            continue;
        }
        let pack = match lesson::parse_pack(&file.name, &file.text) {
            Ok(pack) => pack,
            Err(diagnostics) => {
                for d in &diagnostics {
                    eprint!("{}", safe(&d.render(Some(&file))));
                }
                eprintln!(
                    "{}: {} mistake{}",
                    safe(&file.name),
                    diagnostics.len(),
                    if diagnostics.len() == 1 { "" } else { "s" }
                );
                failed = true;
                continue;
            }
        };
        let mut broken = 0;
        for level in &pack.levels {
            if let Err(why) = level.verify() {
                eprintln!("{}: {}", safe(&file.name), safe(&why));
                broken += 1;
            }
        }
        if broken == 0 {
            output::println(&format!(
                "{}: pack {}: {} levels verified",
                safe(&file.name),
                safe(&pack.id),
                pack.levels.len()
            ))?;
        } else {
            failed = true;
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
