//! A Secret's values never leave the editor: not in diagnostics, findings, the review, any export
//! or the graph.

use manifesto_core::checks::{self, Context, Settings};
use manifesto_core::graph::{self, Graph, GraphOptions, LayoutOptions};
use manifesto_core::report::Review;
use manifesto_core::rollout::{self, RolloutOptions};
use manifesto_core::{Model, SourceFile};

/// Values that must never be shown: a `stringData` value, a `data` value and what it decodes to.
pub const SECRETS: [&str; 3] = [
    "hunter2-plaintext!",
    "aHVudGVyMi1iYXNlNjQ=",
    "hunter2-base64",
];

/// Two Secrets (one of them with a duplicate key, so that a diagnostic's snippet points at a
/// value), a Deployment that reads them, and a Service in front of it.
pub const MANIFESTS: &str = r#"apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
stringData:
  password: hunter2-plaintext!
data:
  token: aHVudGVyMi1iYXNlNjQ=
---
apiVersion: v1
kind: Secret
metadata:
  name: broken
stringData:
  password: hunter2-plaintext!
  password: hunter2-plaintext!
  pin: [hunter2-plaintext!
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: api:1
        env:
        - name: PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
        volumeMounts: [{name: creds, mountPath: /creds}]
      volumes:
      - name: creds
        secret: {secretName: db}
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: {app: api}
  ports: [{port: 80}]
"#;

#[test]
fn a_secret_value_appears_in_no_output() {
    let model = Model::from_files(vec![SourceFile::new("app.yaml", MANIFESTS)]);
    assert!(
        model.diagnostics.iter().any(|d| d.location.line == 17),
        "the duplicate key is reported: {:?}",
        model.diagnostics
    );
    let mut outputs: Vec<(&str, String)> = Vec::new();
    let rendered: String = model
        .diagnostics
        .iter()
        .map(|d| d.render(model.file(&d.location.file)))
        .collect();
    assert!(rendered.contains("password: ••••"), "{rendered}");
    outputs.push(("rendered diagnostics", rendered));
    outputs.push((
        "diagnostics JSON",
        serde_json::to_string(&model.diagnostics).unwrap(),
    ));
    let settings = Settings {
        enabled: checks::ALL.iter().map(|c| c.id.to_owned()).collect(),
        ..Settings::default()
    };
    let findings = checks::run(&Context::new(&model, &settings));
    assert!(!findings.is_empty());
    outputs.push(("findings JSON", serde_json::to_string(&findings).unwrap()));
    let review = Review::from_findings(&model, &settings, findings);
    outputs.push(("Markdown review", review.to_markdown()));
    outputs.push(("JSON report", review.to_json()));
    outputs.push(("SARIF", review.to_sarif()));
    outputs.push(("JUnit", review.to_junit()));
    let graph = Graph::build(&model, &GraphOptions::default());
    outputs.push(("DOT", graph::to_dot(&graph)));
    outputs.push(("Mermaid", graph::to_mermaid(&graph)));
    outputs.push(("graph JSON", serde_json::to_string(&graph).unwrap()));
    let layout = graph::layout(&graph, &LayoutOptions::default());
    outputs.push(("layout JSON", serde_json::to_string(&layout).unwrap()));
    for workload in rollout::simulatable(&model) {
        let r = rollout::simulate(&model, &workload.id, &RolloutOptions::default()).unwrap();
        outputs.push(("rollout", serde_json::to_string(&r).unwrap()));
    }
    for (what, text) in &outputs {
        assert!(!text.is_empty(), "{what} is empty");
        for secret in SECRETS {
            assert!(!text.contains(secret), "{what} shows {secret}:\n{text}");
        }
    }
}
