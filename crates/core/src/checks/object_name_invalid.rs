//! `object-name-invalid`: an object or container name the API server refuses.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::text::{NameFormat, name_errors, name_to_validate, shorten};

/// The `object-name-invalid` check.
pub(crate) static CHECK: Check = Check {
    id: "object-name-invalid",
    rank: 410,
    category: Category::Correctness,
    scope: Scope::Any,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "object or container name is not a valid Kubernetes name",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Checks `metadata.name` (or the `generateName` prefix) of every object, and the name of every container, against the formats the API server enforces:

- most objects: an RFC 1123 subdomain (lowercase letters, digits, `-` and `.`, starting and ending with a letter or digit, at most 253 characters);
- Namespaces and containers: an RFC 1123 label (no `.`, at most 63 characters);
- Services: an RFC 1035 label (like a label, but starting with a letter), because the name becomes a DNS name;
- Roles, ClusterRoles and their bindings: any name without `/` or `%` (they allow `system:` names).

## Why is this bad?

`kubectl apply` fails on the object: `metadata.name: Invalid value: "Web_API": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'`.
Names with capitals, underscores, spaces or line breaks usually come from a template that pasted a variable unchecked; such a name can also smuggle text into reports and terminals.

## Example

```yaml
apiVersion: v1
kind: Service
metadata:
  name: Web_API
spec:
  selector:
    app: web
  ports:
  - port: 80
```

## Fix

```yaml
apiVersion: v1
kind: Service
metadata:
  name: web-api
spec:
  selector:
    app: web
  ports:
  - port: 80
```

Use lowercase letters, digits and `-` (and `.` where a subdomain is allowed), starting and ending with a letter or digit.
"#;

/// The format `kind`'s names follow, or `None` for the RBAC kinds (path segment names).
fn format_of(kind: &str) -> Option<(NameFormat, &'static str)> {
    match kind {
        "Service" => Some((NameFormat::Label1035, "DNS-1035 label")),
        "Namespace" => Some((NameFormat::Label, "RFC 1123 label")),
        "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding" => None,
        _ => Some((NameFormat::Subdomain, "RFC 1123 subdomain")),
    }
}

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let name = name_to_validate(obj);
        let errors = match format_of(&obj.kind) {
            Some((format, _)) => name_errors(&name, format),
            None if name.contains(['/', '%']) || name == "." || name == ".." => {
                vec!["may not contain '/' or '%', nor be '.' or '..'".to_owned()]
            }
            None => Vec::new(),
        };
        if let Some(first) = errors.first() {
            let what = format_of(&obj.kind).map_or("name", |(_, what)| what);
            let path = if obj.raw.pointer("/metadata/name").is_some() {
                "metadata.name"
            } else {
                "metadata.generateName"
            };
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    path,
                    format!(
                        "{} name {:?} is not a valid {what}, so the API server refuses it: {first}",
                        obj.kind,
                        shorten(&obj.name, 80)
                    ),
                )
                .help("use lowercase letters, digits and '-', starting and ending with a letter or digit"),
            );
        }
        for c in obj.containers() {
            let name = &c.container.name;
            let message = if name.is_empty() {
                format!(
                    "a container has no name, so the API server refuses the {}: every container needs one",
                    obj.kind
                )
            } else if let Some(first) = name_errors(name, NameFormat::Label).first() {
                format!(
                    "container name {:?} is not a valid RFC 1123 label, so the API server refuses the {}: {first}",
                    shorten(name, 80),
                    obj.kind
                )
            } else {
                continue;
            };
            let finding = Finding::new(&CHECK, obj, &format!("{}.name", c.path), message)
                .help("name containers with lowercase letters, digits and '-' (at most 63 characters)");
            findings.push(if name.is_empty() {
                finding
            } else {
                finding.container(name)
            });
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ object-name-invalid` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: Web_API
# ^ object-name-invalid
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: Web.Server
# ^ object-name-invalid
        image: nginx:1.27
      - image: busybox:1.36
# ^ object-name-invalid
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: "system:dont-fire-reader"
rules: []
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: web-api
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web.config-1
data:
  a: b
---
apiVersion: v1
kind: Pod
metadata:
  generateName: job-
spec:
  containers:
  - name: main
    image: busybox:1.36
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(yaml: &str, expected: &[&str]) {
        let findings = super::super::support::testing::run_on(run, yaml);
        let got: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn a_container_without_a_name_is_named_as_such() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - image: nginx:1.27\n",
            &["a container has no name, so the API server refuses the Pod: every container needs one"],
        );
    }

    #[test]
    fn each_kind_has_its_format() {
        check(
            "apiVersion: v1\nkind: Service\nmetadata: {name: 1web}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: 1web.example}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: \"system:controller:x\"}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a.b}\n",
            &[
                "Service name \"1web\" is not a valid DNS-1035 label, so the API server refuses it: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
                "Namespace name \"a.b\" is not a valid RFC 1123 label, so the API server refuses it: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            ],
        );
    }

    #[test]
    fn generate_name_and_long_names() {
        let long = "a".repeat(300);
        check(
            &format!(
                "apiVersion: v1\nkind: Pod\nmetadata: {{generateName: web-}}\nspec:\n  containers: [{{name: {long}, image: x}}]\n"
            ),
            &[&format!(
                "container name \"{}…\" is not a valid RFC 1123 label, so the API server refuses the Pod: must be no more than 63 characters",
                "a".repeat(80)
            )],
        );
    }
}
