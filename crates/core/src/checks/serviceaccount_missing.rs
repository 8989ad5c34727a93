//! `serviceaccount-missing`: serviceAccountName not defined in the set.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `serviceaccount-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "serviceaccount-missing",
    rank: 300,
    category: Category::Correctness,
    scope: Scope::PodSpec,
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

/// The fixture that must fire exactly on the lines marked `# ^ serviceaccount-missing` under them; objects named
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
      serviceAccountName: api
# ^ serviceaccount-missing
      containers:
      - name: api
        image: example/api:2.1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-default
spec:
  selector:
    matchLabels:
      app: dont-fire-default
  template:
    metadata:
      labels:
        app: dont-fire-default
    spec:
      serviceAccountName: default
      containers:
      - name: dont-fire-default
        image: example/dont-fire-default:2.1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-worker
spec:
  selector:
    matchLabels:
      app: dont-fire-worker
  template:
    metadata:
      labels:
        app: dont-fire-worker
    spec:
      serviceAccountName: worker
      containers:
      - name: dont-fire-worker
        image: example/dont-fire-worker:2.1
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: worker
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
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
"#;
