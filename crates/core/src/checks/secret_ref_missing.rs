//! `secret-ref-missing`: secret named by env, envFrom, a volume or imagePullSecrets is not in the set (skip optional: true).

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `secret-ref-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "secret-ref-missing",
    rank: 240,
    category: Category::Correctness,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "secret named by env, envFrom, a volume or imagePullSecrets is not in the set (skip optional: true)",
    docs: DOCS,
    aliases: &["kube-linter:env-value-from"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a pod (or pod template) that uses a Secret the loaded manifests do not define in its namespace, through `envFrom[].secretRef`, `env[].valueFrom.secretKeyRef`, a `secret` volume, a `projected` volume source or `imagePullSecrets`.
References marked `optional: true` are skipped.
The message says "not found in the loaded manifests": Secrets are often kept out of version control on purpose and created another way (`kubectl create secret`, Sealed Secrets, the External Secrets Operator).

## Why is this bad?

A pod can only use Secrets of its own namespace, and it needs them before its containers start.
A missing Secret leaves the pod in `CreateContainerConfigError` for environment variables, or in `ContainerCreating` with `FailedMount` events for volumes.
A missing image pull Secret makes pulls from a private registry fail with `ErrImagePull` and then `ImagePullBackOff`.

## Example

```yaml
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
type: Opaque
stringData:
  password: change-me
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

Create the Secret in the pod's namespace before the pod (keeping its values out of Git), fix the name, or mark the reference `optional: true`.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(&CHECK, ProblemCode::SecretRefMissing, Level::Warning, |p| match &p.suggestion {
        Some(name) => format!("use Secret `{name}`, or create the one named here"),
        None => "create the Secret in this namespace before the pods start, or mark the reference optional: true".to_owned(),
    })
}

/// The fixture that must fire exactly on the lines marked `# ^ secret-ref-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  imagePullSecrets:
  - name: registry
# ^ secret-ref-missing
  containers:
  - name: api
    image: registry.example.com/api:2.1
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db-credentials
# ^ secret-ref-missing
          key: password
    - name: SENTRY_DSN
      valueFrom:
        secretKeyRef:
          name: sentry
          key: dsn
          optional: true
    volumeMounts:
    - name: tls
      mountPath: /etc/tls
  volumes:
  - name: tls
    secret:
      secretName: api-tls
# ^ secret-ref-missing
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-worker
spec:
  containers:
  - name: worker
    image: example/worker:2.1
    envFrom:
    - secretRef:
        name: worker-env
---
apiVersion: v1
kind: Secret
metadata:
  name: worker-env
type: Opaque
stringData:
  TOKEN: change-me
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
type: Opaque
stringData:
  password: change-me
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
"#;
