//! `request-exceeds-limit`: a request is larger than its limit (the API rejects it).

use super::support::key_path;

use super::support::containers::describe;

use super::support::quantity::parse_quantity;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `request-exceeds-limit` check.
pub(crate) static CHECK: Check = Check {
    id: "request-exceeds-limit",
    rank: 460,
    category: Category::Correctness,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "a request is larger than its limit (the API rejects it)",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Compares each container's `resources.requests` with its `resources.limits`, resource by resource (cpu, memory, ephemeral-storage, extended resources), and flags a request that is larger than the limit for the same resource.

## Why is this bad?

A *request* is what the scheduler reserves for the container on a node; a *limit* is the most it may ever use.
Reserving more than the container is allowed to use makes no sense, so the API server rejects the object: `Invalid value: "2": must be less than or equal to cpu limit of 500m`.
The mistake is often a unit slip: `memory: 1G` as a request against `memory: 512Mi` as a limit, or `cpu: 1` against `cpu: 500m`.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    resources:
      requests:
        cpu: "1"
        memory: 1Gi
      limits:
        cpu: 500m
        memory: 1Gi
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    resources:
      requests:
        cpu: 500m
        memory: 1Gi
      limits:
        cpu: "1"
        memory: 1Gi
```

Lower the request or raise the limit so that each request is at most its limit.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        for c in obj.containers() {
            let Some(resources) = &c.container.resources else {
                continue;
            };
            let (Some(requests), Some(limits)) = (&resources.requests, &resources.limits) else {
                continue;
            };
            for (name, request) in requests {
                let Some(limit) = limits.get(name) else {
                    continue;
                };
                let (Some(r), Some(l)) = (parse_quantity(&request.0), parse_quantity(&limit.0))
                else {
                    continue;
                };
                // A relative margin, so that `1000m` against `1` never fires through rounding.
                if r > l * (1.0 + 1e-9) {
                    findings.push(
                        Finding::new(
                            &CHECK,
                            obj,
                            &key_path(&format!("{}.resources.requests", c.path), name),
                            format!(
                                "{} requests {name} {} but its limit is only {}",
                                describe(&c),
                                request.0,
                                limit.0
                            ),
                        )
                        .container(&c.container.name)
                        .help(format!(
                            "make the {name} request at most {}, or raise the limit",
                            limit.0
                        )),
                    );
                }
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ request-exceeds-limit` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
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
          requests:
            cpu: "1"
# ^ request-exceeds-limit
            memory: 1G
# ^ request-exceeds-limit
          limits:
            cpu: 500m
            memory: 512Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-equal
spec:
  containers:
  - name: api
    image: example/api:2.1
    resources:
      requests:
        cpu: 1000m
        memory: 1Gi
      limits:
        cpu: "1"
        memory: 1024Mi
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
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
          requests:
            cpu: 250m
            memory: 256Mi
          limits:
            memory: 512Mi
"#;
