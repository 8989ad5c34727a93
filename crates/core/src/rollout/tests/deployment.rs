//! The Deployment controller's sequences, events, stalls, validation and names.

use super::*;

#[test]
fn deployment_sequences_match_the_controller() {
    check_sequence(2, "1", "0", "2+0 → 2+1 → 1+1 → 1+2 → 0+2");
    check_sequence(3, "2", "1", "3+0 → 2+2 → 2+3 → 0+3");
    check_sequence(3, "1", "0", "3+0 → 3+1 → 2+1 → 2+2 → 1+2 → 1+3 → 0+3");
    check_sequence(3, "25%", "25%", "3+0 → 3+1 → 2+1 → 2+2 → 1+2 → 1+3 → 0+3");
    check_sequence(10, "25%", "25%", "10+0 → 8+3 → 8+5 → 3+5 → 3+10 → 0+10");
    check_sequence(10, "3", "2", "10+0 → 8+3 → 8+5 → 3+5 → 3+10 → 0+10");
    check_sequence(1, "0", "1", "1+0 → 0+0 → 0+1");
    check_sequence(4, "0", "2", "4+0 → 2+0 → 2+2 → 0+2 → 0+4");
    check_sequence(5, "30%", "0", "5+0 → 5+2 → 3+2 → 3+4 → 1+4 → 1+5 → 0+5");
    check_sequence(
        10,
        "0",
        "1",
        "10+0 → 9+0 → 9+1 → 8+1 → 8+2 → 7+2 → 7+3 → 6+3 → 6+4 → 5+4 → 5+5 → 4+5 → 4+6 → 3+6 → 3+7 → 2+7 → 2+8 → 1+8 → 1+9 → 0+9 → 0+10",
    );
    check_sequence(6, "50%", "50%", "6+0 → 3+3 → 3+6 → 0+6");
    check_sequence(4, "100%", "0", "4+0 → 4+4 → 0+4");
    check_sequence(4, "0", "100%", "4+0 → 0+0 → 0+4");
}

#[test]
fn recreate_removes_every_old_pod_first() {
    let rollout = run(&deployment(3, "  strategy:\n    type: Recreate"), false);
    assert_eq!(sequence(&rollout), "3+0 → 0+0 → 0+3");
    assert_eq!(rollout.strategy, Strategy::Recreate);
    assert!(rollout.complete);
    // Nothing serves between the two passes: Recreate's downtime.
    assert_eq!(rollout.passes[0].settled.traffic.serving(), 0);
    assert!(!rollout.zero_downtime);
}

#[test]
fn without_a_service_serving_pods_are_counted_beyond_the_tiles() {
    // No Service: "serving" is the pods that are Ready, at every size.
    let alone = |replicas: i32| {
        let yaml = deployment(replicas, &rolling("1", "0"));
        let yaml = yaml.split("---").next().unwrap_or_default().to_owned();
        run(&yaml, false)
    };
    for replicas in [10, 250] {
        let rollout = alone(replicas);
        assert!(rollout.services.is_empty());
        assert!(rollout.zero_downtime, "{replicas} replicas");
        assert_eq!(
            rollout.lowest_serving, replicas as u32,
            "{replicas} replicas"
        );
    }
    // The states beyond the tile limit draw no tiles but still count.
    let big = alone(250);
    assert!(big.initial.pods.is_empty());
    assert_eq!(big.initial.ready, 250);
    let recreate = deployment(250, "  strategy:\n    type: Recreate");
    let recreate = run(recreate.split("---").next().unwrap_or_default(), false);
    assert!(!recreate.zero_downtime);
    assert_eq!(recreate.lowest_serving, 0);
}

