//! `service-selects-multiple-workloads`: selector matches pods of more than one workload (canary, or version mixing).

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::Relation;
use crate::model::{ObjectId, Resource, describe_label_map};
use crate::text::first_few;

/// The most workloads a finding names; it counts the others.
const MAX_NAMED: usize = 5;

/// The `service-selects-multiple-workloads` check.
pub(crate) static CHECK: Check = Check {
    id: "service-selects-multiple-workloads",
    rank: 50,
    category: Category::Correctness,
    scope: Scope::Kind("Service"),
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "selector matches pods of more than one workload (canary, or version mixing)",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags a Service whose selector matches the pods of more than one workload: two Deployments, a Deployment and a StatefulSet, a ReplicaSet and a bare Pod, and so on.

## Why is this bad?

A Service spreads its connections over every pod its selector matches, whoever created them.
Sometimes that is the point: a canary Deployment next to the stable one, or two versions during a blue/green switch.
More often the selector is simply too broad, such as `app: shop` on every part of an application, and requests land on pods that run another program or another version.
The failures then look random: one request in three gets a 404 or a protocol error.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: shop
      component: api
  template:
    metadata:
      labels:
        app: shop
        component: api
    spec:
      containers:
      - name: api
        image: example/api:2.1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels:
      app: shop
      component: worker
  template:
    metadata:
      labels:
        app: shop
        component: worker
    spec:
      containers:
      - name: worker
        image: example/worker:2.1
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: shop
  ports:
  - port: 80
```

## Fix

```yaml
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: shop
    component: api
  ports:
  - port: 80
```

Add a label that only the intended workload's pods carry to the selector; keep the mix only for a deliberate canary.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let graph = ctx.graph();
    let mut findings = Vec::new();
    for obj in ctx.model.of_kind("Service") {
        let Resource::Service(svc) = &*obj.resource else {
            continue;
        };
        let Some(selector) = svc.spec.as_ref().and_then(|s| s.selector.as_ref()) else {
            continue;
        };
        // The pods' direct owners first: many pods share one, and finding the top of a chain
        // takes a lookup per link.
        let mut parents: Vec<&ObjectId> = graph
            .outgoing(&obj.id)
            .filter(|e| e.relation == Relation::Selects)
            .map(|e| graph.owner(&e.to).unwrap_or(&e.to))
            .collect();
        parents.sort_unstable();
        parents.dedup();
        let mut owners: Vec<&ObjectId> = parents.into_iter().map(|p| graph.root_owner(p)).collect();
        owners.sort_unstable();
        owners.dedup();
        if owners.len() < 2 {
            continue;
        }
        let names: Vec<&str> = owners.iter().map(|o| o.as_str()).collect();
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                "spec.selector",
                format!(
                    "selector {} matches the pods of {} workloads: {}",
                    describe_label_map(selector),
                    owners.len(),
                    first_few(&names, MAX_NAMED)
                ),
            )
            .help("add a label to the selector that only the intended workload's pods carry"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ service-selects-multiple-workloads` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: shop
      component: api
  template:
    metadata:
      labels:
        app: shop
        component: api
    spec:
      containers:
      - name: api
        image: example/api:2.1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels:
      app: shop
      component: worker
  template:
    metadata:
      labels:
        app: shop
        component: worker
    spec:
      containers:
      - name: worker
        image: example/worker:2.1
---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector:
# ^ service-selects-multiple-workloads
    app: shop
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-api
spec:
  selector:
    app: shop
    component: api
  ports:
  - port: 80
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: shop
      component: api
  template:
    metadata:
      labels:
        app: shop
        component: api
    spec:
      containers:
      - name: api
        image: example/api:2.1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels:
      app: shop
      component: worker
  template:
    metadata:
      labels:
        app: shop
        component: worker
    spec:
      containers:
      - name: worker
        image: example/worker:2.1
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: shop
    component: api
  ports:
  - port: 80
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn names_five_workloads_and_counts_the_others() {
        let mut yaml = String::from(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: all\nspec:\n  selector:\n    tier: web\n",
        );
        for i in 1..=7 {
            yaml.push_str(&format!(
                "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-{i}\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: app-{i}\n  template:\n    metadata:\n      labels:\n        app: app-{i}\n        tier: web\n    spec:\n      containers:\n      - name: app\n        image: example/app:1\n"
            ));
        }
        assert_eq!(
            findings(&CHECK, &yaml),
            ["6 info selector tier=web matches the pods of 7 workloads: Deployment/default/app-1, Deployment/default/app-2, Deployment/default/app-3, Deployment/default/app-4, Deployment/default/app-5, and 2 more"]
        );
    }
}
