//! Replacing Secret values by placeholders, at the positions the parser located them.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::SharedFile;
use crate::parse::tree::{Seg, Value};
use crate::source::{LineIndex, Pos, SourceFile, lines_inclusive, mask_secret_line};
use crate::{Model, Severity};

/// What a `stringData` value becomes.
pub const PLACEHOLDER: &str = "REDACTED";
/// What a `data` value becomes: [`PLACEHOLDER`] in base64, so the Secret still reads.
pub const PLACEHOLDER_BASE64: &str = "UkVEQUNURUQ=";
/// Values shorter than this are not searched for in comments (they would match ordinary words).
const MIN_SCRUBBED: usize = 6;

/// One value of a Secret's `data` or `stringData`, where the parser found it.
struct Located {
    file: String,
    pos: Pos,
    /// Where the entry's key starts: continuation lines are indented further than it.
    key_pos: Pos,
    /// Whether the value is in `data` (base64).
    base64: bool,
    /// Whether the map is written in flow style (`{a: b}`) or JSON.
    flow: bool,
    /// The value as read.
    value: String,
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::Str(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Seq(_) | Value::Map(_) => None,
    }
}

/// The byte offset of `pos` in `text` (`None` past its end).
fn offset(starts: &[usize], text: &str, pos: Pos) -> Option<usize> {
    let start = *starts.get(pos.line.checked_sub(1)?)?;
    let rest = text.get(start..)?;
    let skip = pos.column.checked_sub(1)?;
    match rest.char_indices().nth(skip) {
        Some((i, _)) => Some(start + i),
        None => Some(text.len()),
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut at = 0;
    lines_inclusive(text)
        .map(|l| {
            let start = at;
            at += l.len();
            start
        })
        .collect()
}

fn secret_values(model: &Model) -> Vec<Located> {
    let mut found = Vec::new();
    for object in model.objects.iter().filter(|o| o.kind == "Secret") {
        let text = model.file(&object.file).map(|f| f.text.as_str());
        for (key, base64) in [("data", true), ("stringData", false)] {
            let Some(map) = object.tree.get(&[Seg::Key(key.to_owned())]) else {
                continue;
            };
            let Value::Map(entries) = &map.value else {
                continue;
            };
            let flow = text
                .and_then(|t| offset(&line_starts(t), t, map.pos).map(|i| (t, i)))
                .is_some_and(|(t, i)| t[i..].starts_with('{'));
            for entry in entries {
                let Some(value) = scalar_text(&entry.value.value) else {
                    continue;
                };
                found.push(Located {
                    file: object.file.clone(),
                    pos: entry.value.pos,
                    key_pos: entry.key_pos,
                    base64,
                    flow,
                    value,
                });
            }
        }
    }
    found
}

/// Whether any Secret in `files` holds a value (in `data` or `stringData`), or a Secret could
/// not be read at all (its text may hold values).
pub fn has_secret_values(files: &[SharedFile]) -> bool {
    let (model, broken) = analyse(files);
    !secret_values(&model).is_empty() || !broken.is_empty()
}

/// The model of `files` and the names of files that hold a Secret and did not parse in full.
fn analyse(files: &[SharedFile]) -> (Model, Vec<String>) {
    let model = Model::from_files(
        files
            .iter()
            .map(|f| SourceFile::new(f.name.clone(), f.text.clone()))
            .collect(),
    );
    let mut broken: Vec<String> = model
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| {
            model.file(&d.location.file).is_some_and(|f| {
                let index = LineIndex::new(&f.text);
                (1..=lines_inclusive(&f.text).count()).any(|line| index.in_secret(line))
            })
        })
        .map(|d| d.location.file.clone())
        .collect();
    broken.sort();
    broken.dedup();
    (model, broken)
}

/// Where the written value starting at `start` ends (exclusive), and how it was quoted.
fn value_end(text: &str, start: usize, v: &Located) -> (usize, Option<char>) {
    let rest = &text[start..];
    let line_end = |from: usize| {
        text[from..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| from + i)
    };
    match rest.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let mut chars = rest.char_indices().skip(1).peekable();
            while let Some((i, c)) = chars.next() {
                if q == '"' && c == '\\' {
                    chars.next();
                } else if c == q {
                    if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                    } else {
                        return (start + i + c.len_utf8(), Some(q));
                    }
                }
            }
            (text.len(), Some(q))
        }
        _ if v.flow => {
            let end = rest
                .find([',', '}', '\n', '\r', '#'])
                .map_or(text.len(), |i| start + i);
            (start + text[start..end].trim_end().len(), None)
        }
        _ => {
            // A block scalar (`|`, `>`) or a plain one may go on over lines indented further
            // than its key.
            let first_end = line_end(start);
            let after = first_end
                + match &text.as_bytes()[first_end..] {
                    [b'\r', b'\n', ..] => 2,
                    [] => 0,
                    _ => 1,
                };
            let (mut end, mut at) = (first_end, after);
            for line in lines_inclusive(&text[after..]) {
                let bare = line.trim_end_matches(['\n', '\r']);
                let blank = bare.trim().is_empty();
                let indent = bare.len() - bare.trim_start().len();
                if !blank && indent < v.key_pos.column {
                    break;
                }
                if !blank {
                    end = at + bare.len();
                }
                at += line.len();
            }
            (end, None)
        }
    }
}

