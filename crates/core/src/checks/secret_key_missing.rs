//! `secret-key-missing`: referenced key absent from the Secret's data/stringData.

use super::support::key_refs::{RefKind, missing_key_findings};
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `secret-key-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "secret-key-missing",
    rank: 250,
    category: Category::Correctness,
    scope: Scope::PodSpec,
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

/// The fixture that must fire exactly on the lines marked `# ^ secret-key-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
type: Opaque
stringData:
  username: app
data:
  DB_PASSWORD: Y2hhbmdlLW1l
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: example/api:2.1
        env:
        - name: DB_USER
          valueFrom:
            secretKeyRef:
              name: db-credentials
              key: username
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: db-credentials
              key: password
# ^ secret-key-missing
        - name: API_TOKEN
          valueFrom:
            secretKeyRef:
              name: created-by-vault
              key: token
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-optional
spec:
  containers:
  - name: api
    image: example/api:2.1
    env:
    - name: DB_PASSWORD_OLD
      valueFrom:
        secretKeyRef:
          name: db-credentials
          key: password
          optional: true
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
type: Opaque
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
    volumeMounts:
    - name: creds
      mountPath: /etc/creds
      readOnly: true
  volumes:
  - name: creds
    secret:
      secretName: db-credentials
      items:
      - key: username
        path: user
"#;
