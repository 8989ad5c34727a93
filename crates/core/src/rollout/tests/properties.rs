//! Properties that hold for every strategy and size.

use super::*;
use proptest::prelude::{
    ProptestConfig, Strategy as _, prop_assert, prop_assert_eq, prop_assume, prop_oneof, proptest,
};

/// `maxSurge` / `maxUnavailable` as written: an int or a percentage.
fn int_or_percent() -> impl proptest::strategy::Strategy<Value = String> {
    prop_oneof![
        (0u32..=25).prop_map(|n| n.to_string()),
        (0u32..=100).prop_map(|p| format!("{p}%"))
    ]
}

fn is_zero(v: &str) -> bool {
    v.trim_end_matches('%') == "0"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn rolling_updates_respect_their_bounds_and_finish(
        replicas in 0i32..=20,
        surge in int_or_percent(),
        unavailable in int_or_percent(),
    ) {
        prop_assume!(!(is_zero(&surge) && is_zero(&unavailable)));
        let rollout = run(&deployment(replicas, &rolling(&surge, &unavailable)), false);
        let r = replicas as u32;
        prop_assert!(rollout.passes.len() <= 2 * r as usize + 2, "{} passes", rollout.passes.len());
        prop_assert_eq!(rollout.max_total, r + rollout.max_surge);
        for state in rollout.states() {
            prop_assert!(state.total() <= rollout.max_total, "total {} > {}", state.total(), rollout.max_total);
            prop_assert!(state.available() >= rollout.min_available, "available {} < {}", state.available(), rollout.min_available);
        }
        let last = rollout.last();
        prop_assert!(rollout.complete);
        prop_assert_eq!((last.old_total, last.new_total, last.new_ready), (0, r, r));
        prop_assert!(last.pods.iter().all(|p| p.updated && p.phase == Phase::Available));
    }

    #[test]
    fn a_broken_version_never_costs_more_than_max_unavailable(
        replicas in 1i32..=20,
        surge in int_or_percent(),
        unavailable in int_or_percent(),
    ) {
        prop_assume!(!(is_zero(&surge) && is_zero(&unavailable)));
        let rollout = run(&deployment(replicas, &rolling(&surge, &unavailable)), true);
        prop_assert!(!rollout.complete);
        prop_assert_eq!(rollout.condition.reason.as_str(), "ProgressDeadlineExceeded");
        for state in rollout.states() {
            prop_assert!(state.total() <= rollout.max_total);
            prop_assert!(state.available() >= rollout.min_available);
        }
    }

    #[test]
    fn recreate_always_finishes(replicas in 0i32..=20) {
        let rollout = run(&deployment(replicas, "  strategy:\n    type: Recreate"), false);
        prop_assert!(rollout.complete);
        prop_assert_eq!(rollout.last().new_ready, replicas as u32);
    }

    #[test]
    fn proportional_scaling_stays_within_replicas_plus_surge(
        sizes in proptest::collection::vec(0u32..=10, 1..=4),
        replicas in 0u32..=40,
        surge in 0u32..=5,
    ) {
        let total: u32 = sizes.iter().sum();
        let n = sizes.len();
        let sets: Vec<ReplicaSetSize> = sizes
            .iter()
            .enumerate()
            .map(|(i, s)| ReplicaSetSize::annotated(&format!("rs-{i}"), *s, i + 1 == n, total.max(1), 0))
            .collect();
        let scaled = proportional::scale(&sets, replicas, surge, true);
        let active = sizes.iter().filter(|s| **s > 0).count();
        let sum: u32 = scaled.iter().sum();
        if active > 1 {
            prop_assert_eq!(sum, if replicas == 0 { 0 } else { replicas + surge });
        } else {
            prop_assert_eq!(sum, replicas);
        }
    }
}
