//! `secret-key-missing`: referenced key absent from the Secret's data/stringData.

use super::support::key_refs::{RefKind, missing_key_findings};
use super::{Category, Check, Context, Finding, Level};
use crate::model::Resource;

/// The `secret-key-missing` check.
pub static CHECK: Check = Check {
    id: "secret-key-missing",
    category: Category::Correctness,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "referenced key absent from the Secret's data/stringData",
    docs: DOCS,
    aliases: &["kube-linter:env-value-from"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a key that a pod reads from a Secret when that Secret is in the manifests but has no such key in `data` or `stringData`.
It looks at `env[].valueFrom.secretKeyRef.key`, and at `items[].key` of `secret` volumes and projected volumes.
References marked `optional: true` are skipped, and so are ServiceAccount token Secrets (the control plane fills in their keys) and Secrets that are not in the manifests (they are often created by another tool; `secret-ref-missing` reports those).

## Why is this bad?

A Secret holds named values, and a pod picks single values out of it by key.
When the key does not exist, the kubelet cannot start the container: the pod stays in `CreateContainerConfigError` with `couldn't find key password in Secret default/db-credentials`, and a Deployment's rollout stalls on its first new pod.
For a volume item, the pod stays in `ContainerCreating` because the volume cannot be mounted.
`stringData` is only a write-time convenience: its keys end up in `data`, so both count.

## Example

```yaml
apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
stringData:
  username: app
  DB_PASSWORD: change-me
---
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db-credentials
          key: password
```

## Fix

```yaml
apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
stringData:
  username: app
  DB_PASSWORD: change-me
---
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db-credentials
          key: DB_PASSWORD
```

Reference a key the Secret has, or add the key to the Secret (or mark the reference `optional: true` if the application copes without it).
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    fn keys_of(resource: &Resource) -> Option<Vec<&str>> {
        match resource {
            // The token controller fills these in after creation.
            Resource::Secret(secret)
                if secret.type_.as_deref() != Some("kubernetes.io/service-account-token") =>
            {
                Some(
                    secret
                        .data
                        .iter()
                        .flatten()
                        .map(|(k, _)| k.as_str())
                        .chain(secret.string_data.iter().flatten().map(|(k, _)| k.as_str()))
                        .collect(),
                )
            }
            _ => None,
        }
    }
    missing_key_findings(ctx, &CHECK, RefKind::Secret, keys_of, "it")
}
