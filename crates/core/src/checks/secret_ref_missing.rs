//! `secret-ref-missing`: secret named by env, envFrom, a volume or imagePullSecrets is not in the set (skip optional: true).

use super::{Category, Check, Context, Finding, Level};
use crate::graph::ProblemCode;

/// The `secret-ref-missing` check.
pub static CHECK: Check = Check {
    id: "secret-ref-missing",
    category: Category::Correctness,
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
