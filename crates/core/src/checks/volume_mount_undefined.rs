//! `volume-mount-undefined`: volumeMount names a volume the pod does not declare (the API rejects it).

use super::support::did_you_mean;

use super::support::containers::describe;
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `volume-mount-undefined` check.
pub(crate) static CHECK: Check = Check {
    id: "volume-mount-undefined",
    rank: 270,
    category: Category::Correctness,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "volumeMount names a volume the pod does not declare (the API rejects it)",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags a container's `volumeMounts[].name` (or `volumeDevices[].name`) that matches no entry of the pod's `volumes` list.
For a StatefulSet, the names of its `volumeClaimTemplates` count as declared volumes too.

## Why is this bad?

A pod spec says *what* storage exists in `volumes`, and each container says *where* to mount it in `volumeMounts`, joined by name.
When the name matches nothing, the API server rejects the whole object (`spec.containers[0].volumeMounts[0].name: Not found`), so the Deployment, Job or Pod is never created.
The usual cause is a typo, or a volume renamed in one place but not the other.

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
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
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

Make the mount's `name` equal to the `name` of a volume in `spec.volumes` (or add the missing volume).
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        let Some(pod) = obj.pod_spec() else { continue };
        let mut declared: Vec<&str> = pod
            .spec
            .volumes
            .iter()
            .flatten()
            .map(|v| v.name.as_str())
            .collect();
        if let Resource::StatefulSet(sts) = &*obj.resource {
            declared.extend(
                sts.spec
                    .volume_claim_templates
                    .iter()
                    .flatten()
                    .filter_map(|t| t.metadata.name.as_deref()),
            );
        }
        for c in obj.containers() {
            let mounts = c
                .container
                .volume_mounts
                .iter()
                .flatten()
                .map(|m| ("volumeMounts", m.name.as_str()));
            let devices = c
                .container
                .volume_devices
                .iter()
                .flatten()
                .map(|d| ("volumeDevices", d.name.as_str()));
            let mut index = std::collections::BTreeMap::<&str, usize>::new();
            for (list, name) in mounts.chain(devices) {
                let i = index.entry(list).or_default();
                let path = format!("{}.{list}[{}].name", c.path, *i);
                *i += 1;
                if declared.contains(&name) {
                    continue;
                }
                let hint = did_you_mean(name, declared.iter().copied());
                findings.push(
                    Finding::new(
                        &CHECK,
                        obj,
                        &path,
                        format!(
                            "{} mounts volume \"{name}\", which the pod does not declare{hint}",
                            describe(&c)
                        ),
                    )
                    .container(&c.container.name)
                    .help(format!(
                        "add a volume named \"{name}\" to {}.volumes or fix the mount's name",
                        pod.path
                    )),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ volume-mount-undefined` under them; objects named
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
        - name: html
# ^ volume-mount-undefined
          mountPath: /usr/share/nginx/html
        - name: tmp
          mountPath: /tmp
      volumes:
      - name: site-html
        configMap:
          name: site
      - name: tmp
        emptyDir: {}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: dont-fire-db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: postgres
        image: postgres:16
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 10Gi
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
