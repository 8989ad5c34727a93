//! `hpa-utilization-without-requests`: HPA uses CPU or memory Utilization, but the target containers lack that request.

use super::support::containers::describe;
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `hpa-utilization-without-requests` check.
pub(crate) static CHECK: Check = Check {
    id: "hpa-utilization-without-requests",
    rank: 140,
    category: Category::Correctness,
    scope: Scope::Kind("HorizontalPodAutoscaler"),
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "an HPA uses CPU or memory Utilization, but the target containers lack that request",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

For each HorizontalPodAutoscaler (HPA) with a `Utilization` target on a resource (`cpu` or `memory`), it looks up the workload named by `scaleTargetRef` and flags every container that has no request for that resource.
An HPA with no `metrics` at all counts as targeting 80% CPU utilization, which is the default.
A `ContainerResource` metric only looks at the container it names.

## Why is this bad?

*Utilization* is a percentage of the **request**: a container requesting `cpu: 500m` and using 250m is at 50%.
Without a request there is nothing to divide by, so the HPA cannot compute the metric.
It then reports `failed to get cpu utilization: missing request for cpu` in its events and never scales, however loaded the pods are.
A limit alone is enough, because a container with a limit and no request gets a request equal to the limit.
The manifests apply without any error, so the problem only shows on the day traffic grows.

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
```

Give every container of the target a request for the resource the HPA measures (or switch the metric to an `AverageValue` target, which needs no request).

## Known problems

Only workloads defined in the same manifests are checked; an HPA whose target is missing is left to `hpa-target-missing`.
"#;

/// A resource the HPA measures as a utilization, and the one container it is limited to.
struct Measured<'a> {
    resource: &'a str,
    container: Option<&'a str>,
}

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for hpa_obj in ctx.model.of_kind("HorizontalPodAutoscaler") {
        let Resource::HorizontalPodAutoscaler(hpa) = &*hpa_obj.resource else {
            continue;
        };
        let Some(workload) = ctx.model.hpa_target(hpa_obj) else {
            continue;
        };
        let metrics = hpa.spec.metrics.as_deref().unwrap_or_default();
        let mut measured: Vec<Measured> = metrics
            .iter()
            .filter_map(|m| {
                if let Some(r) = m
                    .resource
                    .as_ref()
                    .filter(|r| r.target.type_ == "Utilization")
                {
                    return Some(Measured {
                        resource: &r.name,
                        container: None,
                    });
                }
                let c = m
                    .container_resource
                    .as_ref()
                    .filter(|c| c.target.type_ == "Utilization")?;
                Some(Measured {
                    resource: &c.name,
                    container: Some(&c.container),
                })
            })
            .collect();
        let by_default = metrics.is_empty();
        if by_default {
            measured.push(Measured {
                resource: "cpu",
                container: None,
            });
        }
        for m in &measured {
            for c in workload.containers().into_iter().filter(|c| !c.init) {
                if m.container.is_some_and(|name| name != c.container.name) {
                    continue;
                }
                let resources = c.container.resources.as_ref();
                let requested = resources
                    .and_then(|r| r.requests.as_ref())
                    .is_some_and(|r| r.contains_key(m.resource));
                let limited = resources
                    .and_then(|r| r.limits.as_ref())
                    .is_some_and(|l| l.contains_key(m.resource));
                if requested || limited {
                    continue;
                }
                let how = if by_default {
                    " (the default when no metrics are set)"
                } else {
                    ""
                };
                findings.push(
                    Finding::new(
                        &CHECK,
                        workload,
                        &format!("{}.resources.requests", c.path),
                        format!(
                            "{} scales on {} utilization{how}, but {} has no {} request, so it can never compute it",
                            hpa_obj.id,
                            m.resource,
                            describe(&c),
                            m.resource
                        ),
                    )
                    .container(&c.container.name)
                    .help(format!("set resources.requests.{} on {}", m.resource, describe(&c))),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ hpa-utilization-without-requests` under them; objects named
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
# ^ hpa-utilization-without-requests
        image: nginx:1.27
      - name: log-shipper
        image: example/log-shipper:1.0
        resources:
          requests:
# ^ hpa-utilization-without-requests
            memory: 64Mi
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
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-limit-only
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
        resources:
          limits:
            cpu: "1"
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: api
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: dont-fire-limit-only
  minReplicas: 2
  maxReplicas: 6
  targetCPUUtilizationPercentage: 60
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
      - name: log-shipper
        image: example/log-shipper:1.0
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
  - type: ContainerResource
    containerResource:
      name: cpu
      container: web
      target:
        type: Utilization
        averageUtilization: 70
  - type: Resource
    resource:
      name: memory
      target:
        type: AverageValue
        averageValue: 500Mi
"#;
