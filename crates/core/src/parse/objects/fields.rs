//! What the typed reading leaves out: a "did you mean" for the fields the schema does not know
//! (`reader.rs` finds them; strict validation, as `kubectl apply` and kubeconform's strict mode,
//! refuses them), a built-in kind under the wrong apiVersion, and an Ingress of
//! `networking.k8s.io/v1` written in the older shape.

use serde_json::Value as Json;

use super::super::tree::Seg;
use crate::text::closest;

/// Field names of the Kubernetes schemas that typos most often miss, for "did you mean".
const VOCABULARY: &[&str] = &[
    "apiVersion",
    "kind",
    "metadata",
    "spec",
    "status",
    "name",
    "namespace",
    "labels",
    "annotations",
    "generateName",
    "ownerReferences",
    "finalizers",
    "replicas",
    "selector",
    "matchLabels",
    "matchExpressions",
    "template",
    "containers",
    "initContainers",
    "ephemeralContainers",
    "image",
    "imagePullPolicy",
    "command",
    "args",
    "workingDir",
    "ports",
    "containerPort",
    "hostPort",
    "protocol",
    "env",
    "envFrom",
    "value",
    "valueFrom",
    "configMapKeyRef",
    "secretKeyRef",
    "fieldRef",
    "resourceFieldRef",
    "configMapRef",
    "secretRef",
    "resources",
    "limits",
    "requests",
    "volumeMounts",
    "mountPath",
    "subPath",
    "readOnly",
    "volumes",
    "configMap",
    "secret",
    "secretName",
    "emptyDir",
    "hostPath",
    "persistentVolumeClaim",
    "claimName",
    "projected",
    "sources",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "httpGet",
    "tcpSocket",
    "grpc",
    "exec",
    "path",
    "port",
    "scheme",
    "initialDelaySeconds",
    "periodSeconds",
    "timeoutSeconds",
    "successThreshold",
    "failureThreshold",
    "terminationGracePeriodSeconds",
    "securityContext",
    "runAsUser",
    "runAsGroup",
    "runAsNonRoot",
    "fsGroup",
    "privileged",
    "allowPrivilegeEscalation",
    "readOnlyRootFilesystem",
    "capabilities",
    "add",
    "drop",
    "seccompProfile",
    "type",
    "serviceAccountName",
    "serviceAccount",
    "automountServiceAccountToken",
    "nodeSelector",
    "affinity",
    "nodeAffinity",
    "podAffinity",
    "podAntiAffinity",
    "tolerations",
    "key",
    "operator",
    "effect",
    "topologySpreadConstraints",
    "topologyKey",
    "maxSkew",
    "whenUnsatisfiable",
    "labelSelector",
    "priorityClassName",
    "restartPolicy",
    "hostNetwork",
    "hostPID",
    "hostIPC",
    "dnsPolicy",
    "dnsConfig",
    "imagePullSecrets",
    "strategy",
    "rollingUpdate",
    "maxSurge",
    "maxUnavailable",
    "minReadySeconds",
    "revisionHistoryLimit",
    "progressDeadlineSeconds",
    "paused",
    "serviceName",
    "volumeClaimTemplates",
    "podManagementPolicy",
    "updateStrategy",
    "accessModes",
    "storageClassName",
    "storage",
    "schedule",
    "jobTemplate",
    "concurrencyPolicy",
    "successfulJobsHistoryLimit",
    "failedJobsHistoryLimit",
    "startingDeadlineSeconds",
    "suspend",
    "backoffLimit",
    "completions",
    "parallelism",
    "activeDeadlineSeconds",
    "ttlSecondsAfterFinished",
    "clusterIP",
    "externalTrafficPolicy",
    "targetPort",
    "nodePort",
    "sessionAffinity",
    "loadBalancerIP",
    "rules",
    "host",
    "http",
    "paths",
    "pathType",
    "backend",
    "service",
    "number",
    "tls",
    "hosts",
    "ingressClassName",
    "defaultBackend",
    "scaleTargetRef",
    "minReplicas",
    "maxReplicas",
    "metrics",
    "target",
    "averageUtilization",
    "behavior",
    "minAvailable",
    "unhealthyPodEvictionPolicy",
    "podSelector",
    "policyTypes",
    "ingress",
    "egress",
    "from",
    "to",
    "namespaceSelector",
    "ipBlock",
    "cidr",
    "except",
    "roleRef",
    "subjects",
    "apiGroups",
    "verbs",
    "resourceNames",
    "nonResourceURLs",
    "data",
    "stringData",
    "binaryData",
    "immutable",
    "items",
];

