//! `pdb-overlap`: a pod is covered by more than one PDB (eviction refuses).

use foldhash::{HashMap, HashMapExt};

use super::support::pdb::pdb_targets;
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Object;

/// The `pdb-overlap` check.
pub(crate) static CHECK: Check = Check {
    id: "pdb-overlap",
    rank: 160,
    category: Category::Correctness,
    scope: Scope::Kind("PodDisruptionBudget"),
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "a pod is covered by more than one PDB (eviction refuses)",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags a PodDisruptionBudget (PDB) whose selector matches the pods of a workload that an earlier PDB in the same namespace also matches.
It points at the selector of the later PDB and names the workload and the other PDB.

## Why is this bad?

During a node drain, `kubectl drain` evicts pods through the eviction API, which checks each pod against *the* PDB that covers it.
When a pod matches two PDBs, the API does not try to combine them: it refuses the eviction with `This pod has more than one PodDisruptionBudget, which the eviction subresource does not support`.
The drain then retries forever, and node upgrades stall until someone deletes one of the budgets by hand.
Overlaps usually come from a broad selector (`app: shop`) next to a narrow one (`app: shop, tier: api`).

## Example

```yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: shop
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: shop-api
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: shop
      tier: api
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-api
spec:
  replicas: 3
  selector:
    matchLabels:
      app: shop
      tier: api
  template:
    metadata:
      labels:
        app: shop
        tier: api
    spec:
      containers:
      - name: api
        image: example/shop-api:4.2
```

## Fix

```yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: shop-web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: shop
      tier: web
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: shop-api
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: shop
      tier: api
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-api
spec:
  replicas: 3
  selector:
    matchLabels:
      app: shop
      tier: api
  template:
    metadata:
      labels:
        app: shop
        tier: api
    spec:
      containers:
      - name: api
        image: example/shop-api:4.2
```

Give each workload exactly one PDB, with a selector as specific as the workload's own `spec.selector`.

## Known problems

Pods are matched through the pod templates in the manifests; pods created by other tools are not seen.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    // Each PDB with the pods it covers, computed once, grouped by namespace (in model order).
    let mut by_namespace: HashMap<Option<&str>, Vec<(&Object, Vec<&Object>)>> = HashMap::new();
    let mut pdbs = Vec::new();
    for pdb in ctx.model.of_kind("PodDisruptionBudget") {
        let namespace = pdb.namespace.as_deref();
        let earlier = by_namespace.get(&namespace).map_or(0, Vec::len);
        by_namespace
            .entry(namespace)
            .or_default()
            .push((pdb, pdb_targets(ctx.model, pdb)));
        pdbs.push((namespace, earlier));
    }
    for (namespace, i) in pdbs {
        let same = by_namespace.get(&namespace).map(Vec::as_slice);
        let Some(((later, covered), before)) = same.and_then(|s| Some((s.get(i)?, s.get(..i)?)))
        else {
            continue;
        };
        for (earlier, theirs) in before {
            if earlier.id == later.id {
                continue;
            }
            let Some(shared) = covered.iter().find(|o| theirs.iter().any(|t| t.id == o.id)) else {
                continue;
            };
            findings.push(
                Finding::new(
                    &CHECK,
                    later,
                    "spec.selector",
                    format!(
                        "pods of {} are also covered by {}; the eviction API refuses to evict a pod with two budgets",
                        shared.id, earlier.id
                    ),
                )
                .help("narrow the selectors so that each pod is covered by exactly one PodDisruptionBudget"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ pdb-overlap` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-api
spec:
  replicas: 3
  selector:
    matchLabels:
      app: shop
      tier: api
  template:
    metadata:
      labels:
        app: shop
        tier: api
    spec:
      containers:
      - name: api
        image: example/shop-api:4.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: shop
      tier: web
  template:
    metadata:
      labels:
        app: shop
        tier: web
    spec:
      containers:
      - name: web
        image: example/shop-web:4.2
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: shop
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: shop-api
spec:
  maxUnavailable: 1
  selector:
# ^ pdb-overlap
    matchLabels:
      app: shop
      tier: api
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: dont-fire-other-namespace
  namespace: staging
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: shop
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-api
spec:
  replicas: 3
  selector:
    matchLabels:
      app: shop
      tier: api
  template:
    metadata:
      labels:
        app: shop
        tier: api
    spec:
      containers:
      - name: api
        image: example/shop-api:4.2
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: shop-api
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: shop
      tier: api
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: shop-web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: shop
      tier: web
"#;
