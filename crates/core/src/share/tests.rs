use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::*;
use crate::samples::Sample;

fn feastflow() -> Vec<SharedFile> {
    Sample::FeastFlow
        .files()
        .into_iter()
        .map(|f| SharedFile {
            name: f.name,
            text: f.text,
        })
        .collect()
}

fn workspace(files: Vec<SharedFile>) -> Workspace {
    Workspace {
        files,
        active_file: Some("06-backend-deployment.yaml".into()),
        view: Some("graph".into()),
        selected: Some("Deployment/feastflow/backend".into()),
        rollout: Some(SharedRollout {
            workload: "Deployment/feastflow/backend".into(),
            tag: "v2".into(),
            fail_new: true,
            undo: false,
            step: 3,
        }),
        settings: SharedSettings {
            disabled: vec!["image-tag-mutable".into()],
            enabled: vec![],
            target_version: Some((1, 25)),
            default_namespace: Some("shop".into()),
        },
        lesson: Some(SharedLesson {
            pack: "teacher".into(),
            level: "first".into(),
            pack_yaml: Some("id: teacher\n".into()),
            done: vec!["intro".into()],
        }),
        baseline: None,
    }
}

/// A payload holding `json` as it is, deflated.
fn payload_of(json: &[u8]) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(json, 10);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(deflated))
}

