//! `volume-unused`: declared volume never mounted.

use super::{Category, Check, Context, Finding, Level};

/// The `volume-unused` check.
pub static CHECK: Check = Check {
    id: "volume-unused",
    category: Category::Hygiene,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "declared volume never mounted",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags an entry of a pod's `volumes` list that no container (init containers included) mounts through `volumeMounts` or `volumeDevices`.

## Why is this bad?

A volume only reaches a container's filesystem when a container mounts it by name.
An unmounted volume does nothing useful, yet it still costs: the kubelet fetches its ConfigMap or Secret, attaches its disk, and the pod waits for that before it starts (a missing Secret keeps it in `ContainerCreating`).
Most of the time it is a leftover from a refactor, or the mount was forgotten and the application silently reads its built-in defaults instead of the configuration you meant to give it.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
  volumes:
  - name: site-html
    configMap:
      name: site
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - name: site-html
      mountPath: /usr/share/nginx/html
  volumes:
  - name: site-html
    configMap:
      name: site
```

Mount the volume in the container that needs it, or delete the volume.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        let Some(pod) = obj.pod_spec() else { continue };
        let containers = obj.containers();
        let used = |name: &str| {
            containers.iter().any(|c| {
                c.container
                    .volume_mounts
                    .iter()
                    .flatten()
                    .any(|m| m.name == name)
                    || c.container
                        .volume_devices
                        .iter()
                        .flatten()
                        .any(|d| d.name == name)
            })
        };
        for (i, volume) in pod.spec.volumes.iter().flatten().enumerate() {
            if !used(&volume.name) {
                findings.push(
                    Finding::new(
                        &CHECK,
                        obj,
                        &format!("{}.volumes[{i}].name", pod.path),
                        format!(
                            "volume \"{}\" is declared but no container mounts it",
                            volume.name
                        ),
                    )
                    .help(format!(
                        "mount \"{}\" with a volumeMounts entry, or delete the volume",
                        volume.name
                    )),
                );
            }
        }
    }
    findings
}
