//! `security-context-missing`: no pod or container securityContext at all.

use k8s_openapi::api::core::v1::{PodSecurityContext, SecurityContext};

use super::support::containers::describe;

use super::support::pods::pods;

use super::support::security_context::container_sc;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `security-context-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "security-context-missing",
    rank: 840,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "no pod or container securityContext at all",
    docs: DOCS,
    aliases: &["checkov:CKV_K8S_29", "checkov:CKV_K8S_30"],
    run,
};

const DOCS: &str = r#"## What it does

Flags every container, init containers included, that sets no `securityContext` while its pod sets none either (an empty `securityContext: {}` counts as none).

## Why is this bad?

`securityContext` is where a pod says which user it runs as, whether it may gain privileges, which Linux capabilities it keeps and which seccomp profile filters its system calls.
With none at all, every one of those falls back to the runtime's permissive defaults: the image's user (often root), privilege escalation allowed, the default capability set and, on many clusters, no seccomp filter.
It usually means nobody has thought about the workload's security yet, so this finding is a good place to start; the more specific checks then say what to set.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:3.1
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: api
    image: example/api:3.1
    securityContext:
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      capabilities:
        drop: ["ALL"]
```

Add a pod `securityContext` for the shared settings and a container `securityContext` for the per-container ones.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx) {
        let pod_sets_something = pod
            .security_context()
            .is_some_and(|sc| *sc != PodSecurityContext::default());
        if pod_sets_something {
            continue;
        }
        for c in &pod.containers {
            if container_sc(c).is_some_and(|sc| *sc != SecurityContext::default()) {
                continue;
            }
            findings.push(
                Finding::new(&CHECK, pod.obj, &c.path.to_string(), format!("{} has no securityContext, and neither does its pod", describe(c)))
                    .container(&c.container.name)
                    .help("add a securityContext: runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities drop ALL"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ security-context-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      initContainers:
      - name: wait-for-db
# ^ security-context-missing
        image: busybox:1.36
        command: ["sh", "-c", "until nc -z db 5432; do sleep 1; done"]
      containers:
      - name: api
# ^ security-context-missing
        image: example/api:3.1
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-pod-level
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: example/app:1.0
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: example/api:3.1
        securityContext:
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
    fn flags_containers_without_any_security_context() {
        check(
            "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext: {}
  containers:
  - name: bare
    image: a
  - name: empty
    image: b
    securityContext: {}
  - name: set
    image: c
    securityContext:
      runAsNonRoot: true
",
            &[
                "8 info container \"bare\" has no securityContext, and neither does its pod",
                "10 info container \"empty\" has no securityContext, and neither does its pod",
            ],
        );
    }

    #[test]
    fn a_pod_security_context_covers_its_containers() {
        check(
            "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    fsGroup: 2000
  containers:
  - name: bare
    image: a
",
            &[],
        );
    }
}
