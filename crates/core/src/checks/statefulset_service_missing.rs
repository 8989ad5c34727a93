//! `statefulset-service-missing`: serviceName names no headless Service.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `statefulset-service-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "statefulset-service-missing",
    rank: 320,
    category: Category::Correctness,
    scope: Scope::Kind("StatefulSet"),
    severity: Level::Error,
    also: &[Level::Warning],
    enabled_by_default: true,
    summary: "serviceName names a Service that is not in the manifests",
    docs: DOCS,
    aliases: &["kube-score:statefulset-has-servicename"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a StatefulSet whose `spec.serviceName` names a Service the loaded manifests do not define in its namespace.
A Service that exists but is not headless is `statefulset-service-not-headless`.

## Why is this bad?

A StatefulSet gives each pod a stable identity: `db-0`, `db-1`, … and a DNS name for each, `db-0.<serviceName>.<namespace>.svc.cluster.local`.
Those per-pod names come from the *governing* Service named in `serviceName`, which must be headless (`clusterIP: None`), so that DNS returns the pods themselves instead of one virtual IP.
Without it the names do not resolve, and clustered software that finds its peers by them (PostgreSQL replicas, Cassandra, ZooKeeper, Kafka) cannot form a cluster.
The StatefulSet is accepted anyway, so the problem only shows up at run time.

## Example

```yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: postgres:16
        ports:
        - containerPort: 5432
```

## Fix

```yaml
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - port: 5432
```

Add a headless Service (`clusterIP: None`) named like `spec.serviceName`, selecting the StatefulSet's pods.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::StatefulsetServiceMissing,
        Level::Warning,
        |p| match (&p.suggestion, p.definite) {
            (Some(name), _) => format!("use serviceName `{name}`, or add the Service named here"),
            (None, true) => {
                "add a headless Service (clusterIP: None) with this name that selects the pods"
                    .to_owned()
            }
            (None, false) => {
                "add the headless Service named here, or check that it is created elsewhere"
                    .to_owned()
            }
        },
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ statefulset-service-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
# ^ statefulset-service-missing
  replicas: 3
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: postgres:16
        ports:
        - containerPort: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: dont-fire-queue
spec:
  serviceName: dont-fire-queue
  replicas: 3
  selector:
    matchLabels:
      app: dont-fire-queue
  template:
    metadata:
      labels:
        app: dont-fire-queue
    spec:
      containers:
      - name: dont-fire-queue
        image: postgres:16
        ports:
        - containerPort: 5432
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-queue
spec:
  clusterIP: None
  selector:
    app: dont-fire-queue
  ports:
  - port: 5432
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: postgres:16
        ports:
        - containerPort: 5432
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - port: 5432
"#;
