//! Reading YAML (and JSON, which is read as YAML flow) into located trees.
//!
//! This is the only module that touches the YAML crate. A file is first cut into documents on
//! its `---` lines (or, for a JSON file, into its top-level values), and each document is parsed
//! on its own, so that a syntax error in one document never hides the others.

use foldhash::{HashMap, HashMapExt, HashSet};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::tree::{Entry, Node, Value};
use crate::source::Pos;

/// How deeply values may nest, aliases expanded, before a document is refused.
pub const MAX_DEPTH: usize = 128;
/// How many values one document may hold once its aliases are expanded.
pub const MAX_NODES: usize = 1_000_000;
/// How many values anchors and aliases may copy in one document (an alias copies its anchor's
/// value, and so does every anchor that wraps it), counted before the copy is made.
pub const MAX_COPIES: usize = 1_000_000;

/// How many duplicate keys one document reports one by one (the rest are counted).
const MAX_REPORTED: usize = 20;

/// One document of a file as read: its 0-based index among the file's non-empty documents, where
/// it starts, and its tree or the reason it could not be read.
#[derive(Debug)]
pub struct RawDocument {
    /// 0-based index among the file's non-empty documents.
    pub index: usize,
    /// The tree, or the syntax error with its position.
    pub result: Result<Node, SyntaxError>,
    /// Problems that did not stop the document from being read (a key written twice).
    pub problems: Vec<SyntaxError>,
}

/// A document that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the problem is.
    pub pos: Pos,
    /// What is wrong, lowercase.
    pub message: String,
}

/// Reads every document of a file. Empty documents (nothing but comments or blank lines) are
/// skipped.
pub fn read_documents(text: &str) -> Vec<RawDocument> {
    let mut docs = Vec::new();
    for chunk in split_documents(text) {
        if let Some(doc) = read_chunk(&chunk, docs.len()) {
            docs.push(doc);
        }
    }
    docs
}

/// A piece of a file that holds one document (or nothing but comments), and the 1-based line
/// and column it starts at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chunk<'a> {
    pub(crate) text: &'a str,
    pub(crate) first_line: usize,
    pub(crate) first_column: usize,
}

/// Cuts a file into the pieces [`read_chunk`] reads one by one: on its `---` lines, or, for a
/// JSON file, into its top-level values.
pub(crate) fn split_documents(text: &str) -> Vec<Chunk<'_>> {
    if looks_like_json(text) {
        split_json(text)
    } else {
        split_yaml(text)
    }
}

/// Reads one piece of a file as the document numbered `index`; `None` when it holds no
/// document (nothing but comments or blank lines).
pub(crate) fn read_chunk(chunk: &Chunk<'_>, index: usize) -> Option<RawDocument> {
    let mut problems = Vec::new();
    let start = Pos::new(chunk.first_line, chunk.first_column);
    let result = parse_chunk(chunk.text, start, &mut problems).transpose()?;
    Some(RawDocument {
        index,
        result,
        problems,
    })
}

/// A file is read as a JSON stream when it starts with `{` or `[` and has no YAML document marker.
fn looks_like_json(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('{' | '['))
        && !lines(text).any(|l| {
            let l = l.trim_end_matches(['\n', '\r']);
            l.trim_end() == "---" || l.starts_with("--- ")
        })
}

/// Cuts YAML text on document markers: a line starting with `---` (followed by nothing or a
/// space) starts a new document, a `...` line ends one.
fn split_yaml(text: &str) -> Vec<Chunk<'_>> {
    let mut chunks = Vec::new();
    let (mut from, mut first_line) = (0usize, 1usize);
    let mut offset = 0usize;
    for (i, line) in lines(text).enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        let starts = bare == "---" || bare.starts_with("--- ") || bare.starts_with("---\t");
        let ends = bare == "..." || bare.starts_with("... ");
        if starts {
            chunks.push(Chunk {
                text: &text[from..offset],
                first_line,
                first_column: 1,
            });
            (from, first_line) = (offset, i + 1);
        } else if ends {
            chunks.push(Chunk {
                text: &text[from..offset],
                first_line,
                first_column: 1,
            });
            (from, first_line) = (offset + line.len(), i + 2);
        }
        offset += line.len();
    }
    chunks.push(Chunk {
        text: &text[from..],
        first_line,
        first_column: 1,
    });
    chunks
}