/// An existing field name close to `key`: a sibling written in the object at the same level,
/// else a field name of the Kubernetes schemas.
pub(super) fn suggest(key: &str, siblings: &[&str]) -> Option<String> {
    closest(key, siblings.iter().copied().filter(|s| *s != key))
        .or_else(|| closest(key, VOCABULARY.iter().copied()))
        .or_else(|| {
            // A case slip (`containerport`) is more than two edits away.
            VOCABULARY
                .iter()
                .copied()
                .find(|v| v.eq_ignore_ascii_case(key))
        })
        .map(str::to_owned)
}

/// The apiVersions each built-in kind is served under, the current one first: what the
/// wrong-apiVersion check accepts, and what YAML generated for a kind names.
const KIND_VERSIONS: &[(&str, &[&str])] = &[
    ("Namespace", &["v1"]),
    ("ConfigMap", &["v1"]),
    ("Secret", &["v1"]),
    ("PersistentVolumeClaim", &["v1"]),
    ("PersistentVolume", &["v1"]),
    ("ServiceAccount", &["v1"]),
    ("Pod", &["v1"]),
    ("Service", &["v1"]),
    ("ReplicationController", &["v1"]),
    // OpenShift's; OpenShift 3 also served it under the legacy `v1`.
    ("DeploymentConfig", &["apps.openshift.io/v1", "v1"]),
    ("Endpoints", &["v1"]),
    ("LimitRange", &["v1"]),
    ("ResourceQuota", &["v1"]),
    ("StorageClass", &["storage.k8s.io/v1"]),
    (
        "Deployment",
        &[
            "apps/v1",
            "apps/v1beta1",
            "apps/v1beta2",
            "extensions/v1beta1",
        ],
    ),
    (
        "ReplicaSet",
        &["apps/v1", "apps/v1beta2", "extensions/v1beta1"],
    ),
    ("StatefulSet", &["apps/v1", "apps/v1beta1", "apps/v1beta2"]),
    (
        "DaemonSet",
        &["apps/v1", "apps/v1beta2", "extensions/v1beta1"],
    ),
    ("Job", &["batch/v1"]),
    ("CronJob", &["batch/v1", "batch/v1beta1", "batch/v2alpha1"]),
    (
        "Ingress",
        &[
            "networking.k8s.io/v1",
            "networking.k8s.io/v1beta1",
            "extensions/v1beta1",
        ],
    ),
    ("IngressClass", &["networking.k8s.io/v1"]),
    (
        "NetworkPolicy",
        &["networking.k8s.io/v1", "extensions/v1beta1"],
    ),
    (
        "HorizontalPodAutoscaler",
        &[
            "autoscaling/v2",
            "autoscaling/v1",
            "autoscaling/v2beta1",
            "autoscaling/v2beta2",
        ],
    ),
    ("PodDisruptionBudget", &["policy/v1", "policy/v1beta1"]),
    (
        "Role",
        &[
            "rbac.authorization.k8s.io/v1",
            "rbac.authorization.k8s.io/v1beta1",
        ],
    ),
    (
        "ClusterRole",
        &[
            "rbac.authorization.k8s.io/v1",
            "rbac.authorization.k8s.io/v1beta1",
        ],
    ),
    (
        "RoleBinding",
        &[
            "rbac.authorization.k8s.io/v1",
            "rbac.authorization.k8s.io/v1beta1",
        ],
    ),
    (
        "ClusterRoleBinding",
        &[
            "rbac.authorization.k8s.io/v1",
            "rbac.authorization.k8s.io/v1beta1",
        ],
    ),
];

/// The apiVersion a built-in kind is served under today (`apps/v1` for `Deployment`).
pub fn current_api_version(kind: &str) -> Option<&'static str> {
    KIND_VERSIONS
        .iter()
        .find(|(k, _)| *k == kind)
        .and_then(|(_, versions)| versions.first().copied())
}

