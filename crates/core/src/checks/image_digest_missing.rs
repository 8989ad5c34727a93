//! `image-digest-missing`: image not pinned by `@sha256` digest.

use super::support::images::{UnpinnedImage, unpinned_images};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `image-digest-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "image-digest-missing",
    rank: 650,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: false,
    summary: "image not pinned by @sha256 digest",
    docs: DOCS,
    aliases: &["checkov:CKV_K8S_43"],
    run,
};

const DOCS: &str = r#"## What it does

An opt-in check: flags a container or init container whose `image` is not pinned by a digest (`@sha256:…`).

## Why is this bad?

A tag, even a version tag like `1.4.2`, is a movable name: anyone who can push to the repository can point it at different content.
A digest is the hash of the image itself, so the node runs exactly the bytes that were reviewed and scanned, or fails to pull.
Supply-chain policies (signing, admission controllers that verify signatures) work on digests for this reason.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
```

## Fix

```yaml
  containers:
    - name: web
      image: nginx:1.27.2@sha256:<digest printed by `docker buildx imagetools inspect nginx:1.27.2`>
```

Append the image's digest after the tag; keep the tag for people, the digest is what the node pulls.

## Known problems

Digests are unreadable and must be bumped on every rebuild, including base-image security patches, so teams that pin them need automation (Renovate, Dependabot) to keep them fresh.
That is why this check is off by default.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for UnpinnedImage {
        obj,
        container: c,
        image,
        ..
    } in unpinned_images(ctx)
    {
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                &format!("{}.image", c.path),
                format!("image \"{image}\" is not pinned by a digest"),
            )
            .container(&c.container.name)
            .help(format!("pin it as {image}@sha256:<digest>")),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ image-digest-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
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
          image: nginx:1.27.2
# ^ image-digest-missing
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-pinned
  namespace: shop
spec:
  selector:
    matchLabels:
      app: dont-fire-pinned
  template:
    metadata:
      labels:
        app: dont-fire-pinned
    spec:
      containers:
        - name: dont-fire-pinned
          image: nginx:1.27.2@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
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
          image: nginx@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9
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
    fn only_digests_pass() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: 'nginx:1.27'}\n    - {name: b, image: 'nginx@sha256:0123'}\n",
            &["image \"nginx:1.27\" is not pinned by a digest"],
        );
    }
}