/// Cuts a JSON file into its top-level values (a file may hold several objects one after the
/// other, even on one line). Each piece remembers the line and column it starts at.
fn split_json(text: &str) -> Vec<Chunk<'_>> {
    let mut chunks = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut col) = (1usize, 1usize);
    let mut start: Option<(usize, usize, usize)> = None;
    let mut after_cr = false;
    for (offset, c) in text.char_indices() {
        if start.is_none() && !c.is_whitespace() {
            start = Some((offset, line, col));
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else {
            match c {
                '"' => in_string = true,
                '{' | '[' => depth += 1,
                '}' | ']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0
                        && let Some((from, l, c0)) = start.take()
                    {
                        chunks.push(Chunk {
                            text: &text[from..offset + c.len_utf8()],
                            first_line: l,
                            first_column: c0,
                        });
                    }
                }
                _ => {}
            }
        }
        match c {
            '\n' if after_cr => {}
            '\n' | '\r' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
        after_cr = c == '\r';
    }
    if let Some((from, l, c0)) = start {
        chunks.push(Chunk {
            text: &text[from..],
            first_line: l,
            first_column: c0,
        });
    }
    chunks
}

/// The lines of `text` with their line breaks: `\r\n`, `\n` and a lone `\r` each end a line, as
/// they do for YAML.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    crate::source::lines_inclusive(text)
}

/// A position of the parser, in the file: `start` is where the chunk starts in the file.
fn pos_of(marker: &Marker, start: Pos) -> Pos {
    let column = if marker.line() <= 1 {
        marker.col() + start.column
    } else {
        marker.col() + 1
    };
    Pos::new(marker.line() + start.line - 1, column)
}

/// A value being built: a sequence or a mapping still open, with how many values it holds and
/// how deeply they nest so far.
struct Frame {
    pos: Pos,
    anchor: usize,
    size: usize,
    height: usize,
    kind: FrameKind,
}

enum FrameKind {
    Seq(Vec<Node>),
    Map {
        entries: Vec<Entry>,
        key: Option<(String, Pos)>,
        seen: HashMap<String, Pos>,
    },
}

/// A finished value with its size (values it holds, itself included) and height (levels).
struct Built {
    node: Node,
    size: usize,
    height: usize,
}

