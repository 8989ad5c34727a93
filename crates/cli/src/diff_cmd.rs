//! `manifesto diff`: what changes between two versions of the manifests, and what applying the
//! new one will do.

mod git;
mod human;
mod markdown;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use manifesto_core::Model;
use manifesto_core::checks::{Level, Settings};
use manifesto_core::diff::Diff;
use manifesto_core::report::json::finding;
use serde_json::{Value, json};

use crate::input::load;
use crate::output;

/// Arguments of `manifesto diff`.
#[derive(clap::Args, Debug)]
pub(crate) struct DiffArgs {
    /// OLD and NEW, each a file or a folder; with `--base`, the files and folders to compare
    /// with that revision.
    #[arg(required = true, value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "human", value_parser = ["human", "json", "markdown"])]
    pub format: String,
    /// The lowest severity of an introduced finding that makes the exit code 1.
    #[arg(long, default_value = "error", value_parser = ["error", "warning", "info", "never"])]
    pub fail_on: String,
    /// Read the old version of the same paths from this git revision (e.g. `origin/main`).
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// The namespace of objects that name none, as `kubectl apply -n NS` gives them.
    #[arg(long, short = 'n', value_name = "NS")]
    pub namespace: Option<String>,
}

/// Compares the two versions and prints the difference. Exit 1 when an introduced finding is at
/// or above `--fail-on`, 0 otherwise.
pub(crate) fn run(args: &DiffArgs) -> Result<ExitCode> {
    let ns = args.namespace.as_deref();
    let (old, new) = match &args.base {
        Some(rev) => {
            if args.paths.iter().any(|p| p.as_os_str() == "-") {
                bail!("--base reads the old version from git, so `-` cannot be a path");
            }
            (
                git::load_revision(rev, &args.paths, ns)?,
                load(&args.paths, ns)?,
            )
        }
        None => match args.paths.as_slice() {
            [old, new] => (
                load(std::slice::from_ref(old), ns)?,
                load(std::slice::from_ref(new), ns)?,
            ),
            _ => bail!(
                "expected OLD and NEW (two paths), got {}; use --base REV to compare paths with a git revision",
                args.paths.len()
            ),
        },
    };
    report_diagnostics("old", &old);
    report_diagnostics("new", &new);
    let diff = Diff::compute(&old, &new, &Settings::default());
    match args.format.as_str() {
        "json" => output::println(&serde_json::to_string_pretty(&to_json(&diff))?)?,
        "markdown" => output::print(&markdown::render(&diff))?,
        _ => output::print(&human::render(&diff))?,
    }
    let failing = Level::parse(&args.fail_on).is_some_and(|l| diff.introduced_at_least(l) > 0);
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints what could not be read, rustc-style, saying which version it is in.
fn report_diagnostics(side: &str, model: &Model) {
    let mut snippets = manifesto_core::Snippets::new(model);
    for d in &model.diagnostics {
        eprint!("({side}) {}", crate::terminal::safe(&snippets.render(d)));
    }
}

/// The JSON document (see `docs/diff.md`).
pub(crate) fn to_json(d: &Diff) -> Value {
    let objects: Vec<Value> = d
        .objects
        .iter()
        .map(|o| {
            let fields: Vec<Value> = o
                .fields
                .iter()
                .map(|f| {
                    json!({"path": f.path, "old": f.old, "new": f.new,
                        "old_line": f.old_line, "new_line": f.new_line})
                })
                .collect();
            json!({"id": o.id, "change": o.change, "fields": fields})
        })
        .collect();
    let rollouts: Vec<Value> = d
        .rollouts
        .iter()
        .map(|r| {
            json!({
                "workload": r.workload,
                "triggers": r.triggers,
                "strategy": r.strategy.as_str(),
                "passes": r.passes,
                "min_available": r.min_available,
                "downtime": r.downtime,
                "estimated_seconds": r.estimated_seconds,
            })
        })
        .collect();
    let edges = |list: &[manifesto_core::diff::EdgeRef]| -> Vec<Value> {
        list.iter()
            .map(|e| json!({"from": e.from, "to": e.to, "relation": e.relation.as_str()}))
            .collect()
    };
    json!({
        "objects": objects,
        "rollouts": rollouts,
        "edges": {"added": edges(&d.edges.added), "removed": edges(&d.edges.removed)},
        "findings": {
            "introduced": d.findings.introduced.iter().map(finding).collect::<Vec<_>>(),
            "fixed": d.findings.fixed.iter().map(finding).collect::<Vec<_>>(),
        },
        "scores": d.scores.iter().map(|s| json!({"object": s.object, "old": s.old, "new": s.new})).collect::<Vec<_>>(),
        "notes": d.notes.iter().map(|n| json!({"object": n.object, "message": n.message})).collect::<Vec<_>>(),
    })
}

/// A JSON value in one line, cut to `max` characters.
pub(crate) fn short_value(value: Option<&Value>, max: usize) -> String {
    let text = match value {
        None => return "(unset)".to_owned(),
        Some(v) => v.to_string(),
    };
    if text.chars().count() > max {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// `45s`, `2m 30s`.
pub(crate) fn duration(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s}s"),
        (m, 0) => format!("{m}m"),
        (m, s) => format!("{m}m {s}s"),
    }
}

/// `1 pod`, `2 pods`, `3 passes`.
pub(crate) fn plural(n: usize, noun: &str) -> String {
    match (n, noun.ends_with('s')) {
        (1, _) => format!("1 {noun}"),
        (_, true) => format!("{n} {noun}es"),
        (_, false) => format!("{n} {noun}s"),
    }
}
