//! The simulator against the sequences in the controllers' source and documentation.
//! By subject; the helpers they share are here.

mod corpus;
mod daemonset;
mod deployment;
mod history;
mod properties;
mod statefulset;

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