/// Parses one document into a tree; `Ok(None)` when it holds nothing. Problems that do not stop
/// the reading (duplicate keys) go to `problems`.
fn parse_chunk(
    text: &str,
    start: Pos,
    problems: &mut Vec<SyntaxError>,
) -> Result<Option<Node>, SyntaxError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Built> = HashMap::new();
    let (mut nodes, mut copies, mut duplicates) = (0usize, 0usize, 0usize);
    let mut root: Option<Node> = None;
    let end = end_of(text, start);
    loop {
        let (event, marker) = parser.next_token().map_err(|e| SyntaxError {
            pos: pos_of(e.marker(), start).min(end),
            message: match e.info() {
                "recursion limit exceeded" => {
                    "values nest too deeply (recursion limit exceeded); the document is refused"
                        .to_owned()
                }
                info => info.to_owned(),
            },
        })?;
        // An empty value at the very end of a file is reported past its last line.
        let pos = pos_of(&marker, start).min(end);
        let refuse = |what: String| SyntaxError { pos, message: what };
        let finished = match event {
            Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart | Event::DocumentEnd => None,
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(refuse(format!(
                        "values nest deeper than {MAX_DEPTH} levels; the document is refused"
                    )));
                }
                let kind = match event {
                    Event::SequenceStart(..) => FrameKind::Seq(Vec::new()),
                    _ => FrameKind::Map {
                        entries: Vec::new(),
                        key: None,
                        seen: HashMap::new(),
                    },
                };
                stack.push(Frame {
                    pos,
                    anchor,
                    size: 1,
                    height: 1,
                    kind,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => stack.pop().map(|frame| {
                let (node, anchor) = close(frame);
                (node, anchor)
            }),
            Event::Scalar(text, style, anchor, tag) => {
                if let Some(Frame {
                    kind:
                        FrameKind::Map {
                            key: key @ None, ..
                        },
                    ..
                }) = stack.last_mut()
                {
                    *key = Some((text, pos));
                    continue;
                }
                let tag = tag.map(|t| t.suffix);
                Some((
                    Built {
                        node: Node {
                            pos,
                            value: resolve_scalar(text, style, tag.as_deref()),
                        },
                        size: 1,
                        height: 0,
                    },
                    anchor,
                ))
            }
            Event::Alias(id) => {
                let target = anchors
                    .get(&id)
                    .ok_or_else(|| refuse("unknown alias".to_owned()))?;
                if stack.len() + target.height > MAX_DEPTH {
                    return Err(refuse(format!(
                        "this alias makes values nest deeper than {MAX_DEPTH} levels once expanded; the document is refused"
                    )));
                }
                copies = copies.saturating_add(target.size);
                if copies > MAX_COPIES || nodes.saturating_add(target.size) > MAX_NODES {
                    return Err(refuse(format!(
                        "aliases expand this document to more than {MAX_COPIES} copied values (an alias bomb?); the document is refused"
                    )));
                }
                if let Some(Frame {
                    kind:
                        FrameKind::Map {
                            key: key @ None, ..
                        },
                    ..
                }) = stack.last_mut()
                {
                    let Value::Str(text) = &target.node.value else {
                        return Err(refuse(
                            "an alias used as a mapping key must name a plain value".to_owned(),
                        ));
                    };
                    *key = Some((text.clone(), pos));
                    continue;
                }
                let node = Node {
                    pos,
                    value: target.node.value.clone(),
                };
                nodes += target.size - 1;
                Some((
                    Built {
                        node,
                        size: target.size,
                        height: target.height,
                    },
                    0,
                ))
            }
        };
        let Some((built, anchor)) = finished else {
            continue;
        };
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(refuse(format!(
                "the document holds more than {MAX_NODES} values; it is refused"
            )));
        }
        if anchor > 0 {
            copies = copies.saturating_add(built.size);
            if copies > MAX_COPIES {
                return Err(refuse(format!(
                    "anchors copy more than {MAX_COPIES} values in this document (an alias bomb?); the document is refused"
                )));
            }
            let copy = Built {
                node: built.node.clone(),
                size: built.size,
                height: built.height,
            };
            anchors.insert(anchor, copy);
        }
        let Some(parent) = stack.last_mut() else {
            root = Some(built.node);
            continue;
        };
        parent.size = parent.size.saturating_add(built.size);
        parent.height = parent.height.max(built.height + 1);
        match &mut parent.kind {
            FrameKind::Seq(items) => items.push(built.node),
            FrameKind::Map { entries, key, seen } => match key.take() {
                Some((key, key_pos)) => {
                    if key != "<<" {
                        if seen.contains_key(&key) {
                            duplicates += 1;
                        }
                        if let Some(first) = seen.get(&key).filter(|_| duplicates <= MAX_REPORTED) {
                            problems.push(SyntaxError {
                                pos: key_pos,
                                message: format!(
                                    "key `{}` is written twice in this mapping (first at line {}); Kubernetes refuses duplicate keys, and only the last value is read",
                                    crate::text::shorten(&key, 60),
                                    first.line
                                ),
                            });
                        } else if !seen.contains_key(&key) {
                            seen.insert(key.clone(), key_pos);
                        }
                    }
                    entries.push(Entry {
                        key,
                        key_pos,
                        value: built.node,
                    });
                }
                None => {
                    return Err(SyntaxError {
                        pos: built.node.pos,
                        message: "a mapping key must be a plain value, not a sequence or a mapping"
                            .into(),
                    });
                }
            },
        }
    }
    if duplicates > MAX_REPORTED
        && let Some(last) = problems.last().cloned()
    {
        problems.push(SyntaxError {
            pos: last.pos,
            message: format!(
                "{} more keys are written twice in this document",
                duplicates - MAX_REPORTED
            ),
        });
    }
    Ok(root.filter(|n| n.value != Value::Null || !text_is_blank(text)))
}

