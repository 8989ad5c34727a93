//! Configuring `manifesto check`: `--enable`, `--disable`, `--severity`, `.manifesto.yaml` (read by
//! `parse`, `graph` and `rollout` too) and `manifesto config init`, as a user runs them.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_manifesto"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("manifesto runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The check ids of a JSON review, with their severity.
fn found(out: &Output) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON ({e}): {}{}", text(&out.stdout), text(&out.stderr)));
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["check"].as_str().unwrap_or_default().to_owned(),
                f["severity"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

const WEB: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir_all(dir.path().join("deploy/tests")).expect("folders");
    std::fs::write(dir.path().join("deploy/web.yaml"), WEB).expect("write");
    std::fs::write(
        dir.path().join("deploy/tests/broken.yaml"),
        "apiVersion: v1\nkind: Service\nmetadata: {name: x, namespace: shop}\nspec: {selector: {app: nothing}}\n",
    )
    .expect("write");
    dir
}

fn has(found: &[(String, String)], id: &str) -> Option<String> {
    found.iter().find(|(c, _)| c == id).map(|(_, s)| s.clone())
}

#[test]
fn enable_disable_and_severity_from_the_command_line() {
    let dir = project();
    let base = ["check", "deploy", "--format", "json", "--fail-on", "never"];
    let plain = found(&run_in(dir.path(), &base));
    assert!(has(&plain, "replicas-single").is_some());
    let mut args = base.to_vec();
    args.extend([
        "--enable",
        "all",
        "--disable",
        "replicas-single",
        "--severity",
        "readiness-probe-missing=error",
    ]);
    let tuned = found(&run_in(dir.path(), &args));
    assert!(has(&tuned, "replicas-single").is_none(), "{tuned:?}");
    assert!(tuned.len() > plain.len(), "every check runs: {tuned:?}");
    assert_eq!(
        has(&tuned, "readiness-probe-missing").as_deref(),
        Some("error")
    );
    let unknown = run_in(
        dir.path(),
        &["check", "deploy", "--disable", "replica-single"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr).contains("did you mean `replicas-single`?"),
        "{}",
        text(&unknown.stderr)
    );
}

#[test]
fn the_configuration_file_is_found_from_a_sub_folder_and_applied() {
    let dir = project();
    std::fs::write(
        dir.path().join(".manifesto.yaml"),
        "checks:\n  disable: [replicas-single]\n  severity: {readiness-probe-missing: info}\nignore: [tests/]\nnamespace: shop\n",
    )
    .expect("write");
    let out = run_in(
        &dir.path().join("deploy"),
        &["check", ".", "--format", "json", "--fail-on", "never"],
    );
    let found = found(&out);
    assert!(has(&found, "replicas-single").is_none(), "{found:?}");
    assert_eq!(
        has(&found, "readiness-probe-missing").as_deref(),
        Some("info")
    );
    assert!(
        has(&found, "service-selects-no-pods").is_none(),
        "tests/ is ignored: {found:?}"
    );
}

#[test]
fn parse_graph_and_rollout_read_the_namespace_and_ignored_paths_of_the_file() {
    let dir = project();
    std::fs::write(
        dir.path().join("deploy/api.yaml"),
        WEB.replace("name: web\n  namespace: shop\n", "name: api\n"),
    )
    .expect("write");
    std::fs::write(
        dir.path().join(".manifesto.yaml"),
        "ignore: [tests/]\nnamespace: team\n",
    )
    .expect("write");
    let deploy = dir.path().join("deploy");
    let parsed = run_in(&deploy, &["parse", ".", "--format", "json"]);
    let listed = text(&parsed.stdout);
    assert!(listed.contains("Deployment/team/api"), "{listed}");
    assert!(
        !listed.contains("Service/shop/x"),
        "tests/ is ignored: {listed}"
    );
    let graph = text(&run_in(&deploy, &["graph", "."]).stdout);
    assert!(graph.contains("Deployment/team/api"), "{graph}");
    let rollout = run_in(
        &deploy,
        &["rollout", ".", "--workload", "Deployment/team/api"],
    );
    assert_eq!(rollout.status.code(), Some(0), "{}", text(&rollout.stderr));
    // The command line wins over the file.
    let parsed = run_in(&deploy, &["parse", ".", "--format", "json", "-n", "other"]);
    assert!(text(&parsed.stdout).contains("Deployment/other/api"));
    // A mistake in the file stops them as it stops `check`.
    std::fs::write(dir.path().join(".manifesto.yaml"), "namspace: team\n").expect("write");
    let refused = run_in(&deploy, &["graph", "."]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).contains("namespace"),
        "{}",
        text(&refused.stderr)
    );
}

#[test]
fn a_mistake_in_the_configuration_is_located_with_a_suggestion() {
    let dir = project();
    std::fs::write(
        dir.path().join("custom.yaml"),
        "checks:\n  disabel: [replicas-single]\n",
    )
    .expect("write");
    let out = run_in(dir.path(), &["check", "deploy", "--config", "custom.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("custom.yaml:2:3"), "{err}");
    assert!(err.contains("did you mean `disable`?"), "{err}");
}

#[test]
fn config_init_writes_a_file_that_check_reads() {
    let dir = project();
    let out = run_in(dir.path(), &["config", "init"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(dir.path().join(".manifesto.yaml")).expect("written");
    assert!(written.contains("# Manifesto configuration"));
    let again = run_in(dir.path(), &["config", "init"]);
    assert_eq!(again.status.code(), Some(2));
    let check = run_in(dir.path(), &["check", "deploy", "--fail-on", "never"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
}
