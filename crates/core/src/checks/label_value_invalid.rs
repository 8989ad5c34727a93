//! `label-value-invalid`: label value breaks the syntax rules (length, characters).

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::support::key_path;
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::{Object, Resource};

/// The `label-value-invalid` check.
pub(crate) static CHECK: Check = Check {
    id: "label-value-invalid",
    rank: 400,
    category: Category::Correctness,
    scope: Scope::Any,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "label value breaks the syntax rules (length, characters)",
    docs: DOCS,
    aliases: &["kube-score:label-values"],
    run,
};

const DOCS: &str = r#"## What it does

Checks the syntax of every label key and value in `metadata.labels`, in a pod template's labels, in a workload's `spec.selector.matchLabels` and in a Service's `spec.selector`.

- A **value** may be empty; otherwise it has at most 63 characters, starts and ends with a letter or digit, and contains only letters, digits, `-`, `_` and `.` in between.
- A **key** is a name with an optional prefix: `app` or `app.kubernetes.io/name`. The name follows the value rules but may not be empty; the prefix is a DNS subdomain (lowercase letters, digits, `-` and `.`, at most 253 characters).

## Why is this bad?

Labels are indexed by the API server and used in selectors, so Kubernetes only accepts values that fit this tight syntax.
An invalid label makes the API server reject the whole object: `metadata.labels: Invalid value: "release 2.1": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'`.
Typical culprits are spaces, slashes and colons (`version: 2.1/beta`, `image: nginx:1.27`), values generated from long branch names, and commit messages used as values.

## Example

```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels:
    app: shop
    release: "2.1 beta"
data:
  LOG_LEVEL: info
```

## Fix

```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels:
    app: shop
    release: 2.1-beta
  annotations:
    release-notes: "2.1 beta, see the changelog"
data:
  LOG_LEVEL: info
```

Rewrite the value with letters, digits, `-`, `_` and `.` only (at most 63 characters); free text belongs in an annotation, which has no such limits.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let mut maps: Vec<(String, &BTreeMap<String, String>)> =
            vec![("metadata.labels".to_owned(), obj.labels())];
        if obj.is_workload() {
            if let Some(labels) = obj.pod_labels() {
                maps.push((obj.pod_labels_path(), labels));
            }
            if let Some(m) = obj.map_selector() {
                maps.push(("spec.selector".to_owned(), m));
            } else if let Some(Cow::Borrowed(selector)) = obj.workload_selector()
                && let Some(m) = selector.match_labels.as_ref()
            {
                maps.push(("spec.selector.matchLabels".to_owned(), m));
            }
        }
        if let Resource::Service(svc) = &*obj.resource
            && let Some(m) = svc.spec.as_ref().and_then(|s| s.selector.as_ref())
        {
            maps.push(("spec.selector".to_owned(), m));
        }
        for (path, map) in maps {
            for (key, value) in map {
                check_label(obj, &path, key, value, &mut findings);
            }
        }
    }
    findings
}

fn check_label(obj: &Object, path: &str, key: &str, value: &str, findings: &mut Vec<Finding>) {
    let at = key_path(path, key);
    if let Some(problem) = key_problem(key) {
        findings.push(
            Finding::new(&CHECK, obj, &at, format!("label key \"{key}\" is invalid: {problem}"))
                .help("use a key like app or example.com/team: letters, digits, -, _ and ., at most 63 characters after the prefix"),
        );
    }
    if let Some(problem) = value_problem(value) {
        findings.push(
            Finding::new(&CHECK, obj, &at, format!("label {key} has the invalid value \"{value}\": {problem}"))
                .help("keep label values to letters, digits, -, _ and . (at most 63); put free text in an annotation"),
        );
    }
}

/// Why `value` is not a valid label value, if it is not.
fn value_problem(value: &str) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    name_problem(value)
}

/// Why `name` is not a valid label name (the part after the prefix, or a non-empty value).
fn name_problem(name: &str) -> Option<String> {
    let len = name.chars().count();
    if len > 63 {
        return Some(format!("it is {len} characters long, more than 63"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Some(format!(
            "{} is not allowed (only letters, digits, -, _ and .)",
            show_char(c)
        ));
    }
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !alnum(name.chars().next()) || !alnum(name.chars().last()) {
        return Some("it must start and end with a letter or digit".to_owned());
    }
    None
}

/// Why `key` is not a valid label key, if it is not.
fn key_problem(key: &str) -> Option<String> {
    let (prefix, name) = match key.split_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    if name.is_empty() {
        return Some("the name after the prefix is empty".to_owned());
    }
    if let Some(problem) = name_problem(name) {
        return Some(problem);
    }
    let prefix = prefix?;
    if prefix.is_empty() {
        return Some("the prefix before / is empty".to_owned());
    }
    if prefix.len() > 253 {
        return Some(format!(
            "the prefix is {} characters long, more than 253",
            prefix.len()
        ));
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if !prefix.split('.').all(label_ok) {
        return Some(format!(
            "the prefix \"{prefix}\" is not a lowercase DNS subdomain"
        ));
    }
    None
}

fn show_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        c => format!("\"{c}\""),
    }
}

/// The fixture that must fire exactly on the lines marked `# ^ label-value-invalid` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  labels:
    app: shop
    release: "2.1 beta"
# ^ label-value-invalid
spec:
  replicas: 2
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
        image: nginx:1.27
# ^ label-value-invalid
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: dont-fire-settings
  labels:
    app.kubernetes.io/name: shop
    app.kubernetes.io/version: 2.1.0-beta_1
    empty-is-fine: ""
data:
  LOG_LEVEL: info
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  labels:
    app.kubernetes.io/name: shop
    app.kubernetes.io/version: "2.1"
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: shop
  template:
    metadata:
      labels:
        app.kubernetes.io/name: shop
    spec:
      containers:
      - name: web
        image: nginx:1.27
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_syntax() {
        assert_eq!(value_problem(""), None);
        assert_eq!(value_problem("v1.2_rc-3"), None);
        assert_eq!(
            value_problem("-v1").as_deref(),
            Some("it must start and end with a letter or digit")
        );
        assert_eq!(
            value_problem("a/b").as_deref(),
            Some("\"/\" is not allowed (only letters, digits, -, _ and .)")
        );
        assert_eq!(
            value_problem(&"x".repeat(64)).as_deref(),
            Some("it is 64 characters long, more than 63")
        );
        assert_eq!(value_problem(&"x".repeat(63)), None);
        assert_eq!(key_problem("app.kubernetes.io/name"), None);
        assert_eq!(
            key_problem("App.io/name").as_deref(),
            Some("the prefix \"App.io\" is not a lowercase DNS subdomain")
        );
        assert_eq!(
            key_problem("example.com/").as_deref(),
            Some("the name after the prefix is empty")
        );
        assert_eq!(
            key_problem("a/b/c").as_deref(),
            Some("\"/\" is not allowed (only letters, digits, -, _ and .)")
        );
    }
}
