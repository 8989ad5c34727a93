//! Where a Secret's values are written: each value of its `data` and `stringData`, and the
//! last-applied-configuration annotation that repeats them all, found in the text at the
//! positions the parser located them. The page masks them one by one and share links replace
//! them, both from here.

use std::ops::Range;

use super::Object;
use crate::parse::tree::{Entry, Node, Value};
use crate::source::{LineIndex, Pos, lines_inclusive};

/// The annotation in which `kubectl apply` repeats the whole object it applied, a Secret's
/// values included.
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// The part of a Secret that holds a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretField {
    /// `data`: base64-encoded values.
    Data,
    /// `stringData`: plain values.
    StringData,
    /// The [`LAST_APPLIED`] annotation, which repeats the Secret as JSON.
    LastApplied,
}

impl SecretField {
    /// The path of the map holding the value: `data`, `stringData` or `metadata.annotations`.
    pub fn path(self) -> &'static str {
        match self {
            SecretField::Data => "data",
            SecretField::StringData => "stringData",
            SecretField::LastApplied => "metadata.annotations",
        }
    }
}

/// One value of a Secret, where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretValue {
    /// The part of the Secret it is in.
    pub field: SecretField,
    /// Its key: `DB_PASSWORD`, or the annotation's name.
    pub key: String,
    /// The value as read; `None` for a map or a list (which a Secret does not accept).
    pub value: Option<String>,
    /// Where the written value starts: its first character, its opening quote, or the
    /// indicator (`|`, `>`) of a block scalar.
    pub start: Pos,
    /// The last line the value takes (a block scalar or a long plain one goes on over lines).
    pub last_line: usize,
    /// The bytes of the text the value takes: quotes included, and a comment that follows it on
    /// its last line (such a comment often repeats or decodes the value).
    pub range: Range<usize>,
    /// The quote the value is written in, if any.
    pub quote: Option<char>,
}

impl SecretValue {
    /// The value's place in the Secret, which names it: `data.DB_PASSWORD`.
    pub fn slot(&self) -> String {
        format!("{}.{}", self.field.path(), self.key)
    }
}

impl Object {
    /// Where each value of this Secret is written in `text` (the text of its file), in the
    /// order written; nothing for other kinds.
    ///
    /// ```
    /// use manifesto_core::{Model, SourceFile};
    ///
    /// let text = "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\n\
    ///             stringData:\n  password: hunter2 # ok\n";
    /// let model = Model::from_files(vec![SourceFile::new("s.yaml", text)]);
    /// let values = model.objects[0].secret_values(text);
    /// assert_eq!(values[0].slot(), "stringData.password");
    /// assert_eq!(&text[values[0].range.clone()], "hunter2 # ok");
    /// ```
    pub fn secret_values(&self, text: &str) -> Vec<SecretValue> {
        if self.kind != "Secret" {
            return Vec::new();
        }
        secret_values_in(&self.tree, text)
    }
}

/// Where each value of the Secret read as `tree` is written in `text`.
pub(crate) fn secret_values_in(tree: &Node, text: &str) -> Vec<SecretValue> {
    let index = LineIndex::new(text);
    let mut found = Vec::new();
    for entry in entries(tree) {
        let field = match entry.key.as_str() {
            "data" => SecretField::Data,
            "stringData" => SecretField::StringData,
            "metadata" => {
                for annotations in entries(&entry.value).filter(|e| e.key == "annotations") {
                    let flow = is_flow(&index, text, &annotations.value);
                    for e in entries(&annotations.value).filter(|e| e.key == LAST_APPLIED) {
                        found.extend(locate(&index, text, e, SecretField::LastApplied, flow));
                    }
                }
                continue;
            }
            _ => continue,
        };
        let flow = is_flow(&index, text, &entry.value);
        for e in entries(&entry.value) {
            found.extend(locate(&index, text, e, field, flow));
        }
    }
    found.sort_by_key(|v| v.range.start);
    found
}

/// The entries of a mapping (none for another value).
fn entries(node: &Node) -> impl Iterator<Item = &Entry> {
    match &node.value {
        Value::Map(entries) => entries.iter(),
        _ => [].iter(),
    }
}

