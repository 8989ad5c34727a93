//! `manifesto check` and `manifesto checks` as a user runs them: output formats and exit codes.

use std::process::Output;

use serde_json::Value;

mod common;
use common::{manifesto, manifesto_into_closed_pipe};

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON on stdout ({e}): {}", stdout(out)))
}

/// A temporary folder holding one manifest file.
fn manifest(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write the manifest");
    (dir, path.display().to_string())
}

const LATEST: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  ANNOTATIONS
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
      TEMPLATE_ANNOTATIONS
    spec:
      containers:
        - name: web
          image: nginx:latest
";

fn latest(object: &str, template: &str) -> String {
    LATEST
        .replace("TEMPLATE_ANNOTATIONS", template)
        .replace("ANNOTATIONS", object)
}

#[test]
fn json_has_findings_checklist_and_scores() {
    let out = manifesto(
        &[
            "check",
            "samples/feastflow",
            "--format",
            "json",
            "--fail-on",
            "never",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    let findings = v["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        for key in [
            "check", "severity", "object", "file", "line", "column", "message",
        ] {
            assert!(!f[key].is_null(), "finding without {key}: {f}");
        }
        assert!(f["suppressed"].is_boolean(), "{f}");
        assert!(
            ["error", "warning", "info"].contains(&f["severity"].as_str().unwrap_or_default()),
            "{f}"
        );
        assert!(f["line"].as_u64().is_some_and(|l| l >= 1), "{f}");
    }
    let checklist = v["checklist"].as_array().expect("checklist");
    // 15 practices × 5 workloads: 3 of the application, plus the bare Pod and ReplicaSet examples.
    assert_eq!(checklist.len(), 15 * 5);
    for c in checklist {
        assert!(
            ["pass", "fail", "na", "skipped"].contains(&c["result"].as_str().unwrap_or_default()),
            "{c}"
        );
    }
    let cell = |row: &str, object: &str| {
        checklist
            .iter()
            .find(|c| c["row"] == row && c["object"] == object)
            .map(|c| c["result"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(
        cell(
            "max-unavailable-zero",
            "Deployment/feastflow/feastflow-frontend"
        )
        .as_deref(),
        Some("fail")
    );
    assert_eq!(
        cell(
            "max-unavailable-zero",
            "Deployment/feastflow/feastflow-backend"
        )
        .as_deref(),
        Some("pass")
    );
    assert_eq!(
        cell("persistent-volumes", "StatefulSet/feastflow/postgres").as_deref(),
        Some("pass")
    );
    assert_eq!(
        cell(
            "rolling-update",
            "ReplicaSet/feastflow/feastflow-backend-rs"
        )
        .as_deref(),
        Some("fail")
    );
    let scores = v["scores"].as_array().expect("scores");
    assert_eq!(scores.len(), 13, "one score per object");
    for kind in [
        "Namespace/",
        "ConfigMap/",
        "Secret/",
        "PersistentVolumeClaim/",
        "StatefulSet/",
        "Service/",
        "Ingress/",
    ] {
        assert!(
            scores
                .iter()
                .any(|s| s["object"].as_str().is_some_and(|o| o.starts_with(kind))),
            "no {kind} score"
        );
    }
    assert!(scores.iter().all(|s| {
        s["score"]
            .as_f64()
            .is_some_and(|x| (0.0..=10.0).contains(&x))
    }));
    assert!(
        v["overall_score"]
            .as_f64()
            .is_some_and(|x| (0.0..=10.0).contains(&x))
    );
}

#[test]
fn exit_codes_follow_fail_on_and_suppression() {
    let (_dir, path) = manifest("web.yaml", &latest("", ""));
    let out = manifesto(&["check", &path, "--format", "json"], None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an error finding fails the default --fail-on error"
    );
    let v = json(&out);
    let tag = v["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["check"] == "image-tag-mutable"))
        .cloned();
    let tag = tag.expect("image-tag-mutable fires on nginx:latest");
    assert_eq!(
        (tag["line"].as_u64(), tag["suppressed"].as_bool()),
        (Some(18), Some(false))
    );
    assert_eq!(
        manifesto(&["check", &path, "--fail-on", "never"], None)
            .status
            .code(),
        Some(0)
    );

    let silenced = latest(
        "annotations: {manifesto.io/ignore: all, manifesto.io/ignore-reason: demo}",
        "annotations: {kube-score/ignore: container-image-tag}",
    );
    let (_dir, path) = manifest("web.yaml", &silenced);
    let out = manifesto(
        &["check", &path, "--format", "json", "--fail-on", "info"],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "every finding is silenced: {}",
        stdout(&out)
    );
    let v = json(&out);
    let findings = v["findings"].as_array().expect("findings");
    assert!(!findings.is_empty() && findings.iter().all(|f| f["suppressed"] == true));
    let tag = findings
        .iter()
        .find(|f| f["check"] == "image-tag-mutable")
        .expect("kept, marked suppressed");
    assert_eq!(tag["suppression_reason"], "manifesto.io/ignore: demo");
}

#[test]
fn usage_and_read_errors_exit_2_and_parse_errors_are_shown() {
    let out = manifesto(&["check", "no/such/folder"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no such file or folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        manifesto(&["check", "samples/feastflow", "--format", "xml"], None)
            .status
            .code(),
        Some(2)
    );
    let out = manifesto(
        &["check", "samples/feastflow", "--k8s-version", "latest"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("expected MAJOR.MINOR"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        manifesto(
            &[
                "check",
                "samples/feastflow",
                "--k8s-version",
                "1.29",
                "--fail-on",
                "never"
            ],
            None
        )
        .status
        .code(),
        Some(0)
    );

    let (_dir, path) = manifest(
        "broken.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n",
    );
    let out = manifesto(&["check", &path, "--fail-on", "error"], None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an input that cannot be read fails the check"
    );
    assert!(
        stderr(&out).contains("error: ") && stderr(&out).contains("broken.yaml:"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn human_output_is_rustc_style_then_checklist_and_scores() {
    let (_dir, path) = manifest("web.yaml", &latest("", ""));
    let out = manifesto(&["check", &path], None);
    let text = stdout(&out);
    let header = "error[image-tag-mutable]: ";
    let start = text
        .find(header)
        .unwrap_or_else(|| panic!("no image-tag-mutable error in:\n{text}"));
    let block: Vec<&str> = text[start..].lines().take(7).collect();
    assert!(
        block[1].starts_with("  --> ") && block[1].ends_with("web.yaml:18:11"),
        "{block:#?}"
    );
    assert_eq!(block[3], "18 |           image: nginx:latest");
    assert_eq!(block[4], "   |           ^");
    assert!(
        block.iter().any(|l| l.starts_with("   = help: ")),
        "{block:#?}"
    );
    assert!(
        text.contains("checklist:\n") && text.contains("maxUnavailable = 0"),
        "{text}"
    );
    assert!(
        text.contains("scores:\n") && text.contains("Deployment/shop/web"),
        "{text}"
    );
}

#[test]
fn markdown_contains_the_checklist_and_the_scores() {
    let out = manifesto(
        &["check", "samples/feastflow", "--format", "markdown"],
        None,
    );
    let text = stdout(&out);
    let header = text
        .lines()
        .find(|l| l.starts_with("| Best practice |"))
        .unwrap_or_else(|| panic!("no checklist:\n{text}"));
    assert!(
        header.contains("feastflow-backend") && header.contains("postgres"),
        "{header}"
    );
    let row = text
        .lines()
        .find(|l| l.starts_with("| **maxUnavailable = 0** |"))
        .expect("the maxUnavailable row");
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    let columns: Vec<&str> = header.split('|').map(str::trim).collect();
    let at = |name: &str| columns.iter().position(|c| *c == name).map(|i| cells[i]);
    assert_eq!(at("feastflow-frontend"), Some("❌"));
    assert_eq!(at("feastflow-backend"), Some("✅"));
    assert_eq!(at("postgres"), Some("N/A"));
    assert!(
        text.contains("## Readiness scores") && text.contains("| **Overall** |"),
        "{text}"
    );
    assert!(
        text.contains("## Deployments, ReplicaSets and Pods"),
        "FeastFlow has Deployments and a bare Pod"
    );
    assert!(
        text.contains("## Improvement suggestions") && text.contains("```yaml"),
        "suggestions carry YAML fixes"
    );
}

#[test]
fn sarif_is_a_valid_2_1_0_log() {
    let silenced = latest(
        "annotations: {polaris.fairwinds.com/tagNotSpecified-exempt: 'true'}",
        "",
    );
    let (_dir, path) = manifest("web.yaml", &silenced);
    let out = manifesto(&["check", &path, "--format", "sarif"], None);
    let v = json(&out);
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().is_some_and(|s| s.contains("sarif")));
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "manifesto");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), rules.len());
    assert!(ids.contains(&"image-tag-mutable") && ids.len() >= 115);
    for rule in rules {
        assert!(
            rule["shortDescription"]["text"].is_string() && rule["help"]["markdown"].is_string(),
            "{rule}"
        );
        assert!(
            ["error", "warning", "note"].contains(
                &rule["defaultConfiguration"]["level"]
                    .as_str()
                    .unwrap_or_default()
            )
        );
    }
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for r in results {
        let id = r["ruleId"].as_str().expect("ruleId");
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(ids[index], id);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap_or_default()));
        let location = &r["locations"][0]["physicalLocation"];
        assert!(
            location["artifactLocation"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("web.yaml") && !u.contains(' '))
        );
        assert!(
            location["region"]["startLine"]
                .as_u64()
                .is_some_and(|l| l >= 1)
        );
        assert!(
            location["region"]["startColumn"]
                .as_u64()
                .is_some_and(|c| c >= 1)
        );
    }
    let tag = results
        .iter()
        .find(|r| r["ruleId"] == "image-tag-mutable")
        .expect("the tag finding");
    assert_eq!(tag["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        tag["suppressions"][0]["justification"],
        "polaris.fairwinds.com/tagNotSpecified-exempt"
    );
}

#[test]
fn junit_has_a_suite_per_object_and_escaped_failures() {
    let (_dir, path) = manifest("web.yaml", &latest("", ""));
    let out = manifesto(&["check", &path, "--format", "junit"], None);
    let text = stdout(&out);
    assert!(
        text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "),
        "{text}"
    );
    assert_eq!(
        text.matches("<testsuite ").count(),
        1,
        "one object, one suite"
    );
    assert!(text.contains("<testsuite name=\"Deployment/shop/web\""));
    let case = text
        .find("<testcase name=\"image-tag-mutable\"")
        .expect("a testcase per applicable check");
    let failure = &text[case..text[case..]
        .find("</testcase>")
        .map_or(text.len(), |e| case + e)];
    assert!(
        failure.contains("<failure message=\"") && failure.contains(" type=\"error\">"),
        "{failure}"
    );
    assert!(failure.contains("&quot;nginx:latest&quot;"), "{failure}");
    assert!(
        !failure.contains("message=\"image \"nginx"),
        "attribute quotes are escaped: {failure}"
    );
    assert!(text.trim_end().ends_with("</testsuites>"));
    assert!(
        !text.contains("<testcase name=\"service-selects-no-pods\""),
        "Service checks do not apply to a Deployment"
    );
}

#[test]
fn checks_list_and_explain() {
    let out = manifesto(&["checks", "list"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("id") && lines[0].contains("category") && lines[0].contains("summary")
    );
    assert!(lines.len() > 115, "a header and one line per check");
    let tag = lines
        .iter()
        .find(|l| l.starts_with("image-tag-mutable "))
        .expect("image-tag-mutable listed");
    assert!(
        tag.contains("reliability") && tag.contains("error") && tag.contains(" on "),
        "{tag}"
    );

    let out = manifesto(&["checks", "explain", "image-tag-mutable"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("# `image-tag-mutable`"));
    assert!(
        text.contains("## What it does")
            && text.contains("## Fix")
            && text.contains("kube-score `container-image-tag`")
    );

    let out = manifesto(&["checks", "explain", "image-tag-mutabel"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `image-tag-mutable`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_reader_that_stops_reading_ends_the_output_but_not_the_exit_code() {
    // 300 Deployments with findings: far more output than a pipe holds.
    let text: String = (0..300)
        .map(|i| latest("", "").replace("name: web\n", &format!("name: web-{i}\n")))
        .collect::<Vec<_>>()
        .join("---\n");
    let (_dir, path) = manifest("many.yaml", &text);
    for format in ["human", "json", "sarif"] {
        let (code, stderr) = manifesto_into_closed_pipe(&[
            "check",
            &path,
            "--format",
            format,
            "--fail-on",
            "warning",
        ]);
        assert_eq!(
            code,
            Some(1),
            "{format}: the findings' exit code; stderr: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(!stderr.contains("error"), "{format}: {stderr}");
    }
    let (code, stderr) = manifesto_into_closed_pipe(&["parse", &path]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}
