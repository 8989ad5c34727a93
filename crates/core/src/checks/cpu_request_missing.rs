//! `cpu-request-missing`: container lacks a CPU request.

use super::support::quantity::request_missing;
use super::{Category, Check, Context, Finding, Level};

/// The `cpu-request-missing` check.
pub static CHECK: Check = Check {
    id: "cpu-request-missing",
    category: Category::Resources,
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
