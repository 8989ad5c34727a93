//! Which objects a reference may reach: ports, namespaces, TLS and the default backend.

use super::*;

const SERVICE_AND_PODS: &str = "
apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: shop, labels: {app: web}}
spec:
  containers:
    - name: web
      image: web:1
      ports: [{containerPort: 8080, name: http}, {containerPort: 9090, name: metrics}]
---
apiVersion: v1
kind: Pod
metadata: {name: web-2, namespace: other, labels: {app: web}}
spec:
  containers: [{name: web, image: web:1, ports: [{containerPort: 8080, name: http}]}]
";

#[test]
fn named_and_numeric_target_ports_resolve_against_the_selected_containers() {
    let yaml = format!(
        "{SERVICE_AND_PODS}---
apiVersion: v1
kind: Service
metadata: {{name: web, namespace: shop}}
spec:
  selector: {{app: web}}
  ports:
    - {{name: a, port: 80, targetPort: http}}
    - {{name: b, port: 81, targetPort: 9090}}
    - {{name: c, port: 82, targetPort: htp}}
    - {{name: d, port: 83, targetPort: 7000}}
"
    );
    let g = graph_of(&yaml);
    // Only the pod of its own namespace is selected.
    assert_eq!(
        targets(&g, "Service/shop/web", Relation::Selects),
        ["Pod/shop/web-1"]
    );
    let problems: Vec<&Problem> = g
        .problems_with(ProblemCode::ServiceTargetportUnresolved)
        .collect();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(problems[0].field, "spec.ports[2].targetPort");
    assert!(problems[0].definite);
    assert_eq!(problems[0].suggestion.as_deref(), Some("http"));
    assert!(
        problems[0]
            .message
            .starts_with("targetPort htp (TCP) is not a port name declared"),
        "{}",
        problems[0].message
    );
    assert_eq!(problems[1].field, "spec.ports[3].targetPort");
    assert!(!problems[1].definite);
    assert!(
        problems[1]
            .message
            .contains("declared: 8080/http, 9090/metrics"),
        "{}",
        problems[1].message
    );
}

#[test]
fn a_service_never_selects_pods_of_another_namespace() {
    let yaml = format!(
        "{SERVICE_AND_PODS}---
apiVersion: v1
kind: Service
metadata: {{name: web, namespace: third}}
spec:
  selector: {{app: web}}
  ports: [{{port: 80}}]
"
    );
    let g = graph_of(&yaml);
    assert!(targets(&g, "Service/third/web", Relation::Selects).is_empty());
    let p = problem(&g, ProblemCode::ServiceSelectsNoPods);
    assert!(!p.definite, "no pod runs in namespace third: {p:?}");
    assert!(
        p.message.contains("no pod in namespace third"),
        "{}",
        p.message
    );
}

#[test]
fn an_ingress_only_reaches_services_of_its_own_namespace() {
    let g = graph_of(
        "
apiVersion: v1
kind: Service
metadata: {name: api, namespace: backend}
spec: {ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: edge, namespace: frontend}
spec:
  rules:
    - host: shop.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: api, port: {number: 80}}}
",
    );
    assert!(
        !edge(
            &g,
            "Ingress/frontend/edge",
            Relation::Routes,
            "Service/frontend/api"
        )
        .ok
    );
    let p = problem(&g, ProblemCode::IngressBackendServiceMissing);
    assert!(
        p.message
            .contains("exists in namespace backend, but an Ingress only reaches its own namespace"),
        "{}",
        p.message
    );
}

#[test]
fn role_binding_subjects_may_name_other_namespaces() {
    let g = graph_of(
        "
apiVersion: v1
kind: ServiceAccount
metadata: {name: robot, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: shop}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
subjects:
  - {kind: ServiceAccount, name: robot, namespace: ci}
  - {kind: ServiceAccount, name: ghost}
  - {kind: User, name: alice}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: robot-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: robot, namespace: ci}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: robot-custom}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: custom-reader}