/// Whether the mapping `node` is written in flow style (`{a: b}`, or JSON).
fn is_flow(index: &LineIndex, text: &str, node: &Node) -> bool {
    index
        .offset(text, node.pos)
        .is_some_and(|i| text[i..].starts_with('{'))
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

fn locate(
    index: &LineIndex,
    text: &str,
    entry: &Entry,
    field: SecretField,
    flow: bool,
) -> Option<SecretValue> {
    if matches!(entry.value.value, Value::Null) {
        // Nothing written (`key:`), or `null`: nothing to hide.
        return None;
    }
    let key_at = index.offset(text, entry.key_pos)?;
    let start = start_of(index, text, entry, key_at)?;
    let (end, quote) = value_end(text, start, entry.key_pos.column, flow);
    let line_end = text[end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| end + i);
    let end = if text[end..line_end].trim_start().starts_with('#') {
        line_end
    } else {
        end
    };
    let start_pos = Pos::new(
        index.line_at(start),
        text[line_start(text, start)..start].chars().count() + 1,
    );
    Some(SecretValue {
        field,
        key: entry.key.clone(),
        value: scalar_text(&entry.value.value),
        start: start_pos,
        last_line: index.line_at(end.saturating_sub(1).max(start)),
        range: start..end,
        quote,
    })
}

/// The byte offset where the line holding `at` starts.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// Where the written value of `entry` starts: the parser places a block scalar (`|`, `>`) at
/// its first content line, so a value below its key starts at its indicator, after the colon.
fn start_of(index: &LineIndex, text: &str, entry: &Entry, key_at: usize) -> Option<usize> {
    let start = index.offset(text, entry.value.pos)?;
    if entry.value.pos.line <= entry.key_pos.line {
        return Some(start);
    }
    let line = &text[key_at..];
    let line = &line[..line.find(['\n', '\r']).unwrap_or(line.len())];
    // Past a quoted key, which may hold a colon.
    let key_end = match line.chars().next() {
        Some(q @ ('"' | '\'')) => quoted_end(line, q).unwrap_or(line.len()),
        _ => 0,
    };
    let Some(colon) = line[key_end..].find(':').map(|i| key_end + i) else {
        return Some(start);
    };
    let after = &line[colon + 1..];
    let indicator = after.trim_start();
    if indicator.is_empty() || indicator.starts_with('#') {
        Some(start)
    } else {
        Some(key_at + colon + 1 + after.len() - indicator.len())
    }
}

/// The byte offset just past the closing quote of the string `text` starts with.
fn quoted_end(text: &str, q: char) -> Option<usize> {
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if q == '"' && c == '\\' {
            chars.next();
        } else if c == q {
            if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                chars.next();
            } else {
                return Some(i + c.len_utf8());
            }
        }
    }
    None
}

/// The byte offset just past the closing bracket of the flow collection `text` starts with.
fn flow_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        match c {
            '"' | '\'' => {
                at += quoted_end(&text[at..], c)?;
                continue;
            }
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
        at += c.len_utf8();
    }
    None
}