/// For a built-in kind written under an apiVersion that does not serve it (`apiVersion: v1`
/// with `kind: Deployment`), the apiVersion to use.
pub(super) fn wrong_api_version(api_version: &str, kind: &str) -> Option<&'static str> {
    const BUILT_IN_GROUPS: &[&str] = &[
        "",
        "apps",
        "batch",
        "extensions",
        "policy",
        "autoscaling",
        "networking.k8s.io",
        "rbac.authorization.k8s.io",
        "storage.k8s.io",
    ];
    let (_, versions) = KIND_VERSIONS.iter().find(|(k, _)| *k == kind)?;
    if versions.contains(&api_version) {
        return None;
    }
    // A kind of the same name in another API group is someone else's (Knative's Service).
    let written_group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    if !BUILT_IN_GROUPS.contains(&written_group) {
        return None;
    }
    // Another group of the same name with an unknown version (apps/v2) is a version problem,
    // not a group mix-up; only flag a wrong group.
    let group = |v: &str| {
        v.rsplit_once('/')
            .map(|(g, _)| g.to_owned())
            .unwrap_or_default()
    };
    let written = group(api_version);
    if versions.iter().any(|v| group(v) == written) && written != "extensions" {
        return None;
    }
    versions.first().copied()
}

/// The backends of a `networking.k8s.io/v1` Ingress written in the v1beta1 shape
/// (`serviceName`/`servicePort`), as the path of each.
pub(super) fn v1beta1_backends(raw: &Json) -> Vec<Vec<Seg>> {
    let mut out = Vec::new();
    let spec = &raw["spec"];
    let key = |k: &str| Seg::Key(k.to_owned());
    for name in ["backend", "defaultBackend"] {
        if spec[name].get("serviceName").is_some() || spec[name].get("servicePort").is_some() {
            out.push(vec![key("spec"), key(name)]);
        }
    }
    for (i, rule) in spec["rules"].as_array().into_iter().flatten().enumerate() {
        for (j, path) in rule["http"]["paths"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let b = &path["backend"];
            if b.get("serviceName").is_some() || b.get("servicePort").is_some() {
                out.push(vec![
                    key("spec"),
                    key("rules"),
                    Seg::Index(i),
                    key("http"),
                    key("paths"),
                    Seg::Index(j),
                    key("backend"),
                ]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_prefer_written_siblings_then_the_schema_vocabulary() {
        assert_eq!(suggest("replica", &[]).as_deref(), Some("replicas"));
        assert_eq!(suggest("contianers", &[]).as_deref(), Some("containers"));
        assert_eq!(suggest("invalidField", &[]), None);
        assert_eq!(suggest("teir", &["tier"]).as_deref(), Some("tier"));
    }

    #[test]
    fn kinds_under_the_wrong_group_name_the_right_api_version() {
        assert_eq!(wrong_api_version("v1", "Deployment"), Some("apps/v1"));
        assert_eq!(current_api_version("CronJob"), Some("batch/v1"));
        assert_eq!(current_api_version("ReplicationController"), Some("v1"));
        assert_eq!(
            current_api_version("DeploymentConfig"),
            Some("apps.openshift.io/v1")
        );
        assert_eq!(wrong_api_version("v1", "DeploymentConfig"), None);
        assert_eq!(
            wrong_api_version("apps/v1", "DeploymentConfig"),
            Some("apps.openshift.io/v1")
        );
        assert_eq!(current_api_version("Widget"), None);
        assert_eq!(wrong_api_version("apps/v1", "Deployment"), None);
        assert_eq!(wrong_api_version("extensions/v1beta1", "Deployment"), None);
        assert_eq!(wrong_api_version("apps/v1", "Service"), Some("v1"));
        assert_eq!(
            wrong_api_version("batch/v1", "Ingress"),
            Some("networking.k8s.io/v1")
        );
        assert_eq!(wrong_api_version("example.com/v1", "Widget"), None);
        assert_eq!(wrong_api_version("serving.knative.dev/v1", "Service"), None);
    }
}
