//! `windows-host-process`: windows hostProcess container.

use super::support::containers::describe;

use super::support::pods::pods;

use super::support::security_context::{container_sc, sc_path};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `windows-host-process` check.
pub(crate) static CHECK: Check = Check {
    id: "windows-host-process",
    rank: 960,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "windows hostProcess container",
    docs: DOCS,
    aliases: &["polaris:hostProcess"],
    run,
};

const DOCS: &str = r#"## What it does

Flags every pod `securityContext` and every container `securityContext` (init containers included) that sets `windowsOptions.hostProcess: true`.

## Why is this bad?

A Windows HostProcess container is the Windows counterpart of a privileged Linux container.
It runs directly on the node as a normal Windows process, not inside a container boundary: it shares the node's network (it requires `hostNetwork: true`), can see and change the node's filesystem, processes and services, and typically runs as `NT AUTHORITY\SYSTEM`.
Anyone who controls it controls the Windows node.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: node-setup
spec:
  hostNetwork: true
  securityContext:
    windowsOptions:
      hostProcess: true
      runAsUserName: "NT AUTHORITY\\SYSTEM"
  nodeSelector:
    kubernetes.io/os: windows
  containers:
  - name: setup
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: node-setup
spec:
  securityContext:
    windowsOptions:
      runAsUserName: "ContainerUser"
  nodeSelector:
    kubernetes.io/os: windows
  containers:
  - name: setup
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
```

Run the workload as an ordinary Windows container under `ContainerUser`; keep HostProcess for node-management DaemonSets only.

## Known problems

CNI plugins, CSI node drivers and log collectors on Windows nodes need HostProcess by design.
Suppress the finding on them with a written reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let help = "remove hostProcess: true unless this is a node-management DaemonSet";
    let mut findings = Vec::new();
    for pod in pods(ctx) {
        let pod_level = pod
            .security_context()
            .and_then(|sc| sc.windows_options.as_ref())
            .and_then(|w| w.host_process);
        if pod_level == Some(true) {
            findings.push(
                Finding::new(
                    &CHECK,
                    pod.obj,
                    &pod.field("securityContext.windowsOptions.hostProcess"),
                    "pod runs its containers as windows hostProcess containers, directly on the node",
                )
                .help(help),
            );
        }
        for c in &pod.containers {
            let host_process = container_sc(c)
                .and_then(|sc| sc.windows_options.as_ref())
                .and_then(|w| w.host_process);
            if host_process == Some(true) {
                findings.push(
                    Finding::new(
                        &CHECK,
                        pod.obj,
                        &sc_path(c, "windowsOptions.hostProcess"),
                        format!(
                            "{} runs as a windows hostProcess container, directly on the node",
                            describe(c)
                        ),
                    )
                    .container(&c.container.name)
                    .help(help),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ windows-host-process` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: windows-exporter
spec:
  selector:
    matchLabels:
      app: windows-exporter
  template:
    metadata:
      labels:
        app: windows-exporter
    spec:
      hostNetwork: true
      securityContext:
        windowsOptions:
          hostProcess: true
# ^ windows-host-process
          runAsUserName: "NT AUTHORITY\\system"
      nodeSelector:
        kubernetes.io/os: windows
      containers:
      - name: exporter
        image: ghcr.io/prometheus-community/windows-exporter:0.29.2
---
apiVersion: v1
kind: Pod
metadata:
  name: iis
spec:
  hostNetwork: true
  nodeSelector:
    kubernetes.io/os: windows
  containers:
  - name: iis
    image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
    securityContext:
      windowsOptions:
        hostProcess: true
# ^ windows-host-process
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-container-user
spec:
  nodeSelector:
    kubernetes.io/os: windows
  securityContext:
    windowsOptions:
      runAsUserName: ContainerUser
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: iis
spec:
  replicas: 2
  selector:
    matchLabels:
      app: iis
  template:
    metadata:
      labels:
        app: iis
    spec:
      nodeSelector:
        kubernetes.io/os: windows
      securityContext:
        windowsOptions:
          runAsUserName: ContainerUser
      containers:
      - name: iis
        image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_pod_and_container_level() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostNetwork: true
  securityContext:
    windowsOptions:
      hostProcess: true
  containers:
  - name: a
    image: a
    securityContext:
      windowsOptions:
        hostProcess: true
  - name: b
    image: b
    securityContext:
      windowsOptions:
        runAsUserName: ContainerUser
"
            ),
            [
                "9 warning pod runs its containers as windows hostProcess containers, directly on the node",
                "15 warning container \"a\" runs as a windows hostProcess container, directly on the node",
            ]
        );
    }
}
