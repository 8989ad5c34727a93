//! `deprecated-api-version`: apiVersion deprecated or removed for the target Kubernetes version.

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `deprecated-api-version` check.
pub(crate) static CHECK: Check = Check {
    id: "deprecated-api-version",
    rank: 420,
    category: Category::Correctness,
    scope: Scope::Any,
    severity: Level::Error,
    also: &[Level::Warning],
    enabled_by_default: true,
    summary: "apiVersion deprecated or removed for the target Kubernetes version",
    docs: DOCS,
    aliases: &[
        "kube-score:stable-version",
        "kube-linter:no-extensions-v1beta",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Looks up each object's `apiVersion` and `kind` in a table of the API versions Kubernetes has deprecated and removed, and compares them with the target Kubernetes version (the newest one unless you choose another).
It reports an **error** when the target version no longer serves that API version, and a **warning** when it still serves it but has deprecated it.
The message names the API version to use instead.

## Why is this bad?

Kubernetes serves each kind under one or more API versions, such as `networking.k8s.io/v1beta1` and `networking.k8s.io/v1` for Ingress.
Beta versions are deprecated once a stable one exists, and removed a few releases later.
After the removal the API server answers `no matches for kind "Ingress" in version "networking.k8s.io/v1beta1"`, so manifests that deployed fine for years fail on the day the cluster is upgraded.
The replacement often changes the schema too (an Ingress backend's `serviceName`/`servicePort` became `service.name`/`service.port`), so migrating takes some editing, best done before the upgrade.

## Example

```yaml
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
```

## Fix

```yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
```

Change `apiVersion` to the replacement the message names, and adapt the fields that changed between the versions (the Kubernetes "Deprecated API Migration Guide" lists them).

## Known problems

The table covers the built-in kinds; custom resources (CRDs) deprecate their own versions and are not checked.
The versions in which an API was first deprecated are approximate for some of the oldest groups; the removal versions follow the migration guide.
"#;

/// One deprecated API version of some kinds: deprecated in, removed in, and the replacement.
struct Deprecation {
    api_version: &'static str,
    kinds: &'static [&'static str],
    deprecated: (u32, u32),
    removed: (u32, u32),
    replacement: &'static str,
}

const fn dep(
    api_version: &'static str,
    kinds: &'static [&'static str],
    deprecated: (u32, u32),
    removed: (u32, u32),
    replacement: &'static str,
) -> Deprecation {
    Deprecation {
        api_version,
        kinds,
        deprecated,
        removed,
        replacement,
    }
}

/// The newest Kubernetes version this table knows, used when no target is chosen.
const NEWEST: (u32, u32) = (1, 37);

const RBAC_KINDS: &[&str] = &["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"];
const WEBHOOK_KINDS: &[&str] = &[
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];
const FLOW_KINDS: &[&str] = &["FlowSchema", "PriorityLevelConfiguration"];
const REVIEW_KINDS: &[&str] = &[
    "SubjectAccessReview",
    "SelfSubjectAccessReview",
    "LocalSubjectAccessReview",
    "SelfSubjectRulesReview",
];

/// Deprecated and removed API versions of the built-in kinds (the Kubernetes deprecated API
/// migration guide). Kind lists matter: some groups later reused a beta version for new kinds
/// (storage.k8s.io/v1beta1 VolumeAttributesClass, networking.k8s.io/v1beta1 ServiceCIDR).
const TABLE: &[Deprecation] = &[
    dep(
        "extensions/v1beta1",
        &["Deployment", "DaemonSet", "ReplicaSet"],
        (1, 9),
        (1, 16),
        "apps/v1",
    ),
    dep(
        "extensions/v1beta1",
        &["NetworkPolicy"],
        (1, 9),
        (1, 16),
        "networking.k8s.io/v1",
    ),
    dep(
        "extensions/v1beta1",
        &["PodSecurityPolicy"],
        (1, 11),
        (1, 16),
        "policy/v1beta1 (itself removed in 1.25: use Pod Security Admission)",
    ),
    dep(
        "extensions/v1beta1",
        &["Ingress"],
        (1, 14),
        (1, 22),
        "networking.k8s.io/v1",
    ),
    dep(
        "apps/v1beta1",
        &[
            "Deployment",
            "StatefulSet",
            "ReplicaSet",
            "DaemonSet",
            "ControllerRevision",
        ],
        (1, 9),
        (1, 16),
        "apps/v1",
    ),
    dep(
        "apps/v1beta2",
        &[
            "Deployment",
            "StatefulSet",
            "ReplicaSet",
            "DaemonSet",
            "ControllerRevision",
        ],
        (1, 9),
        (1, 16),
        "apps/v1",
    ),
    dep(
        "networking.k8s.io/v1beta1",
        &["Ingress", "IngressClass"],
        (1, 19),
        (1, 22),
        "networking.k8s.io/v1",
    ),
    dep("batch/v1beta1", &["CronJob"], (1, 21), (1, 25), "batch/v1"),
    dep(
        "policy/v1beta1",
        &["PodDisruptionBudget"],
        (1, 21),
        (1, 25),
        "policy/v1",
    ),
    dep(
        "policy/v1beta1",
        &["PodSecurityPolicy"],
        (1, 21),
        (1, 25),
        "Pod Security Admission (namespace labels); PodSecurityPolicy has no replacement kind",
    ),
    dep(
        "autoscaling/v2beta1",
        &["HorizontalPodAutoscaler"],
        (1, 22),
        (1, 25),
        "autoscaling/v2",
    ),
    dep(
        "autoscaling/v2beta2",
        &["HorizontalPodAutoscaler"],
        (1, 23),
        (1, 26),
        "autoscaling/v2",
    ),
    dep(
        "apiextensions.k8s.io/v1beta1",
        &["CustomResourceDefinition"],
        (1, 16),
        (1, 22),
        "apiextensions.k8s.io/v1",
    ),
    dep(
        "rbac.authorization.k8s.io/v1beta1",
        RBAC_KINDS,
        (1, 17),
        (1, 22),
        "rbac.authorization.k8s.io/v1",
    ),
    dep(
        "rbac.authorization.k8s.io/v1alpha1",
        RBAC_KINDS,
        (1, 17),
        (1, 22),
        "rbac.authorization.k8s.io/v1",
    ),
    dep(
        "admissionregistration.k8s.io/v1beta1",
        WEBHOOK_KINDS,
        (1, 16),
        (1, 22),
        "admissionregistration.k8s.io/v1",
    ),
    dep(
        "scheduling.k8s.io/v1beta1",
        &["PriorityClass"],
        (1, 14),
        (1, 22),
        "scheduling.k8s.io/v1",
    ),
    dep(
        "scheduling.k8s.io/v1alpha1",
        &["PriorityClass"],
        (1, 14),
        (1, 17),
        "scheduling.k8s.io/v1",
    ),
    dep(
        "storage.k8s.io/v1beta1",
        &["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"],
        (1, 19),
        (1, 22),
        "storage.k8s.io/v1",
    ),
    dep(
        "storage.k8s.io/v1beta1",
        &["CSIStorageCapacity"],
        (1, 24),
        (1, 27),
        "storage.k8s.io/v1",
    ),
    dep(
        "flowcontrol.apiserver.k8s.io/v1beta1",
        FLOW_KINDS,
        (1, 23),
        (1, 26),
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    dep(
        "flowcontrol.apiserver.k8s.io/v1beta2",
        FLOW_KINDS,
        (1, 26),
        (1, 29),
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    dep(
        "flowcontrol.apiserver.k8s.io/v1beta3",
        FLOW_KINDS,
        (1, 29),
        (1, 32),
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    dep(
        "discovery.k8s.io/v1beta1",
        &["EndpointSlice"],
        (1, 21),
        (1, 25),
        "discovery.k8s.io/v1",
    ),
    dep(
        "events.k8s.io/v1beta1",
        &["Event"],
        (1, 22),
        (1, 25),
        "events.k8s.io/v1",
    ),
    dep(
        "node.k8s.io/v1beta1",
        &["RuntimeClass"],
        (1, 22),
        (1, 25),
        "node.k8s.io/v1",
    ),
    dep(
        "certificates.k8s.io/v1beta1",
        &["CertificateSigningRequest"],
        (1, 19),
        (1, 22),
        "certificates.k8s.io/v1",
    ),
    dep(
        "coordination.k8s.io/v1beta1",
        &["Lease"],
        (1, 19),
        (1, 22),
        "coordination.k8s.io/v1",
    ),
    dep(
        "apiregistration.k8s.io/v1beta1",
        &["APIService"],
        (1, 19),
        (1, 22),
        "apiregistration.k8s.io/v1",
    ),
    dep(
        "authentication.k8s.io/v1beta1",
        &["TokenReview"],
        (1, 19),
        (1, 22),
        "authentication.k8s.io/v1",
    ),
    dep(
        "authorization.k8s.io/v1beta1",
        REVIEW_KINDS,
        (1, 19),
        (1, 22),
        "authorization.k8s.io/v1",
    ),
];

/// The apiVersion that replaces `api_version` for `kind` when it is deprecated or removed in a
/// Kubernetes version this table knows (e.g. `apps/v1` for an `extensions/v1beta1`
/// Deployment); `None` when it is current.
pub fn replacement(api_version: &str, kind: &str) -> Option<&'static str> {
    TABLE
        .iter()
        .find(|d| d.api_version == api_version && d.kinds.contains(&kind))
        .map(|d| d.replacement)
}

fn run(ctx: &Context) -> Vec<Finding> {
    let target = ctx.settings.target_version.unwrap_or(NEWEST);
    let (major, minor) = target;
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let Some(d) = TABLE
            .iter()
            .find(|d| d.api_version == obj.api_version && d.kinds.contains(&obj.kind.as_str()))
        else {
            continue;
        };
        let (rmaj, rmin) = d.removed;
        let (dmaj, dmin) = d.deprecated;
        let finding = if target >= d.removed {
            Finding::new(
                &CHECK,
                obj,
                "apiVersion",
                format!(
                    "{} {} was removed in Kubernetes {rmaj}.{rmin}, so {major}.{minor} rejects it; use {}",
                    obj.api_version, obj.kind, d.replacement
                ),
            )
            .severity(Level::Error)
        } else if target >= d.deprecated {
            Finding::new(
                &CHECK,
                obj,
                "apiVersion",
                format!(
                    "{} {} is deprecated since Kubernetes {dmaj}.{dmin} and removed in {rmaj}.{rmin}; use {}",
                    obj.api_version, obj.kind, d.replacement
                ),
            )
            .severity(Level::Warning)
        } else {
            continue;
        };
        findings.push(finding.help(format!(
            "change apiVersion to {} and adapt the fields that changed",
            d.replacement
        )));
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ deprecated-api-version` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: extensions/v1beta1
# ^ deprecated-api-version
kind: Ingress
metadata:
  name: shop
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        backend:
          serviceName: shop
          servicePort: 80
---
apiVersion: policy/v1beta1
# ^ deprecated-api-version
kind: PodDisruptionBudget
metadata:
  name: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: shop
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: dont-fire-autoscaling-v1
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: shop
  minReplicas: 2
  maxReplicas: 5
  targetCPUUtilizationPercentage: 70
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: shop
            port:
              number: 80
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: shop
"#;

#[cfg(test)]
mod tests {
    use super::super::Settings;
    use super::super::support::testing::findings_with;
    use super::CHECK;

    const CRONJOB: &str = "apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: '0 3 * * *'
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: c
            image: busybox
";

    #[track_caller]
    fn check(target: Option<(u32, u32)>, expected: &[&str]) {
        let settings = Settings {
            target_version: target,
            ..Settings::default()
        };
        assert_eq!(findings_with(&CHECK, CRONJOB, &settings), expected);
    }

    #[test]
    fn the_replacement_is_named_only_for_retired_versions() {
        use super::replacement;
        assert_eq!(
            replacement("extensions/v1beta1", "Deployment"),
            Some("apps/v1")
        );
        assert_eq!(replacement("batch/v1beta1", "CronJob"), Some("batch/v1"));
        assert_eq!(replacement("apps/v1", "Deployment"), None);
        assert_eq!(
            replacement("monitoring.coreos.com/v1", "ServiceMonitor"),
            None
        );
    }

    #[test]
    fn severity_follows_the_target_version() {
        check(
            None,
            &[
                "1 error batch/v1beta1 CronJob was removed in Kubernetes 1.25, so 1.37 rejects it; use batch/v1",
            ],
        );
        check(
            Some((1, 23)),
            &[
                "1 warning batch/v1beta1 CronJob is deprecated since Kubernetes 1.21 and removed in 1.25; use batch/v1",
            ],
        );
        check(Some((1, 20)), &[]);
    }
}
