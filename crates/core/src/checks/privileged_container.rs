//! `privileged-container`: privileged: true.

use super::support::containers::describe;

use super::support::pods::pods;

use super::support::security_context::{container_sc, sc_path};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `privileged-container` check.
pub(crate) static CHECK: Check = Check {
    id: "privileged-container",
    rank: 790,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "privileged: true",
    docs: DOCS,
    aliases: &[
        "kube-score:container-security-context-privileged",
        "kube-linter:privileged-container",
        "polaris:runAsPrivileged",
        "checkov:CKV_K8S_16",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags every container, init containers included, whose `securityContext` sets `privileged: true`.

## Why is this bad?

A privileged container runs with almost every protection of the node switched off.
It gets all Linux capabilities, sees every device under `/dev`, and escapes the default seccomp and AppArmor profiles.
A process inside it can mount the node's disk, load kernel modules or change the node's network, so anyone who breaks into the container owns the node and every pod on it.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
  - name: agent
    image: example/agent:1.4
    securityContext:
      privileged: true
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
  - name: agent
    image: example/agent:1.4
    securityContext:
      privileged: false
      allowPrivilegeEscalation: false
      capabilities:
        drop: ["ALL"]
        add: ["NET_BIND_SERVICE"] # only the capabilities the process really needs
```

Remove `privileged: true` and grant only the specific capabilities or host mounts the process needs.

## Known problems

Some node agents (CNI plugins, storage drivers, monitoring agents) genuinely need privileged mode.
Keep them in their own namespace and suppress this check on them with a written reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx) {
        for c in &pod.containers {
            if container_sc(c).and_then(|sc| sc.privileged) == Some(true) {
                findings.push(
                    Finding::new(
                        &CHECK,
                        pod.obj,
                        &sc_path(c, "privileged"),
                        format!("{} runs privileged", describe(c)),
                    )
                    .container(&c.container.name)
                    .help(
                        "remove privileged: true and add only the capabilities the process needs",
                    ),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ privileged-container` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      initContainers:
      - name: load-module
        image: busybox:1.36
        command: ["modprobe", "br_netfilter"]
        securityContext:
          privileged: true
# ^ privileged-container
      containers:
      - name: agent
        image: example/agent:1.4
        securityContext:
          privileged: true
# ^ privileged-container
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-web
spec:
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      privileged: false
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
        securityContext:
          privileged: false
          allowPrivilegeEscalation: false
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[track_caller]
    fn check(input: &str, expected: &[&str]) {
        assert_eq!(findings(&CHECK, input), expected);
    }

    #[test]
    fn flags_privileged_init_and_app_containers_only() {
        check(
            "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      initContainers:
      - name: setup
        image: busybox
        securityContext:
          privileged: true
      containers:
      - name: agent
        image: agent
        securityContext:
          privileged: false
      - name: sidecar
        image: sidecar
",
            &["16 error init container \"setup\" runs privileged"],
        );
    }
}
