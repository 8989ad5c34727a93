//! `node-affinity-missing`: no nodeAffinity (organisation policy).

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `node-affinity-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "node-affinity-missing",
    rank: 710,
    category: Category::Hygiene,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: false,
    summary: "no nodeAffinity (organisation policy)",
    docs: DOCS,
    aliases: &["kube-linter:no-node-affinity"],
    run,
};

const DOCS: &str = r#"## What it does

An opt-in organisation policy: flags a workload or Pod whose pod spec constrains its nodes neither with `affinity.nodeAffinity` nor with the simpler `nodeSelector`.

## Why is this bad?

Some clusters have pools of nodes for different purposes: GPU nodes, spot instances, nodes for one team, nodes in a compliance zone.
A pod with no node constraint may be scheduled anywhere, including nodes meant for others, unless taints keep it away.
Policies that require every workload to say where it runs make placement explicit and reviewable.

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
```

## Fix

```yaml
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - {key: node-pool, operator: In, values: [general]}
      containers:
        - name: web
          image: nginx:1.27
```

Add a `nodeAffinity` (or a `nodeSelector`) naming the node pool the workload belongs on.

## Known problems

On clusters with one kind of node this adds nothing, which is why the check is off by default.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        let Some(pod) = obj.pod_spec() else { continue };
        let affinity = pod
            .spec
            .affinity
            .as_ref()
            .and_then(|a| a.node_affinity.as_ref())
            .is_some();
        let selector = pod
            .spec
            .node_selector
            .as_ref()
            .is_some_and(|s| !s.is_empty());
        if affinity || selector {
            continue;
        }
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                pod.path,
                "pod spec has no nodeAffinity or nodeSelector, so its pods may run on any node",
            )
            .help(
                "add affinity.nodeAffinity (or a nodeSelector) naming the node pool it belongs on",
            ),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ node-affinity-missing` under them; objects named
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
# ^ node-affinity-missing
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-selector
  namespace: shop
spec:
  selector:
    matchLabels:
      app: dont-fire-selector
  template:
    metadata:
      labels:
        app: dont-fire-selector
    spec:
      nodeSelector:
        node-pool: general
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
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - key: node-pool
                    operator: In
                    values:
                      - general
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
    fn node_affinity_or_a_node_selector_passes() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: c, image: 'c:1'}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  nodeSelector: {pool: general}\n  containers: [{name: c, image: 'c:1'}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: c}\nspec:\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms: [{matchExpressions: [{key: pool, operator: Exists}]}]\n  containers: [{name: c, image: 'c:1'}]\n",
            1,
        );
    }
}
