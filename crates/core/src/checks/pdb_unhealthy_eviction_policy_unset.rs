//! `pdb-unhealthy-eviction-policy-unset`: PDB does not set unhealthyPodEvictionPolicy.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `pdb-unhealthy-eviction-policy-unset` check.
pub(crate) static CHECK: Check = Check {
    id: "pdb-unhealthy-eviction-policy-unset",
    rank: 570,
    category: Category::Reliability,
    scope: Scope::Kind("PodDisruptionBudget"),
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "pod disruption budget does not set unhealthyPodEvictionPolicy",
    docs: DOCS,
    aliases: &["kube-linter:pdb-unhealthy-pod-eviction-policy"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a PodDisruptionBudget that does not set `spec.unhealthyPodEvictionPolicy`.

## Why is this bad?

A PodDisruptionBudget limits voluntary evictions, such as those of `kubectl drain`, so that enough pods stay up.
The policy decides what happens to pods that are running but not ready (crash-looping, stuck on a bad config).
The default, `IfHealthyBudget`, only lets such a pod be evicted while the budget is met, so when the workload is already unhealthy its broken pods cannot be evicted either, and a node drain hangs on pods that serve nothing.
`AlwaysAllow` lets unhealthy pods be evicted regardless, which is what most workloads want; it is stable since Kubernetes 1.31.

## Example

```yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web}
```

## Fix

```yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels: {app: web}
```

Set `unhealthyPodEvictionPolicy: AlwaysAllow`, unless the application needs its not-ready pods kept (for example to finish recovering data).
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.of_kind("PodDisruptionBudget") {
        let Resource::PodDisruptionBudget(pdb) = &*obj.resource else {
            continue;
        };
        if pdb
            .spec
            .as_ref()
            .is_some_and(|s| s.unhealthy_pod_eviction_policy.is_some())
        {
            continue;
        }
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                "spec",
                "unhealthyPodEvictionPolicy is not set, so it defaults to IfHealthyBudget and a node drain can hang on pods that are not ready",
            )
            .help("set spec.unhealthyPodEvictionPolicy: AlwaysAllow"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ pdb-unhealthy-eviction-policy-unset` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
# ^ pdb-unhealthy-eviction-policy-unset
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: dont-fire-set
  namespace: shop
spec:
  maxUnavailable: 1
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels:
      app: api
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  maxUnavailable: 1
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels:
      app: web
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(yaml: &str, expected: usize) {
        super::super::support::testing::assert_count(run, yaml, expected);
    }

    #[test]
    fn either_policy_passes() {
        let pdb = |name: &str, policy: &str| {
            format!(
                "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {{name: {name}}}\nspec:\n  maxUnavailable: 1\n{policy}  selector: {{matchLabels: {{app: web}}}}\n"
            )
        };
        let yaml = [
            pdb("a", ""),
            pdb("b", "  unhealthyPodEvictionPolicy: AlwaysAllow\n"),
            pdb("c", "  unhealthyPodEvictionPolicy: IfHealthyBudget\n"),
        ]
        .concat();
        check(&yaml, 1);
    }
}
