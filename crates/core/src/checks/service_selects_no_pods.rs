//! `service-selects-no-pods`: service selector matches no pod template in its namespace (skip ExternalName).

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `service-selects-no-pods` check.
pub(crate) static CHECK: Check = Check {
    id: "service-selects-no-pods",
    rank: 20,
    category: Category::Correctness,
    scope: Scope::Kind("Service"),
    severity: Level::Error,
    also: &[Level::Warning, Level::Info],
    enabled_by_default: true,
    summary: "service selector matches no pod template in its namespace (skip ExternalName)",
    docs: DOCS,
    aliases: &[
        "kube-score:service-targets-pod",
        "kube-linter:dangling-service",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a Service whose `spec.selector` matches no pod in its namespace: no pod template of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob, and no bare Pod.
When one of the selector's labels is a typo away from a label the pods carry, the message says which (``did you mean `app=web`?``).
ExternalName Services and Services without a selector are skipped.

## Why is this bad?

A Service does not point at a Deployment by name: it finds its pods by label.
Kubernetes keeps a list of endpoints for the Service: every ready pod of the Service's namespace whose labels contain all of the selector's `key: value` pairs.
If no pod matches, the list stays empty, connections to the Service are refused or time out, and an Ingress in front of it answers `503 Service Unavailable`.
Nothing fails when you apply the manifests, so a one-letter typo can hide until someone calls the Service.
The selector only looks in the Service's own namespace, so pods of the same name elsewhere do not count.

## Known problems

When the loaded manifests run no pod at all in the Service's namespace, the pods may be defined in files that were not loaded; the finding is then a warning.

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
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: wbe
  ports:
  - port: 80
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
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
```

Make every `key: value` of `spec.selector` appear in the pod template's `metadata.labels`.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::ServiceSelectsNoPods,
        Level::Warning,
        |p| match &p.suggestion {
            Some(label) => format!("change the selector to `{label}`, the label the pods carry"),
            None => {
                "make spec.selector match the labels of the pod template it should reach".to_owned()
            }
        },
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ service-selects-no-pods` under them; objects named
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
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
# ^ service-selects-no-pods
    app: wbe
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-web
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-no-selector
spec:
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-alias
spec:
  type: ExternalName
  externalName: db.example.com
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
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
---
# A kube-prometheus style monitoring stack: the operator creates the pods of Prometheus k8s and
# Alertmanager main, and the Services select them by the labels the operator puts on them.
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata:
  name: k8s
  namespace: monitoring
spec:
  replicas: 2
  podMetadata:
    labels:
      app.kubernetes.io/component: prometheus
      app.kubernetes.io/part-of: kube-prometheus
  serviceAccountName: prometheus-k8s
---
apiVersion: v1
kind: Service
metadata:
  name: prometheus-k8s
  namespace: monitoring
spec:
  selector:
    app.kubernetes.io/component: prometheus
    app.kubernetes.io/name: prometheus
    app.kubernetes.io/part-of: kube-prometheus
  ports:
  - name: web
    port: 9090
    targetPort: web
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata:
  name: main
  namespace: monitoring
spec:
  replicas: 3
---
apiVersion: v1
kind: Service
metadata:
  name: alertmanager-main
  namespace: monitoring
spec:
  selector:
    alertmanager: main
    app.kubernetes.io/name: alertmanager
  ports:
  - name: web
    port: 9093
    targetPort: web
---
apiVersion: monitoring.coreos.com/v1
kind: ThanosRuler
metadata:
  name: rules
  namespace: monitoring
spec:
  queryEndpoints:
  - dnssrv+_http._tcp.thanos-query.monitoring.svc.cluster.local
---
apiVersion: v1
kind: Service
metadata:
  name: thanos-ruler
  namespace: monitoring
spec:
  selector:
    thanos-ruler: rules
  ports:
  - name: grpc
    port: 10901
    targetPort: grpc
"#;
