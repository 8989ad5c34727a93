//! `known-risky-components`: known risky components: Kubernetes Dashboard, Helm v2 Tiller, git-sync.

use super::support::containers::describe;
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `known-risky-components` check.
pub(crate) static CHECK: Check = Check {
    id: "known-risky-components",
    rank: 1150,
    category: Category::Security,
    scope: Scope::PodSpecOrService,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "known risky components: Kubernetes Dashboard, Helm v2 Tiller, git-sync",
    docs: DOCS,
    aliases: &[
        "checkov:CKV_K8S_33",
        "checkov:CKV_K8S_34",
        "checkov:CKV_K8S_44",
        "checkov:CKV_K8S_45",
        "checkov:CKV_K8S_159",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags containers running three components with a history of trouble, recognised by their image: the Kubernetes Dashboard (`kubernetesui/dashboard`, `kubernetes-dashboard`), Helm v2's Tiller (`tiller`) and git-sync (`git-sync`).
It also flags a Service for Tiller (named `tiller-deploy`, or selecting `app: helm, name: tiller`).

## Why is this bad?

- **Kubernetes Dashboard**: a web UI that acts with its own ServiceAccount or the token users paste in. Installed with broad rights and exposed to a network, it has been a classic way into clusters (the 2018 Tesla cryptomining breach went through an unauthenticated dashboard). If you keep it, keep it behind `kubectl proxy` or an authenticating proxy, with read-only rights.
- **Tiller** (Helm v2): an in-cluster server, usually with `cluster-admin`, that by default accepts unauthenticated gRPC on port 44134 from any pod. Anyone who reaches it can install anything. Helm v2 reached end of life in November 2020; Helm 3 has no Tiller.
- **git-sync**: a sidecar that pulls a Git repository into the pod at run time. What runs then depends on whoever can push to that repository or branch, outside image review, signing and pinning, and its flags have to be guarded so that they cannot be turned into running arbitrary commands.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: docs
spec:
  selector:
    matchLabels:
      app: docs
  template:
    metadata:
      labels:
        app: docs
    spec:
      containers:
      - name: web
        image: nginx:1.27
      - name: git-sync
        image: registry.k8s.io/git-sync/git-sync:v4.2.1
        args: ["--repo=https://github.com/example/docs", "--ref=main", "--root=/git"]
```

## Fix

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: docs
spec:
  selector:
    matchLabels:
      app: docs
  template:
    metadata:
      labels:
        app: docs
    spec:
      containers:
      - name: web
        image: example/docs-site:2024.06.1
```

Bake the content into a reviewed, versioned image (or pin git-sync to a commit rather than a moving branch); remove Tiller and manage releases with Helm 3 from your machine or CI; serve the Dashboard only through an authenticating proxy with read-only rights.

## Known problems

Matching goes by image name, so a mirror under another name is missed, and an unrelated image whose name ends in `tiller` or `dashboard` may be flagged.
"#;

/// What component an image is, if it is one of the risky ones.
fn component(image: &str) -> Option<&'static str> {
    let without_digest = image.split('@').next().unwrap_or(image);
    let repo = match without_digest.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => repo,
        _ => without_digest,
    };
    let last = repo.rsplit('/').next().unwrap_or(repo);
    if last.starts_with("kubernetes-dashboard")
        || (last == "dashboard" && repo.contains("kubernetesui/"))
    {
        Some("the Kubernetes Dashboard")
    } else if last == "tiller" {
        Some("Helm v2 Tiller (end of life since November 2020)")
    } else if last == "git-sync" {
        Some("git-sync, which pulls code into the pod at run time")
    } else {
        None
    }
}

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        for c in obj.containers() {
            let Some(image) = c.container.image.as_deref() else {
                continue;
            };
            let Some(what) = component(image) else {
                continue;
            };
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    &format!("{}.image", c.path),
                    format!("{} runs {what} (image {image})", describe(&c)),
                )
                .container(&c.container.name)
                .help("remove it, or restrict its network access and permissions to the minimum"),
            );
        }
        if let Resource::Service(service) = &*obj.resource {
            let selector = service.spec.as_ref().and_then(|s| s.selector.as_ref());
            let selects_tiller = selector.is_some_and(|s| {
                s.get("app").is_some_and(|v| v == "helm")
                    && s.get("name").is_some_and(|v| v == "tiller")
            });
            if selects_tiller || obj.name == "tiller-deploy" {
                let path = if selects_tiller {
                    "spec.selector"
                } else {
                    "metadata.name"
                };
                findings.push(
                    Finding::new(
                        &CHECK,
                        obj,
                        path,
                        "service exposes Helm v2 Tiller, which accepts unauthenticated requests by default",
                    )
                    .help("remove Tiller and use Helm 3"),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ known-risky-components` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubernetes-dashboard
  namespace: kubernetes-dashboard
spec:
  selector:
    matchLabels:
      k8s-app: kubernetes-dashboard
  template:
    metadata:
      labels:
        k8s-app: kubernetes-dashboard
    spec:
      containers:
      - name: kubernetes-dashboard
        image: kubernetesui/dashboard:v2.7.0
# ^ known-risky-components
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: docs
  namespace: docs
spec:
  selector:
    matchLabels:
      app: docs
  template:
    metadata:
      labels:
        app: docs
    spec:
      containers:
      - name: web
        image: nginx:1.27
      - name: git-sync
        image: registry.k8s.io/git-sync/git-sync:v4.2.1
# ^ known-risky-components
---
apiVersion: v1
kind: Service
metadata:
  name: tiller-deploy
  namespace: kube-system
spec:
  selector:
# ^ known-risky-components
    app: helm
    name: tiller
  ports:
  - port: 44134
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-grafana
  namespace: monitoring
spec:
  containers:
  - name: grafana
    image: grafana/grafana:11.0.0
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx:1.27
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::{CHECK, component};

    #[test]
    fn recognises_images() {
        assert!(component("kubernetesui/dashboard:v2.7.0").is_some());
        assert!(component("k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1").is_some());
        assert!(component("registry.k8s.io/git-sync/git-sync:v4.2.1").is_some());
        assert!(component("gcr.io/kubernetes-helm/tiller@sha256:abc").is_some());
        assert!(component("grafana/grafana:11.0.0").is_none());
        assert!(component("example/dashboard:1.0").is_none());
    }

    #[test]
    fn flags_containers_and_tiller_services() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: example/app:1.0
  - name: sync
    image: registry.k8s.io/git-sync/git-sync:v4.2.1
---
apiVersion: v1
kind: Service
metadata: {name: tiller}
spec:
  selector: {app: helm, name: tiller}
  ports: [{port: 44134}]
"
            ),
            [
                "9 info container \"sync\" runs git-sync, which pulls code into the pod at run time (image registry.k8s.io/git-sync/git-sync:v4.2.1)",
                "15 info service exposes Helm v2 Tiller, which accepts unauthenticated requests by default",
            ]
        );
    }
}
