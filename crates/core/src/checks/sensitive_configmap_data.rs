//! `sensitive-configmap-data`: keys or values of a ConfigMap look like credentials.

use super::support::secrets::{credential_in_value, is_literal_value, is_secret_name};
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `sensitive-configmap-data` check.
pub(crate) static CHECK: Check = Check {
    id: "sensitive-configmap-data",
    rank: 1010,
    category: Category::Security,
    scope: Scope::Kind("ConfigMap"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "keys or values of a ConfigMap look like credentials",
    docs: DOCS,
    aliases: &["polaris:sensitiveConfigmapContent"],
    run,
};

const DOCS: &str = r#"## What it does

Flags ConfigMap `data` entries whose key names a credential (`DB_PASSWORD`, `api_key`, `client-secret`) and holds a value, and entries whose value looks like one whatever the key: a private key, a URL with a password in it, an AWS access key id or a GitHub token.
Keys that are about a secret rather than the secret itself (`TOKEN_TTL`, `PASSWORD_MIN_LENGTH`, `JWT_EXPIRES_IN`) are left alone.

## Why is this bad?

ConfigMaps are meant for non-sensitive settings, and Kubernetes treats them that way.
Many roles can read them (the built-in `view` ClusterRole can read ConfigMaps but not Secrets), they are shown in full by `kubectl describe`, and tools print them freely in logs and dashboards.
Secrets get separate RBAC, can be encrypted at rest in etcd, and are kept out of `describe` output and off the node's disk (they are mounted through tmpfs).

## Example

```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
data:
  LOG_LEVEL: info
  DB_PASSWORD: hunter2
```

## Fix

```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: Secret
metadata:
  name: api-secrets
type: Opaque
stringData:
  DB_PASSWORD: hunter2
```

Move the credential into a Secret (better: create it with `kubectl create secret` or a secret manager rather than committing it) and reference it with `secretRef` or `secretKeyRef`.

## Known problems

The check goes by key names and a few well-known value shapes: a credential stored under an innocent key is missed, and a harmless value under a key like `token` is flagged; suppress it with a reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let Resource::ConfigMap(cm) = &*obj.resource else {
            continue;
        };
        for (key, value) in cm.data.iter().flatten() {
            let message = if let Some(what) = credential_in_value(value) {
                format!("key \"{key}\" holds {what}")
            } else if is_secret_name(key) && is_literal_value(value) {
                format!("key \"{key}\" looks like a credential stored in a ConfigMap")
            } else {
                continue;
            };
            findings.push(
                Finding::new(&CHECK, obj, &format!("data[\"{key}\"]"), message)
                    .help("move the value into a Secret and reference it with secretKeyRef"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ sensitive-configmap-data` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
data:
  LOG_LEVEL: info
  DB_HOST: postgres
  DB_PASSWORD: hunter2
# ^ sensitive-configmap-data
  CACHE_URL: redis://default:s3cr3t@redis:6379/0
# ^ sensitive-configmap-data
  TOKEN_TTL: 1h
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: dont-fire-settings-only
data:
  JWT_EXPIRES_IN: 7d
  PASSWORD_MIN_LENGTH: "12"
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: feastflow-config
data:
  DB_HOST: postgres
  DB_PORT: "5432"
  DB_USER: postgres
  JWT_EXPIRES_IN: 7d
  BACKEND_URL: http://feastflow-backend:5000
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_credential_keys_and_values() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  LOG_LEVEL: info
  JWT_EXPIRES_IN: 7d
  api.key: abc
  DSN: mysql://root:toor@db/app
  TOKEN_TTL: 1h
  CLIENT_SECRET: \"\"
"
            ),
            [
                "9 warning key \"DSN\" holds a URL with an embedded password",
                "8 warning key \"api.key\" looks like a credential stored in a ConfigMap",
            ]
        );
    }
}
