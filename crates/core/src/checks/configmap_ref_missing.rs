//! `configmap-ref-missing`: configmap named by configMapKeyRef, envFrom or a volume is not in the set (skip optional: true).

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `configmap-ref-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "configmap-ref-missing",
    rank: 220,
    category: Category::Correctness,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "configmap named by configMapKeyRef, envFrom or a volume is not in the set (skip optional: true)",
    docs: DOCS,
    aliases: &["kube-linter:env-value-from"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a pod (or pod template) that reads a ConfigMap the loaded manifests do not define in its namespace, through `envFrom[].configMapRef`, `env[].valueFrom.configMapKeyRef`, a `configMap` volume or a `projected` volume source.
References marked `optional: true` are skipped, and so is `kube-root-ca.crt`, which Kubernetes creates in every namespace.
The message says "not found in the loaded manifests": the ConfigMap may well be created elsewhere (another folder, a Helm chart, `kubectl create configmap`).

## Why is this bad?

A ConfigMap holds configuration outside the image, and a pod can only read ConfigMaps of its own namespace.
If the ConfigMap does not exist when the pod starts, the kubelet cannot build the container: environment references leave the pod in `CreateContainerConfigError` (`configmap "api-config" not found`), and volumes leave it in `ContainerCreating` with `FailedMount` events.
For a Deployment, the rollout stalls on its first new pod.

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
      containers:
      - name: api
        image: example/api:2.1
        envFrom:
        - configMapRef:
            name: api-config
```

## Fix

```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
data:
  LOG_LEVEL: info
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
      containers:
      - name: api
        image: example/api:2.1
        envFrom:
        - configMapRef:
            name: api-config
```

Define the ConfigMap in the pod's namespace (or load the file that does), fix the name, or mark the reference `optional: true`.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::ConfigmapRefMissing,
        Level::Warning,
        |p| match &p.suggestion {
            Some(name) => format!("use ConfigMap `{name}`, or define the one named here"),
            None => "define the ConfigMap in this namespace, or mark the reference optional: true"
                .to_owned(),
        },
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ configmap-ref-missing` under them; objects named
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
        image: example/api:2.1
        envFrom:
        - configMapRef:
            name: api-config
# ^ configmap-ref-missing
        - configMapRef:
            name: feature-flags
            optional: true
        env:
        - name: LOG_LEVEL
          valueFrom:
            configMapKeyRef:
              name: shared-config
              key: LOG_LEVEL
        volumeMounts:
        - name: nginx
          mountPath: /etc/nginx/conf.d
        - name: ca
          mountPath: /etc/ca
      volumes:
      - name: nginx
        configMap:
          name: nginx-conf
# ^ configmap-ref-missing
      - name: ca
        configMap:
          name: kube-root-ca.crt
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: shared-config
data:
  LOG_LEVEL: info
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
data:
  LOG_LEVEL: info
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
      containers:
      - name: api
        image: example/api:2.1
        envFrom:
        - configMapRef:
            name: api-config
        - configMapRef:
            name: feature-flags
            optional: true
"#;
