//! `hardcoded-secret-env`: env var with a secret-like name (password/token/secret) has a literal value.

use super::support::containers::describe;

use super::support::secrets::{credential_in_value, is_literal_value, is_secret_name};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `hardcoded-secret-env` check.
pub(crate) static CHECK: Check = Check {
    id: "hardcoded-secret-env",
    rank: 1000,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "env var with a secret-like name (password/token/secret) has a literal value",
    docs: DOCS,
    aliases: &[
        "kube-linter:env-var-secret",
        "polaris:sensitiveContainerEnvVar",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags environment variables whose name says they hold a credential (`DB_PASSWORD`, `API_KEY`, `GITHUB_TOKEN`, `CLIENT_SECRET`…) but whose value is written right there in the manifest with `value:`.
It also flags any `value:` that itself looks like a credential: a private key, a URL with a password in it (`postgres://app:pa55@db/app`), an AWS access key id or a GitHub token.
Names that are about a secret rather than the secret itself (`DB_PASSWORD_FILE`, `TOKEN_TTL`, `AWS_ACCESS_KEY_ID`) are left alone, as are empty values and `$(OTHER_VAR)` references.

## Why is this bad?

A literal `value:` is part of the Deployment, so the password is stored in plain text in Git, in CI logs, in `kubectl get deployment -o yaml` output, and in the cluster's etcd as part of an object many people may read.
Anyone who can read Deployments can read the password; RBAC on Secrets does not protect it.
Rotating it means editing and redeploying the workload.
A Secret keeps the value out of the workload: reading it needs permission on Secrets, and it can be created from the command line or by a secret manager instead of living in the manifest.

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
      value: hunter2
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
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db
          key: password
```

Move the value into a Secret (`kubectl create secret generic db --from-literal=password=...`) and read it with `valueFrom.secretKeyRef`.

## Known problems

The check goes by names and a few well-known value shapes, so it can miss a credential with an innocent name, and it can flag a harmless value such as a public token used in a demo; suppress such a finding with a reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        for c in obj.containers() {
            for (i, var) in c.container.env.iter().flatten().enumerate() {
                let Some(value) = var.value.as_deref() else {
                    continue;
                };
                let path = format!("{}.env[{i}].value", c.path);
                let message = if let Some(what) = credential_in_value(value) {
                    format!(
                        "{} sets env var \"{}\" to {what} written in the manifest",
                        describe(&c),
                        var.name
                    )
                } else if is_secret_name(&var.name) && is_literal_value(value) {
                    format!(
                        "{} sets env var \"{}\" to a literal value; read it from a Secret",
                        describe(&c),
                        var.name
                    )
                } else {
                    continue;
                };
                findings.push(
                    Finding::new(&CHECK, obj, &path, message)
                        .container(&c.container.name)
                        .help("store the value in a Secret and use valueFrom.secretKeyRef"),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ hardcoded-secret-env` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
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
        - name: DB_PASSWORD
          value: hunter2
# ^ hardcoded-secret-env
        - name: DATABASE_URL
          value: postgres://api:pa55w0rd@db:5432/api
# ^ hardcoded-secret-env
        - name: DB_PASSWORD_FILE
          value: /run/secrets/db/password
        - name: LOG_LEVEL
          value: info
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-secret-from-secret
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
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
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
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: db
              key: password
        - name: TOKEN_TTL
          value: 1h
        envFrom:
        - secretRef:
            name: api-secrets
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[track_caller]
    fn check(yaml: &str, expected: &[&str]) {
        assert_eq!(findings(&CHECK, yaml), expected);
    }

    #[test]
    fn flags_literal_secrets_but_not_references() {
        check(
            "apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      initContainers:
      - name: migrate
        image: a
        env:
        - name: apiKey
          value: abc123
      containers:
      - name: api
        image: a
        env:
        - name: DB_PASSWORD
          value: hunter2
        - name: DB_PASSWORD_FILE
          value: /run/secrets/db
        - name: TOKEN
          valueFrom:
            secretKeyRef: {name: t, key: token}
        - name: DATABASE_URL
          value: postgres://app:pa55@db:5432/app
        - name: GITHUB_TOKEN
          value: $(TOKEN)
        - name: LOG_LEVEL
          value: info
",
            &[
                "15 error init container \"migrate\" sets env var \"apiKey\" to a literal value; read it from a Secret",
                "21 error container \"api\" sets env var \"DB_PASSWORD\" to a literal value; read it from a Secret",
                "28 error container \"api\" sets env var \"DATABASE_URL\" to a URL with an embedded password written in the manifest",
            ],
        );
    }

    #[test]
    fn never_prints_the_secret() {
        let out = findings(
            &CHECK,
            "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: a
    env:
    - {name: SECRET, value: hunter2}
",
        );
        assert_eq!(out.len(), 1);
        assert!(!out[0].contains("hunter2"), "{}", out[0]);
    }
}
