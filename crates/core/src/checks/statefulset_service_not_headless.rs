//! `statefulset-service-not-headless`: a StatefulSet's governing Service exists but is not
//! headless.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `statefulset-service-not-headless` check.
pub(crate) static CHECK: Check = Check {
    id: "statefulset-service-not-headless",
    rank: 330,
    category: Category::Correctness,
    scope: Scope::Kind("StatefulSet"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "serviceName names a Service that is not headless (clusterIP: None)",
    docs: DOCS,
    aliases: &["manifesto:statefulset-service-missing"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a StatefulSet whose `spec.serviceName` names a Service of the manifests that is not headless: it has no `clusterIP: None`.

## Why is this bad?

A StatefulSet's pods get stable DNS names, `db-0.<serviceName>.<namespace>.svc.cluster.local`, from their *governing* Service, and only a headless Service publishes them.
With a normal Service, DNS returns one virtual IP and the per-pod names do not resolve, so clustered software that finds its peers by name (PostgreSQL replicas, Cassandra, ZooKeeper, Kafka) cannot form a cluster.
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
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  selector:
    app: db
  ports:
  - port: 5432
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

Make the governing Service headless with `clusterIP: None` (clusterIP cannot change on a live Service: recreate it), and keep a second, normal Service for clients if they need one virtual IP.

This check used to be part of `statefulset-service-missing`; that id still silences and disables it.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::StatefulsetServiceNotHeadless,
        Level::Warning,
        |_| {
            "set clusterIP: None on the governing Service (clusterIP cannot change: recreate it)"
                .to_owned()
        },
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ statefulset-service-not-headless` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
spec:
  serviceName: cache
# ^ statefulset-service-not-headless
  replicas: 3
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
      containers:
      - name: cache
        image: postgres:16
        ports:
        - containerPort: 5432
---
apiVersion: v1
kind: Service
metadata:
  name: cache
spec:
  selector:
    app: cache
  ports:
  - port: 5432
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

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn a_normal_service_is_flagged_a_missing_one_is_left_to_the_other_check() {
        let sts = |svc: &str| {
            format!(
                "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {{name: db}}\nspec:\n  serviceName: {svc}\n  selector: {{matchLabels: {{app: db}}}}\n  template:\n    metadata: {{labels: {{app: db}}}}\n    spec: {{containers: [{{name: db, image: postgres:16}}]}}\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: db}}\nspec: {{selector: {{app: db}}, ports: [{{port: 5432}}]}}\n"
            )
        };
        let found = findings(&CHECK, &sts("db"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("not headless"), "{found:?}");
        assert!(findings(&CHECK, &sts("other")).is_empty());
    }
}
