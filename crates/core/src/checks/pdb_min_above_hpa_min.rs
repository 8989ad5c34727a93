//! `pdb-min-above-hpa-min`: PDB minAvailable > HPA minReplicas.

use super::support::pdb::{pdb_spec, pdb_targets, scaled, show_int_or_string};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `pdb-min-above-hpa-min` check.
pub(crate) static CHECK: Check = Check {
    id: "pdb-min-above-hpa-min",
    rank: 190,
    category: Category::Reliability,
    scope: Scope::Kind("PodDisruptionBudget"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "a PDB's minAvailable is not below the HPA's minReplicas",
    docs: DOCS,
    aliases: &["polaris:pdbMinAvailableGreaterThanHPAMinReplicas"],
    run,
};

const DOCS: &str = r#"## What it does

For a PodDisruptionBudget (PDB) with `minAvailable`, it finds the workloads the PDB selects that a HorizontalPodAutoscaler (HPA) scales, and flags the PDB when `minAvailable` is not below the HPA's `minReplicas` (1 when unset).
Percentages are rounded up, as the disruption controller does.

## Why is this bad?

The HPA is free to scale the workload down to `minReplicas` whenever load is low, typically at night, exactly when node maintenance runs.
At that size a PDB that demands `minAvailable` pods up (with `minAvailable` ≥ `minReplicas`) allows zero evictions.
`kubectl drain` then waits forever for that workload, and the cluster autoscaler cannot remove the node.
Nothing looks wrong during the day, when the HPA runs more replicas.
(Polaris flags only `minAvailable` strictly above `minReplicas`; equal values block drains too, so this check flags them as well.)

## Example

```yaml
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
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: web
---
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
        resources:
          requests:
            cpu: 250m
```

## Fix

```yaml
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
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
---
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
        resources:
          requests:
            cpu: 250m
```

Use `maxUnavailable: 1`, which scales with the workload, or raise the HPA's `minReplicas` above `minAvailable`.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pdb in ctx.model.of_kind("PodDisruptionBudget") {
        let Some(min) = pdb_spec(pdb).and_then(|s| s.min_available.as_ref()) else {
            continue;
        };
        let blocked = pdb_targets(ctx.model, pdb).into_iter().find_map(|w| {
            let (hpa, spec) = ctx.model.hpa_for(w)?;
            let floor = spec.min_replicas.unwrap_or(1);
            let needed = scaled(min, floor)?;
            (floor > 0 && needed >= floor).then_some((w, hpa, floor))
        });
        let Some((workload, hpa, floor)) = blocked else {
            continue;
        };
        findings.push(
            Finding::new(
                &CHECK,
                pdb,
                "spec.minAvailable",
                format!(
                    "minAvailable {} is not below minReplicas {floor} of {}; when it scales {} down, no pod can be evicted",
                    show_int_or_string(min),
                    hpa.id,
                    workload.id
                ),
            )
            .help(format!("use maxUnavailable: 1, or raise the HPA's minReplicas above {}", show_int_or_string(min))),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ pdb-min-above-hpa-min` under them; objects named
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
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 70
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 3
# ^ pdb-min-above-hpa-min
  selector:
    matchLabels:
      app: web
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: dont-fire-no-hpa
spec:
  minAvailable: 3
  selector:
    matchLabels:
      app: batch
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
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 70
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: web
"#;
