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

/// One step of a path into a tree, borrowed from the path's text (see [`path_steps`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A sequence index.
    Index(usize),
}

impl Seg {
    /// The step, borrowed.
    pub fn as_step(&self) -> Step<'_> {
        match self {
            Seg::Key(k) => Step::Key(k),
            Seg::Index(i) => Step::Index(*i),
        }
    }
}

/// The steps of a field path such as `spec.template.spec.containers[0].ports[1]` or
/// `metadata.annotations["prometheus.io/scrape"]`, read as they are walked: nothing is copied.
/// A bracket holds an index, a quoted key (which may contain dots) or, failing both, a key.
pub fn path_steps(path: &str) -> impl Iterator<Item = Step<'_>> {
    let mut rest = path;
    std::iter::from_fn(move || {
        loop {
            if rest.is_empty() {
                return None;
            }
            if let Some(after) = rest.strip_prefix('.') {
                rest = after;
                continue;
            }
            if let Some(after) = rest.strip_prefix('[') {
                let (inner, tail) = after.split_once(']').unwrap_or((after, ""));
                rest = tail;
                let quoted = inner.strip_prefix('"').and_then(|s| s.strip_suffix('"'));
                return Some(match quoted {
                    Some(key) => Step::Key(key),
                    None => inner.parse().map_or(Step::Key(inner), Step::Index),
                });
            }
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            let (key, tail) = rest.split_at(end);
            rest = tail;
            return Some(Step::Key(key));
        }
    })
}

/// The steps of a field path (see [`path_steps`]), owned.
pub fn parse_path(path: &str) -> Vec<Seg> {
    path_steps(path)
        .map(|step| match step {
            Step::Key(k) => Seg::Key(k.to_owned()),
            Step::Index(i) => Seg::Index(i),
        })
        .collect()
}

impl Node {
    /// The value at `segs`, if there is one.
    pub fn get(&self, segs: &[Seg]) -> Option<&Node> {
        let mut node = self;
        for seg in segs {
            node = node.child(seg.as_step())?.1;
        }
        Some(node)
    }

    fn child(&self, step: Step) -> Option<(Pos, &Node)> {
        match (&self.value, step) {
            (Value::Map(entries), Step::Key(k)) => entries
                .iter()
                .rev()
                .find(|e| e.key == k)
                .map(|e| (e.key_pos, &e.value)),
            (Value::Seq(items), Step::Index(i)) => items.get(i).map(|n| (n.pos, n)),
            _ => None,
        }
    }

    /// The position of the field at `segs` (the key's position for a mapping key), or of its
    /// nearest ancestor that exists, and whether the field itself was found.
    pub fn locate(&self, segs: &[Seg]) -> (Pos, bool) {
        self.locate_steps(segs.iter().map(Seg::as_step))
    }

    /// Like [`Node::locate`], for the steps of a path as they are read (see [`path_steps`]).
    pub fn locate_steps<'a>(&self, steps: impl IntoIterator<Item = Step<'a>>) -> (Pos, bool) {
        let mut node = self;
        let mut pos = self.pos;
        for step in steps {
            match node.child(step) {
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
        match &self.child(Step::Key(key))?.1.value {
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

    #[test]
    fn odd_paths_read_as_keys_without_losing_text() {
        let steps = |path| path_steps(path).collect::<Vec<_>>();
        assert_eq!(steps(""), vec![]);
        assert_eq!(steps("..a..b."), vec![Step::Key("a"), Step::Key("b")]);
        assert_eq!(
            steps("env[name]x.y[]"),
            vec![
                Step::Key("env"),
                Step::Key("name"),
                Step::Key("x"),
                Step::Key("y"),
                Step::Key("")
            ]
        );
        assert_eq!(steps("a]b[2"), vec![Step::Key("a]b"), Step::Index(2)]);
        assert_eq!(steps(r#"a["x"#), vec![Step::Key("a"), Step::Key(r#""x"#)]);
    }

    #[test]
    fn a_path_is_located_in_a_tree_step_by_step() {
        let documents = crate::parse::yaml::read_documents("a:\n  b:\n    - c: 1\n      d.e: 2\n");
        let root = documents[0].result.as_ref().expect("the YAML reads");
        let (pos, found) = root.locate_steps(path_steps(r#"a.b[0]["d.e"]"#));
        assert!(found);
        assert_eq!((pos.line, pos.column), (4, 7));
        let (pos, found) = root.locate_steps(path_steps("a.b[0].missing"));
        assert!(!found, "a field not written points at its nearest ancestor");
        assert_eq!((pos.line, pos.column), (3, 7));
    }
}
