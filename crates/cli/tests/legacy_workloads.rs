//! `manifesto graph`, `check` and `rollout` as a user runs them on a ReplicationController
//! (`tests/data/replication-controller.yaml`) and an OpenShift DeploymentConfig
//! (`tests/data/deployment-config.yaml`).

use std::process::Output;

use serde_json::Value;

mod common;
use common::manifesto;

const RC: &str = "crates/cli/tests/data/replication-controller.yaml";
const DC: &str = "crates/cli/tests/data/deployment-config.yaml";

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The JSON a successful command prints.
#[track_caller]
fn json(args: &[&str]) -> Value {
    let out = manifesto(args, None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON on stdout ({e}): {}", stdout(&out)))
}

/// `from -relation-> to` for every working edge of a graph.
fn edges(graph: &Value) -> Vec<String> {
    graph["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter(|e| e["ok"] == true)
        .map(|e| {
            format!(
                "{} -{}-> {}",
                e["from"].as_str().unwrap_or_default(),
                e["relation"].as_str().unwrap_or_default(),
                e["to"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

/// The `check` findings as `check object`.
fn findings(path: &str) -> Vec<String> {
    let v = json(&["check", path, "--format", "json", "--fail-on", "never"]);
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["check"].as_str().unwrap_or_default(),
                f["object"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn the_graph_shows_the_replication_controller_s_pods_and_what_selects_and_scales_them() {
    let graph = json(&["graph", RC, "--format", "json"]);
    let edges = edges(&graph);
    let rc = "ReplicationController/guestbook/frontend";
    let pods: Vec<&str> = edges
        .iter()
        .filter_map(|e| e.strip_prefix(&format!("{rc} -owns-> ")))
        .collect();
    assert_eq!(pods.len(), 3, "{edges:#?}");
    for pod in &pods {
        let name = pod
            .strip_prefix("Pod/guestbook/frontend-")
            .expect("named after the RC");
        assert_eq!(name.len(), 5, "{pod}");
        for selector in [
            "Service/guestbook/frontend",
            "PodDisruptionBudget/guestbook/frontend",
            "NetworkPolicy/guestbook/frontend-http",
        ] {
            let edge = format!("{selector} -selects-> {pod}");
            assert!(edges.contains(&edge), "no {edge} in {edges:#?}");
        }
    }
    assert!(
        edges.contains(&format!(
            "HorizontalPodAutoscaler/guestbook/frontend -scales-> {rc}"
        )),
        "{edges:#?}"
    );
    assert_eq!(graph["problems"], serde_json::json!([]));
}

#[test]
fn the_graph_shows_the_deployment_config_s_replication_controller_and_its_pods() {
    let graph = json(&["graph", DC, "--format", "json"]);
    let edges = edges(&graph);
    assert!(
        edges.contains(
            &"DeploymentConfig/demo/ruby-ex -owns-> ReplicationController/demo/ruby-ex-1"
                .to_owned()
        ),
        "{edges:#?}"
    );
    let pods: Vec<&String> = edges
        .iter()
        .filter(|e| {
            e.starts_with("ReplicationController/demo/ruby-ex-1 -owns-> Pod/demo/ruby-ex-1-")
        })
        .collect();
    assert_eq!(pods.len(), 3, "{edges:#?}");
    let served = edges
        .iter()
        .filter(|e| e.starts_with("Service/demo/ruby-ex -selects-> Pod/demo/ruby-ex-1-"))
        .count();
    assert_eq!(served, 3, "{edges:#?}");
    assert_eq!(graph["problems"], serde_json::json!([]));
}

#[test]
fn check_reviews_the_replication_controller_like_any_workload() {
    let found = findings(RC);
    let rc = "ReplicationController/guestbook/frontend";
    for check in [
        "readiness-probe-missing",
        "liveness-probe-missing",
        "memory-limit-missing",
        "hpa-target-sets-replicas",
    ] {
        let finding = format!("{check} {rc}");
        assert!(found.contains(&finding), "no {finding} in {found:#?}");
    }
    assert!(
        !found
            .iter()
            .any(|f| f.starts_with("service-selects-no-pods")),
        "{found:#?}"
    );
}

#[test]
fn check_reviews_the_deployment_config_and_finds_its_pods() {
    let found = findings(DC);
    let dc = "DeploymentConfig/demo/ruby-ex";
    assert!(
        found.contains(&format!("liveness-probe-missing {dc}")),
        "{found:#?}"
    );
    // It has a readinessProbe, and its Service selects pods the graph knows: no "cannot tell".
    assert!(
        !found.contains(&format!("readiness-probe-missing {dc}")),
        "{found:#?}"
    );
    assert!(
        !found
            .iter()
            .any(|f| f.starts_with("service-selects-no-pods")),
        "{found:#?}"
    );
    assert!(
        !found.iter().any(|f| f.starts_with("unknown-field")),
        "{found:#?}"
    );
}

#[test]
fn rollout_of_a_replication_controller_says_running_pods_keep_their_template() {
    let out = manifesto(
        &[
            "rollout",
            RC,
            "--workload",
            "ReplicationController/guestbook/frontend",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("has no rolling update"), "{text}");
    assert!(
        text.contains("changing its pod template replaces no running pod"),
        "{text}"
    );
}

#[test]
fn rollout_of_a_deployment_config_replaces_ruby_ex_1_by_ruby_ex_2_one_pod_at_a_time() {
    let v = json(&[
        "rollout",
        DC,
        "--workload",
        "DeploymentConfig/demo/ruby-ex",
        "--format",
        "json",
    ]);
    assert_eq!(v["kind"], "DeploymentConfig");
    assert_eq!(v["old_revision"], "ruby-ex-1");
    assert_eq!(v["new_revision"], "ruby-ex-2");
    assert_eq!(
        (v["max_surge"].as_u64(), v["max_unavailable"].as_u64()),
        (Some(1), Some(0))
    );
    let passes = v["passes"].as_array().expect("passes");
    // maxSurge 1, maxUnavailable 0 on 3 replicas: add one, remove one, three times.
    assert_eq!(passes.len(), 6);
    assert_eq!(
        passes[0]["events"],
        serde_json::json!(["Scaled up replication controller ruby-ex-2 to 1"])
    );
    assert_eq!(v["complete"], true);
    assert_eq!(v["zero_downtime"], true);
}
