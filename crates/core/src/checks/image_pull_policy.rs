//! `image-pull-policy`: imagePullPolicy is not Always (disputed).

use super::support::images::{UnpinnedImage, unpinned_images};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `image-pull-policy` check.
pub(crate) static CHECK: Check = Check {
    id: "image-pull-policy",
    rank: 660,
    category: Category::Reliability,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "imagePullPolicy is not Always (disputed)",
    docs: DOCS,
    aliases: &[
        "kube-score:container-image-pull-policy",
        "polaris:pullPolicyNotAlways",
        "checkov:CKV_K8S_15",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags a container or init container whose effective `imagePullPolicy` is not `Always`: either written as `IfNotPresent` or `Never`, or left out for an image with a tag other than `latest` (Kubernetes then defaults to `IfNotPresent`).
Images pinned by digest are skipped: a digest always names the same content, so a cached copy is correct.

## Why is this bad?

With `IfNotPresent` a node reuses any image it already has under that name.
If the tag was pushed again (a rebuilt `1.4`), different nodes run different code under the same manifest.
With `Always`, the kubelet asks the registry for the tag's current digest on every container start (it still reuses the cached layers), and it checks the pod's `imagePullSecrets` each time, so a pod cannot start from an image that another tenant's credentials pulled onto the node.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4
      imagePullPolicy: IfNotPresent
```

## Fix

```yaml
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4
      imagePullPolicy: Always
```

Set `imagePullPolicy: Always`, or pin the image by digest so the policy no longer matters.

## Known problems

Why some teams disagree: `Always` makes every container start depend on the registry being reachable, so a registry outage or rate limit (Docker Hub's) stops pods from restarting or scaling, even on nodes that have the image.
Teams that never re-push a tag argue that immutable tags, or digests, fix the real problem and `IfNotPresent` is then faster and more robust.
The `AlwaysPullImages` admission plugin enforces the credential check cluster-wide instead.
That is why this check is only informational.
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
        let (path, message) = match c.container.image_pull_policy.as_deref() {
            Some("Always") => continue,
            Some(policy) => (
                format!("{}.imagePullPolicy", c.path),
                format!(
                    "imagePullPolicy is {policy}, so a node reuses its cached copy of \"{image}\""
                ),
            ),
            None => match parsed.tag {
                None | Some("latest") => continue,
                Some(tag) => (
                    format!("{}.image", c.path),
                    format!(
                        "imagePullPolicy defaults to IfNotPresent for tag \"{tag}\", so a node reuses its cached copy of \"{image}\""
                    ),
                ),
            },
        };
        findings.push(
            Finding::new(&CHECK, obj, &path, message)
                .container(&c.container.name)
                .help("set imagePullPolicy: Always, or pin the image by digest"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ image-pull-policy` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: postgres
  namespace: shop
spec:
  selector:
    matchLabels:
      app: postgres
  template:
    metadata:
      labels:
        app: postgres
    spec:
      containers:
        - name: postgres
          image: postgres:15-alpine
# ^ image-pull-policy
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cached
  namespace: shop
spec:
  selector:
    matchLabels:
      app: cached
  template:
    metadata:
      labels:
        app: cached
    spec:
      containers:
        - name: cached
          image: ghcr.io/acme/web:1.4
          imagePullPolicy: IfNotPresent
# ^ image-pull-policy
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-latest
  namespace: shop
spec:
  selector:
    matchLabels:
      app: dont-fire-latest
  template:
    metadata:
      labels:
        app: dont-fire-latest
    spec:
      containers:
        - name: dont-fire-latest
          image: ghcr.io/acme/web:latest
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
          image: ghcr.io/acme/web@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9
          imagePullPolicy: IfNotPresent
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
          image: ghcr.io/acme/web:1.4
          imagePullPolicy: Always
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
    fn the_default_policy_depends_on_the_tag() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: 'postgres:15-alpine'}\n    - {name: b, image: 'web:latest'}\n    - {name: c, image: web}\n    - {name: d, image: 'web:1', imagePullPolicy: Never}\n    - {name: e, image: 'web:1', imagePullPolicy: Always}\n    - {name: f, image: 'web:1@sha256:0123', imagePullPolicy: IfNotPresent}\n",
            &[
                "imagePullPolicy defaults to IfNotPresent for tag \"15-alpine\", so a node reuses its cached copy of \"postgres:15-alpine\"",
                "imagePullPolicy is Never, so a node reuses its cached copy of \"web:1\"",
            ],
        );
    }
}
