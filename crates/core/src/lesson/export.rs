//! Writing a pack back as YAML, for a teacher's export.

use std::fmt::Write;

use super::{Condition, Level, Pack, PackFile, Rule};

/// The pack as a YAML file that [`super::parse_pack`] reads back to the same pack.
pub fn to_yaml(pack: &Pack) -> String {
    let mut out = String::new();
    line(&mut out, "", 0, "id", &pack.id);
    line(&mut out, "", 0, "title", &pack.title);
    line(&mut out, "", 0, "summary", &pack.summary);
    out.push_str("levels:\n");
    for level in &pack.levels {
        write_level(&mut out, level);
    }
    out
}

fn write_level(out: &mut String, level: &Level) {
    line(out, "  - ", 4, "id", &level.id);
    line(out, "    ", 4, "kind", level.kind.as_str());
    line(out, "    ", 4, "title", &level.title);
    line(out, "    ", 4, "intro", &level.intro);
    line(out, "    ", 4, "goal", &level.goal);
    if let Some(view) = &level.view {
        line(out, "    ", 4, "view", view);
    }
    write_files(out, "files", &level.files);
    out.push_str("    conditions:\n");
    for condition in &level.conditions {
        write_condition(out, condition);
    }
    if level.hints.is_empty() {
        out.push_str("    hints: []\n");
    } else {
        out.push_str("    hints:\n");
        for hint in &level.hints {
            out.push_str("      - ");
            out.push_str(&scalar(hint, 8));
            out.push('\n');
        }
    }
    write_files(out, "solution", &level.solution);
    line(out, "    ", 4, "learned", &level.learned);
}

fn write_files(out: &mut String, key: &str, files: &[PackFile]) {
    let _ = writeln!(out, "    {key}:");
    for file in files {
        line(out, "      - ", 8, "name", &file.name);
        line(out, "        ", 8, "text", &file.text);
    }
}

fn write_condition(out: &mut String, condition: &Condition) {
    line(out, "      - ", 8, "text", &condition.text);
    let q = quote;
    let rule = match &condition.rule {
        Rule::NoFinding { check, object } => match object {
            Some(o) => format!("no_finding: {{check: {}, object: {}}}", q(check), q(o)),
            None => format!("no_finding: {{check: {}}}", q(check)),
        },
        Rule::Edge {
            from,
            relation,
            to,
            pods,
        } => format!(
            "edge: {{from: {}, kind: {}, {}: {}}}",
            q(from),
            relation.as_str(),
            if *pods { "to_pods_of" } else { "to" },
            q(to)
        ),
        Rule::Rollout {
            workload,
            min,
            fail_new,
        } => format!(
            "rollout: {{workload: {}, min_available: {min}, fail_new: {fail_new}}}",
            q(workload)
        ),
        Rule::Replicas { workload, count } => {
            format!("replicas: {{workload: {}, count: {count}}}", q(workload))
        }
        Rule::Exists { kind, name } => match name {
            Some(n) => format!("exists: {{kind: {}, name: {}}}", q(kind), q(n)),
            None => format!("exists: {{kind: {}}}", q(kind)),
        },
        Rule::Field {
            object,
            path,
            equals,
        } => format!(
            "field: {{object: {}, path: {}, equals: {}}}",
            q(object),
            q(path),
            q(equals)
        ),
        Rule::NoErrors => "no_errors: true".to_owned(),
    };
    let _ = writeln!(out, "        {rule}");
}

/// `key: value` after `prefix` (spaces, or spaces and `- `), the key at column `col` (0-based).
fn line(out: &mut String, prefix: &str, col: usize, key: &str, value: &str) {
    let _ = writeln!(out, "{prefix}{key}: {}", scalar(value, col + 2));
}

/// A value: a literal block (`|` or `|-`) for multi-line text when that keeps it exact, else a
/// double-quoted string.
fn scalar(text: &str, indent: usize) -> String {
    if !fits_block(text) {
        return quote(text);
    }
    let (body, chomp) = match text.strip_suffix('\n') {
        Some(body) => (body, "|"),
        None => (text, "|-"),
    };
    let mut out = chomp.to_owned();
    for l in body.split('\n') {
        out.push('\n');
        if !l.is_empty() {
            let _ = write!(out, "{:indent$}{l}", "", indent = indent);
        }
    }
    out
}

/// Whether a literal block holds `text` exactly: several lines, at most one final newline, no
/// line of only blanks, the first line not indented, and only printable characters.
fn fits_block(text: &str) -> bool {
    text.contains('\n')
        && !text.ends_with("\n\n")
        && !text.starts_with(['\n', ' ', '\t'])
        && text
            .split('\n')
            .all(|l| l.is_empty() || !l.trim_matches([' ', '\t']).is_empty())
        && text.split('\n').all(|l| !l.ends_with([' ', '\t']))
        && text.chars().all(|c| {
            c == '\n'
                || (!c.is_control()
                    && c != '\u{feff}'
                    && c != '\u{2028}'
                    && c != '\u{2029}'
                    && c != '\u{85}')
        })
}

/// A double-quoted YAML string (JSON's escapes are YAML's).
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}') => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
