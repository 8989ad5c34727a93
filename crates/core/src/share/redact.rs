//! Replacing Secret values by placeholders, at the positions the parser located them.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::SharedFile;
use crate::model::{SecretField, SecretValue};
use crate::source::{LineIndex, SourceFile, lines_inclusive, mask_secret_line};
use crate::{Model, Severity};

/// What a `stringData` value becomes.
pub const PLACEHOLDER: &str = "REDACTED";
/// What a `data` value becomes: [`PLACEHOLDER`] in base64, so the Secret still reads.
pub const PLACEHOLDER_BASE64: &str = "UkVEQUNURUQ=";
/// Values shorter than this are not searched for in comments (they would match ordinary words).
const MIN_SCRUBBED: usize = 6;

/// Every value of every Secret of `model`, with the name of its file.
fn secret_values(model: &Model) -> Vec<(&str, SecretValue)> {
    model
        .objects
        .iter()
        .filter(|o| o.kind == "Secret")
        .filter_map(|o| Some((o, model.file(&o.file)?)))
        .flat_map(|(o, f)| {
            o.secret_values(&f.text)
                .into_iter()
                .map(move |v| (&*o.file, v))
        })
        .collect()
}

/// Whether any Secret in `files` holds a value (in `data`, `stringData` or the annotation that
/// repeats them), or a Secret could not be read at all (its text may hold values).
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
        .map(|d| d.location.file.to_string())
        .collect();
    broken.sort();
    broken.dedup();
    (model, broken)
}

/// A copy of `files` in which every Secret `data` and `stringData` value, and the
/// last-applied-configuration annotation that repeats them, is replaced by a placeholder (and
/// comments on the same line dropped), found where the parser located it.
/// A value also written elsewhere (a comment showing it) is replaced there too. A file whose
/// Secret could not be parsed has every value-like line of its Secrets masked.
pub fn redact_secrets(files: &[SharedFile]) -> Vec<SharedFile> {
    let (model, broken) = analyse(files);
    let values = secret_values(&model);
    let mut out: Vec<SharedFile> = files.to_vec();
    for file in &mut out {
        let mut edits: Vec<(usize, usize, String)> = Vec::new();
        for (_, v) in values.iter().filter(|(name, _)| *name == file.name) {
            let placeholder = match v.field {
                SecretField::Data => PLACEHOLDER_BASE64,
                SecretField::StringData | SecretField::LastApplied => PLACEHOLDER,
            };
            let replacement = match v.quote {
                Some(q) => format!("{q}{placeholder}{q}"),
                None => placeholder.to_owned(),
            };
            edits.push((v.range.start, v.range.end, replacement));
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
fn scrub(files: &mut [SharedFile], values: &[(&str, SecretValue)]) {
    let mut needles: Vec<String> = Vec::new();
    for (_, v) in values {
        let Some(value) = v
            .value
            .as_ref()
            .filter(|_| v.field != SecretField::LastApplied)
        else {
            continue;
        };
        needles.push(value.clone());
        if v.field == SecretField::Data
            && let Ok(bytes) = STANDARD.decode(value.trim())
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
