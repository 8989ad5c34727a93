use serde_json::json;

use super::*;
use crate::graph::{Graph, GraphOptions, would_hold};
use crate::samples::Sample;
use crate::{Model, ObjectId, SourceFile};

fn model(files: &[(&str, &str)]) -> Model {
    Model::from_files(files.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect())
}

/// The lines as plain text, Secret values included.
fn joined(lines: &[YamlLine]) -> String {
    lines
        .iter()
        .map(YamlLine::text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The pieces kept apart: (the text before on its line, slot, text).
fn secrets(lines: &[YamlLine]) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for line in lines {
        let mut before = String::new();
        for part in &line.parts {
            match part {
                Part::Text(t) => before.push_str(t),
                Part::Secret { slot, text, .. } => {
                    out.push((before.clone(), slot.clone(), text.clone()));
                    before.push_str(text);
                }
            }
        }
    }
    out
}

fn owned(items: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    items
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn a_secret_shows_its_lines_with_each_value_and_its_comment_apart() {
    let text = "# top\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {\"data\":{\"a\":\"c2VjcmV0\"}}\n    other: x\ntype: Opaque\ndata:\n  a: c2VjcmV0 # secret\n  \"b\": Yg==\nstringData:\n  cert: |\n    line one\n    line two\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";
    let m = model(&[("s.yaml", text)]);
    let secret = m.get_str("Secret/default/s").unwrap();
    let listing = of_object(secret, text);
    assert_eq!(listing.origin, Origin::Written);
    let lines = listing.lines;
    assert_eq!(lines.first().unwrap().number, Some(2));
    assert_eq!(lines.last().unwrap().number, Some(17));
    assert_eq!(
        secrets(&lines),
        owned(&[
            (
                "      ",
                "metadata.annotations.kubectl.kubernetes.io/last-applied-configuration",
                "{\"data\":{\"a\":\"c2VjcmV0\"}}"
            ),
            ("  a: ", "data.a", "c2VjcmV0 # secret"),
            ("  \"b\": ", "data.b", "Yg=="),
            ("    ", "stringData.cert", "line one"),
            ("    ", "stringData.cert", "line two"),
        ])
    );
    // The block scalar's indicator and the other annotation are shown as written.
    assert!(
        lines
            .iter()
            .any(|l| l.parts == [Part::Text("  cert: |".into())])
    );
    assert!(
        lines
            .iter()
            .any(|l| l.parts == [Part::Text("    other: x".into())])
    );
    assert_eq!(
        joined(&lines),
        text.lines().skip(1).take(16).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn each_value_of_a_flow_map_is_kept_apart() {
    let text =
        "apiVersion: v1\nkind: Secret\nmetadata: {name: f}\nstringData: {a: flow-a, b: flow-b}\n";
    let m = model(&[("s.yaml", text)]);
    let lines = written(&m.objects[0], text);
    assert_eq!(
        lines[3].parts,
        [
            Part::Text("stringData: {a: ".into()),
            Part::Secret {
                slot: "stringData.a".into(),
                key: "a".into(),
                text: "flow-a".into()
            },
            Part::Text(", b: ".into()),
            Part::Secret {
                slot: "stringData.b".into(),
                key: "b".into(),
                text: "flow-b".into()
            },
            Part::Text("}".into()),
        ]
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
    let listing = of_object(svc, &text);
    assert_eq!(listing.origin, Origin::Written);
    let lines = listing.lines;
    assert!(secrets(&lines).is_empty());
    assert_eq!(lines[0].text(), "apiVersion: v1");
    assert_eq!(lines.last().unwrap().text(), "    component: backend");
}

#[test]
fn a_secret_written_as_json_is_shown_as_yaml_with_its_values_apart() {
    let text = r#"{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "j"},
 "type": "Opaque", "data": {"x": "eA==", "multi": "bGluZQ=="}, "stringData": {"note": "one\ntwo"}}"#;
    let m = model(&[("s.json", text)]);
    let listing = of_object(&m.objects[0], text);
    assert_eq!(listing.origin, Origin::ConvertedFromJson);
    assert!(listing.lines.iter().all(|l| l.number.is_none()));
    assert_eq!(
        joined(&listing.lines),
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: j\ndata:\n  multi: bGluZQ==\n  x: eA==\nstringData:\n  note: |-\n    one\n    two\ntype: Opaque"
    );
    assert_eq!(
        secrets(&listing.lines),
        owned(&[
            ("  multi: ", "data.multi", "bGluZQ=="),
            ("  x: ", "data.x", "eA=="),
            ("    ", "stringData.note", "one"),
            ("    ", "stringData.note", "two"),
        ])
    );
    // A JSON object that is not a Secret is listed as written.
    let text = r#"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}"#;
    let m = model(&[("c.json", text)]);
    let listing = of_object(&m.objects[0], text);
    assert_eq!(listing.origin, Origin::Written);
    assert_eq!(joined(&listing.lines), text);
}

#[test]
fn what_the_cluster_would_hold_is_listed_as_kubectl_prints_it() {
    let m = Model::from_files(Sample::FeastFlow.files());
    let g = Graph::build(&m, &GraphOptions::default());
    let pod = g.node_str("Pod/feastflow/postgres-0").unwrap();
    let yaml = joined(&generated(&would_hold(pod, &g, &m)));
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
    let yaml = joined(&generated(&would_hold(g.node(&rs).unwrap(), &g, &m)));
    assert!(
        yaml.contains("apiVersion: apps/v1\nkind: ReplicaSet\n"),
        "{yaml}"
    );
    assert!(yaml.contains("\nspec:\n  replicas: 3\n"), "{yaml}");
}

#[test]
fn generated_yaml_quotes_what_would_read_as_something_else() {
    let value = json!({
        "kind": "ConfigMap",
        "metadata": {"annotations": {
            "a": "true", "b": "x: y", "c": "5", "d": "", "e": "yes", "f": "on", "g": "0755",
            "h": "~", "i": "plain text", "j": "N"
        }},
        "data": {"k": "dmFsdWU="}
    });
    let yaml = to_yaml(&value);
    assert_eq!(
        yaml,
        "kind: ConfigMap\nmetadata:\n  annotations:\n    a: 'true'\n    b: 'x: y'\n    c: '5'\n    d: ''\n    e: 'yes'\n    f: 'on'\n    g: '0755'\n    h: '~'\n    i: plain text\n    j: 'N'\ndata:\n  k: dmFsdWU=\n"
    );
    // Read back as Kubernetes reads YAML, every value is the same string.
    let docs = read_documents(&yaml);
    let tree = docs[0].result.as_ref().unwrap();
    assert_eq!(tree.to_json(), value);
    // Not a Secret: nothing is kept apart.
    assert!(secrets(&generated(&value)).is_empty());
}

#[test]
fn generated_yaml_of_a_secret_keeps_each_value_apart() {
    let value = json!({
        "kind": "Secret",
        "metadata": {"name": "s", "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\"data\":{\"k\":\"dmFsdWU=\"}}"}},
        "data": {"k": "dmFsdWU=", "yes": "eWVz"}
    });
    let lines = generated(&value);
    assert_eq!(
        secrets(&lines),
        owned(&[
            (
                "    kubectl.kubernetes.io/last-applied-configuration: ",
                "metadata.annotations.kubectl.kubernetes.io/last-applied-configuration",
                "'{\"data\":{\"k\":\"dmFsdWU=\"}}'"
            ),
            ("  k: ", "data.k", "dmFsdWU="),
            ("  yes: ", "data.yes", "eWVz"),
        ])
    );
}
