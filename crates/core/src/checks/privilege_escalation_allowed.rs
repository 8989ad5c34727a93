//! `privilege-escalation-allowed`: allowPrivilegeEscalation not explicitly false.

use super::support::containers::describe;

use super::support::pods::pods;

use super::support::security_context::{container_sc, sc_path};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `privilege-escalation-allowed` check.
pub(crate) static CHECK: Check = Check {
    id: "privilege-escalation-allowed",
    rank: 800,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "allowPrivilegeEscalation not explicitly false (kube-linter flags only an explicit true, privileged, or SYS_ADMIN)",
    docs: DOCS,
    aliases: &[
        "kube-linter:privilege-escalation-container",
        "polaris:privilegeEscalationAllowed",
        "checkov:CKV_K8S_20",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags every Linux container, init containers included, whose `securityContext` does not set `allowPrivilegeEscalation: false`.
The field exists only on the container, not on the pod.

## Why is this bad?

`allowPrivilegeEscalation` controls the kernel's `no_new_privs` flag.
When it is not `false`, a process can gain more privileges than its parent, for example by running a setuid-root binary such as `su` or `passwd`, or a file with extra capabilities.
An attacker who gets a shell in the container as an ordinary user can then become root inside it, which is the first step of most container escapes.
Kubernetes defaults it to `true`, so you must write `false` to get the protection.

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
    securityContext:
      allowPrivilegeEscalation: false
```

Set `securityContext.allowPrivilegeEscalation: false` on every container.

## Known problems

A container that runs `privileged: true` or adds `CAP_SYS_ADMIN` always allows escalation, and the API server rejects `allowPrivilegeEscalation: false` next to `privileged: true`; fix the privilege first.
kube-linter flags only an explicit `true` (and privileged or SYS_ADMIN containers), so it stays quiet where this check speaks about the unsafe default.
Windows pods are skipped: the setting does not exist there.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx).filter(|p| !p.is_windows()) {
        for c in &pod.containers {
            let sc = container_sc(c);
            let privileged = sc.and_then(|sc| sc.privileged) == Some(true);
            let message = match sc.and_then(|sc| sc.allow_privilege_escalation) {
                Some(false) => continue,
                Some(true) => format!("{} sets allowPrivilegeEscalation: true", describe(c)),
                None if privileged => {
                    format!(
                        "{} runs privileged, so privilege escalation is always allowed",
                        describe(c)
                    )
                }
                None => format!(
                    "{} does not set allowPrivilegeEscalation: false",
                    describe(c)
                ),
            };
            findings.push(
                Finding::new(
                    &CHECK,
                    pod.obj,
                    &sc_path(c, "allowPrivilegeEscalation"),
                    message,
                )
                .container(&c.container.name)
                .help("set securityContext.allowPrivilegeEscalation: false on the container"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ privilege-escalation-allowed` under them; objects named
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
      initContainers:
      - name: migrate
# ^ privilege-escalation-allowed
        image: example/migrate:2.0
      containers:
      - name: web
        image: nginx:1.27
        securityContext:
          allowPrivilegeEscalation: true
# ^ privilege-escalation-allowed
      - name: log-shipper
        image: fluent/fluent-bit:3.0
        securityContext:
# ^ privilege-escalation-allowed
          runAsNonRoot: true
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-locked-down
spec:
  containers:
  - name: app
    image: example/app:1.0
    securityContext:
      allowPrivilegeEscalation: false
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
      initContainers:
      - name: migrate
        image: example/migrate:2.0
        securityContext:
          allowPrivilegeEscalation: false
      containers:
      - name: web
        image: nginx:1.27
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
    fn flags_explicit_true_and_the_unset_default() {
        check(
            "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    image: a
    securityContext:
      allowPrivilegeEscalation: true
  - name: b
    image: b
  - name: c
    image: c
    securityContext:
      allowPrivilegeEscalation: false
  - name: d
    image: d
    securityContext:
      privileged: true
",
            &[
                "10 warning container \"a\" sets allowPrivilegeEscalation: true",
                "11 warning container \"b\" does not set allowPrivilegeEscalation: false",
                "19 warning container \"d\" runs privileged, so privilege escalation is always allowed",
            ],
        );
    }

    #[test]
    fn windows_pods_are_skipped() {
        check(
            "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  os:
    name: windows
  containers:
  - name: a
    image: a
",
            &[],
        );
    }
}
