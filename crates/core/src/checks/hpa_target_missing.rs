//! `hpa-target-missing`: scaleTargetRef names no workload in the set.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `hpa-target-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "hpa-target-missing",
    rank: 120,
    category: Category::Correctness,
    scope: Scope::Kind("HorizontalPodAutoscaler"),
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "scaleTargetRef names no workload in the set",
    docs: DOCS,
    aliases: &[
        "kube-score:horizontalpodautoscaler-has-target",
        "kube-linter:dangling-horizontalpodautoscaler",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a HorizontalPodAutoscaler whose `spec.scaleTargetRef` names a kind and name that the loaded manifests do not define in its namespace, or that names nothing.
When a workload of that name exists with another kind, or a close name exists, the message says so.

## Why is this bad?

An autoscaler scales exactly one object, found by `kind` and `name` in the autoscaler's own namespace.
If that object does not exist, the autoscaler reports `FailedGetScale` in its events and never changes anything, while everyone believes the workload scales with load.
A wrong `kind` (a `Deployment` that is really a `StatefulSet`) breaks it just as surely as a wrong name.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: wbe
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 70
```

## Fix

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 70
```

Make `scaleTargetRef.kind` and `scaleTargetRef.name` name the workload exactly, in the autoscaler's namespace.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::HpaTargetMissing,
        Level::Error,
        |p| match &p.suggestion {
            Some(name) => format!("use scaleTargetRef.name `{name}`"),
            None => "point scaleTargetRef at the kind and name of a workload in this namespace"
                .to_owned(),
        },
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ hpa-target-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: wbe
# ^ hpa-target-missing
  minReplicas: 2
  maxReplicas: 10
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web-sts
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: StatefulSet
    name: web
# ^ hpa-target-missing
  minReplicas: 2
  maxReplicas: 10
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: dont-fire-web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
"#;
