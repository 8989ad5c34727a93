//! The DaemonSet controller's node-by-node updates.

use super::*;

/// DaemonSet pods by node: `O` old, `N` new, `B` both, `-` none.
fn per_node(state: &State, nodes: u32) -> String {
    (1..=nodes)
        .map(|n| {
            let node = format!("node-{n}");
            let live: Vec<&PodTile> = state
                .pods
                .iter()
                .filter(|p| {
                    p.node.as_deref() == Some(node.as_str()) && p.phase != Phase::Terminating
                })
                .collect();
            match (
                live.iter().any(|p| !p.updated),
                live.iter().any(|p| p.updated),
            ) {
                (true, true) => 'B',
                (true, false) => 'O',
                (false, true) => 'N',
                (false, false) => '-',
            }
        })
        .collect()
}

#[track_caller]
fn check_daemonset(extra: &str, nodes: u32, fail_new: bool, expected: &[&str]) -> Rollout {
    let rollout = simulate_other(
        &daemonset(extra),
        &ObjectId::new("DaemonSet", Some("demo"), "agent"),
        fail_new,
        nodes,
    );
    let settled: Vec<String> = rollout
        .passes
        .iter()
        .map(|p| per_node(&p.settled, nodes))
        .collect();
    assert_eq!(settled, expected, "{extra}");
    assert_eq!(rollout.complete, !fail_new);
    rollout
}

#[test]
fn daemonset_max_unavailable_1_deletes_then_creates_node_by_node() {
    let rollout = check_daemonset("", 3, false, &["-OO", "NOO", "N-O", "NNO", "NN-", "NNN"]);
    assert_eq!(
        (
            rollout.max_surge,
            rollout.max_unavailable,
            rollout.min_available
        ),
        (0, 1, 2)
    );
    assert!(rollout.passes[0].events[0].starts_with("Deleted pod: agent-"));
    assert!(rollout.passes[1].events[0].starts_with("Created pod: agent-"));
}

#[test]
fn daemonset_max_surge_1_creates_then_deletes_node_by_node() {
    let surge = "  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0";
    let rollout = check_daemonset(surge, 3, false, &["BOO", "NOO", "NBO", "NNO", "NNB", "NNN"]);
    assert_eq!(
        (
            rollout.max_surge,
            rollout.max_unavailable,
            rollout.max_total
        ),
        (1, 0, 4)
    );
    assert!(
        rollout
            .states()
            .all(|s| s.available() >= 3
                || s.pods.iter().any(|p| p.phase == Phase::ContainerCreating))
    );
}

#[test]
fn daemonset_percentages_round_up() {
    // 25% of 10 nodes: 3 at a time, where a Deployment would take 2.
    let rollout = check_daemonset(
        "  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 25%",
        10,
        false,
        &[
            "---OOOOOOO",
            "NNNOOOOOOO",
            "NNN---OOOO",
            "NNNNNNOOOO",
            "NNNNNN---O",
            "NNNNNNNNNO",
            "NNNNNNNNN-",
            "NNNNNNNNNN",
        ],
    );
    assert_eq!(rollout.max_unavailable, 3);
}

#[test]
fn daemonset_with_a_broken_version_stops_within_its_budget() {
    let rollout = check_daemonset("", 3, true, &["-OO", "NOO"]);
    assert_eq!(rollout.last().available(), 2);
    assert!(rollout.stall.is_some());
    let surge = "  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0";
    let rollout = check_daemonset(surge, 3, true, &["BOO"]);
    assert_eq!(rollout.last().old_ready, 3);
}

#[test]
fn daemonset_validation_wants_exactly_one_non_zero() {
    let err = simulate(
        &model(&daemonset(
            "  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1",
        )),
        &ObjectId::new("DaemonSet", Some("demo"), "agent"),
        &RolloutOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "The DaemonSet \"agent\" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"
    );
}
