//! Reading YAML (and JSON, which is read as YAML flow) into located trees.
//!
//! This is the only module that touches the YAML crate. A file is first cut into documents on
//! its `---` lines (or, for a JSON file, into its top-level values), and each document is parsed
//! on its own, so that a syntax error in one document never hides the others.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::tree::{Entry, Node, Value};
use crate::source::Pos;

/// How deeply values may nest before a document is refused.
pub const MAX_DEPTH: usize = 200;
/// How many values one document may hold once its aliases are expanded.
pub const MAX_NODES: usize = 2_000_000;

/// One document of a file as read: its 0-based index among the file's non-empty documents, where
/// it starts, and its tree or the reason it could not be read.
#[derive(Debug)]
pub struct RawDocument {
    /// 0-based index among the file's non-empty documents.
    pub index: usize,
    /// The tree, or the syntax error with its position.
    pub result: Result<Node, SyntaxError>,
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
    let chunks = if looks_like_json(text) {
        split_json(text)
    } else {
        split_yaml(text)
    };
    let mut docs = Vec::new();
    for chunk in chunks {
        match parse_chunk(&chunk.text, chunk.first_line) {
            Ok(None) => {}
            Ok(Some(node)) => docs.push(RawDocument {
                index: docs.len(),
                result: Ok(node),
            }),
            Err(err) => docs.push(RawDocument {
                index: docs.len(),
                result: Err(err),
            }),
        }
    }
    docs
}

/// A piece of a file that holds one document, and the 1-based line it starts on.
struct Chunk {
    text: String,
    first_line: usize,
}

/// A file is read as a JSON stream when it starts with `{` or `[` and has no YAML document marker.
fn looks_like_json(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('{') | Some('['))
        && !text
            .lines()
            .any(|l| l.trim_end() == "---" || l.starts_with("--- "))
}

/// Cuts YAML text on document markers: a line starting with `---` (followed by nothing or a
/// space) starts a new document, a `...` line ends one.
fn split_yaml(text: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut current = Chunk {
        text: String::new(),
        first_line: 1,
    };
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        let starts = bare == "---" || bare.starts_with("--- ") || bare.starts_with("---\t");
        let ends = bare == "..." || bare.starts_with("... ");
        if starts {
            chunks.push(std::mem::replace(
                &mut current,
                Chunk {
                    text: String::new(),
                    first_line: i + 1,
                },
            ));
            current.text.push_str(line);
        } else if ends {
            chunks.push(std::mem::replace(
                &mut current,
                Chunk {
                    text: String::new(),
                    first_line: i + 2,
                },
            ));
        } else {
            current.text.push_str(line);
        }
    }
    chunks.push(current);
    chunks
}

/// Cuts a JSON file into its top-level values (a file may hold several objects one after the
/// other). Each piece is padded so that its columns stay those of the file.
fn split_json(text: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut col) = (1usize, 1usize);
    let mut start: Option<(usize, usize, usize)> = None;
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
                        let piece = &text[from..offset + c.len_utf8()];
                        chunks.push(Chunk {
                            text: format!("{}{piece}\n", " ".repeat(c0 - 1)),
                            first_line: l,
                        });
                    }
                }
                _ => {}
            }
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    if let Some((from, l, c0)) = start {
        chunks.push(Chunk {
            text: format!("{}{}", " ".repeat(c0 - 1), &text[from..]),
            first_line: l,
        });
    }
    chunks
}

fn pos_of(marker: &Marker, first_line: usize) -> Pos {
    Pos::new(marker.line() + first_line - 1, marker.col() + 1)
}

/// A value being built: a sequence or a mapping still open.
enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<(String, Pos)>,
    },
}

