//! `manifesto lesson list` and `manifesto lesson check` as a teacher runs them.

use std::process::Output;

mod common;
use common::manifesto;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A temporary folder holding one pack file.
fn pack_file(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("pack.yaml");
    std::fs::write(&path, text).expect("write the pack");
    (dir, path.display().to_string())
}

const PACK: &str = "\
id: mine
title: Mine
summary: One level.
levels:
  - id: selector
    title: Selector
    intro: A Service finds pods by label.
    goal: Make the Service find its pods.
    files:
      - name: web.yaml
        text: |
          apiVersion: v1
          kind: Pod
          metadata:
            name: web
            labels: {app: web}
          spec:
            containers:
              - {name: web, image: nginx:1.27, ports: [{containerPort: 80}]}
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: web
          spec:
            selector: {app: START}
            ports:
              - {port: 80}
    conditions:
      - text: The Service finds its pod
        edge: {from: Service/default/web, kind: selects, to: Pod/default/web}
    solution:
      - name: web.yaml
        text: |
          apiVersion: v1
          kind: Pod
          metadata:
            name: web
            labels: {app: web}
          spec:
            containers:
              - {name: web, image: nginx:1.27, ports: [{containerPort: 80}]}
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: web
          spec:
            selector: {app: SOLVED}
            ports:
              - {port: 80}
    learned: Labels.
";

#[test]
fn list_shows_the_builtin_packs_and_their_levels() {
    let out = manifesto(&["lesson", "list"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "workloads  Workloads and traffic",
        "level      labels-and-selectors",
        "challenge  whole-app",
    ] {
        assert!(text.contains(expected), "{expected} in:\n{text}");
    }
}

#[test]
fn check_verifies_the_builtin_packs() {
    let out = manifesto(
        &[
            "lesson",
            "check",
            "crates/core/lessons/workloads.yaml",
            "crates/core/lessons/challenges.yaml",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("pack challenges: 10 levels verified"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn check_accepts_a_working_pack() {
    let (_dir, path) = pack_file(&PACK.replace("START", "wbe").replace("SOLVED", "web"));
    let out = manifesto(&["lesson", "check", &path], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("pack mine: 1 levels verified"));
}

#[test]
fn check_refuses_a_level_already_solved_or_not_solved_by_its_solution() {
    let (_dir, path) = pack_file(&PACK.replace("START", "web").replace("SOLVED", "web"));
    let out = manifesto(&["lesson", "check", &path], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("level selector: the starting files already meet every condition"),
        "{}",
        stderr(&out)
    );
    let (_dir, path) = pack_file(&PACK.replace("START", "wbe").replace("SOLVED", "webb"));
    let out = manifesto(&["lesson", "check", &path], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("level selector: the solution leaves unmet: The Service finds its pod"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_locates_mistakes_in_a_pack() {
    let text = PACK
        .replace("START", "wbe")
        .replace("SOLVED", "web")
        .replace("kind: selects", "kind: selcts");
    let (_dir, path) = pack_file(&text);
    let out = manifesto(&["lesson", "check", &path], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown edge kind `selcts`"), "{err}");
    assert!(err.contains(&format!("{path}:31:49")), "{err}");
}

#[test]
fn check_of_a_missing_file_is_a_read_error() {
    let out = manifesto(&["lesson", "check", "no/such/pack.yaml"], None);
    assert_eq!(out.status.code(), Some(2));
}
