//! `seccomp-unset`: no RuntimeDefault or Localhost seccomp profile.

use super::support::containers::describe;

use super::support::pods::pods;

use super::support::security_context::{effective, inherited, sc_path};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `seccomp-unset` check.
pub(crate) static CHECK: Check = Check {
    id: "seccomp-unset",
    rank: 850,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "no RuntimeDefault or Localhost seccomp profile",
    docs: DOCS,
    aliases: &[
        "kube-score:container-seccomp-profile",
        "polaris:linuxHardening",
        "checkov:CKV_K8S_31",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags every Linux container, init containers included, whose effective `seccompProfile` (the container's, or else the pod's) is missing or `Unconfined`.
`RuntimeDefault` and `Localhost` pass.

## Why is this bad?

Seccomp is a kernel filter on system calls.
The container runtime's default profile (`RuntimeDefault`) blocks a few dozen calls that ordinary programs never use but kernel exploits and escapes love, such as `unshare`, `keyctl`, `bpf` or `mount`.
Kubernetes does **not** apply it unless you ask: without a `seccompProfile`, a container runs `Unconfined`, with every system call open to it.

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
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: api
    image: example/api:3.1
```

Set `seccompProfile.type: RuntimeDefault` in the pod `securityContext`, so every container inherits it.

## Known problems

A cluster whose kubelets run with `--seccomp-default` (or `seccompDefault: true`) already applies `RuntimeDefault` to every container; this check cannot see node settings.
The old `seccomp.security.alpha.kubernetes.io/*` annotations are not read: they have been deprecated since Kubernetes 1.19 and current versions ignore them, so use the field.
Privileged containers always run unconfined, whatever the profile says.
Windows pods are skipped: seccomp is Linux-only.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx).filter(|p| !p.is_windows()) {
        for c in &pod.containers {
            let profile = effective(
                pod,
                c,
                "seccompProfile",
                |sc| sc.seccomp_profile.clone(),
                |sc| sc.seccomp_profile.clone(),
            );
            let (path, message) = match profile {
                Some(p) if matches!(p.value.type_.as_str(), "RuntimeDefault" | "Localhost") => {
                    continue;
                }
                Some(p) => (
                    format!("{}.type", p.path),
                    format!(
                        "{} runs with seccomp profile {}{}",
                        describe(c),
                        p.value.type_,
                        inherited(&p)
                    ),
                ),
                None => (
                    sc_path(c, "seccompProfile"),
                    format!(
                        "{} sets no seccomp profile, so it runs unconfined",
                        describe(c)
                    ),
                ),
            };
            findings.push(
                Finding::new(&CHECK, pod.obj, &path, message)
                    .container(&c.container.name)
                    .help("set seccompProfile.type: RuntimeDefault in the pod securityContext"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ seccomp-unset` under them; objects named
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
      containers:
      - name: api
        image: example/api:3.1
        securityContext:
# ^ seccomp-unset
          allowPrivilegeEscalation: false
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  securityContext:
    seccompProfile:
      type: Unconfined
# ^ seccomp-unset
  containers:
  - name: debug
    image: busybox:1.36
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-runtime-default
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
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
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: api
        image: example/api:3.1
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
    fn the_container_profile_overrides_the_pod_profile() {
        check(
            "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: inherits
    image: a
  - name: unconfined
    image: b
    securityContext:
      seccompProfile:
        type: Unconfined
",
            &["16 info container \"unconfined\" runs with seccomp profile Unconfined"],
        );
    }

    #[test]
    fn flags_an_unset_profile() {
        check(
            "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    image: a
  - name: b
    image: b
    securityContext:
      seccompProfile:
        type: Localhost
        localhostProfile: profiles/b.json
",
            &["7 info container \"a\" sets no seccomp profile, so it runs unconfined"],
        );
    }
}
