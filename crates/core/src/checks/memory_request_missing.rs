//! `memory-request-missing`: container lacks a memory request.

use super::support::quantity::request_missing;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `memory-request-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "memory-request-missing",
    rank: 740,
    category: Category::Resources,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "container lacks a memory request",
    docs: DOCS,
    aliases: &[
        "kube-score:container-resources",
        "polaris:memoryRequestsMissing",
        "checkov:CKV_K8S_12",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a container (not an init container) that sets neither `resources.requests.memory` nor `resources.limits.memory`.
When only a memory limit is written, Kubernetes copies it into the request, so that case stays quiet.

## Why is this bad?

The scheduler only places a pod on a node with enough unrequested memory for the pod's requests.
A container with no memory request counts as zero, so nodes fill up with pods whose real usage nobody reserved.
When such a node runs short of memory, the kubelet evicts pods that use more than they requested first, and a pod with no requests at all is in the `BestEffort` QoS class, the first to go.

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
              cpu: 100m
```

## Fix

```yaml
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
```

Set `resources.requests.memory` to the container's normal working set (`128Mi` is 128 mebibytes), measured with `kubectl top pod`.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    request_missing(
        ctx,
        &CHECK,
        "memory",
        "the scheduler reserves no memory for it",
        "set resources.requests.memory to its normal usage, e.g. memory: 128Mi",
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ memory-request-missing` under them; objects named
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
# ^ memory-request-missing
              cpu: 100m
        - name: dont-fire-limit-only
          image: ghcr.io/acme/dont-fire-limit-only:1.0.0
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
    fn a_memory_limit_alone_counts_as_the_request() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: busybox:1\n      resources: {limits: {memory: 64Mi}}\n    - name: b\n      image: busybox:1\n      resources: {requests: {cpu: 1}}\n",
            &["container \"b\" has no memory request, so the scheduler reserves no memory for it"],
        );
    }
}
