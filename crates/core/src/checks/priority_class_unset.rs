//! `priority-class-unset`: no priorityClassName.

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `priority-class-unset` check.
pub(crate) static CHECK: Check = Check {
    id: "priority-class-unset",
    rank: 670,
    category: Category::Reliability,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: false,
    summary: "pod spec sets no priorityClassName",
    docs: DOCS,
    aliases: &[
        "kube-linter:priority-class-name",
        "polaris:priorityClassNotSet",
    ],
    run,
};

const DOCS: &str = r#"## What it does

An opt-in check: flags a workload or Pod whose pod spec sets no `priorityClassName`.

## Why is this bad?

A PriorityClass gives pods a priority number.
When the cluster is full, the scheduler may preempt (evict) lower-priority pods to make room for a higher-priority one, and under node pressure the kubelet considers priority when it picks pods to evict.
Without a class, a pod gets the cluster's default priority (0 unless a PriorityClass is marked `globalDefault`), the same as every batch job and experiment, so a critical API can wait in `Pending` behind them.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
spec:
  selector:
    matchLabels: {app: checkout}
  template:
    metadata:
      labels: {app: checkout}
    spec:
      containers:
        - name: checkout
          image: ghcr.io/acme/checkout:3.1.0
```

## Fix

```yaml
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: business-critical
value: 100000
description: customer-facing services
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
spec:
  selector:
    matchLabels: {app: checkout}
  template:
    metadata:
      labels: {app: checkout}
    spec:
      priorityClassName: business-critical
      containers:
        - name: checkout
          image: ghcr.io/acme/checkout:3.1.0
```

Create a few PriorityClasses for the cluster and name one in every pod spec.

## Known problems

Priorities only help when the cluster agrees on a small set of classes; a single team setting a high priority everywhere just preempts everyone else's pods.
That is an organisation policy, which is why this check is off by default.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        let Some(pod) = obj.pod_spec() else { continue };
        if pod
            .spec
            .priority_class_name
            .as_deref()
            .is_some_and(|n| !n.is_empty())
        {
            continue;
        }
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                pod.path,
                "pod spec sets no priorityClassName, so its pods get the cluster's default priority",
            )
            .help("set priorityClassName to one of the cluster's PriorityClasses"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ priority-class-unset` under them; objects named
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
# ^ priority-class-unset
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-critical
  namespace: shop
spec:
  selector:
    matchLabels:
      app: dont-fire-critical
  template:
    metadata:
      labels:
        app: dont-fire-critical
    spec:
      priorityClassName: business-critical
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
      priorityClassName: business-critical
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(yaml: &str, expected: usize) {
        super::super::support::testing::assert_count(run, yaml, expected);
    }

    #[test]
    fn a_class_name_passes() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: c, image: 'c:1'}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  priorityClassName: high\n  containers: [{name: c, image: 'c:1'}]\n",
            1,
        );
    }
}
