//! `manifesto rollout` as a user runs it on FeastFlow's manifests and on broken specs.

use std::process::Output;

mod common;
use common::manifesto;

fn json(output: &Output) -> serde_json::Value {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

fn counts(state: &serde_json::Value) -> String {
    format!(
        "{}/{}|{}/{}",
        state["old_total"], state["old_ready"], state["new_total"], state["new_ready"]
    )
}

/// `after → settled` per pass.
fn table(v: &serde_json::Value) -> Vec<String> {
    v["passes"]
        .as_array()
        .expect("passes")
        .iter()
        .map(|p| format!("{} → {}", counts(&p["after"]), counts(&p["settled"])))
        .collect()
}

fn totals(v: &serde_json::Value) -> Vec<u64> {
    let total =
        |s: &serde_json::Value| s["old_total"].as_u64().unwrap() + s["new_total"].as_u64().unwrap();
    let mut out = vec![total(&v["initial"])];
    out.extend(
        v["passes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| total(&p["after"])),
    );
    out
}

#[test]
fn feastflow_backend_rolls_one_pod_at_a_time() {
    let v = json(&manifesto(
        &[
            "rollout",
            "samples/feastflow",
            "--workload",
            "Deployment/feastflow/feastflow-backend",
            "--format",
            "json",
        ],
        None,
    ));
    assert_eq!(v["workload"], "Deployment/feastflow/feastflow-backend");
    assert_eq!(v["strategy"], "RollingUpdate");
    assert_eq!(
        (
            v["replicas"].as_u64(),
            v["max_surge"].as_u64(),
            v["max_unavailable"].as_u64()
        ),
        (Some(2), Some(1), Some(0))
    );
    assert_eq!(
        table(&v),
        [
            "2/2|1/0 → 2/2|1/1",
            "1/1|1/1 → 1/1|1/1",
            "1/1|2/1 → 1/1|2/2",
            "0/0|2/2 → 0/0|2/2"
        ]
    );
    let passes = v["passes"].as_array().unwrap();
    assert_eq!(passes[0]["pass"], 1);
    assert_eq!(
        passes[0]["events"][0],
        format!(
            "Scaled up replica set {} to 1",
            v["new_revision"].as_str().unwrap()
        )
    );
    assert_eq!(v["complete"], true);
    assert!(v["estimated_seconds"].as_u64().unwrap() > 0);
}

#[test]
fn feastflow_frontend_goes_3_4_5_3() {
    let v = json(&manifesto(
        &[
            "rollout",
            "samples/feastflow",
            "--workload",
            "Deployment/feastflow/feastflow-frontend",
            "--format",
            "json",
        ],
        None,
    ));
    assert_eq!(totals(&v), [3, 4, 5, 3]);
    assert_eq!(
        table(&v),
        [
            "2/2|2/0 → 2/2|2/2",
            "2/2|3/2 → 2/2|3/3",
            "0/0|3/3 → 0/0|3/3"
        ]
    );
    // The first pass creates the new ReplicaSet and scales the old one down.
    let events = v["passes"][0]["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert!(
        events[1]
            .as_str()
            .unwrap()
            .starts_with("Scaled down replica set feastflow-frontend-")
    );
}

#[test]
fn text_output_narrates_each_pass() {
    let out = manifesto(
        &[
            "rollout",
            "samples/feastflow",
            "--workload",
            "Deployment/feastflow/feastflow-frontend",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("   1  2/2 | 2/0 "), "{text}");
    assert!(
        text.contains("Because this pass created the ReplicaSet"),
        "{text}"
    );
    assert!(text.contains("kubectl set image deployment/feastflow-frontend frontend=feastflow-frontend:v2 -n feastflow"), "{text}");
}

#[test]
fn a_version_that_never_becomes_ready_stalls() {
    let v = json(&manifesto(
        &[
            "rollout",
            "samples/feastflow",
            "--workload",
            "Deployment/feastflow/feastflow-backend",
            "--fail-new",
            "--format",
            "json",
        ],
        None,
    ));
    assert_eq!(table(&v), ["2/2|1/0 → 2/2|1/0"]);
    assert_eq!(v["complete"], false);
    assert_eq!(v["condition"]["reason"], "ProgressDeadlineExceeded");
}

#[test]
fn statefulset_lists_pods_by_ordinal() {
    let v = json(&manifesto(
        &[
            "rollout",
            "samples/feastflow",
            "--workload",
            "StatefulSet/feastflow/postgres",
            "--format",
            "json",
        ],
        None,
    ));
    let last = v["passes"].as_array().unwrap().last().unwrap();
    assert_eq!(last["settled"]["pods"][0]["name"], "postgres-0");
    assert_eq!(last["settled"]["pods"][0]["ordinal"], 0);
    assert_eq!(last["settled"]["pods"][0]["revision"], "new");
    assert_eq!(v["complete"], true);
}

const INVALID: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  strategy:
    rollingUpdate:
      maxSurge: 0
      maxUnavailable: 0
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: web:1
";

#[test]
fn an_invalid_spec_exits_1_with_the_api_servers_message() {
    let out = manifesto(
        &["rollout", "-", "--workload", "Deployment/default/web"],
        Some(INVALID),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
        ),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_unknown_workload_exits_2_with_a_suggestion() {
    let out = manifesto(
        &[
            "rollout",
            "samples/feastflow",
            "--workload",
            "Deployment/feastflow/feastflow-backnd",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("did you mean Deployment/feastflow/feastflow-backend?"),
        "{err}"
    );
}
