//! `ephemeral-storage-unset`: container has no ephemeral-storage limit.

use super::support::containers::container_findings;

use super::support::quantity::{Side, quantity};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `ephemeral-storage-unset` check.
pub(crate) static CHECK: Check = Check {
    id: "ephemeral-storage-unset",
    rank: 780,
    category: Category::Resources,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "container has no ephemeral-storage limit",
    docs: DOCS,
    aliases: &[
        "kube-score:container-ephemeral-storage-request-and-limit",
        "kube-score:container-ephemeral-storage-request-equals-limit",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a container (not an init container) with no `resources.limits.ephemeral-storage`.
A limit alone is enough: a missing request defaults to the limit.

## Why is this bad?

Ephemeral storage is the node's local disk that a container uses without a volume: its writable layer, its logs, and `emptyDir` volumes.
A container that writes temporary files or logs without bound can fill the node's disk.
The kubelet then reports disk pressure and evicts pods, often not the one that filled the disk.
With a limit, the kubelet evicts only the pod that goes over it, and the request lets the scheduler avoid nodes that are short of disk.

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
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 256Mi}
```

## Fix

```yaml
          resources:
            requests: {cpu: 100m, memory: 128Mi, ephemeral-storage: 1Gi}
            limits: {memory: 256Mi, ephemeral-storage: 2Gi}
```

Add an `ephemeral-storage` limit sized for the container's temporary files and logs, and a request for its usual usage.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    container_findings(ctx, &CHECK, "resources.limits", |container| {
        if quantity(container, Side::Limits, "ephemeral-storage").is_some() {
            return None;
        }
        let message = match quantity(container, Side::Requests, "ephemeral-storage") {
            Some(request) => format!(
                "container \"{}\" requests ephemeral-storage {request} but has no limit, so it can fill the node's disk",
                container.name
            ),
            None => format!(
                "container \"{}\" has no ephemeral-storage request or limit, so it can fill the node's disk",
                container.name
            ),
        };
        Some((
            message,
            "set resources.limits.ephemeral-storage, e.g. ephemeral-storage: 2Gi".to_owned(),
        ))
    })
}

/// The fixture that must fire exactly on the lines marked `# ^ ephemeral-storage-unset` under them; objects named
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
            requests:
              ephemeral-storage: 1Gi
            limits:
# ^ ephemeral-storage-unset
              memory: 128Mi
        - name: dont-fire-limited
          image: ghcr.io/acme/dont-fire-limited:1.0.0
          resources:
            limits:
              ephemeral-storage: 2Gi
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
    fn a_limit_is_enough_and_a_request_alone_is_not() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: busybox:1\n      resources: {limits: {ephemeral-storage: 1Gi}}\n    - name: b\n      image: busybox:1\n      resources: {requests: {ephemeral-storage: 1Gi}}\n",
            &[
                "container \"b\" requests ephemeral-storage 1Gi but has no limit, so it can fill the node's disk",
            ],
        );
    }
}
