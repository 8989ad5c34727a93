//! `networkpolicy-selects-nothing`: network policy podSelector matches no pods (an empty selector selects all).

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `networkpolicy-selects-nothing` check.
pub(crate) static CHECK: Check = Check {
    id: "networkpolicy-selects-nothing",
    rank: 200,
    category: Category::Correctness,
    scope: Scope::Kind("NetworkPolicy"),
    severity: Level::Warning,
    also: &[Level::Info],
    enabled_by_default: true,
    summary: "network policy podSelector matches no pods (an empty selector selects all)",
    docs: DOCS,
    aliases: &[
        "kube-score:networkpolicy-targets-pod",
        "kube-linter:dangling-networkpolicy",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a NetworkPolicy whose `spec.podSelector` is not empty and matches no pod in its namespace.
An empty `podSelector: {}` selects every pod of the namespace and is never flagged.

## Why is this bad?

A NetworkPolicy applies its `ingress` and `egress` rules to the pods its `podSelector` selects, in its own namespace; once a pod is selected, only the traffic the rules allow reaches it.
A selector that matches no pod applies the rules to nobody, so the pods you meant to isolate still accept connections from everywhere.
Nothing warns you: the policy is accepted and listed, it just protects nothing.
(Policies only take effect when the cluster's network plugin enforces them, as Calico or Cilium do.)

## Known problems

When the loaded manifests run no pod in the policy's namespace, the pods may come from files that were not loaded; the finding is then informational.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: postgres
spec:
  selector:
    matchLabels:
      app: postgres
  template:
    metadata:
      labels:
        app: postgres
    spec:
      containers:
      - name: postgres
        image: postgres:16
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-only-from-api
spec:
  podSelector:
    matchLabels:
      app: postgress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: api
```

## Fix

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: postgres
spec:
  selector:
    matchLabels:
      app: postgres
  template:
    metadata:
      labels:
        app: postgres
    spec:
      containers:
      - name: postgres
        image: postgres:16
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-only-from-api
spec:
  podSelector:
    matchLabels:
      app: postgres
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: api
```

Make `spec.podSelector` match the labels of the pods the policy should isolate.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::NetworkpolicySelectsNothing,
        Level::Info,
        |p| match &p.suggestion {
            Some(label) => format!("change the podSelector to `{label}`, the label the pods carry"),
            None => "make spec.podSelector match the labels of the pods to isolate".to_owned(),
        },
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ networkpolicy-selects-nothing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: postgres
spec:
  selector:
    matchLabels:
      app: postgres
  template:
    metadata:
      labels:
        app: postgres
    spec:
      containers:
      - name: postgres
        image: postgres:16
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: example/api:2.1
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-only-from-api
spec:
  podSelector:
# ^ networkpolicy-selects-nothing
    matchLabels:
      app: postgress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: api
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: dont-fire-db
spec:
  podSelector: 
    matchLabels:
      app: postgres
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: api
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: dont-fire-all
spec:
  podSelector: {}
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: api
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: postgres
spec:
  selector:
    matchLabels:
      app: postgres
  template:
    metadata:
      labels:
        app: postgres
    spec:
      containers:
      - name: postgres
        image: postgres:16
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: example/api:2.1
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-only-from-api
spec:
  podSelector:
    matchLabels:
      app: postgres
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: api
"#;
