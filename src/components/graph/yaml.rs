//! The YAML shown in the details: a written object's own lines, with a Secret's values masked
//! one by one, or a YAML summary generated for what the cluster would create.

use manifesto_core::graph::{Graph, GraphNode};
use manifesto_core::{Model, Object};
use serde_json::{Map, Value};

/// One line of YAML, with its secret part kept apart so it can be masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlLine {
    /// The line number in its file (1-based), `None` for generated YAML.
    pub number: Option<usize>,
    /// The text shown as is.
    pub text: String,
    /// The part to mask: (the value's slot, e.g. `data.DB_PASSWORD`, the text).
    pub secret: Option<(String, String)>,
}

impl YamlLine {
    fn plain(number: Option<usize>, text: &str) -> Self {
        YamlLine {
            number,
            text: text.to_owned(),
            secret: None,
        }
    }
}

/// The annotation in which `kubectl apply` repeats a whole Secret, values included.
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The key of a `key: value` line (quotes removed) and the byte offset where its value starts.
fn split_key(line: &str) -> Option<(String, usize)> {
    let start = indent(line);
    let rest = &line[start..];
    let rest_start = start + usize::from(rest.starts_with("- ")) * 2;
    let rest = &line[rest_start..];
    let (key, after) = if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'')
    {
        let close = rest[1..].find(quote)? + 1;
        (rest[1..close].to_owned(), rest_start + close + 1)
    } else {
        let colon = rest
            .find(": ")
            .or_else(|| rest.ends_with(':').then(|| rest.len() - 1))?;
        (rest[..colon].trim().to_owned(), rest_start + colon)
    };
    let tail = &line[after..];
    let tail = tail.strip_prefix(':')?;
    let value_start = after + 1 + (tail.len() - tail.trim_start().len());
    Some((key, value_start))
}

/// The lines of `object` in `text`: from its first key to its last value, plus what follows at
/// a deeper indentation (the rest of a block scalar). A Secret's `data` and `stringData` values,
/// and its last-applied-configuration annotation, are kept apart for masking (with any trailing
/// comment, which often repeats the value).
pub fn source_lines(object: &Object, text: &str) -> Vec<YamlLine> {
    let lines: Vec<&str> = text.lines().collect();
    let (first, last) = object.line_range();
    if first == 0 || first > lines.len() {
        return Vec::new();
    }
    let base = object.pos.column.saturating_sub(1);
    let mut end = last.min(lines.len());
    while end < lines.len() {
        let next = lines[end];
        let blank = next.trim().is_empty();
        if blank || (indent(next) > base && !next.trim_start().starts_with('#')) {
            end += 1;
        } else {
            break;
        }
    }
    while end > first && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    let secret = object.kind == "Secret";
    let mut out = Vec::new();
    // Inside data/stringData: (section name, indentation of its keys, current key).
    let mut section: Option<(String, Option<usize>, Option<String>)> = None;
    // Inside the last-applied annotation: (indentation of its key, slot).
    let mut annotation: Option<(usize, String)> = None;
    for (i, &line) in lines[first - 1..end].iter().enumerate() {
        let number = Some(first + i);
        let content = line.trim_start();
        if !secret || content.is_empty() {
            out.push(YamlLine::plain(number, line));
            continue;
        }
        let ind = indent(line);
        if let Some((key_indent, slot)) = &annotation {
            if ind > *key_indent {
                out.push(masked_from(number, line, ind, slot));
                continue;
            }
            annotation = None;
        }
        if ind <= base && !content.starts_with('#') {
            section = None;
            if let Some((key, value_start)) = split_key(line)
                && (key == "data" || key == "stringData")
            {
                if value_start < line.len() && !line[value_start..].starts_with('#') {
                    // A flow mapping on the key's line: mask it whole.
                    out.push(masked_from(number, line, value_start, &key));
                } else {
                    section = Some((key, None, None));
                    out.push(YamlLine::plain(number, line));
                }
                continue;
            }
        }
        if let Some((name, child, current)) = &mut section {
            if content.starts_with('#') {
                out.push(YamlLine::plain(number, line));
                continue;
            }
            let key_indent = *child.get_or_insert(ind);
            if ind <= key_indent
                && let Some((key, value_start)) = split_key(line)
            {
                let slot = format!("{name}.{key}");
                *current = Some(slot.clone());
                let value = &line[value_start..];
                let block = value.is_empty() || value.starts_with('|') || value.starts_with('>');
                out.push(if block {
                    YamlLine::plain(number, line)
                } else {
                    masked_from(number, line, value_start, &slot)
                });
                continue;
            }
            let slot = current.clone().unwrap_or_else(|| name.clone());
            out.push(masked_from(number, line, ind, &slot));
            continue;
        }
        if let Some((key, value_start)) = split_key(line)
            && key == LAST_APPLIED
        {
            let slot = format!("metadata.annotations.{LAST_APPLIED}");
            let value = &line[value_start..];
            if !value.is_empty() && !value.starts_with('|') && !value.starts_with('>') {
                out.push(masked_from(number, line, value_start, &slot));
            } else {
                out.push(YamlLine::plain(number, line));
            }
            annotation = Some((ind, slot));
            continue;
        }
        out.push(YamlLine::plain(number, line));
    }
    out
}

