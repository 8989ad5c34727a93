//! `pdb-no-policy`: PDB sets neither minAvailable nor maxUnavailable.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `pdb-no-policy` check.
pub(crate) static CHECK: Check = Check {
    id: "pdb-no-policy",
    rank: 170,
    category: Category::Correctness,
    scope: Scope::Kind("PodDisruptionBudget"),
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "a PodDisruptionBudget sets neither minAvailable nor maxUnavailable",
    docs: DOCS,
    aliases: &["kube-score:poddisruptionbudget-has-policy"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a PodDisruptionBudget (PDB) whose `spec` sets neither `minAvailable` nor `maxUnavailable`, and one that sets both.

## Why is this bad?

A PDB limits *voluntary* disruptions, such as a `kubectl drain` before node maintenance: the eviction API refuses to evict a pod when that would leave fewer healthy pods than the budget allows.
The budget itself is `minAvailable` (pods that must stay up) or `maxUnavailable` (pods that may be down at once).
With `policy/v1` neither field has a default, so a PDB without them allows every selected pod to be evicted at the same time: it looks like protection but protects nothing.
(The removed `policy/v1beta1` defaulted to `minAvailable: 1`, which is why old manifests often leave it out.)
Setting both is also wrong: the API server rejects a PDB that sets both fields.

## Example

```yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
```

## Fix

```yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
```

Set exactly one of `minAvailable` or `maxUnavailable`; `maxUnavailable: 1` is a good default because it keeps working when the workload scales.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.of_kind("PodDisruptionBudget") {
        let Resource::PodDisruptionBudget(pdb) = &*obj.resource else {
            continue;
        };
        let spec = pdb.spec.as_ref();
        let min = spec.and_then(|s| s.min_available.as_ref());
        let max = spec.and_then(|s| s.max_unavailable.as_ref());
        match (min, max) {
            (None, None) if obj.api_version != "policy/v1beta1" => findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    "spec",
                    "sets neither minAvailable nor maxUnavailable, so it allows every selected pod to be evicted at once",
                )
                .help("add maxUnavailable: 1 (or a minAvailable) to spec"),
            ),
            (Some(_), Some(_)) => findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    "spec.maxUnavailable",
                    "sets both minAvailable and maxUnavailable; the API server accepts only one",
                )
                .help("keep either minAvailable or maxUnavailable and delete the other"),
            ),
            _ => {}
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ pdb-no-policy` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
# ^ pdb-no-policy
  selector:
    matchLabels:
      app: web
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api
spec:
  minAvailable: 1
  maxUnavailable: 1
# ^ pdb-no-policy
  selector:
    matchLabels:
      app: api
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: dont-fire-worker
spec:
  minAvailable: 50%
  selector:
    matchLabels:
      app: worker
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
"#;
