//! `proc-mount-unmasked`: procMount: Unmasked.

use super::support::containers::describe;

use super::support::pods::pods;

use super::support::security_context::{container_sc, sc_path};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `proc-mount-unmasked` check.
pub(crate) static CHECK: Check = Check {
    id: "proc-mount-unmasked",
    rank: 940,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "procMount: Unmasked",
    docs: DOCS,
    aliases: &["kube-linter:unsafe-proc-mount", "polaris:procMount"],
    run,
};

const DOCS: &str = r#"## What it does

Flags every container, init containers included, whose `securityContext` sets `procMount: Unmasked`.

## Why is this bad?

Every container gets its own `/proc`, but some of its entries still describe or control the whole node: `/proc/kcore` (the kernel's memory), `/proc/sysrq-trigger` (which can reboot the node), `/proc/sys`, `/proc/keys` and others.
With the default `procMount: Default`, the runtime hides those paths or makes them read-only.
`Unmasked` removes that protection, so a process in the container can read kernel memory or change kernel settings for the whole node.
It only exists for nested containers (running a container runtime inside a pod) together with user namespaces.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  containers:
  - name: builder
    image: example/builder:1.0
    securityContext:
      procMount: Unmasked
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
    image: example/builder:1.0
    securityContext:
      procMount: Default
```

Remove `procMount: Unmasked` (or set `Default`).
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx) {
        for c in &pod.containers {
            if container_sc(c).and_then(|sc| sc.proc_mount.as_deref()) == Some("Unmasked") {
                findings.push(
                    Finding::new(
                        &CHECK,
                        pod.obj,
                        &sc_path(c, "procMount"),
                        format!(
                            "{} sets procMount: Unmasked, exposing the node's /proc",
                            describe(c)
                        ),
                    )
                    .container(&c.container.name)
                    .help("remove procMount: Unmasked so the runtime masks /proc"),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ proc-mount-unmasked` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: nested-runtime
spec:
  hostUsers: false
  containers:
  - name: buildkit
    image: moby/buildkit:v0.16.0-rootless
    securityContext:
      procMount: Unmasked
# ^ proc-mount-unmasked
      seccompProfile:
        type: Unconfined
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-default
spec:
  containers:
  - name: app
    image: example/app:1.0
    securityContext:
      procMount: Default
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  containers:
  - name: builder
    image: example/builder:1.0
    securityContext:
      allowPrivilegeEscalation: false
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_unmasked_only() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostUsers: false
  containers:
  - name: a
    image: a
    securityContext:
      procMount: Unmasked
  - name: b
    image: b
    securityContext:
      procMount: Default
"
            ),
            ["11 error container \"a\" sets procMount: Unmasked, exposing the node's /proc"]
        );
    }
}
