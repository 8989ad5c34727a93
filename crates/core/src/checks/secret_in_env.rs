//! `secret-in-env`: secret delivered as an environment variable rather than a file.

use super::support::containers::describe;

use super::support::pods::pods;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `secret-in-env` check.
pub(crate) static CHECK: Check = Check {
    id: "secret-in-env",
    rank: 990,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "secret delivered as an environment variable rather than a file",
    docs: DOCS,
    aliases: &["kube-linter:read-secret-from-env-var", "checkov:CKV_K8S_35"],
    run,
};

const DOCS: &str = r#"## What it does

Flags every environment variable filled from a Secret (`env[].valueFrom.secretKeyRef`) and every `envFrom[].secretRef`, in all containers, init containers included.

## Why is this bad?

Environment variables leak more easily than files.
They are inherited by every child process, printed by crash reporters, debug pages and `env` in support sessions, and visible in `/proc/<pid>/environ` to anything that can inspect the process.
They are also fixed when the container starts: a rotated Secret reaches the app only after a restart.
A Secret mounted as a volume is a file readable only by the container, with permissions you choose, and the kubelet updates it in place when the Secret changes.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:3.1
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db
          key: password
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:3.1
    env:
    - name: DB_PASSWORD_FILE
      value: /etc/secrets/db/password
    volumeMounts:
    - name: db
      mountPath: /etc/secrets/db
      readOnly: true
  volumes:
  - name: db
    secret:
      secretName: db
      defaultMode: 0400
```

Mount the Secret as a read-only volume and have the app read the file (many images accept a `*_FILE` variable for this).

## Known problems

Many off-the-shelf images only read credentials from environment variables; there this finding is advice for the long term, not something to fix today.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let help = "mount the Secret as a read-only volume and read it from a file";
    let mut findings = Vec::new();
    for pod in pods(ctx) {
        for c in &pod.containers {
            for (i, var) in c.container.env.iter().flatten().enumerate() {
                let Some(secret) = var
                    .value_from
                    .as_ref()
                    .and_then(|v| v.secret_key_ref.as_ref())
                else {
                    continue;
                };
                findings.push(
                    Finding::new(
                        &CHECK,
                        pod.obj,
                        &format!("{}.env[{i}].valueFrom.secretKeyRef", c.path),
                        format!(
                            "{} reads key \"{}\" of secret \"{}\" into env var {}",
                            describe(c),
                            secret.key,
                            secret.name,
                            var.name
                        ),
                    )
                    .container(&c.container.name)
                    .help(help),
                );
            }
            for (i, source) in c.container.env_from.iter().flatten().enumerate() {
                let Some(secret) = &source.secret_ref else {
                    continue;
                };
                findings.push(
                    Finding::new(
                        &CHECK,
                        pod.obj,
                        &format!("{}.envFrom[{i}].secretRef", c.path),
                        format!(
                            "{} loads every key of secret \"{}\" as env vars",
                            describe(c),
                            secret.name
                        ),
                    )
                    .container(&c.container.name)
                    .help(help),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ secret-in-env` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
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
        image: example/api:3.1
        env:
        - name: LOG_LEVEL
          value: info
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
# ^ secret-in-env
              name: db
              key: password
        envFrom:
        - secretRef:
# ^ secret-in-env
            name: api-keys
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-config-only
spec:
  containers:
  - name: app
    image: example/app:1.0
    envFrom:
    - configMapRef:
        name: app-config
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
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
        image: example/api:3.1
        env:
        - name: DB_PASSWORD_FILE
          value: /etc/secrets/db/password
        volumeMounts:
        - name: db
          mountPath: /etc/secrets/db
          readOnly: true
      volumes:
      - name: db
        secret:
          secretName: db
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_secret_key_refs_and_env_from() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: api
    image: a
    env:
    - name: PLAIN
      value: x
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db
          key: password
    - name: LEVEL
      valueFrom:
        configMapKeyRef:
          name: cfg
          key: level
    envFrom:
    - configMapRef:
        name: cfg
    - secretRef:
        name: api-keys
"
            ),
            [
                "14 info container \"api\" reads key \"password\" of secret \"db\" into env var DB_PASSWORD",
                "25 info container \"api\" loads every key of secret \"api-keys\" as env vars",
            ]
        );
    }
}
