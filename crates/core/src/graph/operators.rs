//! Pods made by operators: the well-known custom resources whose pods Manifesto can predict
//! (prometheus-operator's Prometheus, Alertmanager and ThanosRuler), and the custom resources it
//! cannot model but that may create pods.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::ContainerPort;

use crate::model::{Object, Resource};

/// The API group of the prometheus-operator's resources.
const MONITORING_GROUP: &str = "monitoring.coreos.com";

/// What an operator makes from one of its custom resources: a StatefulSet and its pods.
pub(super) struct OperatorPods {
    /// The operator, for messages (`prometheus-operator`).
    pub operator: &'static str,
    /// The StatefulSet it creates (e.g. `prometheus-k8s`).
    pub statefulset: String,
    /// How many pods, and why.
    pub replicas: (u32, String),
    /// The labels of every pod (before the StatefulSet's own per-pod labels).
    pub labels: BTreeMap<String, String>,
}

/// The kinds of `monitoring.coreos.com` that run pods: (kind, StatefulSet prefix, name label,
/// `app.kubernetes.io/name`).
const KINDS: &[(&str, &str, &str, &str)] = &[
    ("Prometheus", "prometheus", "prometheus", "prometheus"),
    (
        "Alertmanager",
        "alertmanager",
        "alertmanager",
        "alertmanager",
    ),
    (
        "ThanosRuler",
        "thanos-ruler",
        "thanos-ruler",
        "thanos-ruler",
    ),
];

fn group(api_version: &str) -> &str {
    api_version.rsplit_once('/').map_or("", |(g, _)| g)
}

fn operator_kind(
    obj: &Object,
) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    if group(&obj.api_version) != MONITORING_GROUP {
        return None;
    }
    KINDS.iter().find(|(kind, ..)| *kind == obj.kind)
}

/// The pods the prometheus-operator creates for `obj`, when it is a Prometheus, Alertmanager or
/// ThanosRuler: labels from `spec.podMetadata.labels` plus the operator's own, replicas from
/// `spec.replicas` (default 1).
pub(super) fn operator_pods(obj: &Object) -> Option<OperatorPods> {
    let (kind, prefix, name_label, app_name) = operator_kind(obj)?;
    let spec = &obj.raw["spec"];
    let mut labels: BTreeMap<String, String> = spec["podMetadata"]["labels"]
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    let name = obj.name.clone();
    for (key, value) in [
        ("app.kubernetes.io/name", app_name.to_string()),
        (
            "app.kubernetes.io/managed-by",
            "prometheus-operator".to_owned(),
        ),
        ("app.kubernetes.io/instance", name.clone()),
        (name_label, name.clone()),
    ] {
        labels.insert(key.to_owned(), value);
    }
    if *kind == "Prometheus" {
        labels.insert("operator.prometheus.io/name".to_owned(), name.clone());
        labels.insert("operator.prometheus.io/shard".to_owned(), "0".to_owned());
    }
    let replicas = match spec["replicas"].as_i64() {
        Some(n) => (
            n.clamp(0, i64::from(u32::MAX)) as u32,
            format!("spec.replicas {n} of {kind} {name}"),
        ),
        None => (
            1,
            format!("spec.replicas of {kind} {name} is unset, so the operator runs 1"),
        ),
    };
    Some(OperatorPods {
        operator: "prometheus-operator",
        statefulset: format!("{prefix}-{name}"),
        replicas,
        labels,
    })
}

/// The container ports the operator gives the pods of `obj` (container name and port), or
/// `None` when `obj` is not one of the modelled resources.
pub(super) fn operator_ports(obj: &Object) -> Option<Vec<(String, ContainerPort)>> {
    let (kind, ..) = operator_kind(obj)?;
    let spec = &obj.raw["spec"];
    let port_name = spec["portName"].as_str().unwrap_or("web").to_owned();
    let port = |container: &str, name: &str, number: i32, protocol: &str| {
        (
            container.to_owned(),
            ContainerPort {
                name: Some(name.to_owned()),
                container_port: number,
                protocol: Some(protocol.to_owned()),
                ..ContainerPort::default()
            },
        )
    };
    let mut ports = match *kind {
        "Prometheus" => {
            let mut p = vec![port("prometheus", &port_name, 9090, "TCP")];
            if spec.get("thanos").is_some_and(|t| !t.is_null()) {
                p.push(port("thanos-sidecar", "http", 10902, "TCP"));
                p.push(port("thanos-sidecar", "grpc", 10901, "TCP"));
            }
            p
        }
        "Alertmanager" => vec![
            port("alertmanager", &port_name, 9093, "TCP"),
            port("alertmanager", "mesh-tcp", 9094, "TCP"),
            port("alertmanager", "mesh-udp", 9094, "UDP"),
        ],
        _ => vec![
            port("thanos-ruler", "grpc", 10901, "TCP"),
            port("thanos-ruler", &port_name, 10902, "TCP"),
        ],
    };
    ports.dedup_by(|a, b| a.1 == b.1);
    Some(ports)
}

