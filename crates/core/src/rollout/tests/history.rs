//! Undo, proportional scaling, pausing, timing, the picker and FeastFlow's own rollouts.

use super::*;

/// What each pass did to the spec totals: `new(+1)`, `old(-1)`.
fn moves(rollout: &Rollout) -> Vec<String> {
    let mut previous = &rollout.initial;
    let mut out = Vec::new();
    for pass in &rollout.passes {
        let mut parts = Vec::new();
        if pass.settled.new_total != previous.new_total {
            parts.push(format!(
                "new({:+})",
                i64::from(pass.settled.new_total) - i64::from(previous.new_total)
            ));
        }
        if pass.settled.old_total != previous.old_total {
            parts.push(format!(
                "old({:+})",
                i64::from(pass.settled.old_total) - i64::from(previous.old_total)
            ));
        }
        out.push(parts.join(" "));
        previous = &pass.settled;
    }
    out
}

/// The orders written in the `ResolveFenceposts` doc comment.
#[test]
fn resolve_fenceposts_comment_orders() {
    let cases = [
        (
            2,
            "0%",
            "1%",
            &["old(-1)", "new(+1)", "old(-1)", "new(+1)"][..],
        ),
        (1, "0%", "1%", &["old(-1)", "new(+1)"][..]),
        (
            2,
            "1%",
            "25%",
            &["new(+1)", "old(-1)", "new(+1)", "old(-1)"][..],
        ),
        (1, "1%", "25%", &["new(+1)", "old(-1)"][..]),
        (
            2,
            "1%",
            "0%",
            &["new(+1)", "old(-1)", "new(+1)", "old(-1)"][..],
        ),
        (1, "1%", "0%", &["new(+1)", "old(-1)"][..]),
    ];
    for (replicas, surge, unavailable, expected) in cases {
        let rollout = run(&deployment(replicas, &rolling(surge, unavailable)), false);
        assert_eq!(
            moves(&rollout),
            expected,
            "{replicas} desired, maxSurge {surge}, maxUnavailable {unavailable}"
        );
    }
}

#[test]
fn undo_reuses_the_old_replica_set_and_only_scales_up_first() {
    let m = model(&deployment(3, &rolling("2", "1")));
    let forward = simulate(&m, &web(), &RolloutOptions::default()).expect("rollout");
    let undo = simulate_undo(&m, &web(), &RolloutOptions::default()).expect("undo");
    // The ReplicaSets swap roles: the written template's ReplicaSet comes back.
    assert_eq!(undo.new_rs_name, forward.old_rs_name);
    assert_eq!(undo.old_rs_name, forward.new_rs_name);
    assert_eq!(undo.revisions, (2, 3));
    // It exists already, so pass 1 only scales it up: no scale-down in the same pass.
    assert_eq!(sequence(&undo), "3+0 → 3+2 → 0+2 → 0+3");
    assert_eq!(
        undo.passes[0].events,
        [format!(
            "Scaled up replica set {} to 2 from 0",
            undo.new_rs_name
        )]
    );
    assert!(undo.complete);
    assert!(
        undo.commands[0]
            .command
            .starts_with("kubectl rollout undo deployment/web")
    );
}

/// The documentation's example: stuck at old 8, new 5, then scaled.
#[test]
fn proportional_scaling_of_a_stuck_rollout() {
    let m = model(&deployment(10, &rolling("3", "2")));
    let options = RolloutOptions {
        fail_new: true,
        ..RolloutOptions::default()
    };
    let sizes = |event: &ScalingEvent| event.after.iter().map(|r| r.replicas).collect::<Vec<_>>();
    let to15 = scale_during_rollout(&m, &web(), &options, 15, None).expect("scales");
    assert_eq!(
        to15.before.iter().map(|r| r.replicas).collect::<Vec<_>>(),
        [8, 5]
    );
    assert_eq!(sizes(&to15), [11, 7]);
    assert_eq!(to15.events.len(), 2);
    let to30 = scale_during_rollout(&m, &web(), &options, 30, None).expect("scales");
    assert_eq!(sizes(&to30), [20, 13]);
    // No new ReplicaSet appears: a change of replicas is a scaling event.
    assert_eq!(to30.after.len(), 2);
}

#[test]
fn a_replicas_change_alone_creates_no_replica_set() {
    let m = model(&deployment(3, &rolling("1", "0")));
    let event =
        scale_during_rollout(&m, &web(), &RolloutOptions::default(), 5, Some(0)).expect("scales");
    assert_eq!(event.after.len(), 1);
    assert_eq!(event.after[0].replicas, 5);
    assert_eq!(
        event.events,
        [format!(
            "Scaled up replica set {} to 5 from 3",
            event.after[0].name
        )]
    );
}

