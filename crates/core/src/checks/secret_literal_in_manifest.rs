//! `secret-literal-in-manifest`: secret carries literal data/stringData in the pasted YAML (base64 is not encryption).

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `secret-literal-in-manifest` check.
pub(crate) static CHECK: Check = Check {
    id: "secret-literal-in-manifest",
    rank: 1020,
    category: Category::Hygiene,
    scope: Scope::Kind("Secret"),
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "secret carries literal data/stringData in the pasted YAML (base64 is not encryption)",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Points at the `data` and `stringData` of every Secret whose values are written in the manifests, and reminds you that anyone who can read the file can read them.

## Why is this bad?

The values under `data` look scrambled, but base64 is an encoding, not encryption: `echo aHVudGVyMg== | base64 -d` prints `hunter2`, no key needed.
`stringData` is plain text.
So a Secret manifest in Git is a password in Git, in every clone, fork, backup and CI log, for ever (deleting it later does not remove it from the history).
A Secret in the cluster is protected by RBAC, and can be encrypted at rest; the same values in a file are protected by nothing.

## Example

```yaml
apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
data:
  password: aHVudGVyMg==
```

## Fix

```yaml
apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
```

Keep the values out of the manifests: create the Secret with `kubectl create secret generic db --from-literal=password=...`, or commit an encrypted form (Sealed Secrets, SOPS) or a reference to a secret manager (External Secrets Operator).

## Known problems

A Secret with placeholder or development-only values is harmless; suppress the finding with that reason, as FeastFlow's comment in its Secret file explains.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let Resource::Secret(secret) = &*obj.resource else {
            continue;
        };
        let data: Vec<&str> = secret
            .data
            .iter()
            .flatten()
            .filter(|(_, v)| !v.0.is_empty())
            .map(|(k, _)| k.as_str())
            .collect();
        if !data.is_empty() {
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    "data",
                    format!(
                        "secret \"{}\" carries {} in data; base64 is an encoding, not encryption, so anyone who reads this file can decode them",
                        obj.name,
                        describe_keys(&data)
                    ),
                )
                .help("create the Secret outside the manifests, or commit it encrypted (Sealed Secrets, SOPS)"),
            );
        }
        let string_data: Vec<&str> = secret
            .string_data
            .iter()
            .flatten()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, _)| k.as_str())
            .collect();
        if !string_data.is_empty() {
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    "stringData",
                    format!(
                        "secret \"{}\" carries {} in plain text in stringData",
                        obj.name,
                        describe_keys(&string_data)
                    ),
                )
                .help("create the Secret outside the manifests, or commit it encrypted (Sealed Secrets, SOPS)"),
            );
        }
    }
    findings
}

/// `key "a"` or `2 keys (a, b)`.
fn describe_keys(keys: &[&str]) -> String {
    match keys {
        [one] => format!("key \"{one}\""),
        _ => format!("{} keys ({})", keys.len(), keys.join(", ")),
    }
}

/// The fixture that must fire exactly on the lines marked `# ^ secret-literal-in-manifest` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
data:
# ^ secret-literal-in-manifest
  password: aHVudGVyMg==
---
apiVersion: v1
kind: Secret
metadata:
  name: api
type: Opaque
stringData:
# ^ secret-literal-in-manifest
  token: not-a-real-token
---
apiVersion: v1
kind: Secret
metadata:
  name: dont-fire-token-placeholder
  annotations:
    kubernetes.io/service-account.name: build-robot
type: kubernetes.io/service-account-token
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Secret
metadata:
  name: build-robot-token
  annotations:
    kubernetes.io/service-account.name: build-robot
type: kubernetes.io/service-account-token
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_data_and_string_data_without_printing_values() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Secret
metadata:
  name: s
data:
  DB_PASSWORD: aHVudGVyMg==
  JWT_SECRET: c2VjcmV0
stringData:
  token: abc
---
apiVersion: v1
kind: Secret
metadata:
  name: empty
data:
  placeholder: \"\"
"
            ),
            [
                "5 info secret \"s\" carries 2 keys (DB_PASSWORD, JWT_SECRET) in data; base64 is an encoding, not encryption, so anyone who reads this file can decode them",
                "8 info secret \"s\" carries key \"token\" in plain text in stringData",
            ]
        );
    }
}