/// Whether `obj` is a custom resource of a kind Manifesto cannot model that may run pods: any
/// object of an API group outside Kubernetes' own (`*.k8s.io` and the core groups), except the
/// kinds known to create none (monitoring rules and monitors, certificates, CRDs…) and those
/// read with a type (OpenShift's DeploymentConfig), whose pods are simulated.
pub(super) fn may_create_pods(obj: &Object) -> bool {
    const NO_PODS: &[&str] = &[
        "ServiceMonitor",
        "PodMonitor",
        "PrometheusRule",
        "Probe",
        "AlertmanagerConfig",
        "ScrapeConfig",
        "Certificate",
        "CertificateRequest",
        "Issuer",
        "ClusterIssuer",
        "Order",
        "Challenge",
        "VirtualService",
        "DestinationRule",
        "Gateway",
        "ServiceEntry",
        "PeerAuthentication",
        "AuthorizationPolicy",
        "Sidecar",
        "EnvoyFilter",
        "IPAddressPool",
        "L2Advertisement",
        "BGPPeer",
        "BGPAdvertisement",
        "Middleware",
        "IngressRoute",
        "HTTPRoute",
        "GRPCRoute",
        "TCPRoute",
        "TLSRoute",
        "ReferenceGrant",
        "GatewayClass",
        "AppProject",
    ];
    if !matches!(*obj.resource, Resource::Other(_)) {
        return false;
    }
    let g = group(&obj.api_version);
    if g.is_empty() || !g.contains('.') || g.ends_with(".k8s.io") || g == MONITORING_GROUP {
        // Kubernetes' own groups, and the operator kinds modelled above.
        return false;
    }
    !NO_PODS.contains(&obj.kind.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Model, SourceFile};

    fn object(yaml: &str) -> Object {
        let model = Model::from_files(vec![SourceFile::new("t.yaml", yaml)]);
        model.objects.into_iter().next().expect("one object")
    }

    #[test]
    fn prometheus_pods_carry_the_operator_labels_and_pod_metadata() {
        let obj = object(
            "apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: monitoring}\nspec:\n  replicas: 2\n  podMetadata:\n    labels: {team: obs}\n",
        );
        let pods = operator_pods(&obj).expect("modelled");
        assert_eq!(pods.statefulset, "prometheus-k8s");
        assert_eq!(pods.replicas.0, 2);
        for (k, v) in [
            ("prometheus", "k8s"),
            ("app.kubernetes.io/name", "prometheus"),
            ("app.kubernetes.io/instance", "k8s"),
            ("app.kubernetes.io/managed-by", "prometheus-operator"),
            ("team", "obs"),
        ] {
            assert_eq!(pods.labels.get(k).map(String::as_str), Some(v), "{k}");
        }
        let ports = operator_ports(&obj).expect("ports");
        assert_eq!(ports[0].1.name.as_deref(), Some("web"));
        assert_eq!(ports[0].1.container_port, 9090);
    }

    #[test]
    fn alertmanager_defaults_to_one_replica_and_a_custom_resource_of_another_group_is_unknown() {
        let am = object(
            "apiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata: {name: main}\n",
        );
        let pods = operator_pods(&am).expect("modelled");
        assert_eq!(pods.replicas.0, 1);
        assert_eq!(
            pods.labels.get("alertmanager").map(String::as_str),
            Some("main")
        );
        assert!(!may_create_pods(&am));
        let kafka =
            object("apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata: {name: k}\n");
        assert!(operator_pods(&kafka).is_none());
        assert!(may_create_pods(&kafka));
        let monitor = object(
            "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\n",
        );
        assert!(!may_create_pods(&monitor));
    }

    fn findings(yaml: &str) -> Vec<String> {
        use crate::checks::{Context, Settings, run};
        let model = Model::from_files(vec![SourceFile::new("t.yaml", yaml)]);
        let settings = Settings::default();
        run(&Context::new(&model, &settings))
            .into_iter()
            .filter(|f| f.check.contains("selects") || f.check.contains("targetport"))
            .map(|f| format!("{} {} {}", f.check, f.severity.as_str(), f.message))
            .collect()
    }

    const STACK: &str = "apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  replicas: 2
  podMetadata:
    labels: {app.kubernetes.io/part-of: kube-prometheus}
---
apiVersion: v1
kind: Service
metadata: {name: prometheus-k8s, namespace: monitoring}
spec:
  selector: {app.kubernetes.io/name: prometheus, app.kubernetes.io/part-of: kube-prometheus}
  ports: [{name: web, port: 9090, targetPort: web}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: prometheus-k8s, namespace: monitoring}
spec:
  minAvailable: 1
  selector:
    matchLabels: {prometheus: k8s}
";

    #[test]
    fn services_and_budgets_select_the_operator_s_pods_and_say_where_they_come_from() {
        assert_eq!(findings(STACK), Vec::<String>::new());
        let model = Model::from_files(vec![SourceFile::new("t.yaml", STACK)]);
        let graph = crate::graph::Graph::build(&model, &crate::graph::GraphOptions::default());
        let pods: Vec<&str> = graph
            .nodes
            .iter()
            .filter(|n| n.kind == "Pod")
            .map(|n| n.name.as_str())
            .collect();
        assert_eq!(pods, ["prometheus-k8s-0", "prometheus-k8s-1"]);
        let edge = graph
            .edges
            .iter()
            .find(|e| e.from.as_str() == "Service/monitoring/prometheus-k8s")
            .expect("the Service selects a pod");
        assert!(
            edge.reason_text().contains("comes from Prometheus k8s"),
            "{}",
            edge.reason_text()
        );
    }

    #[test]
    fn a_selector_next_to_unmodelled_custom_resources_is_info_naming_them() {
        let yaml = "apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata: {name: events, namespace: data}
spec: {kafka: {replicas: 3}}
---
apiVersion: v1
kind: Service
metadata: {name: events-brokers, namespace: data}
spec:
  selector: {strimzi.io/cluster: events}
  ports: [{port: 9092}]
";
        assert_eq!(
            findings(yaml),
            [
                "service-selects-no-pods info cannot tell whether selector strimzi.io/cluster=events matches a pod in namespace data: Kafka events may create the pods, and Manifesto cannot model it"
            ]
        );
        // Without the custom resource it is an error again (no pod at all in the namespace: a
        // warning, as before).
        let alone = yaml.split("---\n").nth(1).expect("two documents");
        assert!(findings(alone)[0].starts_with("service-selects-no-pods warning"));
    }

    #[test]
    fn target_port_zero_means_the_service_port() {
        let yaml = "apiVersion: apps/v1
kind: Deployment
metadata: {name: carts}
spec:
  selector: {matchLabels: {name: carts}}
  template:
    metadata: {labels: {name: carts}}
    spec: {containers: [{name: carts, image: carts:1, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: carts}
spec:
  selector: {name: carts}
  ports: [{port: 80, targetPort: 0}]
";
        assert_eq!(findings(yaml), Vec::<String>::new());
        let broken = yaml.replace("targetPort: 0", "targetPort: 8080");
        assert!(findings(&broken)[0].contains("targetPort 8080"));
    }

    #[test]
    fn an_undeclared_numeric_target_port_is_served_and_only_advice() {
        let yaml = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
";
        let found = findings(yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("service-targetport-unresolved info"),
            "{found:?}"
        );
        assert!(found[0].contains("declare containerPort 8080 for readability"));
        let model = Model::from_files(vec![SourceFile::new("t.yaml", yaml)]);
        let graph = crate::graph::Graph::build(&model, &crate::graph::GraphOptions::default());
        let path = &graph.traffic[0];
        assert_eq!(path.broken, None);
        assert!(path.hops.iter().all(|h| h.ok));
        assert_eq!(
            path.hops.last().map(|h| h.label.as_str()),
            Some("container web of Deployment/default/web")
        );
    }
}
