//! `pvc-ref-missing`: volume claimName not defined, and not a volumeClaimTemplate.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `pvc-ref-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "pvc-ref-missing",
    rank: 260,
    category: Category::Correctness,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "volume claimName not defined, and not a volumeClaimTemplate",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags a `persistentVolumeClaim` volume whose `claimName` names a PersistentVolumeClaim the loaded manifests do not define in the pod's namespace.
A StatefulSet's `volumeClaimTemplates` are fine: the controller creates those claims itself, one per pod.

## Why is this bad?

A PersistentVolumeClaim is a request for storage; a pod mounts the storage by naming the claim.
If the claim does not exist, the scheduler cannot place the pod: it stays `Pending` with `persistentvolumeclaim "data" not found`, and a Deployment's rollout never completes.
Claims only bind within their namespace.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: postgres:16
    volumeMounts:
    - name: data
      mountPath: /var/lib/postgresql/data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: db-data
```

## Fix

```yaml
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: db-data
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 5Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: postgres:16
    volumeMounts:
    - name: data
      mountPath: /var/lib/postgresql/data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: db-data
```

Define the PersistentVolumeClaim in the pod's namespace, or use a StatefulSet `volumeClaimTemplates` entry.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::PvcRefMissing,
        Level::Warning,
        |p| match &p.suggestion {
            Some(name) => format!("use claimName `{name}`, or define the claim named here"),
            None => "define the PersistentVolumeClaim in this namespace".to_owned(),
        },
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ pvc-ref-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: postgres:16
    volumeMounts:
    - name: data
      mountPath: /var/lib/postgresql/data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: db-data
# ^ pvc-ref-missing
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: dont-fire-cache
spec:
  serviceName: dont-fire-cache
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
      containers:
      - name: cache
        image: redis:7
        volumeMounts:
        - name: data
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: db-data
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 5Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: postgres:16
    volumeMounts:
    - name: data
      mountPath: /var/lib/postgresql/data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: db-data
"#;
