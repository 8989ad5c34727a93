//! The CLI's human output shows no Secret value, whatever the command.

mod common;
use common::manifesto;

const MANIFESTS: &str = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter2-plaintext!\n  password: hunter2-plaintext!\n  pin: [hunter2-plaintext!\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ok\ndata:\n  token: aHVudGVyMi1iYXNlNjQ=\n";

#[test]
fn no_command_prints_a_secret_value() {
    for args in [
        &["parse", "-"][..],
        &["check", "-"],
        &["check", "-", "--format", "markdown"],
        &["check", "-", "--format", "sarif"],
        &["check", "-", "--format", "junit"],
        &["check", "-", "--format", "json"],
        &["graph", "-"],
        &["graph", "-", "--format", "dot"],
        &["graph", "-", "--format", "mermaid"],
    ] {
        let out = manifesto(args, Some(MANIFESTS));
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(
            stderr.contains("password: ••••") || args[0] != "parse",
            "{stderr}"
        );
        for secret in ["hunter2-plaintext!", "aHVudGVyMi1iYXNlNjQ="] {
            assert!(!stdout.contains(secret), "{args:?} stdout:\n{stdout}");
            assert!(!stderr.contains(secret), "{args:?} stderr:\n{stderr}");
        }
    }
}

#[test]
fn control_characters_in_names_reach_the_terminal_escaped() {
    let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"web\\e[2J\\e]0;owned\\a\"\ndata: {a: b}\n---\nbad: [\n";
    for args in [&["parse", "-"][..], &["check", "-"]] {
        let out = manifesto(args, Some(yaml));
        let all = [out.stdout, out.stderr].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(!text.contains('\u{1b}'), "{args:?}: {text}");
        assert!(!text.contains('\u{7}'), "{args:?}: {text}");
    }
}

#[test]
fn a_name_longer_than_any_format_width_is_printed_without_a_panic() {
    let name = "n".repeat(70_000);
    let yaml = format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  replicas: 2\n  selector: {{matchLabels: {{app: w}}}}\n  template:\n    metadata: {{labels: {{app: w}}}}\n    spec:\n      containers: [{{name: w, image: 'w:1'}}]\n"
    );
    let out = manifesto(&["check", "-"], Some(&yaml));
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("object-name-invalid"),
        "the name is flagged"
    );
}
