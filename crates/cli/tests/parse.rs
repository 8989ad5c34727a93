//! `manifesto parse` as a user runs it: real files, folders and standard input.

use std::process::Output;

mod common;
use common::{manifesto, repo_root};

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

#[test]
fn feastflow_folder_lists_every_object_with_file_and_line() {
    let out = manifesto(&["parse", "samples/feastflow", "--format", "json"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let objects = v["objects"].as_array().expect("objects");
    assert_eq!(objects.len(), 13);
    let backend = objects
        .iter()
        .find(|o| o["id"] == "Deployment/feastflow/feastflow-backend")
        .expect("backend");
    assert_eq!(backend["kind"], "Deployment");
    assert_eq!(backend["apiVersion"], "apps/v1");
    assert_eq!(backend["namespace"], "feastflow");
    assert!(
        backend["file"]
            .as_str()
            .unwrap()
            .ends_with("06-backend-deployment.yaml")
    );
    let text =
        std::fs::read_to_string(repo_root().join("samples/feastflow/06-backend-deployment.yaml"))
            .unwrap();
    let first_key = text
        .lines()
        .position(|l| l.starts_with("apiVersion:"))
        .unwrap()
        + 1;
    assert_eq!(backend["line"], first_key);
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(0));
    let ns = objects
        .iter()
        .find(|o| o["kind"] == "Namespace")
        .expect("namespace");
    assert_eq!(ns["id"], "Namespace/feastflow");
    assert!(ns["namespace"].is_null());
}

#[test]
fn a_syntax_error_exits_1_with_a_located_rustc_style_message_and_keeps_the_good_documents() {
    let input = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";
    let out = manifesto(&["parse", "-"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error: YAML syntax error"), "{stderr}");
    assert!(stderr.contains("--> <stdin>:"), "{stderr}");
    assert!(stderr.contains('^'), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("ConfigMap/default/a") && stdout.contains("ConfigMap/default/c"),
        "{stdout}"
    );

    let out = manifesto(&["parse", "-", "--format", "json"], Some(input));
    let v = json(&out);
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "<stdin>");
    assert!(d["line"].as_u64().unwrap() >= 8, "{d}");
    assert!(d["column"].as_u64().unwrap() >= 1);
}

#[test]
fn wrong_types_and_missing_fields_are_located() {
    let input = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: two\n---\napiVersion: v1\nkind: Service\nmetadata: {}\n";
    let v = json(&manifesto(&["parse", "-", "--format", "json"], Some(input)));
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert_eq!(
        (diags[0]["line"].as_u64(), diags[0]["column"].as_u64()),
        (Some(6), Some(3))
    );
    assert!(diags[0]["message"].as_str().unwrap().contains("replicas"));
    assert!(
        diags[1]["message"]
            .as_str()
            .unwrap()
            .contains("metadata.name")
    );
}

#[test]
fn invalid_utf8_and_non_yaml_files_get_located_messages() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n",
    )
    .unwrap();
    let notes = dir.path().join("notes.json");
    std::fs::write(&notes, "{\"not\": \"kubernetes\"").unwrap();
    let out = manifesto(
        &["parse", dir.path().to_str().unwrap(), "--format", "json"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let messages: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{}:{} {}", d["file"], d["line"], d["message"]))
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("bad.yaml") && m.contains(":4 ") && m.contains("UTF-8")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("notes.json")),
        "{messages:?}"
    );
}

#[test]
fn unreadable_paths_exit_2() {
    let out = manifesto(&["parse", "no/such/file.yaml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
}

#[test]
fn the_whole_corpus_parses_without_error() {
    let corpus = repo_root().join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("skipping: {} is absent", corpus.display());
        return;
    }
    let out = manifesto(
        &["parse", corpus.to_str().unwrap(), "--format", "json"],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v = json(&out);
    let count = |kind: &str| {
        v["objects"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["kind"] == kind)
            .count()
    };
    assert_eq!(count("Deployment"), 40);
    assert_eq!(count("CustomResourceDefinition"), 19);
}

#[test]
fn namespace_puts_namespace_less_objects_where_kubectl_apply_n_would() {
    let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: pinned, namespace: shop}\n";
    let out = manifesto(
        &["parse", "-", "--namespace", "staging", "--format", "json"],
        Some(yaml),
    );
    let v = json(&out);
    let ids: Vec<&str> = v["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .map(|o| o["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["ConfigMap/staging/settings", "ConfigMap/shop/pinned"]);
    let check = manifesto(
        &["check", "-", "-n", "staging", "--format", "json"],
        Some(yaml),
    );
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(report.contains("ConfigMap/staging/settings"), "{report}");
    assert!(!report.contains("ConfigMap/default/settings"), "{report}");
}