#[test]
fn time_is_estimated_from_the_probes() {
    let rollout = run(&deployment(2, &rolling("1", "0")), false);
    // 5 s image pull + readiness initialDelaySeconds 5: two passes create pods.
    assert_eq!(
        rollout.passes.iter().map(|p| p.seconds).collect::<Vec<_>>(),
        [10, 0, 10, 0]
    );
    assert_eq!(rollout.estimated_seconds, 20);
    assert!(
        rollout.assumptions.iter().any(|a| a.contains("5 s")),
        "{:?}",
        rollout.assumptions
    );
    assert!(
        rollout
            .assumptions
            .iter()
            .any(|a| a.contains("initialDelaySeconds 5")),
        "{:?}",
        rollout.assumptions
    );

    let slow = deployment(2, &format!("{}\n  minReadySeconds: 20", rolling("1", "0")));
    let rollout = run(&slow, false);
    assert_eq!(rollout.estimated_seconds, 60);

    let recreate = run(&deployment(2, "  strategy:\n    type: Recreate"), false);
    // The old pods' 30 s grace period, then the new pods' 10 s.
    assert_eq!(recreate.estimated_seconds, 40);

    let stuck = run(&deployment(2, &rolling("1", "0")), true);
    assert_eq!(stuck.estimated_seconds, 10 + 600);
}

#[test]
fn a_paused_deployment_rolls_nothing_out() {
    let rollout = run(
        &deployment(2, &format!("{}\n  paused: true", rolling("1", "0"))),
        false,
    );
    assert!(rollout.passes.is_empty() && !rollout.complete);
    assert_eq!(rollout.condition.reason, "DeploymentPaused");
}

#[test]
fn the_picker_lists_every_kind_that_rolls_out() {
    let yaml = format!(
        "{}---\n{}---\n{}",
        deployment(2, ""),
        statefulset(1, ""),
        daemonset("  updateStrategy:\n    type: OnDelete")
    );
    let list = simulatable(&model(&yaml));
    let summary: Vec<(String, Strategy, Option<u32>)> = list
        .iter()
        .map(|s| (s.id.to_string(), s.strategy, s.replicas))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "Deployment/demo/web".to_owned(),
                Strategy::RollingUpdate,
                Some(2)
            ),
            (
                "StatefulSet/demo/db".to_owned(),
                Strategy::RollingUpdate,
                Some(1)
            ),
            ("DaemonSet/demo/agent".to_owned(), Strategy::OnDelete, None),
        ]
    );
}

#[test]
fn feastflow_rollouts_keep_serving() {
    let m = Model::from_files(crate::samples::Sample::FeastFlow.files());
    let id = |name: &str| ObjectId::new("Deployment", Some("feastflow"), name);
    let backend =
        simulate(&m, &id("feastflow-backend"), &RolloutOptions::default()).expect("backend");
    assert_eq!(backend.services, ["feastflow/feastflow-backend"]);
    assert!(backend.zero_downtime);
    assert_eq!(backend.lowest_serving, 2);
    let frontend =
        simulate(&m, &id("feastflow-frontend"), &RolloutOptions::default()).expect("frontend");
    assert_eq!(frontend.lowest_serving, 2);
    let after = &frontend.passes[1].after.traffic;
    assert_eq!((after.old, after.new), (2, 2));
    assert_eq!(after.pods.len(), 4);
}

/// Undoing a stuck rollout: the broken pods are unavailable old pods now, and they go first.
#[test]
fn undoing_a_stuck_rollout_removes_the_broken_pods_first() {
    let m = model(&deployment(3, &rolling("2", "1")));
    let options = RolloutOptions {
        fail_new: true,
        ..RolloutOptions::default()
    };
    let undo = simulate_undo(&m, &web(), &options).expect("undo");
    // Stuck at 2 healthy v1 + 3 broken v2; v1 is the "new" ReplicaSet again.
    assert_eq!(show(&undo.initial), "3/0 | 2/2");
    let table: Vec<String> = undo.passes.iter().map(|p| show(&p.settled)).collect();
    assert_eq!(table, ["0/0 | 2/2", "0/0 | 3/3"]);
    assert!(
        undo.passes[0].decision.contains("3 unavailable first"),
        "{}",
        undo.passes[0].decision
    );
    assert!(undo.complete);
    assert_eq!(undo.revisions, (2, 3));
}

#[test]
fn unset_replicas_under_an_hpa_roll_out_the_hpa_minimum_and_say_so() {
    let text = deployment(1, "").replace("  replicas: 1\n", "")
        + "---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: demo
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 4
  maxReplicas: 10
";
    let m = model(&text);
    let id = ObjectId::new("Deployment", Some("demo"), "web");
    let rollout = simulate(&m, &id, &RolloutOptions::default()).expect("simulates");
    assert_eq!(rollout.replicas, 4);
    assert!(
        rollout.notes.iter().any(|n| n.contains("minReplicas 4")),
        "{:?}",
        rollout.notes
    );
    let listed = simulatable(&m);
    assert_eq!(listed[0].replicas, Some(4));
}
