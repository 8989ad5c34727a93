//! `hpa-target-sets-replicas`: HPA-managed Deployment also sets spec.replicas (re-apply resets the scale).

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `hpa-target-sets-replicas` check.
pub(crate) static CHECK: Check = Check {
    id: "hpa-target-sets-replicas",
    rank: 130,
    category: Category::Correctness,
    scope: Scope::Replicated,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "an HPA-managed Deployment also sets spec.replicas (re-apply resets the scale)",
    docs: DOCS,
    aliases: &["kube-score:deployment-targeted-by-hpa-does-not-have-replicas-configured"],
    run,
};

const DOCS: &str = r#"## What it does

Flags `spec.replicas` on a Deployment, ReplicaSet, StatefulSet, ReplicationController or DeploymentConfig that a HorizontalPodAutoscaler (HPA) in the manifests scales.

## Why is this bad?

Once an HPA targets a workload, the HPA owns its replica count: it writes `spec.replicas` itself, up and down between `minReplicas` and `maxReplicas`.
If the manifest also sets `spec.replicas`, every `kubectl apply` of that manifest writes the number back.
Picture the HPA running 12 pods during a traffic peak and a routine deploy setting `replicas: 3`: nine pods are terminated at once, and the HPA needs several minutes to scale back up.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
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
  minReplicas: 3
  maxReplicas: 12
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
  minReplicas: 3
  maxReplicas: 12
```

Delete `spec.replicas` from the workload and let the HPA's `minReplicas` set the floor.

## Known problems

Removing `spec.replicas` from a workload that already runs, with `kubectl apply`, makes the API server reset it to the default of 1 once; the HPA then scales it back up.
Edit the live object once (`kubectl apply edit-last-applied`) to avoid that dip.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for hpa_obj in ctx.model.of_kind("HorizontalPodAutoscaler") {
        let Some(workload) = ctx.model.hpa_target(hpa_obj) else {
            continue;
        };
        let Some(replicas) = workload.written_replicas() else {
            continue;
        };
        findings.push(
            Finding::new(
                &CHECK,
                workload,
                "spec.replicas",
                format!(
                    "spec.replicas {replicas} is managed by {}; every apply resets the scale to {replicas}",
                    hpa_obj.id
                ),
            )
            .help("delete spec.replicas and let the HPA's minReplicas set the floor"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ hpa-target-sets-replicas` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
# ^ hpa-target-sets-replicas
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
        resources:
          requests:
            cpu: 250m
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
  minReplicas: 3
  maxReplicas: 12
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 70
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-not-autoscaled
spec:
  replicas: 2
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: worker
        image: example/worker:2.0
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
        resources:
          requests:
            cpu: 250m
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
  minReplicas: 3
  maxReplicas: 12
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 70
"#;
