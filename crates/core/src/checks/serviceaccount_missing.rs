//! `serviceaccount-missing`: serviceAccountName not defined in the set.

use super::{Category, Check, Context, Finding, Level};
use crate::graph::ProblemCode;

/// The `serviceaccount-missing` check.
pub static CHECK: Check = Check {
    id: "serviceaccount-missing",
    category: Category::Correctness,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "serviceAccountName not defined in the set",
    docs: DOCS,
    aliases: &["kube-linter:non-existent-service-account"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a pod (or pod template) whose `serviceAccountName` (or the deprecated `serviceAccount`) names a ServiceAccount the loaded manifests do not define in its namespace.
The `default` ServiceAccount is skipped: Kubernetes creates it in every namespace.

## Why is this bad?

A ServiceAccount is the identity a pod uses to talk to the Kubernetes API, and RBAC bindings grant permissions to it.
The API server refuses to create a pod whose ServiceAccount does not exist.
For a Deployment, the ReplicaSet records `FailedCreate: error looking up service account shop/api: serviceaccount "api" not found` and no pod ever appears, which is easy to miss because the Deployment itself applied fine.

## Example

```yaml
apiVersion: apps/v1
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
      serviceAccountName: api
      containers:
      - name: api
        image: example/api:2.1
```

## Fix

```yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
---
apiVersion: apps/v1
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
      serviceAccountName: api
      containers:
      - name: api
        image: example/api:2.1
```

Define the ServiceAccount in the pod's namespace (and apply it first), or fix the name.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::ServiceaccountMissing,
        Level::Warning,
        |p| match &p.suggestion {
            Some(name) => format!("use ServiceAccount `{name}`, or define the one named here"),
            None => "define the ServiceAccount in this namespace before the workload".to_owned(),
        },
    )
}