/// Parses one document into a tree; `Ok(None)` when it holds nothing.
fn parse_chunk(text: &str, first_line: usize) -> Result<Option<Node>, SyntaxError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut nodes = 0usize;
    let mut root: Option<Node> = None;
    loop {
        let (event, marker) = parser.next_token().map_err(|e| SyntaxError {
            pos: pos_of(e.marker(), first_line),
            message: match e.info() {
                "recursion limit exceeded" => {
                    "values nest too deeply (recursion limit exceeded); the document is refused"
                        .to_owned()
                }
                info => info.to_owned(),
            },
        })?;
        let pos = pos_of(&marker, first_line);
        let too_big = |what: &str| SyntaxError {
            pos,
            message: what.to_owned(),
        };
        let finished = match event {
            Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart | Event::DocumentEnd => None,
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(too_big(&format!(
                        "values nest deeper than {MAX_DEPTH} levels; the document is refused"
                    )));
                }
                stack.push(match event {
                    Event::SequenceStart(..) => Frame::Seq {
                        pos,
                        anchor,
                        items: Vec::new(),
                    },
                    _ => Frame::Map {
                        pos,
                        anchor,
                        entries: Vec::new(),
                        key: None,
                    },
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq { pos, anchor, items }) => Some((
                    Node {
                        pos,
                        value: Value::Seq(items),
                    },
                    anchor,
                )),
                Some(Frame::Map {
                    pos,
                    anchor,
                    entries,
                    ..
                }) => {
                    // A block mapping's event points past its first key; a flow mapping's at its `{`.
                    let pos = entries.first().map_or(pos, |e| e.key_pos.min(pos));
                    Some((
                        Node {
                            pos,
                            value: Value::Map(merge_keys(entries)),
                        },
                        anchor,
                    ))
                }
                None => None,
            },
            Event::Scalar(text, style, anchor, tag) => {
                if let Some(Frame::Map {
                    key: key @ None, ..
                }) = stack.last_mut()
                {
                    *key = Some((text, pos));
                    continue;
                }
                let tag = tag.map(|t| t.suffix);
                Some((
                    Node {
                        pos,
                        value: resolve_scalar(text, style, tag.as_deref()),
                    },
                    anchor,
                ))
            }
            Event::Alias(id) => {
                let node = anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| too_big("unknown alias"))?;
                nodes += node.size();
                if nodes > MAX_NODES {
                    return Err(too_big(&format!(
                        "aliases expand this document to more than {MAX_NODES} values (an alias bomb?); the document is refused"
                    )));
                }
                if let Some(Frame::Map {
                    key: key @ None, ..
                }) = stack.last_mut()
                {
                    let text = match node.value {
                        Value::Str(s) => s,
                        _ => {
                            return Err(too_big(
                                "an alias used as a mapping key must name a plain value",
                            ));
                        }
                    };
                    *key = Some((text, pos));
                    continue;
                }
                Some((Node { pos, ..node }, 0))
            }
        };
        let Some((node, anchor)) = finished else {
            continue;
        };
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(too_big(&format!(
                "the document holds more than {MAX_NODES} values; it is refused"
            )));
        }
        if anchor > 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                Some((key, key_pos)) => entries.push(Entry {
                    key,
                    key_pos,
                    value: node,
                }),
                None => {
                    return Err(SyntaxError {
                        pos: node.pos,
                        message: "a mapping key must be a plain value, not a sequence or a mapping"
                            .into(),
                    });
                }
            },
            None => root = Some(node),
        }
    }
    Ok(root.filter(|n| n.value != Value::Null || !text_is_blank(text)))
}

fn text_is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---"
    })
}

