//! The review as Markdown, fit to paste into a pull request: a summary, the components one by
//! one, the best-practice checklist (✅ / ❌ / N/A), why Deployments beat bare Pods and ReplicaSets
//! (when the manifests hold any of them), improvement suggestions with their YAML fixes, and the
//! readiness scores with the reason for each.

use std::collections::BTreeMap;
use std::fmt::Write;

use foldhash::{HashMap, HashMapExt};

use super::checklist::{self, Outcome};
use super::{ObjectScore, Review, docs};
use crate::checks::{self, Finding, Level};
use crate::model::ObjectId;

/// A score as the tables show it: `10/10`, `8.5/10`.
pub fn score_text(score: f64) -> String {
    if score.fract() == 0.0 {
        format!("{score:.0}/10")
    } else {
        format!("{score:.1}/10")
    }
}

/// `text` with its first letter in upper case.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// User text (names, messages that quote them) made safe inline: a line break or other control
/// character (ANSI escapes included) becomes a space, so it cannot start a heading, a list or a
/// table row, and `<`, `>` and `[`, `]` become entities, so it cannot open HTML or a link.
/// Backticks stay, so the core's messages keep their code spans.
pub fn inline(text: &str) -> String {
    escape(text, false)
}

/// A value taken from the manifests made inert, for text that has no markup of its own (a
/// pull-request comment): as [`inline`], plus `&` encoded and the punctuation that could start
/// an emphasis, a code span, a heading, a table cell, a mention or an issue reference escaped.
pub fn literal(text: &str) -> String {
    escape(text, true)
}

