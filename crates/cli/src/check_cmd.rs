//! `manifesto check` and `manifesto checks`: the best-practice review.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use manifesto_core::checks::{self, Finding, Level, Settings};
use manifesto_core::report::{Outcome, Review, checklist, docs, markdown};
use manifesto_core::{Model, Severity, Snippets};

use crate::config_cmd::load_settings;
use crate::input::load_with;
use crate::output;
use crate::terminal::{one_line, safe};

/// Arguments of `manifesto check`.
#[derive(clap::Args, Debug)]
pub(crate) struct CheckArgs {
    /// Files, folders or `-`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The namespace of objects that name none, as `kubectl apply -n NS` gives them.
    #[arg(long, short = 'n', value_name = "NS")]
    pub namespace: Option<String>,
    /// Output format.
    #[arg(long, default_value = "human", value_parser = ["human", "json", "markdown", "sarif", "junit"])]
    pub format: String,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, default_value = "error", value_parser = ["error", "warning", "info", "never"])]
    pub fail_on: String,
    /// The target Kubernetes version, e.g. `1.29` (default: the newest).
    #[arg(long)]
    pub k8s_version: Option<String>,
    /// Run a check that is off by default (repeat, or separate with commas; `all` runs every check).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub enable: Vec<String>,
    /// Turn a check off (repeat, or separate with commas).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub disable: Vec<String>,
    /// Change a check's severity: `ID=error|warning|info` (repeatable).
    #[arg(long, value_name = "ID=LEVEL")]
    pub severity: Vec<String>,
    /// The configuration file (default: `.manifesto.yaml` in the current folder or a parent).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `manifesto checks …`.
#[derive(clap::Subcommand, Debug)]
pub(crate) enum ChecksCommand {
    /// List every check with its id, category, severity and summary.
    List,
    /// Explain one check: what it does, why, an example and the fix.
    Explain {
        /// The check's id.
        id: String,
    },
}

/// `1.29` (or `v1.29`) as (1, 29).
fn parse_version(text: &str) -> Result<(u32, u32)> {
    let trimmed = text.trim().trim_start_matches('v');
    let parsed = trimmed
        .split_once('.')
        .and_then(|(major, minor)| Some((major.parse().ok()?, minor.parse().ok()?)));
    match parsed {
        Some(version) => Ok(version),
        None => bail!("invalid --k8s-version `{text}`: expected MAJOR.MINOR, such as 1.29"),
    }
}

/// A check id given on the command line: known (or an old id), else an error with a suggestion.
fn known_id(id: &str, flag: &str) -> Result<()> {
    if !checks::named_by(id).is_empty() {
        return Ok(());
    }
    let similar = checks::similar_ids(id);
    let hint = match similar.first() {
        Some(s) => format!("; did you mean `{s}`?"),
        None => "; `manifesto checks list` lists every check".to_owned(),
    };
    bail!("{flag}: unknown check `{id}`{hint}")
}

/// The settings of the configuration file, then the command line's options over them.
fn settings(args: &CheckArgs) -> Result<Settings> {
    let mut settings = load_settings(args.config.as_deref())?;
    if let Some(version) = args.k8s_version.as_deref() {
        settings.target_version = Some(parse_version(version)?);
    }
    if let Some(ns) = &args.namespace {
        settings.default_namespace = Some(ns.clone());
    }
    for id in args
        .enable
        .iter()
        .map(|i| i.trim())
        .filter(|i| !i.is_empty())
    {
        if id == "all" {
            settings
                .enabled
                .extend(checks::ALL.iter().map(|c| c.id.to_owned()));
            continue;
        }
        known_id(id, "--enable")?;
        settings.disabled.remove(id);
        settings.enabled.insert(id.to_owned());
    }
    for id in args
        .disable
        .iter()
        .map(|i| i.trim())
        .filter(|i| !i.is_empty())
    {
        known_id(id, "--disable")?;
        settings.enabled.remove(id);
        settings.disabled.insert(id.to_owned());
    }
    for pair in &args.severity {
        let Some((id, level)) = pair.split_once('=') else {
            bail!("--severity `{pair}`: expected ID=LEVEL, such as replicas-single=info");
        };
        let id = id.trim();
        known_id(id, "--severity")?;
        let Some(level) = Level::parse(level.trim()) else {
            bail!("--severity `{pair}`: the level must be error, warning or info");
        };
        settings.severity.insert(id.to_owned(), level);
    }
    Ok(settings)
}

