//! The simulator against the sequences in the controllers' source and documentation.

use super::*;
use crate::source::SourceFile;

/// A model from one YAML text.
fn model(yaml: &str) -> Model {
    Model::from_files(vec![SourceFile::new("test.yaml", yaml)])
}

/// A Deployment `web` in namespace `demo` with a Service in front of it.
fn deployment(replicas: i32, strategy: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
spec:
  replicas: {replicas}
{strategy}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: registry.local:5000/web:1.0
          readinessProbe:
            httpGet:
              path: /
              port: 80
            initialDelaySeconds: 5
            periodSeconds: 2
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: demo
spec:
  selector:
    app: web
  ports:
    - port: 80
"
    )
}

fn rolling(surge: &str, unavailable: &str) -> String {
    format!(
        "  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: {surge}\n      maxUnavailable: {unavailable}"
    )
}

fn web() -> ObjectId {
    ObjectId::new("Deployment", Some("demo"), "web")
}

fn run(yaml: &str, fail_new: bool) -> Rollout {
    let options = RolloutOptions {
        fail_new,
        ..RolloutOptions::default()
    };
    simulate(&model(yaml), &web(), &options).expect("simulates")
}

/// `old+new` spec totals: the initial state, then each pass's settled state.
fn sequence(rollout: &Rollout) -> String {
    let mut parts = vec![format!(
        "{}+{}",
        rollout.initial.old_total, rollout.initial.new_total
    )];
    parts.extend(
        rollout
            .passes
            .iter()
            .map(|p| format!("{}+{}", p.settled.old_total, p.settled.new_total)),
    );
    parts.join(" → ")
}

/// `old_total/old_ready | new_total/new_ready`.
fn show(state: &State) -> String {
    format!(
        "{}/{} | {}/{}",
        state.old_total, state.old_ready, state.new_total, state.new_ready
    )
}

#[track_caller]
fn check_sequence(replicas: i32, surge: &str, unavailable: &str, expected: &str) {
    let rollout = run(&deployment(replicas, &rolling(surge, unavailable)), false);
    assert_eq!(
        sequence(&rollout),
        expected,
        "{replicas} replicas, maxSurge {surge}, maxUnavailable {unavailable}"
    );
    assert!(rollout.complete);
    assert_eq!(rollout.passes.len(), expected.matches('→').count());
}

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
    let template = match &m.get(&web()).expect("web").resource {
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

/// A StatefulSet `db` with `replicas` and the given spec lines.
fn statefulset(replicas: u32, extra: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: demo
spec:
  replicas: {replicas}
  serviceName: db
{extra}
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: db:1
"
    )
}

/// A DaemonSet `agent` with the given spec lines.
fn daemonset(extra: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: demo
spec:
{extra}
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
        - name: agent
          image: agent:1
"
    )
}

fn simulate_other(yaml: &str, id: &ObjectId, fail_new: bool, nodes: u32) -> Rollout {
    let options = RolloutOptions {
        fail_new,
        nodes,
        ..RolloutOptions::default()
    };
    simulate(&model(yaml), id, &options).expect("simulates")
}

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

mod properties {
    use super::*;
    use proptest::prelude::{
        ProptestConfig, Strategy as _, prop_assert, prop_assert_eq, prop_assume, prop_oneof,
        proptest,
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
}

/// Every workload of the real-world corpus simulates without panicking, healthy or broken.
#[test]
fn every_corpus_workload_simulates() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut stack = vec![root.clone()];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            {
                let bytes = std::fs::read(&path).unwrap_or_default();
                files.push(SourceFile::from_bytes(path.display().to_string(), &bytes).0);
            }
        }
    }
    if files.is_empty() {
        eprintln!("skipping: no corpus at {}", root.display());
        return;
    }
    let model = Model::from_files(files);
    let workloads = simulatable(&model);
    assert!(workloads.len() > 20, "{} workloads", workloads.len());
    let mut simulated = 0;
    for w in &workloads {
        for fail_new in [false, true] {
            let options = RolloutOptions {
                fail_new,
                ..RolloutOptions::default()
            };
            match simulate(&model, &w.id, &options) {
                Ok(rollout) => {
                    simulated += 1;
                    if rollout.strategy != Strategy::OnDelete && rollout.replicas > 0 {
                        assert_eq!(rollout.complete, !fail_new, "{}", w.id);
                    }
                    if rollout.strategy == Strategy::RollingUpdate {
                        assert!(
                            rollout
                                .states()
                                .all(|s| s.available() >= rollout.min_available),
                            "{}",
                            w.id
                        );
                    }
                }
                Err(RolloutError::Invalid { .. } | RolloutError::NoContainers { .. }) => {}
                Err(err) => panic!("{}: {err}", w.id),
            }
        }
    }
    assert!(simulated > 20);
}

#[test]
fn absurd_values_do_not_panic() {
    let yaml = deployment(3, &rolling("'99999999999999%'", "1"))
        .replace("periodSeconds: 2", "periodSeconds: 2147483647\n            successThreshold: 2147483647")
        .replace("  name: web\n  namespace: demo\n", "  name: web\n  namespace: demo\n  annotations:\n    deployment.kubernetes.io/revision: \"4294967295\"\n");
    let rollout = run(&yaml, false);
    assert!(rollout.complete);
    assert_eq!(rollout.max_surge, i32::MAX as u32);
    assert_eq!(rollout.revisions, (1, 2));
    let event = scale_during_rollout(
        &model(&yaml),
        &web(),
        &RolloutOptions {
            fail_new: true,
            ..RolloutOptions::default()
        },
        7,
        None,
    );
    assert!(event.is_ok());
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