/// The one escaping rule behind [`inline`] and [`literal`].
fn escape(text: &str, literal: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if literal => out.push_str("&amp;"),
            '[' | ']' | '\\' | '`' | '*' | '_' | '#' | '|' | '!' | '~' | '@' if literal => {
                out.push('\\');
                out.push(c);
            }
            '[' => out.push_str("&#91;"),
            ']' => out.push_str("&#93;"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text safe inside a table cell: [`inline`], and `|` escaped.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

/// A file name as a link destination: percent-encoded where Markdown or a URL would stop.
fn link_target(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for c in file.chars() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '[' | ']' | '"' | '\\' | '`' => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c if c.is_control() => out.push_str("%20"),
            c => out.push(c),
        }
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Short column names: the object's name, or `Kind/name` when two columns share a name.
fn column_names(columns: &[ObjectId]) -> Vec<String> {
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for id in columns {
        *uses.entry(id.name()).or_default() += 1;
    }
    columns
        .iter()
        .map(|id| {
            let clash = uses.get(id.name()).is_some_and(|&n| n > 1);
            if clash {
                format!("{}/{}", id.kind(), id.name())
            } else {
                id.name().to_owned()
            }
        })
        .collect()
}

/// The review as Markdown.
pub fn render(review: &Review) -> String {
    let mut out = String::new();
    let _ = write!(out, "# Kubernetes manifest review\n\n");
    summary(review, &mut out);
    components(review, &mut out);
    checklist_table(review, &mut out);
    controllers(review, &mut out);
    suggestions(review, &mut out);
    scores(review, &mut out);
    silenced(review, &mut out);
    out
}

fn summary(review: &Review, out: &mut String) {
    let _ = writeln!(out, "## Summary\n");
    let mut files: Vec<&str> = review.objects.iter().map(|o| o.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &review.objects {
        *kinds.entry(o.kind.as_str()).or_default() += 1;
    }
    let kinds: Vec<String> = kinds
        .iter()
        .map(|(k, n)| format!("{} {n}", inline(k)))
        .collect();
    let _ = writeln!(
        out,
        "{} in {} ({}).",
        plural(review.objects.len(), "object", "objects"),
        plural(files.len(), "file", "files"),
        if kinds.is_empty() {
            "none".to_owned()
        } else {
            kinds.join(", ")
        }
    );
    let c = review.counts;
    let _ = writeln!(
        out,
        "The checks found {}, {} and {}{}.",
        plural(c.error, "error", "errors"),
        plural(c.warning, "warning", "warnings"),
        plural(c.info, "note", "notes"),
        if c.suppressed > 0 {
            format!(" ({} silenced by annotations)", c.suppressed)
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        out,
        "Overall readiness score: **{}**.",
        score_text(review.overall_score)
    );
    let verdict = if c.error > 0 {
        "Fix the errors before applying these manifests: each one breaks a deploy, a rollout or traffic."
    } else if c.warning > 0 {
        "Nothing here breaks on apply; the warnings are risks to address before production."
    } else {
        "No errors or warnings."
    };
    let _ = writeln!(out, "{verdict}");
    if !review.diagnostics.is_empty() {
        let _ = writeln!(out, "\nProblems reading the input:\n");
        for d in &review.diagnostics {
            let _ = writeln!(
                out,
                "- `{}` {}: {}",
                inline(&d.location.to_string()),
                d.severity.as_str(),
                inline(&d.message)
            );
        }
    }
    out.push('\n');
}

fn finding_line(f: &Finding) -> String {
    let container = f
        .container
        .as_deref()
        .map(|c| format!(", container `{}`", inline(c)))
        .unwrap_or_default();
    format!(
        "{} `{}` at line {}{container}: {}",
        f.severity.as_str(),
        f.check,
        f.location.line,
        inline(&f.message)
    )
}

fn components(review: &Review, out: &mut String) {
    let _ = writeln!(out, "## Components\n");
    // Each object's score and checklist cells, gathered once rather than searched per object.
    let mut scores: HashMap<&str, &ObjectScore> = HashMap::new();
    for score in &review.scores {
        scores.entry(score.object.as_str()).or_insert(score);
    }
    let mut cells_of: HashMap<&ObjectId, Vec<&checklist::Cell>> = HashMap::new();
    for cell in &review.checklist.cells {
        cells_of.entry(&cell.object).or_default().push(cell);
    }
    let mut open_of: HashMap<&ObjectId, Vec<&Finding>> = HashMap::new();
    for f in review.open_findings() {
        open_of.entry(&f.object).or_default().push(f);
    }
    for object in &review.objects {
        let _ = writeln!(
            out,
            "### {} {} ([{}]({}), line {})\n",
            inline(&object.kind),
            inline(&object.name),
            inline(&object.file),
            link_target(&object.file),
            object.line
        );
        let _ = writeln!(out, "{}.\n", inline(&capitalized(&object.summary)));
        if let Some(score) = scores.get(object.id.as_str()) {
            let _ = writeln!(
                out,
                "- **Score**: {} ({})",
                score_text(score.score),
                inline(&score.reason)
            );
        }
        let cells: Vec<&checklist::Cell> = cells_of.get(&object.id).cloned().unwrap_or_default();
        if !cells.is_empty() {
            let title = |c: &&checklist::Cell| checklist::row(c.row).map_or(c.row, |r| r.title);
            let met: Vec<&str> = cells
                .iter()
                .filter(|c| c.result == Outcome::Pass)
                .map(title)
                .collect();
            if !met.is_empty() {
                let _ = writeln!(out, "- **Practices met**: {}", met.join(", "));
            }
            for c in cells.iter().filter(|c| c.result == Outcome::Fail) {
                let _ = writeln!(out, "- ❌ **{}**: {}", title(c), inline(&c.reason));
            }
        }
        let open: Vec<&Finding> = open_of.get(&object.id).cloned().unwrap_or_default();
        let serious: Vec<&&Finding> = open.iter().filter(|f| f.severity != Level::Info).collect();
        for f in &serious {
            let _ = writeln!(out, "- {}", finding_line(f));
        }
        let notes = open.len() - serious.len();
        if notes > 0 {
            let ids: Vec<&str> = {
                let mut ids: Vec<&str> = open
                    .iter()
                    .filter(|f| f.severity == Level::Info)
                    .map(|f| f.check)
                    .collect();
                ids.dedup();
                ids
            };
            let _ = writeln!(
                out,
                "- {} to consider: {}",
                plural(notes, "note", "notes"),
                ids.join(", ")
            );
        }
        out.push('\n');
    }
}

fn checklist_table(review: &Review, out: &mut String) {
    let list = &review.checklist;
    if list.columns.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Best-practice checklist\n");
    let names = column_names(&list.columns);
    let _ = writeln!(
        out,
        "| Best practice | {} | Status |",
        names
            .iter()
            .map(|n| cell(n))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|---|{}---|", "---|".repeat(names.len()));
    let mut failures = Vec::new();
    for row in checklist::ROWS {
        let cells: Vec<&checklist::Cell> = list.row_cells(row.id).collect();
        let symbols: Vec<&str> = cells.iter().map(|c| c.result.symbol()).collect();
        let count = |o: Outcome| cells.iter().filter(|c| c.result == o).count();
        let applicable = cells.len() - count(Outcome::Na) - count(Outcome::Skipped);
        let status = if applicable == 0 {
            "not applicable".to_owned()
        } else if count(Outcome::Fail) == 0 {
            format!("{}/{applicable} pass", count(Outcome::Pass))
        } else {
            format!("{} of {applicable} fail", count(Outcome::Fail))
        };
        let _ = writeln!(
            out,
            "| **{}** | {} | {status} |",
            row.title,
            symbols.join(" | ")
        );
        for (c, name) in cells.iter().zip(&names) {
            if c.result == Outcome::Fail {
                failures.push(format!(
                    "- {} for {}: {}",
                    row.title,
                    inline(name),
                    inline(&c.reason)
                ));
            }
        }
    }
    if !failures.is_empty() {
        let _ = writeln!(out, "\nWhy each ❌:\n\n{}", failures.join("\n"));
    }
    let _ = writeln!(
        out,
        "\nN/A means the practice does not apply to that workload; the rules are in the checklist documentation.\n"
    );
}

fn controllers(review: &Review, out: &mut String) {
    let kinds: Vec<&str> = review.objects.iter().map(|o| o.kind.as_str()).collect();
    let bare: Vec<&super::ObjectSummary> = review
        .objects
        .iter()
        .filter(|o| {
            matches!(
                o.kind.as_str(),
                "Pod" | "ReplicaSet" | "ReplicationController"
            )
        })
        .collect();
    if !kinds.contains(&"Deployment") && bare.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Deployments, ReplicaSets and Pods\n");
    let _ = writeln!(
        out,
        "A Pod runs containers once: if it or its node dies, nothing replaces it. \
A ReplicaSet keeps a number of identical Pods running, but changing its template does not touch the Pods already running. \
A Deployment manages ReplicaSets for you: it rolls a new template out gradually, keeps old revisions for rollback, and can be paused and resumed.\n"
    );
    let _ = writeln!(
        out,
        "| Feature | Pod | ReplicaSet | Deployment |\n|---|---|---|---|"
    );
    for (feature, pod, rs) in [
        ("Replaces failed pods", "❌", "✅"),
        ("Scales to N replicas", "❌", "✅"),
        ("Rolling updates", "❌", "❌"),
        ("Rollback and revision history", "❌", "❌"),
        ("Pause and resume a rollout", "❌", "❌"),
    ] {
        let _ = writeln!(out, "| {feature} | {pod} | {rs} | ✅ |");
    }
    out.push('\n');
    if bare.is_empty() {
        let _ = writeln!(
            out,
            "Every pod-running object here is managed by a controller.\n"
        );
    } else {
        for o in bare {
            let _ = writeln!(
                out,
                "- {} {} ([{}]({})) runs without a Deployment: wrap its template in a Deployment to get rolling updates and rollback.",
                inline(&o.kind),
                inline(&o.name),
                inline(&o.file),
                link_target(&o.file)
            );
        }
        out.push('\n');
    }
}

fn suggestions(review: &Review, out: &mut String) {
    let mut by_check: Vec<(&'static str, Level, Vec<&Finding>)> = Vec::new();
    for f in review.open_findings().filter(|f| f.severity != Level::Info) {
        match by_check.iter_mut().find(|(id, _, _)| *id == f.check) {
            Some((_, level, list)) => {
                *level = (*level).min(f.severity);
                list.push(f);
            }
            None => by_check.push((f.check, f.severity, vec![f])),
        }
    }
    by_check.sort_by_key(|(id, level, _)| (*level, checks::ALL.iter().position(|c| c.id == *id)));
    let covered: Vec<&str> = by_check.iter().map(|(id, _, _)| *id).collect();
    let mut rows: Vec<(&checklist::Row, Vec<&checklist::Cell>)> = Vec::new();
    for row in checklist::ROWS {
        let failing: Vec<&checklist::Cell> = review
            .checklist
            .row_cells(row.id)
            .filter(|c| {
                c.result == Outcome::Fail
                    && c.findings
                        .iter()
                        .all(|i| !covered.contains(&review.findings[*i].check))
            })
            .collect();
        if !failing.is_empty() {
            rows.push((row, failing));
        }
    }
    if by_check.is_empty() && rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Improvement suggestions\n");
    let mut n = 0;
    for (id, level, findings) in &by_check {
        n += 1;
        let check = checks::by_id(id);
        let mut objects: Vec<String> = findings.iter().map(|f| inline(f.object.as_str())).collect();
        objects.dedup();
        let summary = check.map(|c| c.summary).unwrap_or_default();
        let _ = writeln!(
            out,
            "{n}. **`{id}`** ({}): {summary}; in {}.",
            level.as_str(),
            objects.join(", ")
        );
        let _ = writeln!(out, "    For example: {}.", inline(&findings[0].message));
        if let Some(help) = findings.iter().find_map(|f| f.help.as_deref()) {
            let _ = writeln!(out, "    To fix: {}.", inline(help));
        }
        if let Some(yaml) = check
            .and_then(|c| docs::section(c.docs, "Fix"))
            .and_then(docs::first_yaml_block)
        {
            yaml_block(out, &yaml);
        }
        out.push('\n');
    }
    for (row, cells) in rows {
        n += 1;
        let names: Vec<String> = cells.iter().map(|c| inline(c.object.as_str())).collect();
        let _ = writeln!(
            out,
            "{n}. **{}** for {}: {}.",
            row.title,
            names.join(", "),
            inline(&cells[0].reason)
        );
        yaml_block(out, row.fix);
        out.push('\n');
    }
}

/// A fenced YAML block inside a numbered list item.
fn yaml_block(out: &mut String, yaml: &str) {
    let _ = writeln!(out, "\n    ```yaml");
    for line in yaml.lines() {
        let _ = writeln!(out, "    {line}");
    }
    let _ = writeln!(out, "    ```");
}

fn scores(review: &Review, out: &mut String) {
    let _ = writeln!(out, "## Readiness scores\n");
    let _ = writeln!(out, "| Component | Score | Reason |\n|---|---|---|");
    for s in &review.scores {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(s.object.as_str()),
            score_text(s.score),
            cell(&s.reason)
        );
    }
    let _ = writeln!(
        out,
        "| **Overall** | **{}** | all objects together |",
        score_text(review.overall_score)
    );
    let _ = writeln!(out, "\n{}\n", review.formula);
}

fn silenced(review: &Review, out: &mut String) {
    let silenced: Vec<&Finding> = review
        .findings
        .iter()
        .filter(|f| f.is_suppressed())
        .collect();
    if silenced.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Silenced findings\n");
    let _ = writeln!(out, "| Check | Object | Silenced by |\n|---|---|---|");
    for f in silenced {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            f.check,
            cell(f.object.as_str()),
            cell(f.suppressed.as_deref().unwrap_or_default())
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use crate::checks::Settings;
    use crate::report::Review;
    use crate::{Model, SourceFile};

    #[test]
    fn names_cannot_add_structure_or_html_to_the_review() {
        let yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: \"web\\n## All checks passed ✅\\n<script>alert(1)</script>\\n| a | b |\"\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: \"c\\n# Injected\\u001b[31m\"\n        image: \"[x](javascript:alert(1))\"\n";
        let model = Model::from_files(vec![SourceFile::new("a b(1).yaml", yaml)]);
        let md = Review::build(&model, &Settings::default()).to_markdown();
        assert!(
            md.contains("web ## All checks passed ✅ &lt;script&gt;"),
            "{md}"
        );
        for line in md.lines() {
            assert!(!line.starts_with("## All checks"), "{line}");
            assert!(!line.starts_with("# Injected"), "{line}");
            assert!(!line.starts_with("| a | b |"), "{line}");
        }
        assert!(!md.contains("<script>"));
        assert!(!md.contains('\u{1b}'));
        assert!(!md.contains("[x](javascript"));
        assert!(md.contains("(a%20b%281%29.yaml"), "{md}");
    }
}
