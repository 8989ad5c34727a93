//! Writing a value as YAML, the way `kubectl get -o yaml` shows an object.

use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

use crate::parse::tree::{Node, Value};
use crate::parse::yaml::read_documents;
use crate::source::LineIndex;

/// The keys Kubernetes writes first, in this order; the others follow in the value's order
/// (alphabetical for a JSON map).
const FIRST_KEYS: [&str; 8] = [
    "apiVersion",
    "kind",
    "metadata",
    "name",
    "namespace",
    "labels",
    "annotations",
    "ownerReferences",
];

/// `value` as block YAML: identity keys first, a list under a key at the key's indentation
/// (as `kubectl` prints it), and every string that would read as something else quoted, for
/// YAML 1.1 too (`'yes'`, `'1_000'`), as Kubernetes reads YAML.
pub fn to_yaml(value: &Json) -> String {
    write(&ordered(value))
}

/// `value` as block YAML, its mappings' keys in their order, multi-line strings as literal
/// blocks where that keeps them exact, and every string that would read as something else
/// quoted, for YAML 1.1 too.
pub(crate) fn write(value: &Yaml) -> String {
    let yaml = serde_yaml::to_string(value).unwrap_or_default();
    quote_ambiguous(value, yaml)
}

fn ordered(value: &Json) -> Yaml {
    match value {
        Json::Null => Yaml::Null,
        Json::Bool(b) => Yaml::Bool(*b),
        Json::Number(n) => {
            if let Some(i) = n.as_i64() {
                Yaml::Number(i.into())
            } else if let Some(u) = n.as_u64() {
                Yaml::Number(u.into())
            } else {
                Yaml::Number(n.as_f64().unwrap_or_default().into())
            }
        }
        Json::String(s) => Yaml::String(s.clone()),
        Json::Array(items) => Yaml::Sequence(items.iter().map(ordered).collect()),
        Json::Object(map) => {
            let mut entries: Vec<(&String, &Json)> = map.iter().collect();
            entries.sort_by_key(|(k, _)| {
                FIRST_KEYS
                    .iter()
                    .position(|f| f == k)
                    .unwrap_or(FIRST_KEYS.len())
            });
            Yaml::Mapping(
                entries
                    .into_iter()
                    .map(|(k, v)| (Yaml::String(k.clone()), ordered(v)))
                    .collect(),
            )
        }
    }
}

/// Quotes the strings of `yaml` (written from `value`) that the parser, which reads YAML 1.1
/// scalars as Kubernetes does, would not read back as the same string: the YAML writer quotes
/// only what YAML 1.2 would misread, and writes `yes` or `on` plain.
fn quote_ambiguous(value: &Yaml, mut yaml: String) -> String {
    let Some(tree) = read_documents(&yaml)
        .into_iter()
        .next()
        .and_then(|d| d.result.ok())
    else {
        return yaml;
    };
    let mut misread = Vec::new();
    collect_misread(value, &tree, &mut misread);
    let index = LineIndex::new(&yaml);
    let mut edits: Vec<(usize, usize)> = misread
        .into_iter()
        .filter_map(|(node, s)| {
            let at = index.offset(&yaml, node.pos)?;
            yaml[at..].starts_with(s).then_some((at, s.len()))
        })
        .collect();
    edits.sort_unstable_by_key(|&(at, _)| std::cmp::Reverse(at));
    for (at, len) in edits {
        yaml.insert(at + len, '\'');
        yaml.insert(at, '\'');
    }
    yaml
}

/// The nodes of `tree` that read as something else than the string `value` holds there.
fn collect_misread<'a>(value: &'a Yaml, tree: &'a Node, out: &mut Vec<(&'a Node, &'a str)>) {
    match (value, &tree.value) {
        (Yaml::Mapping(map), Value::Map(entries)) => {
            for entry in entries {
                if let Some(v) = map.get(entry.key.as_str()) {
                    collect_misread(v, &entry.value, out);
                }
            }
        }
        (Yaml::Sequence(items), Value::Seq(nodes)) => {
            for (v, node) in items.iter().zip(nodes) {
                collect_misread(v, node, out);
            }
        }
        (Yaml::String(s), Value::Str(read)) if s == read => {}
        (Yaml::String(s), _) => out.push((tree, s)),
        _ => {}
    }
}