fn masked_from(number: Option<usize>, line: &str, at: usize, slot: &str) -> YamlLine {
    let at = at.min(line.len());
    YamlLine {
        number,
        text: line[..at].to_owned(),
        secret: Some((slot.to_owned(), line[at..].to_owned())),
    }
}

/// Whether the object is written as JSON rather than YAML (its lines cannot be masked one by
/// one, so a Secret is shown as generated YAML instead).
pub fn written_as_json(object: &Object, text: &str) -> bool {
    let (first, _) = object.line_range();
    text.lines()
        .nth(first.saturating_sub(1))
        .is_some_and(|l| l.trim_start().starts_with('"') || l.trim_start().starts_with('{'))
}

/// The value at a dotted path of plain keys (`spec.template.spec`).
fn at_path<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .filter(|s| !s.is_empty())
        .try_fold(value, |v, key| v.get(key))
}

/// What the cluster would hold for a simulated or missing node, as JSON: apiVersion, kind,
/// metadata (labels, owner) and, for what a controller creates, the spec it copies.
pub fn summary(node: &GraphNode, graph: &Graph, model: &Model) -> Value {
    let api_version = match node.kind.as_str() {
        "ReplicaSet" | "Deployment" | "StatefulSet" | "DaemonSet" => "apps/v1",
        "Job" | "CronJob" => "batch/v1",
        "Ingress" | "NetworkPolicy" => "networking.k8s.io/v1",
        "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding" => {
            "rbac.authorization.k8s.io/v1"
        }
        _ => "v1",
    };
    let mut metadata = Map::new();
    metadata.insert("name".into(), node.name.clone().into());
    if let Some(ns) = &node.namespace {
        metadata.insert("namespace".into(), ns.clone().into());
    }
    if !node.labels.is_empty() {
        let labels: Map<String, Value> = node
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone().into()))
            .collect();
        metadata.insert("labels".into(), labels.into());
    }
    if let Some(owner) = &node.owner {
        let mut reference = Map::new();
        reference.insert("kind".into(), owner.kind().into());
        reference.insert("name".into(), owner.name().into());
        reference.insert("controller".into(), true.into());
        metadata.insert(
            "ownerReferences".into(),
            Value::Array(vec![reference.into()]),
        );
    }
    let mut out = Map::new();
    out.insert("apiVersion".into(), api_version.into());
    out.insert("kind".into(), node.kind.clone().into());
    out.insert("metadata".into(), metadata.into());
    if let Some(spec) = simulated_spec(node, graph, model) {
        out.insert("spec".into(), spec);
    }
    out.into()
}

/// The spec a controller would give a simulated node, copied from the written object it comes
/// from.
fn simulated_spec(node: &GraphNode, graph: &Graph, model: &Model) -> Option<Value> {
    if !node.simulated {
        return None;
    }
    let root = model.get(graph.root_owner(&node.id))?;
    match node.kind.as_str() {
        "Pod" => {
            let path = root.pod_spec()?.path;
            at_path(&root.raw, path).cloned()
        }
        "ReplicaSet" | "ReplicationController" => {
            let replicas = graph.pods_of(&node.id).len();
            let mut spec = Map::new();
            spec.insert("replicas".into(), replicas.into());
            if let Some(selector) = at_path(&root.raw, "spec.selector") {
                spec.insert("selector".into(), selector.clone());
            }
            if let Some(template) = at_path(&root.raw, "spec.template") {
                spec.insert("template".into(), template.clone());
            }
            Some(spec.into())
        }
        "Job" => at_path(&root.raw, "spec.jobTemplate.spec").cloned(),
        "PersistentVolumeClaim" => at_path(&root.raw, "spec.volumeClaimTemplates")?
            .as_array()?
            .iter()
            .find(|t| {
                t.pointer("/metadata/name")
                    .and_then(Value::as_str)
                    .is_some_and(|claim| node.name.starts_with(&format!("{claim}-")))
            })
            .and_then(|t| t.get("spec"))
            .cloned(),
        _ => None,
    }
}