/// Where the written value starting at `start` ends (exclusive), and the quote it is written
/// in. `key_column` is the 1-based column of its key: the lines of a block or plain scalar that
/// goes on are indented further.
fn value_end(text: &str, start: usize, key_column: usize, flow: bool) -> (usize, Option<char>) {
    let rest = &text[start..];
    match rest.chars().next() {
        Some(q @ ('"' | '\'')) => (
            quoted_end(rest, q).map_or(text.len(), |end| start + end),
            Some(q),
        ),
        Some('{' | '[') => (flow_end(rest).map_or(text.len(), |end| start + end), None),
        _ if flow => {
            let end = rest
                .find([',', '}', ']', '\n', '\r', '#'])
                .map_or(text.len(), |i| start + i);
            (start + text[start..end].trim_end().len(), None)
        }
        _ => {
            let first_end = rest.find(['\n', '\r']).map_or(text.len(), |i| start + i);
            let mut end = start + text[start..first_end].trim_end().len();
            let mut at = match &text.as_bytes()[first_end..] {
                [b'\r', b'\n', ..] => first_end + 2,
                [] => first_end,
                _ => first_end + 1,
            };
            // Then the lines that are blank or indented further than the key.
            for line in lines_inclusive(&text[at..]) {
                let bare = line.trim_end_matches(['\n', '\r']);
                let indent = bare.len() - bare.trim_start().len();
                if !bare.trim().is_empty() {
                    if indent < key_column {
                        break;
                    }
                    end = at + bare.trim_end().len();
                }
                at += line.len();
            }
            (end, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Model, SourceFile};

    /// Each value of the first object of `text`: (slot, its text, first line and column, last
    /// line, the value as read).
    #[allow(clippy::type_complexity)]
    fn values(text: &str) -> Vec<(String, String, (usize, usize), usize, Option<String>)> {
        let model = Model::from_files(vec![SourceFile::new("s.yaml", text)]);
        model.objects[0]
            .secret_values(text)
            .into_iter()
            .map(|v| {
                (
                    v.slot(),
                    text[v.range.clone()].to_owned(),
                    (v.start.line, v.start.column),
                    v.last_line,
                    v.value,
                )
            })
            .collect()
    }

    #[allow(
        clippy::unnecessary_wraps,
        reason = "shorthand for the expected values below"
    )]
    fn some(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn block_values_quoted_keys_comments_and_the_annotation_are_found() {
        let text = "\
apiVersion: v1
kind: Secret
metadata:
  name: s
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {\"data\":{\"a\":\"c2VjcmV0\"}}
    other: x
type: Opaque
data:
  a: c2VjcmV0 # secret
  \"b: c\": Yg==
stringData:
  cert: |-
    line one

    line two
  empty:
  next: 'it''s'
";
        assert_eq!(
            values(text),
            [
                (
                    "metadata.annotations.kubectl.kubernetes.io/last-applied-configuration".into(),
                    "|\n      {\"data\":{\"a\":\"c2VjcmV0\"}}".into(),
                    (6, 55),
                    7,
                    some("{\"data\":{\"a\":\"c2VjcmV0\"}}\n"),
                ),
                (
                    "data.a".into(),
                    "c2VjcmV0 # secret".into(),
                    (11, 6),
                    11,
                    some("c2VjcmV0")
                ),
                (
                    "data.b: c".into(),
                    "Yg==".into(),
                    (12, 11),
                    12,
                    some("Yg==")
                ),
                (
                    "stringData.cert".into(),
                    "|-\n    line one\n\n    line two".into(),
                    (14, 9),
                    17,
                    some("line one\n\nline two"),
                ),
                (
                    "stringData.next".into(),
                    "'it''s'".into(),
                    (19, 9),
                    19,
                    some("it's")
                ),
            ]
        );
    }

    #[test]
    fn values_in_flow_maps_are_found_one_by_one() {
        let text = "apiVersion: v1\nkind: Secret\nmetadata: {name: f}\nstringData: {a: flow-a, \"b\": \"x, y\" }\ndata: {c: {nested: v}, d: [1, 2]}\n";
        assert_eq!(
            values(text),
            [
                (
                    "stringData.a".into(),
                    "flow-a".into(),
                    (4, 17),
                    4,
                    some("flow-a")
                ),
                (
                    "stringData.b".into(),
                    "\"x, y\"".into(),
                    (4, 30),
                    4,
                    some("x, y")
                ),
                ("data.c".into(), "{nested: v}".into(), (5, 11), 5, None),
                ("data.d".into(), "[1, 2]".into(), (5, 27), 5, None),
            ]
        );
    }

    #[test]
    fn values_of_a_secret_written_as_json_are_found() {
        let text = "{\"apiVersion\": \"v1\", \"kind\": \"Secret\",\n \"metadata\": {\"name\": \"j\", \"annotations\": {\"kubectl.kubernetes.io/last-applied-configuration\": \"{\\\"kind\\\":\\\"Secret\\\"}\"}},\n \"data\": {\"x\": \"eA==\", \"y\": \"eQ==\"}}";
        let found = values(text);
        let shown: Vec<(&str, &str)> = found
            .iter()
            .map(|(slot, text, ..)| (slot.as_str(), text.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "metadata.annotations.kubectl.kubernetes.io/last-applied-configuration",
                    "\"{\\\"kind\\\":\\\"Secret\\\"}\""
                ),
                ("data.x", "\"eA==\""),
                ("data.y", "\"eQ==\""),
            ]
        );
        assert_eq!(found[1].2, (3, 16));
    }

    #[test]
    fn values_are_found_in_a_text_with_crlf_line_endings() {
        let text = "apiVersion: v1\r\nkind: Secret\r\nmetadata:\r\n  name: s\r\nstringData:\r\n  cert: |\r\n    one\r\n    two\r\n  pin: '12'\r\n";
        assert_eq!(
            values(text),
            [
                (
                    "stringData.cert".into(),
                    "|\r\n    one\r\n    two".into(),
                    (6, 9),
                    8,
                    some("one\ntwo\n")
                ),
                (
                    "stringData.pin".into(),
                    "'12'".into(),
                    (9, 8),
                    9,
                    some("12")
                ),
            ]
        );
    }

    #[test]
    fn other_kinds_have_no_secret_values() {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: visible\n";
        assert_eq!(values(text), []);
    }
}