#[test]
fn a_workspace_comes_back_exactly() {
    let original = workspace(feastflow());
    let link = encode(&original);
    assert!(link.starts_with("v1."));
    assert!(
        link[3..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "only URL-safe characters"
    );
    assert_eq!(decode(&link), Ok(original));
}

#[test]
fn feastflow_fits_in_six_kilobytes() {
    let link = encode(&workspace(feastflow()));
    // The measured size is printed for the record (`cargo test -- --nocapture`).
    println!("FeastFlow share payload: {} bytes", link.len());
    assert!(link.len() <= 6 * 1024, "{} bytes", link.len());
}

#[test]
fn a_decompression_bomb_is_refused_with_a_message() {
    // 64 MB of spaces deflates to a few tens of kilobytes.
    let bomb = vec![b' '; 64 * 1024 * 1024];
    let payload = payload_of(&bomb);
    assert!(payload.len() < 200 * 1024, "{}", payload.len());
    let err = decode(&payload).unwrap_err();
    assert_eq!(err, ShareError::TooLarge);
    assert!(err.to_string().contains("more than 8 MB"), "{err}");
}

#[test]
fn garbage_is_refused_with_a_message() {
    let cases = [
        ("", ShareError::UnknownVersion),
        ("hello", ShareError::UnknownVersion),
        ("v1.%%%not-base64%%%", ShareError::NotBase64),
        ("v1.AAAA", ShareError::NotDeflate),
    ];
    for (input, expected) in cases {
        let err = decode(input).unwrap_err();
        assert_eq!(err, expected, "{input:?}");
        assert!(!err.to_string().is_empty());
    }
    // Cut short, as a link pasted in part would be.
    let link = encode(&workspace(feastflow()));
    assert!(decode(&link[..link.len() / 2]).is_err());
    // Valid deflate of something that is not a workspace.
    let err = decode(&payload_of(b"[1, 2, 3]")).unwrap_err();
    assert!(matches!(err, ShareError::NotWorkspace(_)), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("the link does not hold a workspace")
    );
    // Too long to be read at all.
    let long = format!("v1.{}", "A".repeat(MAX_ENCODED + 1));
    assert!(matches!(decode(&long), Err(ShareError::TooLong(_))));
}

#[test]
fn too_many_files_are_refused() {
    let files = vec![
        SharedFile {
            name: "a.yaml".into(),
            text: String::new(),
        };
        MAX_FILES + 1
    ];
    let err = decode(&encode(&workspace(files))).unwrap_err();
    assert_eq!(err, ShareError::TooManyFiles(MAX_FILES + 1));
}

#[test]
fn a_baseline_travels_beside_the_files() {
    let mut original = workspace(feastflow());
    let mut before = feastflow();
    for file in &mut before {
        file.text = file
            .text
            .replace("feastflow-backend:latest", "feastflow-backend:v1.3.0");
    }
    original.baseline = Some(before);
    let link = encode(&original);
    // Both copies share most of their text, so the link grows far less than twice.
    println!("FeastFlow with a baseline: {} bytes", link.len());
    assert!(link.len() <= 8 * 1024, "{} bytes", link.len());
    assert_eq!(decode(&link), Ok(original));
    // The baseline's files count toward the bound on files.
    let one = SharedFile {
        name: "a.yaml".into(),
        text: String::new(),
    };
    let mut crowded = workspace(vec![one.clone(); MAX_FILES / 2 + 1]);
    crowded.baseline = Some(vec![one; MAX_FILES / 2]);
    assert_eq!(
        decode(&encode(&crowded)),
        Err(ShareError::TooManyFiles(MAX_FILES + 1))
    );
}

#[test]
fn an_oversized_lesson_is_refused() {
    let mut big_pack = workspace(Vec::new());
    if let Some(lesson) = big_pack.lesson.as_mut() {
        lesson.pack_yaml = Some("#".repeat(crate::lesson::MAX_PACK_BYTES + 1));
    }
    assert_eq!(decode(&encode(&big_pack)), Err(ShareError::LessonTooLarge));
    let mut long_id = workspace(Vec::new());
    if let Some(lesson) = long_id.lesson.as_mut() {
        lesson.level = "x".repeat(MAX_LESSON_ID + 1);
    }
    assert_eq!(decode(&encode(&long_id)), Err(ShareError::LessonTooLarge));
    let mut long_progress = workspace(Vec::new());
    if let Some(lesson) = long_progress.lesson.as_mut() {
        lesson.done = vec!["level".into(); crate::lesson::MAX_LEVELS + 1];
    }
    assert_eq!(
        decode(&encode(&long_progress)),
        Err(ShareError::LessonTooLarge)
    );
    // At the bounds, the lesson is read.
    let mut at_bounds = workspace(Vec::new());
    if let Some(lesson) = at_bounds.lesson.as_mut() {
        lesson.level = "x".repeat(MAX_LESSON_ID);
    }
    assert_eq!(decode(&encode(&at_bounds)), Ok(at_bounds));
}

#[test]
fn settings_keep_only_known_checks() {
    let shared = SharedSettings {
        disabled: vec!["image-tag-mutable".into(), "no-such-check".into()],
        ..SharedSettings::default()
    };
    let settings = shared.to_settings();
    assert!(settings.disabled.contains("image-tag-mutable"));
    assert!(!settings.disabled.contains("no-such-check"));
    assert_eq!(
        SharedSettings::of(&settings).disabled,
        ["image-tag-mutable"]
    );
}

fn file(name: &str, text: &str) -> SharedFile {
    SharedFile {
        name: name.into(),
        text: text.into(),
    }
}

/// The `data` and `stringData` of every Secret in `files`, decoded, by key.
fn secret_data(files: &[SharedFile]) -> Vec<(String, String)> {
    let model = crate::Model::from_files(
        files
            .iter()
            .map(|f| crate::SourceFile::new(f.name.clone(), f.text.clone()))
            .collect(),
    );
    let mut out = Vec::new();
    for object in model.of_kind("Secret") {
        let crate::Resource::Secret(secret) = &*object.resource else {
            panic!("{} did not read as a Secret", object.id.as_str());
        };
        for (k, v) in secret.data.iter().flatten() {
            out.push((k.clone(), String::from_utf8_lossy(&v.0).into_owned()));
        }
        for (k, v) in secret.string_data.iter().flatten() {
            out.push((k.clone(), v.clone()));
        }
    }
    out.sort();
    out
}

#[track_caller]
fn check_redacted(files: &[SharedFile], values: &[&str]) {
    assert!(has_secret_values(files));
    let redacted = redact_secrets(files);
    let all: String = redacted.iter().map(|f| f.text.as_str()).collect();
    for value in values {
        assert!(!all.contains(value), "{value:?} still in:\n{all}");
    }
    // The Secrets still read, with the same keys, every value now the placeholder.
    let before = secret_data(files);
    let after = secret_data(&redacted);
    assert_eq!(before.len(), after.len(), "{all}");
    for ((k1, _), (k2, v)) in before.iter().zip(&after) {
        assert_eq!(k1, k2);
        assert_eq!(v, PLACEHOLDER, "{k2} in:\n{all}");
    }
}

#[test]
fn feastflow_secret_values_are_hidden_even_in_comments() {
    let files = feastflow();
    check_redacted(
        &files,
        &[
            "ZmVhc3RmbG93LWRldi1wYXNzd29yZA==",
            "feastflow-dev-password",
            "Y2hhbmdlLW1lLWZlYXN0Zmxvdy1qd3Qtc2lnbmluZy1rZXk=",
            "change-me-feastflow-jwt-signing-key",
        ],
    );
    // Files without a Secret are untouched.
    let redacted = redact_secrets(&files);
    for (a, b) in files.iter().zip(&redacted) {
        if a.name != "02-secrets.yaml" {
            assert_eq!(a, b);
        }
    }
}

#[test]
fn every_way_of_writing_a_value_is_hidden() {
    let yaml = "\
apiVersion: v1
kind: ConfigMap
metadata:
  name: keep
data:
  greeting: hello-visible
---
apiVersion: v1
kind: Secret
metadata:
  name: s
data:
  plain: cGxhaW4tc2VjcmV0
  quoted: \"cXVvdGVkLXNlY3JldA==\"
  single: 'c2luZ2xlLXNlY3JldA=='
stringData:
  literal: |
    first-line-secret
    second-line-secret
  folded: >-
    folded-secret
  spaced: two words secret # note
  port: \"5432\"
type: Opaque
---
apiVersion: v1
kind: Secret
metadata: {name: flow}
stringData: {a: flow-secret-a, b: \"flow-secret-b\"}
";
    let json = r#"{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "j"},
 "stringData": {"x": "json-secret-x", "y": "json \"secret\" y"}}"#;
    let files = [file("a.yaml", yaml), file("b.json", json)];
    check_redacted(
        &files,
        &[
            "cGxhaW4tc2VjcmV0",
            "plain-secret",
            "cXVvdGVkLXNlY3JldA==",
            "c2luZ2xlLXNlY3JldA==",
            "first-line-secret",
            "second-line-secret",
            "folded-secret",
            "two words secret",
            "\"5432\"",
            "flow-secret-a",
            "flow-secret-b",
            "json-secret-x",
            "secret\\\" y",
        ],
    );
    let redacted = redact_secrets(&files);
    assert!(redacted[0].text.contains("greeting: hello-visible"));
    assert!(redacted[0].text.contains("type: Opaque"));
}

#[test]
fn files_without_secret_values_are_told_apart() {
    let files = [file(
        "a.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: empty\ntype: Opaque\n",
    )];
    assert!(!has_secret_values(&files));
    assert_eq!(redact_secrets(&files), files);
}

#[test]
fn a_secret_that_does_not_parse_is_masked_line_by_line() {
    let files = [file(
        "a.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  key: [unclosed-secret-value\n",
    )];
    assert!(has_secret_values(&files));
    let redacted = redact_secrets(&files);
    assert!(
        !redacted[0].text.contains("unclosed-secret-value"),
        "{}",
        redacted[0].text
    );
    assert!(redacted[0].text.contains("name: s"));
}

#[test]
fn the_annotation_that_repeats_a_secret_is_replaced_whole() {
    let yaml = "\
apiVersion: v1
kind: Secret
metadata:
  name: s
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"stringData\":{\"pin\":\"4711\"}}
    team: payments
stringData:
  pin: \"4711\"
";
    let files = [file("a.yaml", yaml)];
    // The value is too short to be searched for elsewhere: only its place tells it apart.
    check_redacted(&files, &["4711"]);
    let redacted = redact_secrets(&files);
    assert!(
        redacted[0].text.contains(
            "kubectl.kubernetes.io/last-applied-configuration: REDACTED\n    team: payments\n"
        ),
        "{}",
        redacted[0].text
    );
}