subjects: [{kind: ServiceAccount, name: robot, namespace: ci}]
",
    );
    assert!(
        edge(
            &g,
            "RoleBinding/shop/deployer",
            Relation::Uses,
            "Role/shop/deployer"
        )
        .ok
    );
    assert!(
        edge(
            &g,
            "RoleBinding/shop/deployer",
            Relation::Uses,
            "ServiceAccount/ci/robot"
        )
        .ok
    );
    assert!(
        !edge(
            &g,
            "RoleBinding/shop/deployer",
            Relation::Uses,
            "ServiceAccount/shop/ghost"
        )
        .ok
    );
    assert!(
        edge(
            &g,
            "ClusterRoleBinding/robot-view",
            Relation::Uses,
            "ServiceAccount/ci/robot"
        )
        .ok
    );
    assert!(
        edge(
            &g,
            "ClusterRoleBinding/robot-view",
            Relation::Uses,
            "ClusterRole/view"
        )
        .ok
    );
    let view = g
        .node_str("ClusterRole/view")
        .expect("the built-in ClusterRole");
    assert_eq!(view.state, NodeState::BuiltIn);
    let json = serde_json::to_value(view).expect("a node serialises");
    assert_eq!(
        (&json["simulated"], &json["missing"], &json["builtin"]),
        (&false.into(), &false.into(), &true.into()),
        "{json}"
    );
    assert!(
        !edge(
            &g,
            "ClusterRoleBinding/robot-custom",
            Relation::Uses,
            "ClusterRole/custom-reader"
        )
        .ok
    );
    assert_eq!(
        problem(&g, ProblemCode::RbacBindingRefMissing)
            .object
            .as_str(),
        "ClusterRoleBinding/robot-custom"
    );
    assert_eq!(
        problem(&g, ProblemCode::RbacSubjectMissing).field,
        "subjects[1].name"
    );
    assert_eq!(
        g.outgoing(&ObjectId::new("RoleBinding", Some("shop"), "deployer"))
            .count(),
        3
    );
}

#[test]
fn ingress_ports_tls_and_default_backends() {
    let g = graph_of(
        "
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: web:1, ports: [{containerPort: 8080, name: http}]}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: edge, namespace: shop}
spec:
  defaultBackend: {service: {name: web, port: {name: http}}}
  tls: [{hosts: [shop.example], secretName: shop-tls}]
  rules:
    - host: shop.example
      http:
        paths:
          - path: /admin
            pathType: Prefix
            backend: {service: {name: web, port: {name: htp}}}
",
    );
    let e = edge(
        &g,
        "Ingress/shop/edge",
        Relation::Routes,
        "Service/shop/web",
    );
    assert!(
        !e.ok,
        "one of the two routes names a port the Service lacks"
    );
    let p = problem(&g, ProblemCode::IngressBackendPortMissing);
    assert_eq!(
        p.field,
        "spec.rules[0].http.paths[0].backend.service.port.name"
    );
    assert_eq!(p.suggestion.as_deref(), Some("http"));
    assert!(
        p.message.contains("has no port htp (it exposes 80/http)"),
        "{}",
        p.message
    );
    assert!(
        !edge(
            &g,
            "Ingress/shop/edge",
            Relation::Routes,
            "Secret/shop/shop-tls"
        )
        .ok
    );
    assert!(!problem(&g, ProblemCode::IngressTlsSecretMissing).definite);

    let default = g
        .traffic_paths()
        .iter()
        .find(|t| t.path == "/*")
        .expect("the default backend's path");
    assert_eq!(default.broken, None);
    let steps: Vec<&str> = default.hops.iter().map(|h| h.label.as_str()).collect();
    assert_eq!(
        steps,
        [
            "*/*",
            "Service web port http",
            "targetPort http",
            "containerPort 8080 (http)",
            "container web of Deployment/shop/web"
        ]
    );
    let admin = g
        .traffic_paths()
        .iter()
        .find(|t| t.path == "/admin")
        .expect("the /admin path");
    assert_eq!(admin.broken.as_deref(), Some("Service web has no port htp"));
}

#[test]
fn a_tls_secret_from_cert_manager_is_not_broken() {
    let g = graph_of(
        "
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: edge
  namespace: shop
  annotations: {cert-manager.io/cluster-issuer: letsencrypt}
spec:
  tls: [{hosts: [shop.example], secretName: shop-tls}]
",
    );
    assert!(
        edge(
            &g,
            "Ingress/shop/edge",
            Relation::Routes,
            "Secret/shop/shop-tls"
        )
        .ok
    );
    assert!(g.problems.is_empty());
}