/// The documentation's 3-replica default example logs exactly these events.
#[test]
fn default_strategy_logs_the_documented_events() {
    let rollout = run(&deployment(3, ""), false);
    let events: Vec<String> = rollout
        .passes
        .iter()
        .flat_map(|p| &p.events)
        .map(|e| {
            e.split(" replica set ")
                .next()
                .unwrap_or_default()
                .to_owned()
                + " to "
                + e.rsplit(" to ")
                    .next()
                    .unwrap_or_default()
                    .split(' ')
                    .next()
                    .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        events,
        [
            "Scaled up to 1",
            "Scaled down to 2",
            "Scaled up to 2",
            "Scaled down to 1",
            "Scaled up to 3",
            "Scaled down to 0"
        ]
    );
    assert_eq!((rollout.max_surge, rollout.max_unavailable), (1, 0));
    let first = &rollout.passes[0].events[0];
    assert_eq!(
        first,
        &format!("Scaled up replica set {} to 1", rollout.new_rs_name)
    );
    assert_eq!(
        rollout.passes[1].events[0],
        format!(
            "Scaled down replica set {} to 2 from 3",
            rollout.old_rs_name
        )
    );
}

/// §2.3 worked example: 3 replicas, maxSurge 2, maxUnavailable 1.
#[test]
fn worked_example_surge_2_unavailable_1() {
    let rollout = run(&deployment(3, &rolling("2", "1")), false);
    let table: Vec<(String, String)> = rollout
        .passes
        .iter()
        .map(|p| (show(&p.after), show(&p.settled)))
        .collect();
    assert_eq!(show(&rollout.initial), "3/3 | 0/0");
    assert_eq!(
        table,
        [
            ("2/2 | 2/0".to_owned(), "2/2 | 2/2".to_owned()),
            ("2/2 | 3/2".to_owned(), "2/2 | 3/3".to_owned()),
            ("0/0 | 3/3".to_owned(), "0/0 | 3/3".to_owned()),
        ]
    );
    assert_eq!((rollout.min_available, rollout.max_total), (2, 5));
    // The first pass both creates the new ReplicaSet and scales the old one down.
    assert_eq!(rollout.passes[0].events.len(), 2);
    assert!(
        rollout.passes[0]
            .decision
            .contains("max_scaled_down = 5−2−2 = 1"),
        "{}",
        rollout.passes[0].decision
    );
    assert!(
        rollout.passes[2]
            .decision
            .contains("max_scaled_down = 5−2−0 = 3"),
        "{}",
        rollout.passes[2].decision
    );
    // Right after pass 1 the terminating old pod and the two starting new pods are all drawn.
    let after = &rollout.passes[0].after;
    assert_eq!(
        after
            .pods
            .iter()
            .filter(|p| p.phase == Phase::Terminating)
            .count(),
        1
    );
    assert_eq!(
        after
            .pods
            .iter()
            .filter(|p| p.phase == Phase::ContainerCreating)
            .count(),
        2
    );
    assert_eq!(after.traffic.serving(), 2);
}

/// §2.3 worked example: 2 replicas, maxSurge 1, maxUnavailable 0.
#[test]
fn worked_example_surge_1_unavailable_0() {
    let rollout = run(&deployment(2, &rolling("1", "0")), false);
    let table: Vec<(String, String)> = rollout
        .passes
        .iter()
        .map(|p| (show(&p.after), show(&p.settled)))
        .collect();
    assert_eq!(
        table,
        [
            ("2/2 | 1/0".to_owned(), "2/2 | 1/1".to_owned()),
            ("1/1 | 1/1".to_owned(), "1/1 | 1/1".to_owned()),
            ("1/1 | 2/1".to_owned(), "1/1 | 2/2".to_owned()),
            ("0/0 | 2/2".to_owned(), "0/0 | 2/2".to_owned()),
        ]
    );
    assert!(
        rollout.passes[0]
            .decision
            .contains("max_scaled_down = 3−2−1 = 0"),
        "{}",
        rollout.passes[0].decision
    );
    assert!(rollout.zero_downtime);
    assert_eq!(rollout.lowest_serving, 2);
    assert_eq!(rollout.services, ["demo/web"]);
}

#[test]
fn a_broken_version_stalls_where_the_controller_stops() {
    let rollout = run(&deployment(2, &rolling("1", "0")), true);
    assert_eq!(rollout.passes.len(), 1);
    assert_eq!(show(rollout.last()), "2/2 | 1/0");
    assert!(!rollout.complete);
    assert_eq!(rollout.condition.status, "False");
    assert_eq!(rollout.condition.reason, "ProgressDeadlineExceeded");
    assert_eq!(
        rollout.condition.message,
        format!(
            "ReplicaSet \"{}\" has timed out progressing.",
            rollout.new_rs_name
        )
    );
    assert!(
        rollout
            .stall
            .as_deref()
            .is_some_and(|s| s.contains("stuck")),
        "{:?}",
        rollout.stall
    );
    assert!(rollout.estimated_seconds >= 600);

    let rollout = run(&deployment(3, &rolling("2", "1")), true);
    assert_eq!(show(rollout.last()), "2/2 | 3/0");
    assert_eq!(rollout.last().available(), 2);
    assert!(rollout.states().all(|s| s.available() >= 2));
    assert_eq!(rollout.condition.reason, "ProgressDeadlineExceeded");
}

/// The documentation's proportional-scaling setup gets stuck at old 8, new 5.
#[test]
fn a_broken_version_with_surge_3_unavailable_2_stops_at_8_and_5() {
    let rollout = run(&deployment(10, &rolling("3", "2")), true);
    assert_eq!(show(rollout.last()), "8/8 | 5/0");
}

#[test]
fn validation_refuses_what_the_api_server_refuses() {
    let err = |strategy: &str| {
        simulate(
            &model(&deployment(3, strategy)),
            &web(),
            &RolloutOptions::default(),
        )
        .unwrap_err()
    };
    assert_eq!(
        err(&rolling("0", "0")).to_string(),
        "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
    );
    let RolloutError::Invalid { errors, .. } = err(&rolling("'90'", "1")) else {
        panic!("invalid")
    };
    assert_eq!(
        errors,
        [format!(
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"90\": {}",
            fenceposts::PERCENT_MESSAGE
        )]
    );
    let RolloutError::Invalid { errors, .. } = err(&rolling("1", "150%")) else {
        panic!("invalid")
    };
    assert_eq!(
        errors,
        [
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%"
        ]
    );
    let RolloutError::Invalid { errors, .. } =
        err("  minReadySeconds: 30\n  progressDeadlineSeconds: 30")
    else {
        panic!("invalid")
    };
    assert_eq!(
        errors,
        ["spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds"]
    );
    let RolloutError::Invalid { errors, .. } =
        err("  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxSurge: 1")
    else {
        panic!("invalid")
    };
    assert_eq!(
        errors,
        [
            "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"
        ]
    );
    // Written 0% and 1%: valid, and the fallback lets one pod be unavailable.
    let rollout = run(&deployment(10, &rolling("0%", "1%")), false);
    assert_eq!((rollout.max_surge, rollout.max_unavailable), (0, 1));
}

#[test]
fn replica_set_names_carry_the_template_hash() {
    let rollout = run(&deployment(2, &rolling("1", "0")), false);
    let hash = rollout
        .new_rs_name
        .strip_prefix("web-")
        .expect("named after the deployment");
    assert!(
        hash.bytes().all(|b| hash::SAFE_ALPHABET.contains(&b)),
        "{hash}"
    );
    assert_ne!(rollout.old_rs_name, rollout.new_rs_name);
    assert_eq!(
        rollout.old_image.as_deref(),
        Some("registry.local:5000/web:1.0")
    );
    assert_eq!(
        rollout.new_image.as_deref(),
        Some("registry.local:5000/web:v2")
    );
    assert_eq!(rollout.revisions, (1, 2));
    let pod = &rollout.passes[0]
        .after
        .pods
        .iter()
        .find(|p| p.updated)
        .expect("a new pod")
        .name;
    assert!(
        pod.starts_with(&format!("{}-", rollout.new_rs_name))
            && pod.len() == rollout.new_rs_name.len() + 6,
        "{pod}"
    );
}

#[test]
fn an_unchanged_template_rolls_nothing_out() {
    let yaml = deployment(2, &rolling("1", "0"));
    let m = model(&yaml);
    let template = match &*m.get(&web()).expect("web").resource {
        Resource::Deployment(d) => d.spec.template.clone(),
        _ => unreachable!(),
    };
    let options = RolloutOptions {
        change: TemplateChange::Template(Box::new(template)),
        ..RolloutOptions::default()
    };
    let rollout = simulate(&m, &web(), &options).expect("simulates");
    assert!(rollout.passes.is_empty() && rollout.complete);
    assert_eq!(rollout.old_rs_name, rollout.new_rs_name);
}

#[test]
fn unknown_workloads_get_a_suggestion() {
    let m = model(&deployment(2, ""));
    let err = simulate(
        &m,
        &ObjectId::new("Deployment", Some("demo"), "wbe"),
        &RolloutOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "no workload Deployment/demo/wbe in the manifests; did you mean Deployment/demo/web?"
    );
    let err = simulate(
        &m,
        &ObjectId::new("Service", Some("demo"), "web"),
        &RolloutOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err, RolloutError::NotSimulatable { .. }), "{err}");
}

#[test]
fn image_tags_are_replaced_like_kubectl_set_image() {
    assert_eq!(
        image_with_tag("feastflow-backend:latest", "v2"),
        "feastflow-backend:v2"
    );
    assert_eq!(image_with_tag("nginx", "v2"), "nginx:v2");
    assert_eq!(
        image_with_tag("registry.local:5000/team/app", "v2"),
        "registry.local:5000/team/app:v2"
    );
    assert_eq!(image_with_tag("app:1@sha256:abc", "v2"), "app:v2");
}
