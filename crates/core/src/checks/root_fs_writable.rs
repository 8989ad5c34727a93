//! `root-fs-writable`: readOnlyRootFilesystem not true.

use super::support::containers::describe;

use super::support::pods::pods;

use super::support::security_context::{container_sc, sc_path};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `root-fs-writable` check.
pub(crate) static CHECK: Check = Check {
    id: "root-fs-writable",
    rank: 830,
    category: Category::Security,
    scope: Scope::PodSpec,
    // Disputed (see the catalog's design notes), so advice rather than a warning.
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "readOnlyRootFilesystem not true",
    docs: DOCS,
    aliases: &[
        "kube-score:container-security-context-readonlyrootfilesystem",
        "kube-linter:no-read-only-root-fs",
        "polaris:notReadOnlyRootFilesystem",
        "checkov:CKV_K8S_22",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags every Linux container, init containers included, whose `securityContext` does not set `readOnlyRootFilesystem: true`.
The field exists only on the container, not on the pod.

## Why is this bad?

By default a container can write anywhere in its own filesystem: the files that came with the image.
An attacker who gets code execution can then drop tools, replace binaries or scripts the app runs later, or edit configuration, and the changes survive until the container restarts.
With a read-only root filesystem the image stays exactly as it was built, and the only writable places are the volumes you mounted on purpose.

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
      readOnlyRootFilesystem: true
    volumeMounts:
    - name: tmp
      mountPath: /tmp
    - name: cache
      mountPath: /var/cache/nginx
  volumes:
  - name: tmp
    emptyDir: {}
  - name: cache
    emptyDir: {}
```

Set `readOnlyRootFilesystem: true` and mount an `emptyDir` volume at each path the app really writes to.

## Known problems

Why some teams disagree: many off-the-shelf images write to `/tmp`, caches, PID files or their own config directory, and fail at start-up, sometimes only on a rarely used code path, once the root filesystem is read-only.
Finding every writable path takes testing, and an attacker with code execution can often still do harm from memory or from the writable volumes.
That is why this check is only advice (info) here; enable it in earnest for images you build yourself.
Windows pods are skipped: the setting is not supported there.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx).filter(|p| !p.is_windows()) {
        for c in &pod.containers {
            let message = match container_sc(c).and_then(|sc| sc.read_only_root_filesystem) {
                Some(true) => continue,
                Some(false) => format!("{} sets readOnlyRootFilesystem: false", describe(c)),
                None => format!(
                    "{} has a writable root filesystem (readOnlyRootFilesystem is not set)",
                    describe(c)
                ),
            };
            findings.push(
                Finding::new(&CHECK, pod.obj, &sc_path(c, "readOnlyRootFilesystem"), message)
                    .container(&c.container.name)
                    .help("set readOnlyRootFilesystem: true and mount emptyDir volumes where the app writes"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ root-fs-writable` under them; objects named
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
      containers:
      - name: web
# ^ root-fs-writable
        image: nginx:1.27
      - name: exporter
        image: nginx/nginx-prometheus-exporter:1.3
        securityContext:
          readOnlyRootFilesystem: false
# ^ root-fs-writable
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-read-only
spec:
  containers:
  - name: app
    image: example/app:1.0
    securityContext:
      readOnlyRootFilesystem: true
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
          readOnlyRootFilesystem: true
        volumeMounts:
        - name: tmp
          mountPath: /tmp
      volumes:
      - name: tmp
        emptyDir: {}
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
    fn flags_false_and_unset() {
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
      readOnlyRootFilesystem: false
  - name: b
    image: b
  - name: c
    image: c
    securityContext:
      readOnlyRootFilesystem: true
",
            &[
                "10 info container \"a\" sets readOnlyRootFilesystem: false",
                "11 info container \"b\" has a writable root filesystem (readOnlyRootFilesystem is not set)",
            ],
        );
    }
}
