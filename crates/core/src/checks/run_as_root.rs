//! `run-as-root`: runAsNonRoot not true, runAsUser 0, or root group.

use super::support::containers::describe;

use super::support::pods::pods;

use super::support::security_context::{
    inherited, run_as_group, run_as_non_root, run_as_user, sc_path,
};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `run-as-root` check.
pub(crate) static CHECK: Check = Check {
    id: "run-as-root",
    rank: 810,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "runAsNonRoot not true, runAsUser 0, or root group",
    docs: DOCS,
    aliases: &[
        "kube-linter:run-as-non-root",
        "polaris:runAsRootAllowed",
        "checkov:CKV_K8S_23",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags every Linux container, init containers included, that runs as root or may do so:

- its effective `runAsUser` is `0`;
- or it sets no `runAsUser` and its effective `runAsNonRoot` is not `true`, so the image's `USER` decides, and many images default to root;
- or its effective `runAsGroup` is `0` (the root group).

"Effective" means the container's `securityContext` value, or else the pod's: a container setting overrides the pod setting.

## Why is this bad?

Root in a container is the same user id 0 as root on the node.
Namespaces and capabilities fence it in, but every kernel bug or misconfigured mount that lets a process out of the container hands the attacker root on the node.
Root can also write anywhere in the container image and read files owned by root-group-readable paths.
With `runAsNonRoot: true`, the kubelet refuses to start a container whose user would be 0, so a mistake in the image becomes a visible start-up error instead of a silent risk.

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
    runAsGroup: 10001
  containers:
  - name: api
    image: example/api:3.1
```

Set `runAsNonRoot: true` (and a non-zero `runAsUser`) in the pod `securityContext`, and build the image with a numeric non-root `USER`.

## Known problems

`runAsNonRoot: true` with an image whose `USER` is a name (`USER app`) rather than a number makes the kubelet refuse to start the container, because it cannot prove the name is not root; set a numeric `runAsUser` too.
OpenShift runs containers with a random user id and group 0 on purpose, so the root-group finding is expected there.
Windows pods are skipped: they use `windowsOptions.runAsUserName` instead.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx).filter(|p| !p.is_windows()) {
        for c in &pod.containers {
            let user = run_as_user(pod, c);
            let non_root = run_as_non_root(pod, c);
            let group = run_as_group(pod, c);
            let name = &c.container.name;
            let user_finding = match (&user, &non_root) {
                (Some(u), _) if u.value == 0 => {
                    let contradiction = if non_root.as_ref().is_some_and(|n| n.value) {
                        ", which contradicts runAsNonRoot: true, so the kubelet refuses to start it"
                    } else {
                        ""
                    };
                    Some((
                        u.path.clone(),
                        format!(
                            "{} runs as uid 0 (root){}{contradiction}",
                            describe(c),
                            inherited(u)
                        ),
                    ))
                }
                (Some(_), _) => None,
                (None, Some(n)) if n.value => None,
                (None, Some(n)) => Some((
                    n.path.clone(),
                    format!(
                        "{} sets runAsNonRoot: false{} and no runAsUser, so it runs as the image's user, often root",
                        describe(c),
                        inherited(n)
                    ),
                )),
                (None, None) => Some((
                    sc_path(c, "runAsNonRoot"),
                    format!(
                        "{} may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set",
                        describe(c)
                    ),
                )),
            };
            if let Some((path, message)) = user_finding {
                findings.push(
                    Finding::new(&CHECK, pod.obj, &path, message)
                        .container(name)
                        .help("set runAsNonRoot: true and a non-zero runAsUser in the pod securityContext"),
                );
            }
            if let Some(g) = group.filter(|g| g.value == 0) {
                findings.push(
                    Finding::new(
                        &CHECK,
                        pod.obj,
                        &g.path,
                        format!(
                            "{} runs with gid 0 (the root group){}",
                            describe(c),
                            inherited(&g)
                        ),
                    )
                    .container(name)
                    .help("set runAsGroup to a non-zero group id"),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ run-as-root` under them; objects named
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
# ^ run-as-root
        image: example/api:3.1
      - name: cache
        image: redis:7.2
        securityContext:
          runAsUser: 0
# ^ run-as-root
---
apiVersion: v1
kind: Pod
metadata:
  name: worker
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    runAsGroup: 0
# ^ run-as-root
  containers:
  - name: worker
    image: example/worker:1.0
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-non-root
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: example/app:1.0
    securityContext:
      runAsUser: 10001
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
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
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
    fn the_container_overrides_the_pod() {
        check(
            "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 0
  containers:
  - name: inherits
    image: a
  - name: overrides-user
    image: b
    securityContext:
      runAsUser: 1000
  - name: overrides-non-root
    image: c
    securityContext:
      runAsNonRoot: false
      runAsUser: 1000
",
            &[
                "8 warning container \"inherits\" runs as uid 0 (root) (inherited from the pod securityContext), which contradicts runAsNonRoot: true, so the kubelet refuses to start it",
            ],
        );
    }

    #[test]
    fn flags_unset_false_and_root_group() {
        check(
            "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: a
  containers:
  - name: opted-out
    image: b
    securityContext:
      runAsNonRoot: false
  - name: group
    image: c
    securityContext:
      runAsUser: 1000
      runAsGroup: 0
",
            &[
                "7 warning init container \"init\" may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set",
                "13 warning container \"opted-out\" sets runAsNonRoot: false and no runAsUser, so it runs as the image's user, often root",
                "18 warning container \"group\" runs with gid 0 (the root group)",
            ],
        );
    }
}
