//! YAML as the page lists it, line by line: an object's own lines as written, or YAML generated
//! for a value (what the cluster would hold, a Secret written as JSON). A Secret's values are
//! kept apart on each line, so that they can be masked and revealed one by one without reading
//! YAML again.

mod emit;
#[cfg(test)]
mod tests;

pub use emit::to_yaml;
pub(crate) use emit::write as write_yaml;

use crate::model::{Object, SecretValue, secret_values_in};
use crate::parse::yaml::read_documents;
use crate::source::LineIndex;

/// A piece of a listed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text shown as is.
    Text(String),
    /// A piece of a Secret's value (with a comment that follows it), to mask until revealed.
    Secret {
        /// Names the value, the same on every line it takes: `data.DB_PASSWORD`.
        slot: String,
        /// The value's key, to name it to a reader: `DB_PASSWORD`.
        key: String,
        /// The text.
        text: String,
    },
}

/// One line of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlLine {
    /// Its line number in its file (1-based); `None` for generated YAML.
    pub number: Option<usize>,
    /// Its pieces, in order; none for a blank line.
    pub parts: Vec<Part>,
}

impl YamlLine {
    /// The whole line, Secret values included.
    pub fn text(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) | Part::Secret { text: t, .. } => t.as_str(),
            })
            .collect()
    }
}

/// Where the lines of an object's listing come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The object's lines as written.
    Written,
    /// YAML generated from a Secret written as JSON (its JSON lines hold several values each,
    /// and a reader expects the YAML `kubectl` would show).
    ConvertedFromJson,
}

/// Lines of YAML and where they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The lines.
    pub lines: Vec<YamlLine>,
    /// Where they come from.
    pub origin: Origin,
}

/// The listing of a written object, from `text` (the text of its file): its own lines, or, for
/// a Secret written as JSON, YAML generated from its content.
pub fn of_object(object: &Object, text: &str) -> Listing {
    if object.kind == "Secret" && written_as_json(object, text) {
        return Listing {
            lines: generated(&object.raw),
            origin: Origin::ConvertedFromJson,
        };
    }
    Listing {
        lines: written(object, text),
        origin: Origin::Written,
    }
}

/// Whether the object is written as JSON (or a YAML flow map) rather than as block YAML.
fn written_as_json(object: &Object, text: &str) -> bool {
    let index = LineIndex::new(text);
    index
        .offset(text, object.pos)
        .and_then(|at| {
            let before = &text[index.line_range(text, object.pos.line)?.start..at];
            Some(before.trim_end().ends_with('{') || text[at..].starts_with(['{', '"']))
        })
        .unwrap_or(false)
}

/// The lines of `object` in `text`: from its first key to its last value, plus what follows at
/// a deeper indentation (the rest of a block scalar), with a Secret's values kept apart.
pub fn written(object: &Object, text: &str) -> Vec<YamlLine> {
    let index = LineIndex::new(text);
    let (first, last) = object.line_range();
    if first == 0 || first > index.len() {
        return Vec::new();
    }
    let base = object.pos.column.saturating_sub(1);
    let line = |n: usize| index.line(text, n).unwrap_or_default();
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let mut end = last.min(index.len());
    while end < index.len() {
        let next = line(end + 1);
        let blank = next.trim().is_empty();
        if blank || (indent(next) > base && !next.trim_start().starts_with('#')) {
            end += 1;
        } else {
            break;
        }
    }
    while end > first && line(end).trim().is_empty() {
        end -= 1;
    }
    let values = object.secret_values(text);
    split(text, &index, first..=end, &values, true)
}

/// `value` as YAML (see [`to_yaml`]); when it is a Secret, its values are kept apart.
pub fn generated(value: &serde_json::Value) -> Vec<YamlLine> {
    let yaml = to_yaml(value);
    let values = if value.get("kind").and_then(|k| k.as_str()) == Some("Secret") {
        read_documents(&yaml)
            .first()
            .and_then(|d| d.result.as_ref().ok())
            .map(|tree| secret_values_in(tree, &yaml))
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let index = LineIndex::new(&yaml);
    split(&yaml, &index, 1..=index.len(), &values, false)
}

/// The lines `lines` of `text`, each cut around the Secret values on it.
fn split(
    text: &str,
    index: &LineIndex,
    lines: std::ops::RangeInclusive<usize>,
    values: &[SecretValue],
    numbered: bool,
) -> Vec<YamlLine> {
    lines
        .filter_map(|n| {
            let range = index.line_range(text, n)?;
            let mut parts = Vec::new();
            let mut at = range.start;
            for v in values
                .iter()
                .filter(|v| v.range.start < range.end && v.range.end > range.start)
            {
                let mut from = v.range.start.max(at);
                if v.range.start < range.start {
                    // A line the value goes on over: its indentation is not the value.
                    let line = &text[from..range.end];
                    from += line.len() - line.trim_start().len();
                }
                let to = v.range.end.min(range.end);
                let piece = &text[from..to];
                if piece.trim().is_empty() || (v.range.end > range.end && is_indicator(piece)) {
                    // Blank, or the indicator (`|`) of a block scalar that starts below.
                    continue;
                }
                if from > at {
                    parts.push(Part::Text(text[at..from].to_owned()));
                }
                parts.push(Part::Secret {
                    slot: v.slot(),
                    key: v.key.clone(),
                    text: piece.to_owned(),
                });
                at = to;
            }
            if at < range.end {
                parts.push(Part::Text(text[at..range.end].to_owned()));
            }
            Some(YamlLine {
                number: numbered.then_some(n),
                parts,
            })
        })
        .collect()
}

/// Whether `text` is a block scalar's indicator alone (`|`, `>-`, `|2+`).
fn is_indicator(text: &str) -> bool {
    let mut chars = text.trim_end().chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}
