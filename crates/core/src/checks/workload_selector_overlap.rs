//! `workload-selector-overlap`: two controllers in a namespace select each other's pods.
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::{Object, Resource, describe_selector};

/// The `workload-selector-overlap` check.
pub(crate) static CHECK: Check = Check {
    id: "workload-selector-overlap",
    rank: 60,
    category: Category::Correctness,
    scope: Scope::Controller,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "two controllers in a namespace select each other's pods",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags a Deployment, ReplicaSet, StatefulSet, DaemonSet, ReplicationController or DeploymentConfig whose `spec.selector` also matches the pod template labels of another such controller in the same namespace.
ReplicaSets, ReplicationControllers and Pods that carry an `ownerReferences` entry (copies dumped from a cluster) are skipped, because their owner's selector legitimately covers them.

## Why is this bad?

A controller finds its pods by label, and Kubernetes does not stop two controllers from using selectors that match the same pods.
Its documentation warns that such controllers may conflict and behave unexpectedly.
In practice a ReplicaSet adopts any matching pod that has no owner (for example pods left behind by `kubectl delete deployment --cascade=orphan`) and then deletes the extras.
Tools that find a workload's pods through its selector mix the two: `kubectl logs deployment/web` may show a canary pod, and an HPA on `web` averages the canary pods' metrics into its own.
A common way to get here is a canary: `web` selects `app: web`, and `web-canary` runs pods labelled `app: web, track: canary`, which `web` also matches.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
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
        image: example/web:1.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-canary
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
      track: canary
  template:
    metadata:
      labels:
        app: web
        track: canary
    spec:
      containers:
      - name: web
        image: example/web:1.1
```

## Fix

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
      track: stable
  template:
    metadata:
      labels:
        app: web
        track: stable
    spec:
      containers:
      - name: web
        image: example/web:1.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-canary
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
      track: canary
  template:
    metadata:
      labels:
        app: web
        track: canary
    spec:
      containers:
      - name: web
        image: example/web:1.1
```

Add a label that tells the controllers apart (here `track`) to both selectors and templates; a Service can still select `app: web` to send traffic to both.

## Known problems

`spec.selector` cannot be changed on an existing Deployment; changing it means deleting and recreating the Deployment.
"#;

fn is_controller(obj: &Object) -> bool {
    matches!(*obj.resource,
        Resource::Deployment(_)
            | Resource::ReplicaSet(_)
            | Resource::StatefulSet(_)
            | Resource::DaemonSet(_)
            | Resource::ReplicationController(_)
            | Resource::DeploymentConfig(_)
    ) && !obj.is_controlled()
}

fn run(ctx: &Context) -> Vec<Finding> {
    let controllers = ctx.model.objects.iter().filter(|o| is_controller(o));
    let mut findings = Vec::new();
    for a in controllers {
        let Some(selector) = a.workload_selector() else {
            continue;
        };
        // The controllers of the namespace whose pods the selector matches, found through the
        // model's label index rather than by trying every controller.
        let others: Vec<String> = ctx
            .model
            .pod_owners_selected(a.namespace.as_deref(), &selector)
            .into_iter()
            .filter(|b| is_controller(b) && b.id != a.id)
            .map(|b| b.id.to_string())
            .collect();
        if others.is_empty() {
            continue;
        }
        findings.push(
            Finding::new(
                &CHECK,
                a,
                "spec.selector",
                format!("selector {} also matches the pods of {}", describe_selector(&selector), others.join(", ")),
            )
            .help("add a label that tells the controllers apart to this selector and its pod template"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ workload-selector-overlap` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
# ^ workload-selector-overlap
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: example/web:1.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-web-canary
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
      track: canary
  template:
    metadata:
      labels:
        app: web
        track: canary
    spec:
      containers:
      - name: web
        image: example/web:1.1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-other-namespace
  namespace: staging
spec:
  replicas: 1
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
        image: example/web:1.0
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: queue
spec:
# ^ workload-selector-overlap
  replicas: 2
  template:
    metadata:
      labels:
        app: queue
    spec:
      containers:
      - name: queue
        image: example/queue:1.0
---
apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: dont-fire-queue-next
spec:
  replicas: 1
  selector:
    app: queue
    track: next
  template:
    metadata:
      labels:
        app: queue
        track: next
    spec:
      containers:
      - name: queue
        image: example/queue:2.0
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
      track: stable
  template:
    metadata:
      labels:
        app: web
        track: stable
    spec:
      containers:
      - name: web
        image: example/web:1.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-canary
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
      track: canary
  template:
    metadata:
      labels:
        app: web
        track: canary
    spec:
      containers:
      - name: web
        image: example/web:1.1
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-6d4cf56db6
  ownerReferences:
  - apiVersion: apps/v1
    kind: Deployment
    name: web
    uid: 0f6c2b8e-3f1a-4c55-9d0e-2b7c1a9e4d11
    controller: true
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
      track: stable
      pod-template-hash: 6d4cf56db6
  template:
    metadata:
      labels:
        app: web
        track: stable
        pod-template-hash: 6d4cf56db6
    spec:
      containers:
      - name: web
        image: example/web:1.0
"#;
