//! `memory-limit-missing`: container lacks a memory limit.

use super::support::containers::container_findings;

use super::support::quantity::{Side, quantity};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `memory-limit-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "memory-limit-missing",
    rank: 750,
    category: Category::Resources,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "container lacks a memory limit",
    docs: DOCS,
    aliases: &[
        "kube-score:container-resources",
        "kube-linter:unset-memory-requirements",
        "polaris:memoryLimitsMissing",
        "checkov:CKV_K8S_13",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a container (not an init container) with no `resources.limits.memory`.

## Why is this bad?

Memory cannot be throttled the way CPU can: a container that keeps allocating grows until the node runs out.
Without a limit, one leaking container can push the whole node into memory pressure, and the kubelet then evicts other pods, or the kernel's OOM killer picks a victim that may not be the culprit.
With a limit, only the container that goes over it is killed (`OOMKilled`) and restarted.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            requests:
              memory: 128Mi
```

## Fix

```yaml
          resources:
            requests:
              memory: 128Mi
            limits:
              memory: 256Mi
```

Set `resources.limits.memory` a little above the container's peak usage; many teams set it equal to the request.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    container_findings(ctx, &CHECK, "resources.limits", |container| {
        if quantity(container, Side::Limits, "memory").is_some() {
            return None;
        }
        let request = quantity(container, Side::Requests, "memory");
        let message = match request {
            Some(request) => format!(
                "container \"{}\" requests memory {request} but has no memory limit, so it can grow until the node runs out",
                container.name
            ),
            None => format!(
                "container \"{}\" has no memory limit, so it can grow until the node runs out",
                container.name
            ),
        };
        let help = match request {
            Some(request) => format!(
                "set resources.limits.memory above its peak usage, e.g. equal to the request ({request})"
            ),
            None => {
                "set resources.limits.memory above its peak usage, e.g. memory: 256Mi".to_owned()
            }
        };
        Some((message, help))
    })
}

/// The fixture that must fire exactly on the lines marked `# ^ memory-limit-missing` under them; objects named
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
# ^ memory-limit-missing
            requests:
              memory: 128Mi
        - name: dont-fire-limited
          image: ghcr.io/acme/dont-fire-limited:1.0.0
          resources:
            limits:
              memory: 256Mi
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
    fn names_the_request_when_there_is_one() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: busybox:1\n      resources: {requests: {memory: 64Mi}}\n    - name: b\n      image: busybox:1\n      resources: {limits: {memory: 64Mi}}\n",
            &[
                "container \"a\" requests memory 64Mi but has no memory limit, so it can grow until the node runs out",
            ],
        );
    }
}
