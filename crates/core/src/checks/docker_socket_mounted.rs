//! `docker-socket-mounted`: container-runtime socket mounted.

use super::support::containers::describe;

use super::support::pods::{mounts_of, pods};

use super::support::security_context::is_runtime_socket;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `docker-socket-mounted` check.
pub(crate) static CHECK: Check = Check {
    id: "docker-socket-mounted",
    rank: 930,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "container-runtime socket mounted",
    docs: DOCS,
    aliases: &["kube-linter:docker-sock", "checkov:CKV_K8S_27"],
    run,
};

const DOCS: &str = r#"## What it does

Flags every `hostPath` volume whose path is a container runtime's socket: `docker.sock`, `containerd.sock`, `crio.sock` (and `cri-dockerd.sock`, `podman.sock`), wherever it lives.

## Why is this bad?

The runtime socket is the control port of every container on the node.
Whoever can write to it can ask the runtime to start a new privileged container with the node's root filesystem mounted, which is a root shell on the node, or to read and change any other container.
Mounting it, even read-only (a read-only mount of a socket still lets you connect to it), is equivalent to giving the pod root on the node, invisibly to Kubernetes' own security controls.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  containers:
  - name: builder
    image: docker:27
    volumeMounts:
    - name: docker-sock
      mountPath: /var/run/docker.sock
  volumes:
  - name: docker-sock
    hostPath:
      path: /var/run/docker.sock
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  containers:
  - name: builder
    image: gcr.io/kaniko-project/executor:v1.23.2 # builds images without a daemon
    args: ["--dockerfile=Dockerfile", "--context=dir:///workspace", "--no-push"]
    volumeMounts:
    - name: workspace
      mountPath: /workspace
  volumes:
  - name: workspace
    emptyDir: {}
```

Do not mount the runtime socket: build images with a daemonless builder, and read container data through the Kubernetes API or the kubelet instead.

## Known problems

Mounting a parent directory such as `/var/run` or `/run/containerd` exposes the socket too; this check only looks at paths that name the socket, and `host-path-volume` reports the rest.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx) {
        for (i, volume) in pod.spec.volumes.iter().flatten().enumerate() {
            let Some(host_path) = volume
                .host_path
                .as_ref()
                .filter(|h| is_runtime_socket(&h.path))
            else {
                continue;
            };
            let mounts = mounts_of(pod, &volume.name);
            let users: Vec<String> = mounts.iter().map(|(c, _)| describe(c)).collect();
            let by = if users.is_empty() {
                String::new()
            } else {
                format!(", used by {}", users.join(", "))
            };
            let mut finding = Finding::new(
                &CHECK,
                pod.obj,
                &pod.field(&format!("volumes[{i}].hostPath.path")),
                format!("volume \"{}\" mounts the container runtime socket {}{by}", volume.name, host_path.path),
            )
            .help("do not mount the runtime socket; use a daemonless image builder or the Kubernetes API");
            if let Some((c, _)) = mounts.first() {
                finding = finding.container(&c.container.name);
            }
            findings.push(finding);
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ docker-socket-mounted` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: ci-runner
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ci-runner
  template:
    metadata:
      labels:
        app: ci-runner
    spec:
      containers:
      - name: runner
        image: example/ci-runner:16.0
        volumeMounts:
        - name: docker-sock
          mountPath: /var/run/docker.sock
      volumes:
      - name: docker-sock
        hostPath:
          path: /var/run/docker.sock
# ^ docker-socket-mounted
          type: Socket
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-node-logs
spec:
  containers:
  - name: reader
    image: busybox:1.36
    volumeMounts:
    - name: logs
      mountPath: /logs
      readOnly: true
  volumes:
  - name: logs
    hostPath:
      path: /var/log
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: ci-runner
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ci-runner
  template:
    metadata:
      labels:
        app: ci-runner
    spec:
      containers:
      - name: runner
        image: example/ci-runner:16.0
        volumeMounts:
        - name: workspace
          mountPath: /workspace
      volumes:
      - name: workspace
        emptyDir: {}
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_runtime_sockets_only() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: agent
    image: a
    volumeMounts:
    - name: containerd
      mountPath: /run/containerd/containerd.sock
  volumes:
  - name: containerd
    hostPath:
      path: /run/containerd/containerd.sock
  - name: docker-dir
    hostPath:
      path: /var/lib/docker
  - name: crio
    hostPath:
      path: /var/run/crio/crio.sock
"
            ),
            [
                "15 error volume \"containerd\" mounts the container runtime socket /run/containerd/containerd.sock, used by container \"agent\"",
                "21 error volume \"crio\" mounts the container runtime socket /var/run/crio/crio.sock",
            ]
        );
    }
}
