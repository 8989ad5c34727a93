//! `cpu-request-missing`: container lacks a CPU request.

use super::support::quantity::request_missing;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `cpu-request-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "cpu-request-missing",
    rank: 730,
    category: Category::Resources,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "container lacks a CPU request",
    docs: DOCS,
    aliases: &[
        "kube-score:container-resources",
        "kube-linter:unset-cpu-requirements",
        "polaris:cpuRequestsMissing",
        "checkov:CKV_K8S_10",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a container (not an init container) that sets neither `resources.requests.cpu` nor `resources.limits.cpu`.
When only a CPU limit is written, Kubernetes copies it into the request, so that case stays quiet.

## Why is this bad?

The scheduler places a pod by adding up its requests and looking for a node with that much room.
A container with no CPU request counts as zero, so the scheduler may pack it onto a node that is already busy.
Under contention the kernel shares CPU in proportion to requests, so a container with no request gets the smallest share and slows down first.
An HorizontalPodAutoscaler on CPU utilization cannot work either: utilization is measured as a percentage of the request.

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
              cpu: 100m
              memory: 128Mi
```

Set `resources.requests.cpu` to what the container uses on a normal day (`100m` is a tenth of a core), measured with `kubectl top pod`.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    request_missing(
        ctx,
        &CHECK,
        "cpu",
        "the scheduler counts it as 0 cores",
        "set resources.requests.cpu to its usual usage, e.g. cpu: 100m",
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ cpu-request-missing` under them; objects named
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
# ^ cpu-request-missing
              memory: 128Mi
        - name: bare
# ^ cpu-request-missing
          image: ghcr.io/acme/bare:1.0.0
        - name: dont-fire-limit-only
          image: ghcr.io/acme/dont-fire-limit-only:1.0.0
          resources:
            limits:
              cpu: 500m
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
    fn a_cpu_limit_alone_counts_as_the_request() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n    - {name: init, image: busybox:1}\n  containers:\n    - name: a\n      image: busybox:1\n      resources: {limits: {cpu: 200m}}\n    - {name: b, image: busybox:1}\n",
            &["container \"b\" has no cpu request, so the scheduler counts it as 0 cores"],
        );
    }
}
