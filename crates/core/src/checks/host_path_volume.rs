//! `host-path-volume`: hostPath volume (writable, or a sensitive directory).

use super::support::containers::describe;

use super::support::pods::{mounts_of, pods};

use super::support::security_context::is_runtime_socket;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `host-path-volume` check.
pub(crate) static CHECK: Check = Check {
    id: "host-path-volume",
    rank: 920,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[Level::Error],
    enabled_by_default: true,
    summary: "hostPath volume (writable, or a sensitive directory)",
    docs: DOCS,
    aliases: &[
        "kube-linter:sensitive-host-mounts",
        "kube-linter:writable-host-mount",
        "polaris:hostPathSet",
    ],
    run,
};

/// Host paths that give control of the node: errors rather than warnings.
const SENSITIVE: &[&str] = &[
    "/",
    "/etc",
    "/proc",
    "/sys",
    "/dev",
    "/boot",
    "/root",
    "/var/lib/kubelet",
    "/var/run/docker.sock",
];

/// Host directories whose whole subtree is sensitive.
const SENSITIVE_TREES: &[&str] = &[
    "/proc/",
    "/sys/",
    "/root/",
    "/var/lib/kubelet/",
    "/etc/kubernetes/",
];

const DOCS: &str = r#"## What it does

Flags every `hostPath` volume of a pod spec.
It is an error when the path gives control of the node: `/`, `/etc`, `/proc`, `/sys`, `/dev`, `/boot`, `/root`, `/var/lib/kubelet` (or anything under `/proc`, `/sys`, `/root`, `/var/lib/kubelet` or `/etc/kubernetes`) or a container runtime socket; otherwise it is a warning.
The message says which containers mount it read-write.

## Why is this bad?

A `hostPath` volume mounts a file or directory of the node into the pod, outside every isolation Kubernetes provides.
Through `/etc` a container can add users or change the node's configuration; through `/var/lib/kubelet` it can read every other pod's Secrets; through `/proc` and `/sys` it can change kernel settings; through `/` it can do all of that.
Even harmless-looking paths tie the pod to one node's disk, so its data vanishes or differs when it moves to another node.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: uploader
spec:
  containers:
  - name: uploader
    image: example/uploader:2.0
    volumeMounts:
    - name: host-root
      mountPath: /host
  volumes:
  - name: host-root
    hostPath:
      path: /
```

## Fix

```yaml
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: uploads
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 10Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: uploader
spec:
  containers:
  - name: uploader
    image: example/uploader:2.0
    volumeMounts:
    - name: uploads
      mountPath: /data/uploads
  volumes:
  - name: uploads
    persistentVolumeClaim:
      claimName: uploads
```

Use `emptyDir`, a ConfigMap, a Secret or a PersistentVolumeClaim; if a node path is truly needed, mount the narrowest one with `readOnly: true`.

## Known problems

Log shippers, CNI plugins and CSI drivers run as DaemonSets that need host paths by design.
Suppress the finding on them with a written reason, and keep their mounts read-only where possible.
"#;

/// Whether mounting `path` from the node gives control of the node.
fn is_sensitive(path: &str) -> bool {
    let trimmed = path.trim_end_matches('/');
    let path = if trimmed.is_empty() { "/" } else { trimmed };
    SENSITIVE.contains(&path)
        || SENSITIVE_TREES
            .iter()
            .any(|tree| path.starts_with(tree) || path == tree.trim_end_matches('/'))
        || is_runtime_socket(path)
}

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx) {
        for (i, volume) in pod.spec.volumes.iter().flatten().enumerate() {
            let Some(host_path) = &volume.host_path else {
                continue;
            };
            let mounts = mounts_of(pod, &volume.name);
            let writers: Vec<String> = mounts
                .iter()
                .filter(|(_, writable)| *writable)
                .map(|(c, _)| describe(c))
                .collect();
            let writable = if writers.is_empty() {
                String::new()
            } else {
                format!(", read-write in {}", writers.join(", "))
            };
            let (level, what, help) = if is_sensitive(&host_path.path) {
                (
                    Level::Error,
                    "the sensitive host path",
                    "do not mount this node path; use another volume type or the narrowest read-only path",
                )
            } else {
                (
                    Level::Warning,
                    "host path",
                    "prefer emptyDir, a ConfigMap or a PersistentVolumeClaim; if the node path is needed, mount it readOnly",
                )
            };
            let mut finding = Finding::new(
                &CHECK,
                pod.obj,
                &pod.field(&format!("volumes[{i}].hostPath.path")),
                format!(
                    "volume \"{}\" mounts {what} {}{writable}",
                    volume.name, host_path.path
                ),
            )
            .severity(level)
            .help(help);
            if let Some((c, _)) = mounts.iter().find(|(_, w)| *w).or(mounts.first()) {
                finding = finding.container(&c.container.name);
            }
            findings.push(finding);
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ host-path-volume` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-shipper
spec:
  selector:
    matchLabels:
      app: log-shipper
  template:
    metadata:
      labels:
        app: log-shipper
    spec:
      containers:
      - name: shipper
        image: fluent/fluent-bit:3.0
        volumeMounts:
        - name: pod-logs
          mountPath: /var/log/pods
          readOnly: true
        - name: host-etc
          mountPath: /host/etc
      volumes:
      - name: pod-logs
        hostPath:
          path: /var/log/pods
# ^ host-path-volume
      - name: host-etc
        hostPath:
          path: /etc
# ^ host-path-volume
      - name: buffer
        emptyDir: {}
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-empty-dir
spec:
  containers:
  - name: app
    image: example/app:1.0
    volumeMounts:
    - name: scratch
      mountPath: /scratch
  volumes:
  - name: scratch
    emptyDir: {}
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
    spec:
      containers:
      - name: web
        image: nginx:1.27
        volumeMounts:
        - name: cache
          mountPath: /var/cache/nginx
      volumes:
      - name: cache
        emptyDir: {}
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::{CHECK, is_sensitive};

    #[test]
    fn sensitive_paths() {
        for path in [
            "/",
            "/etc",
            "/etc/",
            "/proc/sys",
            "/var/lib/kubelet/pods",
            "/etc/kubernetes/pki",
            "/run/containerd/containerd.sock",
        ] {
            assert!(is_sensitive(path), "{path} should be sensitive");
        }
        for path in [
            "/var/log",
            "/etc/cni/net.d",
            "/opt/cni/bin",
            "/run/flannel",
            "/rootfs",
        ] {
            assert!(!is_sensitive(path), "{path} should not be sensitive");
        }
    }

    #[test]
    fn names_the_read_write_containers() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: reader
    image: a
    volumeMounts:
    - name: logs
      mountPath: /logs
      readOnly: true
    - name: root
      mountPath: /host
  volumes:
  - name: logs
    hostPath:
      path: /var/log
  - name: root
    hostPath:
      path: /
"
            ),
            [
                "18 warning volume \"logs\" mounts host path /var/log",
                "21 error volume \"root\" mounts the sensitive host path /, read-write in container \"reader\"",
            ]
        );
    }
}
