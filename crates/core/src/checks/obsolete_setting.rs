//! `obsolete-setting`: an annotation or toleration that no longer does anything.

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `obsolete-setting` check.
pub(crate) static CHECK: Check = Check {
    id: "obsolete-setting",
    rank: 630,
    category: Category::Reliability,
    scope: Scope::Any,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "an annotation or toleration that no longer does anything (removed alpha/beta annotations, the master taint)",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags annotations that Kubernetes no longer reads (`net.beta.kubernetes.io/network-policy`, `scheduler.alpha.kubernetes.io/critical-pod`, the seccomp and init-container alpha/beta annotations…), naming the field that replaced each, and tolerations of the `node-role.kubernetes.io/master` taint when nothing tolerates `node-role.kubernetes.io/control-plane`, the taint that replaced it in Kubernetes 1.25.

## Why is this bad?

The manifest says something the cluster ignores: a pod meant to be critical is not, a seccomp profile is not applied, a namespace thought to be isolated is not.
A DaemonSet that only tolerates the removed master taint no longer runs on control-plane nodes, so its agent (logs, metrics, networking) silently misses them.

## Example

```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
      annotations:
        scheduler.alpha.kubernetes.io/critical-pod: ""
    spec:
      tolerations:
      - key: node-role.kubernetes.io/master
        effect: NoSchedule
      containers:
      - name: agent
        image: example/agent:1.0
```

## Fix

```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      priorityClassName: system-node-critical
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        effect: NoSchedule
      containers:
      - name: agent
        image: example/agent:1.0
```

Use the field that replaced the annotation, and tolerate `node-role.kubernetes.io/control-plane`.
"#;

/// Annotations Kubernetes no longer reads (by exact key or prefix), with what replaced them.
const ANNOTATIONS: &[(&str, &str)] = &[
    (
        "net.beta.kubernetes.io/network-policy",
        "NetworkPolicy objects (a default-deny policy isolates the namespace)",
    ),
    (
        "scheduler.alpha.kubernetes.io/critical-pod",
        "priorityClassName: system-cluster-critical or system-node-critical",
    ),
    (
        "scheduler.alpha.kubernetes.io/tolerations",
        "spec.tolerations",
    ),
    ("scheduler.alpha.kubernetes.io/affinity", "spec.affinity"),
    (
        "pod.beta.kubernetes.io/init-containers",
        "spec.initContainers",
    ),
    (
        "pod.alpha.kubernetes.io/init-containers",
        "spec.initContainers",
    ),
    ("pod.beta.kubernetes.io/hostname", "spec.hostname"),
    ("pod.beta.kubernetes.io/subdomain", "spec.subdomain"),
    (
        "seccomp.security.alpha.kubernetes.io/pod",
        "securityContext.seccompProfile",
    ),
    (
        "container.seccomp.security.alpha.kubernetes.io/",
        "the container's securityContext.seccompProfile",
    ),
    (
        "service.alpha.kubernetes.io/tolerate-unready-endpoints",
        "spec.publishNotReadyAddresses",
    ),
];

const MASTER_TAINT: &str = "node-role.kubernetes.io/master";
const CONTROL_PLANE_TAINT: &str = "node-role.kubernetes.io/control-plane";

fn replaced(key: &str) -> Option<&'static str> {
    ANNOTATIONS.iter().find_map(|(old, new)| {
        let hit = if old.ends_with('/') {
            key.starts_with(old)
        } else {
            key == *old
        };
        hit.then_some(*new)
    })
}

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let own = obj
            .annotations()
            .keys()
            .map(|k| (k, format!("metadata.annotations[\"{k}\"]")));
        let template_path = obj.pod_labels_path().replace(".labels", ".annotations");
        let template: Vec<(&String, String)> = match (&*obj.resource, obj.pod_annotations()) {
            (crate::model::Resource::Pod(_), _) | (_, None) => Vec::new(),
            (_, Some(a)) => a
                .keys()
                .map(|k| (k, format!("{template_path}[\"{k}\"]")))
                .collect(),
        };
        for (key, path) in own.chain(template) {
            if let Some(new) = replaced(key) {
                findings.push(
                    Finding::new(
                        &CHECK,
                        obj,
                        &path,
                        format!("annotation {key} no longer does anything; use {new}"),
                    )
                    .help(format!("remove the annotation and use {new}")),
                );
            }
        }
        let Some(pod) = obj.pod_spec() else { continue };
        let tolerations = pod.spec.tolerations.as_deref().unwrap_or_default();
        let control_plane = tolerations.iter().any(|t| {
            t.key.as_deref() == Some(CONTROL_PLANE_TAINT)
                || (t.key.is_none() && t.operator.as_deref() == Some("Exists"))
        });
        if control_plane {
            continue;
        }
        if let Some(i) = tolerations
            .iter()
            .position(|t| t.key.as_deref() == Some(MASTER_TAINT))
        {
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    &format!("{}.tolerations[{i}]", pod.path),
                    format!("toleration of {MASTER_TAINT} matches a taint removed in Kubernetes 1.25, and nothing tolerates {CONTROL_PLANE_TAINT}, so the pods stay off control-plane nodes"),
                )
                .help(format!("tolerate {CONTROL_PLANE_TAINT} (keep the master toleration only for clusters older than 1.25)")),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ obsolete-setting` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: Namespace
metadata:
  name: legacy
  annotations:
    net.beta.kubernetes.io/network-policy: '{"ingress":{"isolation":"DefaultDeny"}}'
# ^ obsolete-setting
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app: log-agent
  template:
    metadata:
      labels:
        app: log-agent
      annotations:
        scheduler.alpha.kubernetes.io/critical-pod: ""
# ^ obsolete-setting
        seccomp.security.alpha.kubernetes.io/pod: runtime/default
# ^ obsolete-setting
    spec:
      tolerations:
      - key: node-role.kubernetes.io/master
# ^ obsolete-setting
        effect: NoSchedule
      containers:
      - name: agent
        image: fluent/fluent-bit:3.0.7
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: dont-fire-both-taints
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app: dont-fire-both-taints
  template:
    metadata:
      labels:
        app: dont-fire-both-taints
    spec:
      tolerations:
      - key: node-role.kubernetes.io/master
        effect: NoSchedule
      - key: node-role.kubernetes.io/control-plane
        effect: NoSchedule
      containers:
      - name: agent
        image: fluent/fluent-bit:3.0.7
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app: log-agent
  template:
    metadata:
      labels:
        app: log-agent
    spec:
      priorityClassName: system-node-critical
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        effect: NoSchedule
      containers:
      - name: agent
        image: fluent/fluent-bit:3.0.7
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_annotations_name_their_replacement() {
        assert_eq!(
            replaced("container.seccomp.security.alpha.kubernetes.io/web"),
            Some("the container's securityContext.seccompProfile")
        );
        assert!(replaced("net.beta.kubernetes.io/network-policy").is_some());
        assert_eq!(replaced("kubernetes.io/ingress.class"), None);
    }
}
