//! `image-tag-mutable`: image has no tag or uses `:latest` (and has no digest).

use super::support::images::{UnpinnedImage, unpinned_images};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `image-tag-mutable` check.
pub(crate) static CHECK: Check = Check {
    id: "image-tag-mutable",
    rank: 640,
    category: Category::Reliability,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "image has no tag or uses `:latest` (and has no digest)",
    docs: DOCS,
    aliases: &[
        "kube-score:container-image-tag",
        "kube-linter:latest-tag",
        "polaris:tagNotSpecified",
        "checkov:CKV_K8S_14",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a container or init container whose `image` has no tag, or the tag `latest`, and no `@sha256:` digest.
An image with no tag means `:latest`.

## Why is this bad?

`latest` is not "the newest release": it is just a tag that whoever pushes last moves.
Two nodes that pull at different times can run different code under the same manifest, a rollback to the "previous" manifest pulls the same moving tag again, and nothing in the cluster records which build is running.
A Deployment only rolls out when its pod template changes, so pushing a new `latest` does not update anything until pods happen to be recreated.
Because the tag is `latest`, Kubernetes also defaults `imagePullPolicy` to `Always`, so every pod start depends on the registry being reachable.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:latest
```

## Fix

```yaml
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
```

Tag every build with a version (or the git commit) and write that tag, or pin the image by digest (`web@sha256:…`).
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for UnpinnedImage {
        obj,
        container: c,
        image,
        parsed,
    } in unpinned_images(ctx)
    {
        let message = match parsed.tag {
            None => format!(
                "image \"{image}\" has no tag, so it means \"{image}:latest\", a mutable tag"
            ),
            Some("latest") => format!("image \"{image}\" uses a mutable tag"),
            Some(_) => continue,
        };
        findings.push(
            Finding::new(&CHECK, obj, &format!("{}.image", c.path), message)
                .container(&c.container.name)
                .help(format!(
                    "pin a version, e.g. {}:1.2.3, or a digest ({}@sha256:…)",
                    parsed.name, parsed.name
                )),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ image-tag-mutable` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: shop
spec:
  selector:
    matchLabels:
      app: frontend
  template:
    metadata:
      labels:
        app: frontend
    spec:
      containers:
        - name: frontend
          image: feastflow-frontend:latest
# ^ image-tag-mutable
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: untagged
  namespace: shop
spec:
  selector:
    matchLabels:
      app: untagged
  template:
    metadata:
      labels:
        app: untagged
    spec:
      containers:
        - name: untagged
          image: nginx
# ^ image-tag-mutable
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-digest
  namespace: shop
spec:
  selector:
    matchLabels:
      app: dont-fire-digest
  template:
    metadata:
      labels:
        app: dont-fire-digest
    spec:
      containers:
        - name: dont-fire-digest
          image: nginx@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-registry-port
  namespace: shop
spec:
  selector:
    matchLabels:
      app: dont-fire-registry-port
  template:
    metadata:
      labels:
        app: dont-fire-registry-port
    spec:
      containers:
        - name: dont-fire-registry-port
          image: localhost:5000/web:1.4.2
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: shop
spec:
  selector:
    matchLabels:
      app: frontend
  template:
    metadata:
      labels:
        app: frontend
    spec:
      containers:
        - name: frontend
          image: feastflow-frontend:1.0.0
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(yaml: &str, expected: &[&str]) {
        assert_eq!(
            super::super::support::testing::messages(run, yaml),
            expected
        );
    }

    #[test]
    fn flags_latest_and_missing_tags_but_not_digests_or_registry_ports() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n    - {name: init, image: busybox}\n  containers:\n    - {name: a, image: 'feastflow-frontend:latest'}\n    - {name: b, image: 'localhost:5000/web:2.1'}\n    - {name: c, image: 'web:latest@sha256:0123'}\n    - {name: d, image: 'localhost:5000/web'}\n",
            &[
                "image \"busybox\" has no tag, so it means \"busybox:latest\", a mutable tag",
                "image \"feastflow-frontend:latest\" uses a mutable tag",
                "image \"localhost:5000/web\" has no tag, so it means \"localhost:5000/web:latest\", a mutable tag",
            ],
        );
    }
}
