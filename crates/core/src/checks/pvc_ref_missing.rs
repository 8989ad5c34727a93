//! `pvc-ref-missing`: volume claimName not defined, and not a volumeClaimTemplate.

use super::{Category, Check, Context, Finding, Level};
use crate::graph::ProblemCode;

/// The `pvc-ref-missing` check.
pub static CHECK: Check = Check {
    id: "pvc-ref-missing",
    category: Category::Correctness,
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
