//! The StatefulSet controller's ordinal updates.

use super::*;

/// StatefulSet pods by ordinal: `O` old, `N` new, `-` absent.
fn ordinals(state: &State, replicas: u32) -> String {
    (0..replicas)
        .map(|o| {
            match state
                .pods
                .iter()
                .find(|p| p.ordinal == Some(o) && p.phase != Phase::Terminating)
            {
                Some(p) if p.updated => 'N',
                Some(_) => 'O',
                None => '-',
            }
        })
        .collect()
}

#[track_caller]
fn check_statefulset(replicas: u32, extra: &str, expected: &[&str]) -> Rollout {
    let rollout = simulate_other(
        &statefulset(replicas, extra),
        &ObjectId::new("StatefulSet", Some("demo"), "db"),
        false,
        3,
    );
    let settled: Vec<String> = rollout
        .passes
        .iter()
        .map(|p| ordinals(&p.settled, replicas))
        .collect();
    assert_eq!(settled, expected, "{extra}");
    assert!(rollout.complete);
    rollout
}

#[test]
fn statefulset_default_replaces_one_pod_at_a_time_from_the_top() {
    let rollout = check_statefulset(3, "", &["OO-", "OON", "O-N", "ONN", "-NN", "NNN"]);
    assert_eq!(
        rollout.pod_management_policy.as_deref(),
        Some("OrderedReady")
    );
    assert_eq!(rollout.max_unavailable, 1);
    assert_eq!(
        rollout.passes[0].events,
        ["delete Pod db-2 in StatefulSet db successful"]
    );
    assert_eq!(
        rollout.passes[1].events,
        ["create Pod db-2 in StatefulSet db successful"]
    );
    assert_eq!(ordinals(&rollout.initial, 3), "OOO");
}

#[test]
fn statefulset_partition_stops_at_the_partition() {
    let rollout = check_statefulset(
        5,
        "  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: 3",
        &["OOOO-", "OOOON", "OOO-N", "OOONN"],
    );
    assert_eq!(rollout.condition.reason, "PartitionedRollOutComplete");
    assert_eq!(rollout.partition, Some(3));
}

#[test]
fn statefulset_max_unavailable_2() {
    let rolling = "  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2";
    check_statefulset(
        5,
        rolling,
        &[
            "OOO--", "OOON-", "OOONN", "O--NN", "ON-NN", "ONNNN", "-NNNN", "NNNNN",
        ],
    );
    let parallel = format!("  podManagementPolicy: Parallel\n{rolling}");
    check_statefulset(
        5,
        &parallel,
        &["OOO--", "OOONN", "O--NN", "ONNNN", "-NNNN", "NNNNN"],
    );
    // 10% of 4 rounds down to 0, which becomes 1.
    let rollout = check_statefulset(
        4,
        "  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 10%",
        &[
            "OOO-", "OOON", "OO-N", "OONN", "O-NN", "ONNN", "-NNN", "NNNN",
        ],
    );
    assert_eq!(rollout.max_unavailable, 1);
}

#[test]
fn statefulset_on_delete_replaces_nothing() {
    let rollout = simulate_other(
        &statefulset(3, "  updateStrategy:\n    type: OnDelete"),
        &ObjectId::new("StatefulSet", Some("demo"), "db"),
        false,
        3,
    );
    assert_eq!(rollout.strategy, Strategy::OnDelete);
    assert!(rollout.passes.is_empty() && !rollout.complete);
    assert!(
        rollout
            .notes
            .iter()
            .any(|n| n.contains("kubectl delete pod db-2 -n demo")),
        "{:?}",
        rollout.notes
    );
}

#[test]
fn statefulset_blocks_on_a_pod_that_never_becomes_ready() {
    let rollout = simulate_other(
        &statefulset(3, ""),
        &ObjectId::new("StatefulSet", Some("demo"), "db"),
        true,
        3,
    );
    assert_eq!(rollout.passes.len(), 2);
    let last = rollout.last();
    assert_eq!(ordinals(last, 3), "OON");
    assert_eq!(last.pods[2].phase, Phase::RunningNotReady);
    assert!(!rollout.complete);
    assert!(
        rollout
            .stall
            .as_deref()
            .is_some_and(|s| s.contains("db-2") && s.contains("forced rollback"))
    );
}

#[test]
fn statefulset_validation() {
    let err = simulate(
        &model(&statefulset(
            3,
            "  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0",
        )),
        &ObjectId::new("StatefulSet", Some("demo"), "db"),
        &RolloutOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "The StatefulSet \"db\" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0"
    );
}
