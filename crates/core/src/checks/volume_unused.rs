//! `volume-unused`: declared volume never mounted.

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `volume-unused` check.
pub(crate) static CHECK: Check = Check {
    id: "volume-unused",
    rank: 280,
    category: Category::Hygiene,
    scope: Scope::PodSpec,
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

/// The fixture that must fire exactly on the lines marked `# ^ volume-unused` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
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
        volumeMounts:
        - name: tmp
          mountPath: /tmp
      volumes:
      - name: tmp
        emptyDir: {}
      - name: site-html
# ^ volume-unused
        configMap:
          name: site
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-seeded
spec:
  initContainers:
  - name: seed
    image: busybox:1.36
    command: ["sh", "-c", "cp /seed/* /data/"]
    volumeMounts:
    - name: seed
      mountPath: /seed
    - name: data
      mountPath: /data
  containers:
  - name: app
    image: example/app:1.0
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: seed
    configMap:
      name: seed-data
  - name: data
    emptyDir: {}
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
  - name: fetch
    image: busybox:1.36
    command: ["sh", "-c", "echo hello > /work/index.html"]
    volumeMounts:
    - name: html
      mountPath: /work
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  volumes:
  - name: html
    emptyDir: {}
"#;
