//! `requests-equal-limits`: opt-in policy that every container's requests equal its limits
//! (Guaranteed QoS).

use super::support::containers::container_findings;

use super::support::quantity::{Side, parse_quantity_lenient, quantity};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `requests-equal-limits` check.
pub(crate) static CHECK: Check = Check {
    id: "requests-equal-limits",
    rank: 770,
    category: Category::Resources,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: false,
    summary: "requests differ from limits, so the pod is not in the Guaranteed QoS class (opt-in)",
    docs: DOCS,
    aliases: &[
        "kube-score:container-resource-requests-equal-limits",
        "kube-score:container-cpu-requests-equal-limits",
        "kube-score:container-memory-requests-equal-limits",
    ],
    run,
};

const DOCS: &str = r#"## What it does

An opt-in policy: flags a container (not an init container) whose CPU or memory request differs from its limit, or that has no limit.
It is off by default; turn it on for workloads that must be as predictable as possible.

## Why is this bad?

Kubernetes sorts pods into three QoS classes from their requests and limits:
`Guaranteed` (every container has CPU and memory limits equal to its requests), `Burstable` (some requests or limits) and `BestEffort` (none).
When a node runs short of memory, the kubelet evicts `BestEffort` pods first, then `Burstable` pods that use more than they requested, and `Guaranteed` pods last.
A container whose request is below its limit can also burst into memory nobody reserved for it, and then be OOM-killed when its neighbours need that memory back.
With requests equal to limits, what the scheduler reserves is exactly what the container may use.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: postgres:16.4
          resources:
            requests: {cpu: 250m, memory: 256Mi}
            limits: {cpu: 500m, memory: 512Mi}
```

## Fix

```yaml
          resources:
            requests: {cpu: 500m, memory: 512Mi}
            limits: {cpu: 500m, memory: 512Mi}
```

Set each request equal to its limit; writing only `limits` does the same, because a missing request defaults to the limit.

## Known problems

Guaranteed QoS costs capacity: every pod reserves its peak, so nodes hold fewer pods and sit idle more often.
Most stateless services are fine as `Burstable`, which is why this check is opt-in.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    container_findings(ctx, &CHECK, "resources", |container| {
        let mut problems = Vec::new();
        for resource in ["cpu", "memory"] {
            let Some(limit) = quantity(container, Side::Limits, resource) else {
                problems.push(format!("has no {resource} limit"));
                continue;
            };
            // A missing request defaults to the limit.
            let Some(request) = quantity(container, Side::Requests, resource) else {
                continue;
            };
            let same = match (
                parse_quantity_lenient(request),
                parse_quantity_lenient(limit),
            ) {
                (Some(r), Some(l)) => (r - l).abs() <= f64::EPSILON * l.abs().max(1.0),
                _ => request == limit,
            };
            if !same {
                problems.push(format!(
                    "requests {resource} {request} but limits it to {limit}"
                ));
            }
        }
        if problems.is_empty() {
            return None;
        }
        Some((
            format!(
                "container \"{}\" {}, so its pod is not in the Guaranteed QoS class",
                container.name,
                problems.join(" and ")
            ),
            "set resources.requests equal to resources.limits for cpu and memory".to_owned(),
        ))
    })
}

/// The fixture that must fire exactly on the lines marked `# ^ requests-equal-limits` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      initContainers:
        - name: dont-fire-init
          image: ghcr.io/acme/dont-fire-init:1.0.0
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
          resources:
# ^ requests-equal-limits
            requests:
              cpu: 250m
              memory: 256Mi
            limits:
              cpu: 500m
              memory: 512Mi
        - name: dont-fire-guaranteed
          image: ghcr.io/acme/dont-fire-guaranteed:1.0.0
          resources:
            requests:
              cpu: "1"
              memory: 1Gi
            limits:
              cpu: 1000m
              memory: 1024Mi
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      initContainers:
        - name: init
          image: ghcr.io/acme/init:1.0.0
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
              ephemeral-storage: 1Gi
            limits:
              cpu: 100m
              memory: 128Mi
              ephemeral-storage: 1Gi
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(yaml: &str, expected: &[&str]) {
        assert_eq!(
            super::super::support::testing::messages(run, yaml),
            expected
        );
    }

    #[test]
    fn equal_quantities_written_differently_are_equal() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: busybox:1\n      resources: {requests: {cpu: '1', memory: 1Gi}, limits: {cpu: 1000m, memory: 1024Mi}}\n    - name: b\n      image: busybox:1\n      resources: {limits: {cpu: 1, memory: 1Gi}}\n    - name: c\n      image: busybox:1\n      resources: {requests: {cpu: 100m, memory: 1Gi}, limits: {cpu: 200m}}\n",
            &[
                "container \"c\" requests cpu 100m but limits it to 200m and has no memory limit, so its pod is not in the Guaranteed QoS class",
            ],
        );
    }
}
