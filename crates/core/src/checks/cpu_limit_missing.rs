//! `cpu-limit-missing`: container lacks a CPU limit (disputed: throttling).

use super::support::containers::container_findings;

use super::support::quantity::{Side, quantity};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `cpu-limit-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "cpu-limit-missing",
    rank: 760,
    category: Category::Resources,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "container lacks a CPU limit (disputed: throttling)",
    docs: DOCS,
    aliases: &[
        "kube-score:container-resources",
        "polaris:cpuLimitsMissing",
        "checkov:CKV_K8S_11",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a container (not an init container) with no `resources.limits.cpu`.

## Why is this bad?

Without a CPU limit a container may use every idle core on its node.
That is fine while the node is quiet, but a busy loop or a traffic spike in one pod then slows its neighbours down to their requested share, and the container's own speed depends on who else happens to share the node, which makes load tests misleading.
A limit caps the container at a fixed amount, so its performance is the same on every node.
A pod is in the `Guaranteed` QoS class, the last to be evicted, only when every container has CPU and memory limits equal to its requests.

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
            limits:
              cpu: 500m
```

Set `resources.limits.cpu` well above the usual usage, so that only a runaway container reaches it.

## Known problems

This check is disputed, and is only informational.
A CPU limit is enforced by the kernel's CFS quota: once a container has used its share in a 100 ms period it is paused until the next period, even when the node has idle cores.
Latency-sensitive services, and runtimes with many threads (the JVM, Go), can be throttled this way while their average usage looks low.
Many teams therefore set CPU requests on every container but no CPU limits, and rely on requests for fair sharing; kube-score offers `--ignore-container-cpu-limit` for this.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    container_findings(ctx, &CHECK, "resources.limits", |container| {
        if quantity(container, Side::Limits, "cpu").is_some() {
            return None;
        }
        Some((
            format!("container \"{}\" has no cpu limit, so it can use every idle core on its node", container.name),
            "set resources.limits.cpu well above its usual usage, or keep it unset on purpose and suppress this check".to_owned(),
        ))
    })
}

/// The fixture that must fire exactly on the lines marked `# ^ cpu-limit-missing` under them; objects named
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
            limits:
# ^ cpu-limit-missing
              memory: 128Mi
        - name: dont-fire-limited
          image: ghcr.io/acme/dont-fire-limited:1.0.0
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
    fn init_containers_are_not_checked() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n    - {name: init, image: busybox:1}\n  containers:\n    - name: a\n      image: busybox:1\n      resources: {limits: {cpu: 1}}\n    - {name: b, image: busybox:1}\n",
            &["container \"b\" has no cpu limit, so it can use every idle core on its node"],
        );
    }
}
