//! `selector-template-mismatch`: workload spec.selector does not match its own template labels.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::{Resource, describe_label_map, describe_selector, selector_matches};

/// The `selector-template-mismatch` check.
pub(crate) static CHECK: Check = Check {
    id: "selector-template-mismatch",
    rank: 10,
    category: Category::Correctness,
    scope: Scope::Controller,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "workload spec.selector does not match its own template labels",
    docs: DOCS,
    aliases: &[
        "kube-score:deployment-pod-selector-labels-match-template-metadata-labels",
        "kube-score:statefulset-pod-selector-labels-match-template-metadata-labels",
        "kube-linter:mismatching-selector",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Checks that a Deployment's, ReplicaSet's, StatefulSet's, DaemonSet's, Job's, ReplicationController's or DeploymentConfig's `spec.selector` selects the labels of its own pod template (`spec.template.metadata.labels`).
It also flags an `apps/v1` workload that has no `spec.selector` at all, or an empty one, and a ReplicationController or DeploymentConfig that has neither a selector nor template labels for the API server to default it from.

## Why is this bad?

A controller finds "its" pods by label: it counts the pods its selector matches and creates new ones from the template until the count is right.
If the template's labels do not satisfy the selector, every pod it created would be invisible to it, and it would create pods forever.
The API server prevents that by rejecting the object: `selector does not match template labels`.
Since `apps/v1` the selector is also required (older API versions filled it in from the template) and cannot be changed after creation, so a Deployment converted from `extensions/v1beta1` often fails here.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: website
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
```

Give the pod template every label the selector asks for (the template may carry more labels than the selector).
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        // The model fills in a missing selector from the template labels, as the older API
        // versions did; `apps/v1` requires it to be written.
        if obj.api_version == "apps/v1" && obj.find("spec.selector").is_none() {
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    "spec",
                    format!("{} has no spec.selector, which apps/v1 requires", obj.kind),
                )
                .help("add spec.selector.matchLabels with the pod template's identifying labels"),
            );
            continue;
        }
        if matches!(*obj.resource,
            Resource::ReplicationController(_) | Resource::DeploymentConfig(_)
        ) && obj
            .map_selector()
            .is_none_or(std::collections::BTreeMap::is_empty)
        {
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    "spec",
                    format!(
                        "{} has no spec.selector and no pod template labels to default it from, which the API server rejects",
                        obj.kind
                    ),
                )
                .help("add labels to spec.template.metadata.labels; spec.selector defaults to them"),
            );
            continue;
        }
        let (Some(selector), Some(labels)) = (obj.workload_selector(), obj.pod_labels()) else {
            continue;
        };
        let empty = selector
            .match_labels
            .as_ref()
            .is_none_or(std::collections::BTreeMap::is_empty)
            && selector
                .match_expressions
                .as_ref()
                .is_none_or(Vec::is_empty);
        if empty && obj.api_version == "apps/v1" {
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    "spec.selector",
                    "spec.selector is empty, which the API server rejects",
                )
                .help(
                    "add matchLabels with the pod template's identifying labels, e.g. app: <name>",
                ),
            );
            continue;
        }
        if !selector_matches(&selector, labels) {
            let shown = if labels.is_empty() {
                "no labels".to_owned()
            } else {
                describe_label_map(labels)
            };
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    "spec.selector",
                    format!(
                        "selector {} does not match the pod template labels {shown}",
                        describe_selector(&selector)
                    ),
                )
                .help(format!(
                    "add the selector's labels to {}",
                    obj.pod_labels_path()
                )),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ selector-template-mismatch` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
# ^ selector-template-mismatch
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: website
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
# ^ selector-template-mismatch
  serviceName: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: postgres
        image: postgres:16
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: dont-fire-agent
spec:
  selector:
    matchExpressions:
    - key: app
      operator: In
      values: [agent, agent-canary]
  template:
    metadata:
      labels:
        app: agent
        version: "2"
    spec:
      containers:
      - name: agent
        image: example/agent:2.0
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  selector:
# ^ selector-template-mismatch
    app: legacy
  template:
    metadata:
      labels:
        app: legacy-web
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: unlabelled
spec:
# ^ selector-template-mismatch
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: dont-fire-defaulted
spec:
  template:
    metadata:
      labels:
        app: defaulted
    spec:
      containers:
      - name: web
        image: nginx:1.27
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        tier: frontend
    spec:
      containers:
      - name: web
        image: nginx:1.27
"#;
