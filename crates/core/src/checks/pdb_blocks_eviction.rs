//! `pdb-blocks-eviction`: maxUnavailable 0/0%, or minAvailable 100% or ≥ replicas, so node drains hang.

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::support::pdb::{pdb_spec, pdb_targets, scaled, show_int_or_string};
use super::support::refused_counts;
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::{Object, Resource};

/// The `pdb-blocks-eviction` check.
pub(crate) static CHECK: Check = Check {
    id: "pdb-blocks-eviction",
    rank: 180,
    category: Category::Reliability,
    scope: Scope::Kind("PodDisruptionBudget"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "maxUnavailable 0/0%, or minAvailable 100% or ≥ replicas, so node drains hang",
    docs: DOCS,
    aliases: &[
        "kube-linter:pdb-max-unavailable",
        "kube-linter:pdb-min-available",
        "polaris:pdbDisruptionsIsZero",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a PodDisruptionBudget (PDB) that can never allow a voluntary eviction:

- `maxUnavailable: 0` or `"0%"`;
- `minAvailable: "100%"`;
- a `minAvailable` that is at least the replica count of a workload it selects (for example `minAvailable: 2` on a 2-replica Deployment; a Deployment without `spec.replicas` runs 1).

Workloads scaled by a HorizontalPodAutoscaler are left to `pdb-min-above-hpa-min`.

## Why is this bad?

Before node maintenance, `kubectl drain` evicts every pod on the node, and the eviction API grants an eviction only while the PDB still allows one more disruption.
With a budget of zero disruptions, the API refuses every time (`Cannot evict pod as it would violate the pod's disruption budget`), so the drain retries forever.
Cluster upgrades and autoscaler scale-downs stall, and operators end up deleting the PDB by hand, which removes the protection at the worst moment.
A PDB should say "keep *enough* pods up", never "keep *all* pods up".

## Example

```yaml
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
  replicas: 2
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
```

## Fix

```yaml
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
  replicas: 2
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
```

Use `maxUnavailable: 1`, or keep `minAvailable` below the replica count (run at least 2 replicas of anything that needs a PDB).

## Known problems

A single-instance database sometimes uses a blocking PDB on purpose, so that a human must move it; suppress the check on it with that reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pdb in ctx.model.of_kind("PodDisruptionBudget") {
        let Some(spec) = pdb_spec(pdb) else { continue };
        // Values the API server refuses: negative, not a percentage, or over 100%.
        let refused = refused_counts(
            &CHECK,
            pdb,
            "PodDisruptionBudget",
            &[
                ("spec.minAvailable", spec.min_available.as_ref(), true),
                ("spec.maxUnavailable", spec.max_unavailable.as_ref(), true),
            ],
            "use a count of 0 or more, or a percentage from 0% to 100%",
        );
        if !refused.is_empty() {
            findings.extend(refused);
            continue;
        }
        if let Some(max) = &spec.max_unavailable {
            if matches!(max, IntOrString::Int(0))
                || matches!(max, IntOrString::String(s) if s.trim() == "0%")
            {
                findings.push(
                    Finding::new(
                        &CHECK,
                        pdb,
                        "spec.maxUnavailable",
                        format!(
                            "maxUnavailable {} allows no pod to be evicted, so node drains hang",
                            show_int_or_string(max)
                        ),
                    )
                    .help("set maxUnavailable: 1"),
                );
            }
            continue;
        }
        let Some(min) = &spec.min_available else {
            continue;
        };
        if matches!(min, IntOrString::String(s) if s.trim() == "100%") {
            findings.push(
                Finding::new(
                    &CHECK,
                    pdb,
                    "spec.minAvailable",
                    "minAvailable \"100%\" allows no pod to be evicted, so node drains hang",
                )
                .help("use maxUnavailable: 1 instead"),
            );
            continue;
        }
        let blocked = pdb_targets(ctx.model, pdb).into_iter().find_map(|w| {
            let replicas = pod_count(w)?;
            if replicas == 0 || ctx.model.hpa_for(w).is_some() {
                return None;
            }
            let needed = scaled(min, replicas)?;
            (needed >= replicas).then_some((w, replicas))
        });
        if let Some((workload, replicas)) = blocked {
            let pods = if replicas == 1 {
                "1 pod".to_owned()
            } else {
                format!("{replicas} pods")
            };
            findings.push(
                Finding::new(
                    &CHECK,
                    pdb,
                    "spec.minAvailable",
                    format!(
                        "minAvailable {} keeps all {pods} of {} up, so none can be evicted and node drains hang",
                        show_int_or_string(min),
                        workload.id
                    ),
                )
                .help(format!("use maxUnavailable: 1, or run more than {replicas} replicas")),
            );
        }
    }
    findings
}

/// How many pods the object runs, when the manifests say: `spec.replicas` (1 when unset) or one
/// for a bare Pod.
fn pod_count(obj: &Object) -> Option<i32> {
    if obj.has_replicas() {
        return Some(obj.written_replicas().unwrap_or(1));
    }
    matches!(*obj.resource, Resource::Pod(_)).then_some(1)
}

/// The fixture that must fire exactly on the lines marked `# ^ pdb-blocks-eviction` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
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
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
# ^ pdb-blocks-eviction
  selector:
    matchLabels:
      app: web
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: db
spec:
  maxUnavailable: 0
# ^ pdb-blocks-eviction
  selector:
    matchLabels:
      app: db
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: cache
spec:
  minAvailable: 100%
# ^ pdb-blocks-eviction
  selector:
    matchLabels:
      app: cache
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 4
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
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: dont-fire-api
spec:
  minAvailable: 75%
  selector:
    matchLabels:
      app: api
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
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
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: db
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: db
"#;
