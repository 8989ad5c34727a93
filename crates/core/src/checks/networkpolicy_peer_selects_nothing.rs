//! `networkpolicy-peer-selects-nothing`: a from/to podSelector peer matches no pods.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `networkpolicy-peer-selects-nothing` check.
pub(crate) static CHECK: Check = Check {
    id: "networkpolicy-peer-selects-nothing",
    rank: 210,
    category: Category::Correctness,
    scope: Scope::Kind("NetworkPolicy"),
    severity: Level::Warning,
    also: &[Level::Info],
    enabled_by_default: true,
    summary: "a from/to podSelector peer matches no pods",
    docs: DOCS,
    aliases: &["kube-linter:dangling-networkpolicypeer-podselector"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a peer of a NetworkPolicy rule (`spec.ingress[].from[]` or `spec.egress[].to[]`) given as a non-empty `podSelector` without a `namespaceSelector`, when it matches no pod of the policy's namespace.
It only speaks when the loaded manifests run pods in that namespace; peers with a `namespaceSelector` are skipped, since their pods live in namespaces the manifests may not show.

## Why is this bad?

In a rule, a peer with only a `podSelector` means "pods of this same namespace with these labels".
If no pod carries those labels, the rule allows traffic from (or to) nobody, so the connection you meant to permit is dropped as soon as the policy isolates its pods.
The usual causes are a typo in a label, or a client that lives in another namespace and needs a `namespaceSelector` next to the `podSelector`.

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
        image: example/api:1.0
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
          app: api-server
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
        image: example/api:1.0
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

Make the peer's `podSelector` match the client pods' labels, and add a `namespaceSelector` when they run in another namespace.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::NetworkpolicyPeerSelectsNothing,
        Level::Info,
        |p| match &p.suggestion {
            Some(label) => format!("change the peer's podSelector to `{label}`"),
            None => {
                "match the client pods' labels, adding a namespaceSelector if they run elsewhere"
                    .to_owned()
            }
        },
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ networkpolicy-peer-selects-nothing` under them; objects named
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
    matchLabels:
      app: postgres
  ingress:
  - from:
    - podSelector:
# ^ networkpolicy-peer-selects-nothing
        matchLabels:
          app: api-server
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
  name: dont-fire-other-namespace
spec:
  podSelector:
    matchLabels:
      app: postgres
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          team: payments
      podSelector:
        matchLabels:
          app: billing
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
