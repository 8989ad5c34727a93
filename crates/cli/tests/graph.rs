//! `manifesto graph` as a user runs it: FeastFlow as JSON, DOT and Mermaid, and a broken link.

use std::process::Output;

mod common;
use common::{manifesto, repo_root};

/// FeastFlow's application files (without the Pods-vs-ReplicaSets examples).
fn feastflow_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(repo_root().join("samples/feastflow"))
        .expect("the samples folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            p.strip_prefix(repo_root())
                .expect("inside the repo")
                .display()
                .to_string()
        })
        .collect();
    files.sort();
    files
}

fn graph(format: &str) -> Output {
    let files = feastflow_files();
    let mut args = vec!["graph", "--format", format];
    args.extend(files.iter().map(String::as_str));
    manifesto(&args, None)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn feastflow_json_has_every_object_the_simulated_ones_and_only_ok_edges() {
    let out = graph("json");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let nodes = v["nodes"].as_array().expect("nodes");
    let node = |id: &str| {
        nodes
            .iter()
            .find(|n| n["id"] == id)
            .unwrap_or_else(|| panic!("no node {id}"))
    };
    let backend = node("Deployment/feastflow/feastflow-backend");
    assert_eq!(backend["kind"], "Deployment");
    assert_eq!(backend["namespace"], "feastflow");
    assert_eq!(backend["simulated"], false);
    assert_eq!(
        node("Namespace/feastflow")["namespace"],
        serde_json::Value::Null
    );
    assert_eq!(node("Pod/feastflow/postgres-0")["simulated"], true);
    let simulated_pods = nodes
        .iter()
        .filter(|n| n["kind"] == "Pod" && n["simulated"] == true)
        .count();
    assert_eq!(simulated_pods, 2 + 3 + 1);
    assert!(nodes.iter().all(|n| n["missing"] == false));

    let edges = v["edges"].as_array().expect("edges");
    assert!(edges.iter().all(|e| e["ok"] == true));
    let routes: Vec<&str> = edges
        .iter()
        .filter(|e| e["relation"] == "routes")
        .map(|e| e["to"].as_str().expect("a target"))
        .collect();
    assert_eq!(
        routes,
        [
            "Service/feastflow/feastflow-frontend",
            "Service/feastflow/feastflow-backend"
        ]
    );
    let selects = edges
        .iter()
        .filter(|e| e["from"] == "Service/feastflow/feastflow-frontend")
        .count();
    assert_eq!(selects, 3);
    let env = edges
        .iter()
        .find(|e| e["relation"] == "env" && e["from"] == "Deployment/feastflow/feastflow-backend")
        .expect("an env edge");
    assert!(
        env["reason"]
            .as_str()
            .expect("a reason")
            .contains("envFrom[0].configMapRef")
    );
    assert_eq!(v["problems"].as_array().map(Vec::len), Some(0));
}

#[test]
fn feastflow_dot_groups_the_namespace_and_draws_simulated_nodes_dashed() {
    let out = graph("dot");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dot = stdout(&out);
    assert!(dot.starts_with("digraph manifests {"), "{dot}");
    assert!(dot.trim_end().ends_with('}'));
    assert!(dot.contains("label=\"namespace feastflow\""));
    assert!(
        dot.contains("\"Pod/feastflow/postgres-0\" [label=\"Pod\\npostgres-0\", style=dashed];"),
        "{dot}"
    );
    assert!(dot.contains(
        "\"Ingress/feastflow/feastflow-ingress\" -> \"Service/feastflow/feastflow-backend\" [label=\"routes\""
    ));
    assert!(!dot.contains("color=red"));
}

#[test]
fn feastflow_mermaid_is_a_flowchart_with_one_line_per_edge() {
    let out = graph("mermaid");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(text.starts_with("flowchart LR\n"));
    assert!(text.contains("[\"namespace feastflow\"]"));
    assert!(text.contains("[\"Ingress<br/>feastflow-ingress\"]"));
    let json: serde_json::Value = serde_json::from_slice(&graph("json").stdout).expect("JSON");
    let edges = json["edges"].as_array().map_or(0, Vec::len);
    assert_eq!(text.lines().filter(|l| l.contains(" -->|")).count(), edges);
    assert!(text.contains("class ") && text.contains(" simulated;"));
}

#[test]
fn a_broken_reference_exits_1_with_the_problem_located_and_a_red_edge() {
    let input = "apiVersion: v1\nkind: Pod\nmetadata: {name: api, namespace: shop}\nspec:\n  containers:\n    - name: api\n      image: \"api:1\"\n      envFrom:\n        - configMapRef: {name: api-config}\n";
    let out = manifesto(&["graph", "-"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let edge = &v["edges"][0];
    assert_eq!(edge["ok"], false);
    assert_eq!(edge["to"], "ConfigMap/shop/api-config");
    assert_eq!(
        edge["reason"],
        "container api: envFrom[0].configMapRef \"api-config\" is not defined in namespace shop"
    );
    let missing = v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["id"] == "ConfigMap/shop/api-config");
    assert_eq!(
        missing.map(|n| n["missing"].clone()),
        Some(serde_json::Value::Bool(true))
    );
    let problem = &v["problems"][0];
    assert_eq!(problem["code"], "configmap-ref-missing");
    assert_eq!(problem["file"], "<stdin>");
    assert_eq!(problem["line"], 9);

    let out = manifesto(&["graph", "-", "--format", "mermaid"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("-.->|env broken|"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("<stdin>:9:") && stderr.contains("[configmap-ref-missing]"),
        "{stderr}"
    );
}

#[test]
fn nodes_sets_how_many_pods_a_daemonset_runs() {
    let input = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: ops}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec: {containers: [{name: agent, image: \"agent:1\"}]}\n";
    let count = |nodes: &str| {
        let out = manifesto(&["graph", "-", "--nodes", nodes], Some(input));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        v["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .filter(|n| n["kind"] == "Pod")
            .count()
    };
    assert_eq!(count("3"), 3);
    assert_eq!(count("5"), 5);
}