/// Applies YAML merge keys (`<<: *defaults`): merged entries never override written ones.
fn merge_keys(entries: Vec<Entry>) -> Vec<Entry> {
    if !entries.iter().any(|e| e.key == "<<") {
        return entries;
    }
    let (merges, mut own): (Vec<Entry>, Vec<Entry>) =
        entries.into_iter().partition(|e| e.key == "<<");
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
                if !own.iter().any(|e| e.key == entry.key) {
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

fn parse_int(text: &str) -> Option<i64> {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let parsed = if let Some(hex) = digits.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()
    } else if let Some(oct) = digits.strip_prefix("0o") {
        i64::from_str_radix(oct, 8).ok()
    } else if digits.len() > 1
        && digits.starts_with('0')
        && digits.chars().all(|c| ('0'..='7').contains(&c))
    {
        i64::from_str_radix(&digits[1..], 8).ok()
    } else if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        digits.parse::<i64>().ok()
    } else {
        None
    };
    parsed.map(|v| sign * v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(text: &str) -> Vec<Result<Node, SyntaxError>> {
        read_documents(text).into_iter().map(|d| d.result).collect()
    }

    #[test]
    fn positions_are_one_based_lines_and_columns() {
        let d = docs("# c\nkind: Pod\nmetadata:\n  name: web\nlist:\n  - a\n  - b: 1\n");
        let root = d[0].as_ref().unwrap();
        assert_eq!(root.pos, Pos::new(2, 1));
        let (pos, found) = root.locate(&super::super::tree::parse_path("metadata.name"));
        assert!(found);
        assert_eq!(pos, Pos::new(4, 3));
        assert_eq!(
            root.get(&super::super::tree::parse_path("list[1]"))
                .unwrap()
                .pos,
            Pos::new(7, 5)
        );
    }

    #[test]
    fn a_bad_document_does_not_hide_its_neighbours() {
        let d = docs("a: 1\n---\nb: [1,\n---\nc: 3\n");
        assert_eq!(d.len(), 3);
        assert!(d[0].is_ok() && d[2].is_ok());
        let err = d[1].as_ref().unwrap_err();
        assert!(err.pos.line >= 3, "{err:?}");
        assert_eq!(d[2].as_ref().unwrap().pos, Pos::new(5, 1));
    }

    #[test]
    fn empty_documents_and_comments_are_skipped() {
        assert_eq!(
            docs("---\n# only a comment\n---\n\n---\na: 1\n---\n").len(),
            1
        );
    }

    #[test]
    fn json_then_yaml_documents_stay_whole() {
        let d = docs("{\"a\": 1}\n---\nmetadata: {name: big, namespace: x}\nkind: Pod\n");
        assert_eq!(d.len(), 2);
        let v = d[1].as_ref().unwrap().to_json();
        assert_eq!(v["metadata"]["name"], "big");
        assert_eq!(v["kind"], "Pod");
    }

    #[test]
    fn a_flow_mapping_starts_at_its_brace() {
        let d = docs("{\n  \"a\": 1\n}\n");
        assert_eq!(d[0].as_ref().unwrap().pos, Pos::new(1, 1));
        let d = docs("x: 1\ny: {a: 1}\n");
        assert_eq!(d[0].as_ref().unwrap().pos, Pos::new(1, 1));
    }

    #[test]
    fn crlf_lines_keep_their_numbers() {
        let d = docs("a: 1\r\n---\r\nb:\r\n  c: 2\r\n");
        let (pos, _) = d[1]
            .as_ref()
            .unwrap()
            .locate(&super::super::tree::parse_path("b.c"));
        assert_eq!(pos, Pos::new(4, 3));
    }

    #[test]
    fn several_json_objects_in_one_file() {
        let d = docs("{\"a\": 1}\n  {\"b\": {\"c\": [1, 2]}}\n");
        assert_eq!(d.len(), 2);
        let (pos, found) = d[1]
            .as_ref()
            .unwrap()
            .locate(&super::super::tree::parse_path("b.c"));
        assert!(found);
        assert_eq!(pos, Pos::new(2, 10));
    }

    #[test]
    fn scalars_resolve_like_kubernetes() {
        let d = docs("a: 0644\nb: yes\nc: \"5\"\nd: 1.5\ne: ~\nf: 12Mi\n");
        let v = d[0].as_ref().unwrap().to_json();
        assert_eq!(
            v,
            serde_json::json!({"a": 420, "b": true, "c": "5", "d": 1.5, "e": null, "f": "12Mi"})
        );
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
        }
        let d = docs(&text);
        assert!(d[0].as_ref().unwrap_err().message.contains("alias"));
    }

    #[test]
    fn absurd_nesting_is_refused() {
        let text = format!("a: {}{}\n", "[".repeat(5000), "]".repeat(5000));
        let err = docs(&text).remove(0).unwrap_err();
        assert!(err.message.contains("nest"), "{err:?}");
    }

    #[test]
    fn merge_keys_fill_in_missing_entries() {
        let d = docs("base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  y: 3\n");
        let v = d[0].as_ref().unwrap().to_json();
        assert_eq!(v["thing"], serde_json::json!({"y": 3, "x": 1}));
    }
}