/// `value` as block YAML, with the values under `data` and `stringData` of a Secret kept apart
/// for masking when `secret` is set.
pub fn to_yaml_lines(value: &Value, secret: bool) -> Vec<YamlLine> {
    let mut out = Vec::new();
    emit_map_or_value(value, 0, &mut out, &mut Vec::new(), secret);
    out
}

fn emit_map_or_value(
    value: &Value,
    depth: usize,
    out: &mut Vec<YamlLine>,
    path: &mut Vec<String>,
    secret: bool,
) {
    let pad = "  ".repeat(depth);
    match value {
        Value::Object(map) => {
            for (key, item) in ordered(map) {
                path.push(key.clone());
                let key_text = scalar_key(key);
                let masked =
                    secret && path.len() == 2 && (path[0] == "data" || path[0] == "stringData");
                match item {
                    _ if masked => out.push(YamlLine {
                        number: None,
                        text: format!("{pad}{key_text}: "),
                        secret: Some((path.join("."), scalar(item))),
                    }),
                    Value::Object(m) if !m.is_empty() => {
                        out.push(YamlLine::plain(None, &format!("{pad}{key_text}:")));
                        emit_map_or_value(item, depth + 1, out, path, secret);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push(YamlLine::plain(None, &format!("{pad}{key_text}:")));
                        emit_seq(a, depth, out, path, secret);
                    }
                    _ => out.push(YamlLine::plain(
                        None,
                        &format!("{pad}{key_text}: {}", scalar(item)),
                    )),
                }
                path.pop();
            }
        }
        Value::Array(items) => emit_seq(items, depth, out, path, secret),
        other => out.push(YamlLine::plain(None, &format!("{pad}{}", scalar(other)))),
    }
}

/// Keys the way Kubernetes writes them: identity first, then the rest alphabetically (JSON
/// maps here are sorted, the written order is not kept).
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

fn ordered(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by_key(|(k, _)| {
        FIRST_KEYS
            .iter()
            .position(|f| f == k)
            .unwrap_or(FIRST_KEYS.len())
    });
    entries
}

fn emit_seq(
    items: &[Value],
    depth: usize,
    out: &mut Vec<YamlLine>,
    path: &mut Vec<String>,
    secret: bool,
) {
    let pad = "  ".repeat(depth);
    for item in items {
        match item {
            Value::Object(m) if !m.is_empty() => {
                // The first key goes on the dash's line.
                let start = out.len();
                emit_map_or_value(item, depth + 1, out, path, secret);
                if let Some(line) = out.get_mut(start) {
                    let inner = "  ".repeat(depth + 1);
                    let rest = line
                        .text
                        .strip_prefix(&inner)
                        .unwrap_or(&line.text)
                        .to_owned();
                    line.text = format!("{pad}- {rest}");
                }
            }
            Value::Array(a) if !a.is_empty() => {
                out.push(YamlLine::plain(None, &format!("{pad}-")));
                emit_seq(a, depth + 1, out, path, secret);
            }
            _ => out.push(YamlLine::plain(None, &format!("{pad}- {}", scalar(item)))),
        }
    }
}

fn scalar_key(key: &str) -> String {
    if needs_quotes(key) {
        quoted(key)
    } else {
        key.to_owned()
    }
}

/// A scalar as YAML: plain when unambiguous, else double-quoted.
fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if needs_quotes(s) => quoted(s),
        Value::String(s) => s.clone(),
        Value::Array(_) => "[]".to_owned(),
        Value::Object(_) => "{}".to_owned(),
    }
}

