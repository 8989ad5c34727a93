//! A located tree of plain values: what a YAML or JSON document reads as, with the position of
//! every key and value, so that any field of an object can be pointed at.

use crate::source::Pos;

/// One value in a document, with the position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts (for a block mapping, its first key; for an item, after its `- `).
    pub pos: Pos,
    /// The value.
    pub value: Value,
}

/// A plain value, as YAML's core schema (with YAML 1.1 booleans and octals, as Kubernetes reads
/// them) resolves it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true`/`false` (and YAML 1.1's `yes`/`no`/`on`/`off`).
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<Entry>),
}

/// One key of a mapping with its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key, as text.
    pub key: String,
    /// Where the key starts.
    pub key_pos: Pos,
    /// The value.
    pub value: Node,
}

/// One step of a path into a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// Parses a field path such as `spec.template.spec.containers[0].ports[1]` or
/// `metadata.annotations["prometheus.io/scrape"]` into its steps.
pub fn parse_path(path: &str) -> Vec<Seg> {
    let mut segs = Vec::new();
    let mut chars = path.chars().peekable();
    let mut key = String::new();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !key.is_empty() {
                    segs.push(Seg::Key(std::mem::take(&mut key)));
                }
            }
            '[' => {
                if !key.is_empty() {
                    segs.push(Seg::Key(std::mem::take(&mut key)));
                }
                let mut inner = String::new();
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    inner.push(c);
                }
                let quoted = inner.strip_prefix('"').and_then(|s| s.strip_suffix('"'));
                match (quoted, inner.parse::<usize>()) {
                    (Some(k), _) => segs.push(Seg::Key(k.to_owned())),
                    (None, Ok(i)) => segs.push(Seg::Index(i)),
                    (None, Err(_)) => segs.push(Seg::Key(inner)),
                }
            }
            c => key.push(c),
        }
    }
    if !key.is_empty() {
        segs.push(Seg::Key(key));
    }
    segs
}

impl Node {
    /// The value at `segs`, if there is one.
    pub fn get(&self, segs: &[Seg]) -> Option<&Node> {
        let mut node = self;
        for seg in segs {
            node = node.child(seg)?.1;
        }
        Some(node)
    }

    fn child(&self, seg: &Seg) -> Option<(Pos, &Node)> {
        match (&self.value, seg) {
            (Value::Map(entries), Seg::Key(k)) => entries
                .iter()
                .rev()
                .find(|e| &e.key == k)
                .map(|e| (e.key_pos, &e.value)),
            (Value::Seq(items), Seg::Index(i)) => items.get(*i).map(|n| (n.pos, n)),
            _ => None,
        }
    }

    /// The position of the field at `segs` (the key's position for a mapping key), or of its
    /// nearest ancestor that exists, and whether the field itself was found.
    pub fn locate(&self, segs: &[Seg]) -> (Pos, bool) {
        let mut node = self;
        let mut pos = self.pos;
        for seg in segs {
            match node.child(seg) {
                Some((p, child)) => {
                    pos = p;
                    node = child;
                }
                None => return (pos, false),
            }
        }
        (pos, true)
    }

    /// How many nodes this tree holds.
    pub fn size(&self) -> usize {
        1 + match &self.value {
            Value::Seq(items) => items.iter().map(Node::size).sum(),
            Value::Map(entries) => entries.iter().map(|e| e.value.size()).sum(),
            _ => 0,
        }
    }

    /// The tree as a JSON value (keys repeated in a mapping: the last one wins, as in Kubernetes).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => {
                serde_json::Number::from_f64(*f).map_or_else(|| J::String(f.to_string()), J::Number)
            }
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// The string at `key` of a mapping.
    pub fn str_at(&self, key: &str) -> Option<&str> {
        match &self.child(&Seg::Key(key.to_owned()))?.1.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_with_indexes_and_quoted_keys() {
        assert_eq!(
            parse_path(r#"spec.containers[1].ports[0]"#),
            vec![
                Seg::Key("spec".into()),
                Seg::Key("containers".into()),
                Seg::Index(1),
                Seg::Key("ports".into()),
                Seg::Index(0)
            ]
        );
        assert_eq!(
            parse_path(r#"metadata.annotations["prometheus.io/scrape"]"#),
            vec![
                Seg::Key("metadata".into()),
                Seg::Key("annotations".into()),
                Seg::Key("prometheus.io/scrape".into())
            ]
        );
    }
}
