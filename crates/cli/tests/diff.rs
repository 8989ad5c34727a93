//! `manifesto diff` on FeastFlow and edited copies of it, as a reviewer runs it on a pull request.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod common;
use common::{manifesto, repo_root};

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON on stdout ({e}): {}", stdout(out)))
}

/// FeastFlow's application files (not the Pods-vs-ReplicaSets examples) copied into `dir`.
fn copy_feastflow(dir: &Path) {
    std::fs::create_dir_all(dir).expect("create the folder");
    let samples = repo_root().join("samples/feastflow");
    for entry in std::fs::read_dir(&samples).expect("samples/feastflow") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let name = path.file_name().expect("a file name");
            std::fs::copy(&path, dir.join(name)).expect("copy a sample");
        }
    }
}

/// Applies `(file, from, to)` edits in `dir`; `from` must be there.
#[track_caller]
fn edit(dir: &Path, edits: &[(&str, &str, &str)]) {
    for (file, from, to) in edits {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("read a copied sample");
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write the edit");
    }
}

/// A temporary folder with `old/` (FeastFlow) and `new/` (FeastFlow edited).
struct Versions {
    dir: tempfile::TempDir,
}

impl Versions {
    #[track_caller]
    fn new(edits: &[(&str, &str, &str)]) -> Versions {
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy_feastflow(&dir.path().join("old"));
        copy_feastflow(&dir.path().join("new"));
        edit(&dir.path().join("new"), edits);
        Versions { dir }
    }

    fn path(&self, side: &str) -> String {
        self.dir.path().join(side).display().to_string()
    }

    fn run(&self, extra: &[&str]) -> Output {
        let (old, new) = (self.path("old"), self.path("new"));
        let mut args = vec!["diff", old.as_str(), new.as_str()];
        args.extend_from_slice(extra);
        manifesto(&args, None)
    }

    fn json(&self) -> Value {
        json(&self.run(&["--format", "json"]))
    }
}