fn quoted(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

fn needs_quotes(s: &str) -> bool {
    const RESERVED: [&str; 12] = [
        "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n", "True", "False",
    ];
    s.is_empty()
        || s != s.trim()
        || RESERVED.contains(&s.to_lowercase().as_str())
        || s.parse::<f64>().is_ok()
        || s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.chars().any(char::is_control)
}

/// The lines as plain text (masked parts included), e.g. for tests.
#[cfg(test)]
fn joined(lines: &[YamlLine]) -> String {
    lines
        .iter()
        .map(|l| match &l.secret {
            Some((_, s)) => format!("{}{s}", l.text),
            None => l.text.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use manifesto_core::graph::GraphOptions;
    use manifesto_core::samples::Sample;
    use manifesto_core::{ObjectId, SourceFile};

    use super::*;

    fn model(files: &[(&str, &str)]) -> Model {
        Model::from_files(files.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect())
    }

    #[test]
    fn a_secret_shows_its_lines_with_each_value_and_its_comment_apart() {
        let text = "# top\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {\"data\":{\"a\":\"c2VjcmV0\"}}\n    other: x\ntype: Opaque\ndata:\n  a: c2VjcmV0 # secret\n  \"b\": Yg==\nstringData:\n  cert: |\n    line one\n    line two\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";
        let m = model(&[("s.yaml", text)]);
        let secret = m.get_str("Secret/default/s").unwrap();
        let lines = source_lines(secret, text);
        assert_eq!(lines.first().unwrap().number, Some(2));
        assert_eq!(lines.last().unwrap().number, Some(17));
        let secrets: Vec<(&str, &str, &str)> = lines
            .iter()
            .filter_map(|l| {
                l.secret
                    .as_ref()
                    .map(|(slot, s)| (l.text.as_str(), slot.as_str(), s.as_str()))
            })
            .collect();
        assert_eq!(
            secrets,
            [
                (
                    "      ",
                    "metadata.annotations.kubectl.kubernetes.io/last-applied-configuration",
                    "{\"data\":{\"a\":\"c2VjcmV0\"}}"
                ),
                ("  a: ", "data.a", "c2VjcmV0 # secret"),
                ("  \"b\": ", "data.b", "Yg=="),
                ("    ", "stringData.cert", "line one"),
                ("    ", "stringData.cert", "line two"),
            ]
        );
        assert!(
            lines
                .iter()
                .any(|l| l.text == "    other: x" && l.secret.is_none())
        );
        assert_eq!(
            joined(&lines),
            text.lines().skip(1).take(16).collect::<Vec<_>>().join("\n")
        );
    }

    #[test]
    fn other_objects_show_their_lines_as_written() {
        let files = Sample::FeastFlow.files();
        let text = files
            .iter()
            .find(|f| f.name == "07-backend-service.yaml")
            .unwrap()
            .text
            .clone();
        let m = Model::from_files(files);
        let svc = m.get_str("Service/feastflow/feastflow-backend").unwrap();
        let lines = source_lines(svc, &text);
        assert!(lines.iter().all(|l| l.secret.is_none()));
        assert_eq!(lines[0].text, "apiVersion: v1");
        assert_eq!(lines.last().unwrap().text, "    component: backend");
        assert!(!written_as_json(svc, &text));
    }

    #[test]
    fn simulated_objects_get_a_summary_with_the_spec_they_copy() {
        let m = Model::from_files(Sample::FeastFlow.files());
        let g = Graph::build(&m, &GraphOptions::default());
        let pod = g.node_str("Pod/feastflow/postgres-0").unwrap();
        let yaml = joined(&to_yaml_lines(&summary(pod, &g, &m), false));
        assert!(
            yaml.starts_with(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: postgres-0\n  namespace: feastflow\n"
            ),
            "{yaml}"
        );
        assert!(
            yaml.contains("  ownerReferences:\n  - kind: StatefulSet\n    name: postgres\n"),
            "{yaml}"
        );
        assert!(
            yaml.contains("\nspec:\n  containers:\n  - name: postgres\n    env:\n"),
            "{yaml}"
        );
        let rs = g.pods_of(&ObjectId::new(
            "Deployment",
            Some("feastflow"),
            "feastflow-frontend",
        ))[0]
            .owner
            .clone()
            .unwrap();
        let yaml = joined(&to_yaml_lines(
            &summary(g.node(&rs).unwrap(), &g, &m),
            false,
        ));
        assert!(
            yaml.contains("apiVersion: apps/v1\nkind: ReplicaSet\n"),
            "{yaml}"
        );
        assert!(yaml.contains("\nspec:\n  replicas: 3\n"), "{yaml}");
    }

    #[test]
    fn generated_yaml_quotes_what_would_change_meaning_and_masks_secret_values() {
        let value = serde_json::json!({
            "kind": "Secret",
            "data": {"k": "dmFsdWU="},
            "metadata": {"annotations": {"a": "true", "b": "x: y", "c": "5", "d": ""}}
        });
        let lines = to_yaml_lines(&value, true);
        let yaml = joined(&lines);
        assert!(
            yaml.contains("    a: \"true\"\n    b: \"x: y\"\n    c: \"5\"\n    d: \"\""),
            "{yaml}"
        );
        let masked: Vec<_> = lines.iter().filter_map(|l| l.secret.clone()).collect();
        assert_eq!(masked, [("data.k".to_owned(), "dmFsdWU=".to_owned())]);
    }
}