/// Where the written value starts: the parser places a block scalar (`|`, `>`) at its first
/// content line, so a value below its key starts at its indicator, after the key's colon.
fn start_of(starts: &[usize], text: &str, v: &Located) -> Option<usize> {
    let start = offset(starts, text, v.pos)?;
    if v.pos.line <= v.key_pos.line {
        return Some(start);
    }
    let key = offset(starts, text, v.key_pos)?;
    let line = &text[key..];
    let line = &line[..line.find(['\n', '\r']).unwrap_or(line.len())];
    let Some(colon) = line.find(':') else {
        return Some(start);
    };
    let after = &line[colon + 1..];
    let indicator = after.trim_start();
    if indicator.is_empty() || indicator.starts_with('#') {
        Some(start)
    } else {
        Some(key + colon + 1 + after.len() - indicator.len())
    }
}

/// A copy of `files` in which every Secret `data` and `stringData` value is replaced by a
/// placeholder (and comments on the same line dropped), found where the parser located it.
/// A value also written elsewhere (a comment showing it) is replaced there too. A file whose
/// Secret could not be parsed has every value-like line of its Secrets masked.
pub fn redact_secrets(files: &[SharedFile]) -> Vec<SharedFile> {
    let (model, broken) = analyse(files);
    let values = secret_values(&model);
    let mut out: Vec<SharedFile> = files.to_vec();
    for file in &mut out {
        let starts = line_starts(&file.text);
        let mut edits: Vec<(usize, usize, String)> = Vec::new();
        for v in values.iter().filter(|v| v.file == file.name) {
            let Some(start) = start_of(&starts, &file.text, v) else {
                continue;
            };
            let (mut end, quote) = value_end(&file.text, start, v);
            let placeholder = if v.base64 {
                PLACEHOLDER_BASE64
            } else {
                PLACEHOLDER
            };
            let replacement = match quote {
                Some(q) => format!("{q}{placeholder}{q}"),
                None => placeholder.to_owned(),
            };
            let line_end = file.text[end..]
                .find(['\n', '\r'])
                .map_or(file.text.len(), |i| end + i);
            if file.text[end..line_end].trim_start().starts_with('#') {
                end = line_end;
            }
            edits.push((start, end, replacement));
        }
        edits.sort_by_key(|e| std::cmp::Reverse(e.0));
        let mut limit = file.text.len();
        for (start, end, replacement) in edits {
            if end <= limit && start <= end {
                file.text.replace_range(start..end, &replacement);
                limit = start;
            }
        }
        if broken.contains(&file.name) {
            file.text = mask_broken(&file.text);
        }
    }
    scrub(&mut out, &values);
    out
}

/// Masks every value-like line of the Secrets in a text that did not parse.
fn mask_broken(text: &str) -> String {
    let index = LineIndex::new(text);
    lines_inclusive(text)
        .enumerate()
        .map(|(i, line)| {
            if index.in_secret(i + 1) {
                let bare = line.trim_end_matches(['\n', '\r']);
                let ending = &line[bare.len()..];
                format!(
                    "{}{ending}",
                    mask_secret_line(bare).replace("••••••••", PLACEHOLDER)
                )
            } else {
                line.to_owned()
            }
        })
        .collect()
}

/// Replaces the values (as written and, for `data`, decoded) wherever else they appear.
fn scrub(files: &mut [SharedFile], values: &[Located]) {
    let mut needles: Vec<String> = Vec::new();
    for v in values {
        needles.push(v.value.clone());
        if v.base64
            && let Ok(bytes) = STANDARD.decode(v.value.trim())
            && let Ok(decoded) = String::from_utf8(bytes)
        {
            needles.push(decoded);
        }
    }
    needles.retain(|n| n.trim().chars().count() >= MIN_SCRUBBED);
    // Longer first, so that a value containing another is replaced whole.
    needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
    needles.dedup();
    for file in files {
        for needle in &needles {
            if file.text.contains(needle.as_str()) {
                file.text = file.text.replace(needle.as_str(), PLACEHOLDER);
            }
        }
    }
}
