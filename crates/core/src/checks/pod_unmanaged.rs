//! `pod-unmanaged`: bare Pod with no controller.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `pod-unmanaged` check.
pub(crate) static CHECK: Check = Check {
    id: "pod-unmanaged",
    rank: 700,
    category: Category::Reliability,
    scope: Scope::Kind("Pod"),
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "bare Pod with no controller",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags a Pod written directly, with no `metadata.ownerReferences` (no Deployment, StatefulSet, DaemonSet, Job or ReplicaSet manages it).

## Why is this bad?

The kubelet restarts a bare Pod's crashed containers in place, but nothing replaces the Pod itself.
When its node fails, is drained for an upgrade, or evicts it under pressure, the Pod is gone and stays gone.
A bare Pod also cannot be scaled, and changing its image or most other fields means deleting and re-creating it, which is downtime.
A Deployment (or a StatefulSet, DaemonSet or Job) keeps the desired number of pods running and replaces them gradually on every change.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
    - name: web
      image: nginx:1.27
```

## Fix

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
```

Move the pod spec into a Deployment's `spec.template` (a Job for run-to-completion work); bare Pods are for debugging only.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.of_kind("Pod") {
        let Resource::Pod(pod) = &*obj.resource else {
            continue;
        };
        if pod
            .metadata
            .owner_references
            .as_ref()
            .is_some_and(|o| !o.is_empty())
        {
            continue;
        }
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                "kind",
                format!("pod \"{}\" has no controller, so nothing re-creates it when its node fails or it is evicted", obj.name),
            )
            .help("run it from a Deployment (or a Job for one-off work) instead of a bare Pod"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ pod-unmanaged` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: Pod
# ^ pod-unmanaged
metadata:
  name: debug
  namespace: shop
spec:
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4.2
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-owned
  namespace: shop
  ownerReferences:
    - apiVersion: apps/v1
      kind: ReplicaSet
      name: web-6d4cf56db6
      uid: 6f1c2a9e-0000-4000-8000-000000000002
      controller: true
spec:
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4.2
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
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
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
    fn owned_pods_pass() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: bare}\nspec:\n  containers: [{name: c, image: 'c:1'}]\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: owned\n  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: rs, uid: '1'}]\nspec:\n  containers: [{name: c, image: 'c:1'}]\n",
            &[
                "pod \"bare\" has no controller, so nothing re-creates it when its node fails or it is evicted",
            ],
        );
    }
}
