//! `uid-gid-low`: runAsUser or runAsGroup below 10000.

use super::support::containers::describe;

use super::support::pods::pods;

use super::support::security_context::{inherited, run_as_group, run_as_user};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `uid-gid-low` check.
pub(crate) static CHECK: Check = Check {
    id: "uid-gid-low",
    rank: 820,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "runAsUser or runAsGroup below 10000",
    docs: DOCS,
    aliases: &[
        "kube-score:container-security-context-user-group-id",
        "checkov:CKV_K8S_40",
    ],
    run,
};

/// Ids below this may belong to a real user or group on the node.
const HIGH: i64 = 10000;

const DOCS: &str = r#"## What it does

Flags every Linux container, init containers included, whose effective `runAsUser` or `runAsGroup` (the container's value, or else the pod's) is between 1 and 9999.
Id 0 is left to `run-as-root`, and an unset id to the image's `USER`.

## Why is this bad?

Containers share the node's kernel, and the kernel knows users only by number.
Linux distributions hand out ids below 1000 to system services and ids from 1000 up to people, so a container running as uid 1000 has the same id as the first real user on many nodes.
If the container ever escapes, or mounts a host directory, it can read and write that user's files.
An id of 10000 or more is very unlikely to match anything on the node.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
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

Pick a user and group id of 10000 or more, and make sure the image's files are readable by that id.

## Known problems

Why some teams disagree: the risk only matters after a container escape or with host mounts, which other checks already cover, and user namespaces (`hostUsers: false`) map container ids to unused node ids anyway.
Some images only work with the id they were built for (for example the official `nginx` user 101), and changing it means rebuilding the image or fixing file ownership.
That is why this check is only advice (info), as in kube-score, where it is an optional check.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx).filter(|p| !p.is_windows()) {
        for c in &pod.containers {
            let user = run_as_user(pod, c);
            let group = run_as_group(pod, c);
            for (what, setting) in [("uid", user), ("gid", group)] {
                let Some(s) = setting.filter(|s| (1..HIGH).contains(&s.value)) else {
                    continue;
                };
                findings.push(
                    Finding::new(
                        &CHECK,
                        pod.obj,
                        &s.path,
                        format!(
                            "{} runs as {what} {}{}, below {HIGH}",
                            describe(c),
                            s.value,
                            inherited(&s)
                        ),
                    )
                    .container(&c.container.name)
                    .help("use a user and group id of 10000 or more"),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ uid-gid-low` under them; objects named
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
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
# ^ uid-gid-low
      containers:
      - name: api
        image: example/api:3.1
        securityContext:
          runAsGroup: 101
# ^ uid-gid-low
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-high-ids
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    runAsGroup: 10001
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
    fn flags_low_ids_and_respects_container_overrides() {
        check(
            "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 10000
  containers:
  - name: inherits
    image: a
  - name: overrides
    image: b
    securityContext:
      runAsUser: 20000
      runAsGroup: 9999
  - name: root
    image: c
    securityContext:
      runAsUser: 0
",
            &[
                "7 info container \"inherits\" runs as uid 1000 (inherited from the pod securityContext), below 10000",
                "16 info container \"overrides\" runs as gid 9999, below 10000",
            ],
        );
    }
}