/// Runs the review: prints it in the chosen format and exits 1 when an unsuppressed finding is at
/// or above `--fail-on` (or the input has an error diagnostic), 0 otherwise.
pub(crate) fn run(args: &CheckArgs) -> Result<ExitCode> {
    let settings = settings(args)?;
    let model = load_with(&args.paths, &settings)?;
    let review = Review::build(&model, &settings);
    let mut lines = Snippets::new(&model);
    for d in &model.diagnostics {
        eprint!("{}", safe(&lines.render(d)));
    }
    match args.format.as_str() {
        "json" => output::print(&review.to_json())?,
        "markdown" => output::print(&review.to_markdown())?,
        "sarif" => output::print(&review.to_sarif())?,
        "junit" => output::print(&review.to_junit())?,
        _ => output::print(&safe(&human(&model, &review, &mut lines)))?,
    }
    let failing = match Level::parse(&args.fail_on) {
        Some(level) => review.counts.at_least(level) > 0 || model.has_errors(),
        None => false,
    };
    // The process ends with this command: handing its memory back to the system at once is
    // faster than freeing the model and the review piece by piece.
    std::mem::forget(lines);
    std::mem::forget(review);
    std::mem::forget(model);
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A finding rendered rustc-style: header, location, source line with a caret, note and help.
fn render_finding(lines: &mut Snippets, f: &Finding) -> String {
    let mut out = format!(
        "{}[{}]: {}\n  --> {}\n",
        f.severity.as_str(),
        f.check,
        f.message,
        f.location
    );
    let gutter = f.location.line.to_string();
    let pad = " ".repeat(gutter.len());
    if let Some(text) = lines.line(&f.location.file, f.location.line) {
        let caret = " ".repeat(f.location.column.saturating_sub(1));
        out.push_str(&format!("{pad} |\n{gutter} | {text}\n{pad} | {caret}^\n"));
    }
    let container = f
        .container
        .as_deref()
        .map(|c| format!(", container \"{c}\""))
        .unwrap_or_default();
    out.push_str(&format!("{pad} = note: {}{container}\n", f.object));
    if let Some(help) = &f.help {
        out.push_str(&format!("{pad} = help: {help}\n"));
    }
    out
}

/// Lines of `cells` padded into aligned columns.
fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i + 1 == row.len() {
                    c.clone()
                } else {
                    // Padded by hand: `{:<w$}` panics beyond a width of 65,535, and a
                    // user's name can be longer than that.
                    let pad = widths[i].saturating_sub(c.chars().count());
                    format!("{c}{}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pass => "ok",
        Outcome::Fail => "FAIL",
        Outcome::Na => "n/a",
        Outcome::Skipped => "skip",
    }
}

/// The review for a terminal: errors and warnings rustc-style, info findings one per line, the
/// silenced findings, the checklist, the scores and a count.
fn human(model: &Model, review: &Review, lines: &mut Snippets) -> String {
    let mut out = String::new();
    for f in review.open_findings().filter(|f| f.severity != Level::Info) {
        out.push_str(&render_finding(lines, f));
        out.push('\n');
    }
    let notes: Vec<&Finding> = review
        .open_findings()
        .filter(|f| f.severity == Level::Info)
        .collect();
    if !notes.is_empty() {
        out.push_str("notes (info: advice that does not lower the score):\n");
        for f in notes {
            out.push_str(&format!(
                "  {}  info[{}]: {}\n",
                f.location, f.check, f.message
            ));
        }
        out.push('\n');
    }
    let silenced: Vec<&Finding> = review
        .findings
        .iter()
        .filter(|f| f.is_suppressed())
        .collect();
    if !silenced.is_empty() {
        out.push_str("silenced by annotations:\n");
        for f in &silenced {
            out.push_str(&format!(
                "  {} on {} ({})\n",
                f.check,
                f.object,
                f.suppressed.as_deref().unwrap_or_default()
            ));
        }
        out.push('\n');
    }
    let list = &review.checklist;
    if !list.columns.is_empty() {
        out.push_str("checklist:\n");
        let mut rows = vec![
            std::iter::once("practice".to_owned())
                .chain(list.columns.iter().map(|c| c.name().to_owned()))
                .collect(),
        ];
        for row in checklist::ROWS {
            let mut cells = vec![row.title.to_owned()];
            cells.extend(
                list.row_cells(row.id)
                    .map(|c| outcome_word(c.result).to_owned()),
            );
            rows.push(cells);
        }
        for line in table(&rows).lines() {
            out.push_str(&format!("  {line}\n"));
        }
        out.push('\n');
    }
    out.push_str("scores:\n");
    let mut rows: Vec<Vec<String>> = review
        .scores
        .iter()
        .map(|s| {
            vec![
                s.object.to_string(),
                markdown::score_text(s.score),
                s.reason.clone(),
            ]
        })
        .collect();
    rows.push(vec![
        "overall".to_owned(),
        markdown::score_text(review.overall_score),
        "all objects together".to_owned(),
    ]);
    for line in table(&rows).lines() {
        out.push_str(&format!("  {line}\n"));
    }
    let c = review.counts;
    let read_errors = model
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    out.push_str(&format!(
        "\n{} objects: {} errors, {} warnings, {} info, {} silenced{}\n",
        review.objects.len(),
        c.error,
        c.warning,
        c.info,
        c.suppressed,
        if read_errors > 0 {
            format!("; {read_errors} read errors")
        } else {
            String::new()
        }
    ));
    out
}

/// Lists or explains checks.
pub(crate) fn run_checks(command: &ChecksCommand) -> Result<ExitCode> {
    match command {
        ChecksCommand::List => {
            let mut rows = vec![vec![
                "id".to_owned(),
                "category".to_owned(),
                "severity".to_owned(),
                "default".to_owned(),
                "summary".to_owned(),
            ]];
            for c in checks::ALL {
                rows.push(vec![
                    c.id.to_owned(),
                    c.category.as_str().to_owned(),
                    docs::severities(c),
                    if c.enabled_by_default { "on" } else { "off" }.to_owned(),
                    c.summary.to_owned(),
                ]);
            }
            output::print(&table(&rows))?;
            Ok(ExitCode::SUCCESS)
        }
        ChecksCommand::Explain { id } => {
            match checks::by_id(id).or_else(|| checks::named_by(id).first().copied()) {
                Some(check) => {
                    output::print(&docs::check_markdown(check))?;
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    eprintln!("error: no check named `{}`", one_line(id));
                    let similar = checks::similar_ids(id);
                    if !similar.is_empty() {
                        let names: Vec<String> = similar.iter().map(|s| format!("`{s}`")).collect();
                        eprintln!("  = help: did you mean {}?", names.join(" or "));
                    }
                    eprintln!("  = note: `manifesto checks list` lists every check");
                    Ok(ExitCode::from(2))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_with_or_without_v() {
        assert_eq!(parse_version("1.29").ok(), Some((1, 29)));
        assert_eq!(parse_version("v1.25").ok(), Some((1, 25)));
        assert!(parse_version("1").is_err());
        assert!(parse_version("one.two").is_err());
    }
}
