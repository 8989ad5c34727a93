//! `pdb-selects-nothing`: pod disruption budget selector matches no pod template.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `pdb-selects-nothing` check.
pub(crate) static CHECK: Check = Check {
    id: "pdb-selects-nothing",
    rank: 150,
    category: Category::Correctness,
    scope: Scope::Kind("PodDisruptionBudget"),
    severity: Level::Warning,
    also: &[Level::Info],
    enabled_by_default: true,
    summary: "pod disruption budget selector matches no pod template",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags a PodDisruptionBudget whose `spec.selector` matches no pod in its namespace (no workload's pod template, no bare Pod), or that has no selector at all.
`matchExpressions` are honoured, and a label one typo away from a label the pods carry is named in the message.

## Why is this bad?

A PodDisruptionBudget protects the pods its selector matches during voluntary disruptions, such as a node drain before an upgrade: the eviction API refuses to evict a pod when that would leave fewer than `minAvailable` (or more than `maxUnavailable` down).
A budget that matches no pod protects nothing: a drain can evict every replica at once, while the budget's presence suggests the application is safe.
In `policy/v1` an empty selector `{}` matches every pod of the namespace, but a missing selector matches none.

## Known problems

When the loaded manifests run no pod in the budget's namespace, the pods may come from files that were not loaded; the finding is then informational.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
        image: nginx:1.27
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: wbe
```

## Fix

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
        image: nginx:1.27
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
```

Make the selector match the labels of the pod template it should protect.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::PdbSelectsNothing,
        Level::Info,
        |p| match &p.suggestion {
            Some(label) => format!("change the selector to `{label}`, the label the pods carry"),
            None => "make spec.selector match the labels of the pods it should protect".to_owned(),
        },
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ pdb-selects-nothing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
# ^ pdb-selects-nothing
    matchLabels:
      app: wbe
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: dont-fire-web
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
"#;