const BACKEND: &str = "Deployment/feastflow/feastflow-backend";
const BACKEND_FILE: &str = "06-backend-deployment.yaml";
const IMAGE_BUMP: (&str, &str, &str) = (
    BACKEND_FILE,
    "image: feastflow-backend:latest",
    "image: feastflow-backend:v1.4.0",
);
const READINESS: &str = "          readinessProbe:\n            httpGet:\n              path: /api/health # Also checks the database connection\n              port: http\n            initialDelaySeconds: 15\n            periodSeconds: 10\n            failureThreshold: 2 # 20 seconds before removal from the Service\n";

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|a| {
            a.iter()
                .map(|o| {
                    format!(
                        "{} {}",
                        o["change"].as_str().unwrap_or("?"),
                        o["id"].as_str().unwrap_or("?")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn checks(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    format!(
                        "{} {}",
                        f["check"].as_str().unwrap_or("?"),
                        f["object"].as_str().unwrap_or("?")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn an_image_bump_rolls_the_backend_without_downtime() {
    let v = Versions::new(&[IMAGE_BUMP]);
    let out = v.run(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let d = json(&out);
    assert_eq!(ids(&d["objects"]), [format!("changed {BACKEND}")]);
    let field = &d["objects"][0]["fields"][0];
    assert_eq!(field["path"], "spec.template.spec.containers[0].image");
    assert_eq!(field["old"], "feastflow-backend:latest");
    assert_eq!(field["new"], "feastflow-backend:v1.4.0");
    // The image is on line 34 of the backend's file on both sides.
    assert_eq!(
        (field["old_line"].as_u64(), field["new_line"].as_u64()),
        (Some(34), Some(34))
    );
    let rollouts = d["rollouts"].as_array().expect("rollouts");
    assert_eq!(rollouts.len(), 1);
    let r = &rollouts[0];
    assert_eq!(r["workload"], BACKEND);
    assert_eq!(
        r["triggers"],
        serde_json::json!(["spec.template.spec.containers[0].image"])
    );
    assert_eq!(r["strategy"], "RollingUpdate");
    assert_eq!(r["downtime"], false);
    assert_eq!(r["min_available"], 2);
    assert!(r["passes"].as_u64().unwrap_or(0) >= 2, "{r}");
    assert!(r["estimated_seconds"].as_u64().unwrap_or(0) > 0, "{r}");
    assert_eq!(
        checks(&d["findings"]["fixed"]),
        [format!("image-tag-mutable {BACKEND}")]
    );

    let human = stdout(&v.run(&[]));
    assert!(human.contains("spec.template.spec.containers[0].image: \"feastflow-backend:latest\" -> \"feastflow-backend:v1.4.0\""), "{human}");
    assert!(human.contains("no downtime"), "{human}");
}

#[test]
fn a_strategy_change_alone_rolls_nothing() {
    let d = Versions::new(&[(BACKEND_FILE, "maxSurge: 1 #", "maxSurge: 2 #")]).json();
    assert_eq!(ids(&d["objects"]), [format!("changed {BACKEND}")]);
    assert_eq!(
        d["objects"][0]["fields"][0]["path"],
        "spec.strategy.rollingUpdate.maxSurge"
    );
    assert_eq!(d["rollouts"], serde_json::json!([]));
}

#[test]
fn a_configmap_edit_explains_the_restart() {
    let d = Versions::new(&[(
        "01-configmap.yaml",
        "LOG_LEVEL: \"info\"",
        "LOG_LEVEL: \"debug\"",
    )])
    .json();
    assert_eq!(
        ids(&d["objects"]),
        ["changed ConfigMap/feastflow/feastflow-config"]
    );
    assert_eq!(d["rollouts"], serde_json::json!([]));
    let notes = d["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["object"], "ConfigMap/feastflow/feastflow-config");
    let message = notes[0]["message"].as_str().unwrap_or_default();
    assert!(message.contains(BACKEND), "{message}");
    assert!(message.contains("environment variables"), "{message}");
    assert!(message.contains("checksum"), "{message}");
}

#[test]
fn a_service_selector_typo_breaks_its_link_and_fails() {
    let v = Versions::new(&[(
        "07-backend-service.yaml",
        "  selector:\n    app: feastflow\n    component: backend",
        "  selector:\n    app: feastflow\n    component: backnd",
    )]);
    let out = v.run(&["--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an introduced error fails the job"
    );
    let d = json(&out);
    assert_eq!(
        d["edges"]["removed"],
        serde_json::json!([{"from": "Service/feastflow/feastflow-backend", "to": BACKEND, "relation": "selects"}])
    );
    assert!(
        checks(&d["findings"]["introduced"])
            .contains(&"service-selects-no-pods Service/feastflow/feastflow-backend".to_owned()),
        "{}",
        d["findings"]
    );
    assert_eq!(v.run(&["--fail-on", "never"]).status.code(), Some(0));
}

#[test]
fn a_deployment_selector_change_is_noted_as_rejected() {
    let d = Versions::new(&[(
        BACKEND_FILE,
        "      component: backend\n  template",
        "      component: backnd\n  template",
    )])
    .json();
    let notes = d["notes"].as_array().expect("notes");
    assert!(
        notes.iter().any(|n| n["object"] == BACKEND
            && n["message"]
                .as_str()
                .is_some_and(|m| m.contains("rejects") && m.contains("immutable"))),
        "{notes:?}"
    );
    // The selector no longer matches the template's labels: the controller would own no pods.
    assert_eq!(
        checks(&d["findings"]["introduced"]),
        [format!("selector-template-mismatch {BACKEND}")]
    );
}

#[test]
fn a_removed_readiness_probe_is_a_finding_introduced() {
    let v = Versions::new(&[(BACKEND_FILE, READINESS, "")]);
    let out = v.run(&["--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning does not fail by default"
    );
    let d = json(&out);
    assert!(
        checks(&d["findings"]["introduced"])
            .contains(&format!("readiness-probe-missing {BACKEND}"))
    );
    let score = d["scores"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["object"] == BACKEND))
        .expect("the backend's score moves");
    assert!(score["new"].as_f64() < score["old"].as_f64(), "{score}");
    assert_eq!(v.run(&["--fail-on", "warning"]).status.code(), Some(1));
}

#[test]
fn an_added_deployment_is_an_object_added() {
    let v = Versions::new(&[]);
    std::fs::write(
        v.dir.path().join("new/11-worker.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: feastflow-worker\n  namespace: feastflow\nspec:\n  selector:\n    matchLabels: {component: worker}\n  template:\n    metadata:\n      labels: {component: worker}\n    spec:\n      containers:\n        - name: worker\n          image: feastflow-worker:v1\n",
    )
    .expect("write the new Deployment");
    let d = v.json();
    assert_eq!(
        ids(&d["objects"]),
        ["added Deployment/feastflow/feastflow-worker"]
    );
    assert_eq!(d["objects"][0]["fields"], serde_json::json!([]));
    assert_eq!(d["rollouts"], serde_json::json!([]));
}

#[test]
fn a_changed_secret_never_prints_its_values() {
    let v = Versions::new(&[(
        "02-secrets.yaml",
        "DB_PASSWORD: ZmVhc3RmbG93LWRldi1wYXNzd29yZA== # feastflow-dev-password",
        "DB_PASSWORD: bmV3LWRiLXBhc3N3b3JkLTQy\nstringData:\n  API_TOKEN: tok-plain-7731",
    )]);
    let d = v.json();
    assert_eq!(
        ids(&d["objects"]),
        ["changed Secret/feastflow/feastflow-secrets"]
    );
    let paths: Vec<&str> = d["objects"][0]["fields"]
        .as_array()
        .map(|f| f.iter().filter_map(|f| f["path"].as_str()).collect())
        .unwrap_or_default();
    assert!(paths.contains(&"data.DB_PASSWORD"), "{paths:?}");
    for format in ["human", "json", "markdown"] {
        let out = v.run(&["--format", format]);
        let text = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
        for secret in [
            "ZmVhc3RmbG93LWRldi1wYXNzd29yZA==",
            "feastflow-dev-password",
            "bmV3LWRiLXBhc3N3b3JkLTQy",
            "new-db-password-42",
            "tok-plain-7731",
        ] {
            assert!(!text.contains(secret), "{format} shows {secret}:\n{text}");
        }
        assert!(text.contains("changed"), "{format}:\n{text}");
    }
}

#[test]
fn formatting_only_is_no_change() {
    let v = Versions::new(&[
        (
            "01-configmap.yaml",
            "DB_PORT: \"5432\"",
            "DB_PORT: '5432' # quoted differently",
        ),
        (
            "07-backend-service.yaml",
            "  selector:\n    app: feastflow\n    component: backend\n",
            "  selector: {component: \"backend\", app: feastflow}\n",
        ),
        (
            BACKEND_FILE,
            "  replicas: 2 # High availability (multi-pod)",
            "  replicas: 2",
        ),
    ]);
    let d = v.json();
    assert_eq!(d["objects"], serde_json::json!([]));
    assert_eq!(d["findings"]["introduced"], serde_json::json!([]));
    let human = v.run(&[]);
    assert_eq!(human.status.code(), Some(0));
    assert!(
        stdout(&human).starts_with("no changes"),
        "{}",
        stdout(&human)
    );
    assert!(stdout(&v.run(&["--format", "markdown"])).contains("No changes"));
}

#[test]
fn markdown_is_a_pull_request_comment_with_escaped_names() {
    let v = Versions::new(&[IMAGE_BUMP, (BACKEND_FILE, READINESS, "")]);
    std::fs::write(
        v.dir.path().join("new/12-evil.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"evil\\n# Heading <script>alert(1)</script> @team\"\n  namespace: feastflow\n",
    )
    .expect("write the hostile object");
    let md = stdout(&v.run(&["--format", "markdown"]));
    let verdict = md.lines().nth(2).unwrap_or_default();
    // The hostile name is itself invalid, so the verdict counts that error too.
    assert!(verdict.contains("introduces 1 error"), "{md}");
    assert!(md.contains("object-name-invalid"), "{md}");
    assert!(md.contains("#### Rollouts this change triggers"), "{md}");
    assert!(
        md.contains("| Deployment/feastflow/feastflow-backend | RollingUpdate |"),
        "{md}"
    );
    assert!(md.contains("#### Findings introduced"), "{md}");
    assert!(md.contains("readiness-probe-missing"), "{md}");
    assert!(md.contains("#### Findings fixed"), "{md}");
    assert!(
        md.contains("<details><summary>Objects: 1 added, 0 removed, 1 changed</summary>"),
        "{md}"
    );
    assert!(!md.contains("<script>"), "{md}");
    assert!(!md.contains("\n# Heading"), "{md}");
    assert!(!md.contains(" @team"), "{md}");
    assert!(md.contains("&lt;script&gt;"), "{md}");
}

#[test]
fn usage_errors_exit_2() {
    let v = Versions::new(&[]);
    let one = manifesto(&["diff", &v.path("old")], None);
    assert_eq!(one.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&one.stderr).contains("OLD and NEW"));
    let missing = manifesto(&["diff", &v.path("old"), &v.path("nowhere")], None);
    assert_eq!(missing.status.code(), Some(2));
    let format = manifesto(
        &["diff", &v.path("old"), &v.path("new"), "--format", "xml"],
        None,
    );
    assert_eq!(format.status.code(), Some(2));
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=Reviewer",
            "-c",
            "user.email=reviewer@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn base_reads_the_old_version_from_git() {
    let repo = tempfile::tempdir().expect("a temporary folder");
    let k8s: PathBuf = repo.path().join("k8s");
    copy_feastflow(&k8s);
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "FeastFlow"]);
    edit(&k8s, &[IMAGE_BUMP]);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_manifesto"))
            .args(args)
            .current_dir(repo.path())
            .output()
            .expect("manifesto runs")
    };
    let out = run(&["diff", "--base", "HEAD", "k8s/", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d = json(&out);
    assert_eq!(ids(&d["objects"]), [format!("changed {BACKEND}")]);
    assert_eq!(d["rollouts"][0]["workload"], BACKEND);
    // A file the revision does not have is all new.
    std::fs::write(
        repo.path().join("extra.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n",
    )
    .expect("write a new file");
    let out = run(&[
        "diff",
        "--base",
        "HEAD",
        "k8s",
        "extra.yaml",
        "--format",
        "json",
    ]);
    let d = json(&out);
    assert_eq!(
        ids(&d["objects"]),
        [
            format!("changed {BACKEND}"),
            "added ConfigMap/default/extra".to_owned()
        ]
    );
    let bad = run(&["diff", "--base", "no-such-rev", "k8s"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no-such-rev"));
}

#[test]
fn markdown_stays_within_a_comment_for_large_changes() {
    let v = Versions::new(&[]);
    let many: String = (0..130)
        .map(|i| format!("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: generated-{i}\n  namespace: feastflow\n"))
        .collect();
    std::fs::write(v.dir.path().join("new/20-generated.yaml"), many).expect("write the objects");
    let md = stdout(&v.run(&["--format", "markdown"]));
    assert!(
        md.contains("Objects: 130 added, 0 removed, 0 changed"),
        "{md}"
    );
    assert!(
        md.contains("- and 30 objects more") || md.contains("- and 30 more objects"),
        "{md}"
    );
    assert_eq!(
        md.matches("**added** ConfigMap/feastflow/generated")
            .count(),
        100
    );
    let json = v.json();
    assert_eq!(
        json["objects"].as_array().map(Vec::len),
        Some(130),
        "JSON lists everything"
    );
}