/// Closes an open sequence or mapping into a finished value.
fn close(frame: Frame) -> (Built, usize) {
    let Frame {
        pos,
        anchor,
        size,
        height,
        kind,
    } = frame;
    let node = match kind {
        FrameKind::Seq(items) => Node {
            pos,
            value: Value::Seq(items),
        },
        FrameKind::Map { entries, .. } => {
            // A block mapping's event points past its first key; a flow mapping's at its `{`.
            let pos = entries.first().map_or(pos, |e| e.key_pos.min(pos));
            Node {
                pos,
                value: Value::Map(merge_keys(entries)),
            }
        }
    };
    (Built { node, size, height }, anchor)
}

/// The position of the last character of a chunk: nothing the parser reports lies beyond it.
fn end_of(text: &str, start: Pos) -> Pos {
    let trimmed = text.trim_end_matches(['\n', '\r']);
    let mut end = Pos::at_end_of(trimmed);
    if end.line == 1 {
        end.column += start.column - 1;
    }
    end.line += start.line - 1;
    end.column = end.column.saturating_sub(1).max(1);
    end
}

fn text_is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---"
    })
}

/// Applies YAML merge keys (`<<: *defaults`): merged entries never override written ones. Linear
/// in the entries merged (their number is already bounded by the alias budget).
fn merge_keys(entries: Vec<Entry>) -> Vec<Entry> {
    if !entries.iter().any(|e| e.key == "<<") {
        return entries;
    }
    let (merges, mut own): (Vec<Entry>, Vec<Entry>) =
        entries.into_iter().partition(|e| e.key == "<<");
    let mut present: HashSet<String> = own.iter().map(|e| e.key.clone()).collect();
    for merge in merges {
        let sources = match merge.value.value {
            Value::Map(m) => vec![m],
            Value::Seq(items) => items
                .into_iter()
                .filter_map(|n| match n.value {
                    Value::Map(m) => Some(m),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for source in sources {
            for entry in source {
                if present.insert(entry.key.clone()) {
                    own.push(entry);
                }
            }
        }
    }
    own
}

/// Resolves a scalar the way Kubernetes' YAML reader does (YAML 1.1 booleans and octals).
fn resolve_scalar(text: String, style: TScalarStyle, tag: Option<&str>) -> Value {
    if style != TScalarStyle::Plain || tag == Some("str") {
        return Value::Str(text);
    }
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => {
            return Value::Bool(true);
        }
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n" | "N" => {
            return Value::Bool(false);
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" => return Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    if let Some(i) = parse_int(&text) {
        return Value::Int(i);
    }
    let number_like = text
        .chars()
        .all(|c| c.is_ascii_digit() || "+-.eE".contains(c))
        && text.chars().any(|c| c.is_ascii_digit());
    if number_like && let Ok(f) = text.parse::<f64>() {
        return Value::Float(f);
    }
    Value::Str(text)
}

/// An integer as kubectl's YAML reader (go-yaml v2) reads one: underscores are dropped, then Go's
/// `ParseInt(s, 0, 64)` accepts a sign and the prefixes `0x`, `0o`, `0b` and a leading `0` (octal).
fn parse_int(text: &str) -> Option<i64> {
    if !text.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-') {
        return None;
    }
    let plain: String = text.chars().filter(|c| *c != '_').collect();
    let (negative, digits) = match plain.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, plain.strip_prefix('+').unwrap_or(&plain)),
    };
    let (radix, body) = if let Some(hex) = digits.strip_prefix("0x").or(digits.strip_prefix("0X")) {
        (16, hex)
    } else if let Some(oct) = digits.strip_prefix("0o").or(digits.strip_prefix("0O")) {
        (8, oct)
    } else if let Some(bin) = digits.strip_prefix("0b").or(digits.strip_prefix("0B")) {
        (2, bin)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(body, radix).ok()?;
    i64::try_from(if negative { -magnitude } else { magnitude }).ok()
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
