use super::*;
use crate::samples::Sample;
use crate::source::SourceFile;

fn graph_with(yaml: &str, options: GraphOptions) -> Graph {
    let model = Model::from_files(vec![SourceFile::new("test.yaml", yaml)]);
    Graph::build(&model, &options)
}

fn graph_of(yaml: &str) -> Graph {
    graph_with(yaml, GraphOptions::default())
}

fn feastflow_files() -> Vec<SourceFile> {
    Sample::FeastFlow.files()
}

/// FeastFlow with one file's text changed by `edit`.
fn feastflow_edited(file: &str, edit: impl Fn(&str) -> String) -> Graph {
    let files = feastflow_files()
        .into_iter()
        .map(|f| {
            if f.name == file {
                SourceFile::new(&f.name, edit(&f.text))
            } else {
                f
            }
        })
        .collect();
    Graph::build(&Model::from_files(files), &GraphOptions::default())
}

/// The edge `from -relation-> to`, given ids as text; panics with the graph's edges if absent.
#[track_caller]
fn edge<'g>(graph: &'g Graph, from: &str, relation: Relation, to: &str) -> &'g Edge {
    graph
        .edges
        .iter()
        .find(|e| e.from.as_str() == from && e.to.as_str() == to && e.relation == relation)
        .unwrap_or_else(|| {
            panic!(
                "no edge {from} -{}-> {to} among:\n{}",
                relation.as_str(),
                describe_edges(graph)
            )
        })
}

fn describe_edges(graph: &Graph) -> String {
    graph
        .edges
        .iter()
        .map(|e| {
            format!(
                "  {} -{}-> {} ok={} ({})",
                e.from,
                e.relation.as_str(),
                e.to,
                e.ok,
                e.reason_text()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The targets of `from`'s edges of `relation`, as text, sorted.
fn targets(graph: &Graph, from: &str, relation: Relation) -> Vec<String> {
    let mut out: Vec<String> = graph
        .edges
        .iter()
        .filter(|e| e.from.as_str() == from && e.relation == relation)
        .map(|e| e.to.to_string())
        .collect();
    out.sort();
    out
}

/// The single problem with `code`; panics with every problem otherwise.
#[track_caller]
fn problem(graph: &Graph, code: ProblemCode) -> &Problem {
    let found: Vec<&Problem> = graph.problems_with(code).collect();
    match found.as_slice() {
        [one] => one,
        _ => panic!(
            "expected one {} problem, got {:#?}",
            code.as_str(),
            graph.problems
        ),
    }
}

#[test]
fn feastflow_links_ingress_services_workloads_pods_and_storage_with_nothing_broken() {
    let g = Graph::build(
        &Model::from_files(feastflow_files()),
        &GraphOptions::default(),
    );
    let ingress = "Ingress/feastflow/feastflow-ingress";
    assert_eq!(
        targets(&g, ingress, Relation::Routes),
        [
            "Service/feastflow/feastflow-backend",
            "Service/feastflow/feastflow-frontend"
        ]
    );

    let mut owned_counts = Vec::new();
    for (deployment, replicas) in [("feastflow-backend", 2), ("feastflow-frontend", 3)] {
        let id = format!("Deployment/feastflow/{deployment}");
        let rs = targets(&g, &id, Relation::Owns);
        assert_eq!(rs.len(), 1, "{deployment} owns one ReplicaSet: {rs:?}");
        let rs_node = g.node_str(&rs[0]).expect("the ReplicaSet node");
        assert!(
            rs_node.state.is_simulated() && rs_node.name.starts_with(&format!("{deployment}-"))
        );
        let pods = targets(&g, &rs[0], Relation::Owns);
        owned_counts.push(pods.len());
        assert_eq!(pods.len(), replicas);
        // Each Service selects exactly its own Deployment's pods.
        assert_eq!(
            targets(
                &g,
                &format!("Service/feastflow/{deployment}"),
                Relation::Selects
            ),
            pods
        );
    }
    assert_eq!(owned_counts, [2, 3]);

    assert_eq!(
        targets(&g, "StatefulSet/feastflow/postgres", Relation::Owns),
        ["Pod/feastflow/postgres-0"]
    );
    assert_eq!(
        targets(&g, "Service/feastflow/postgres", Relation::Selects),
        ["Pod/feastflow/postgres-0"]
    );
    edge(
        &g,
        "StatefulSet/feastflow/postgres",
        Relation::Mounts,
        "PersistentVolumeClaim/feastflow/postgres-pvc",
    );
    edge(
        &g,
        "StatefulSet/feastflow/postgres",
        Relation::Uses,
        "Service/feastflow/postgres",
    );
    edge(
        &g,
        "Deployment/feastflow/feastflow-backend",
        Relation::Env,
        "Secret/feastflow/feastflow-secrets",
    );

    let broken: Vec<&Edge> = g.edges.iter().filter(|e| !e.ok).collect();
    assert!(broken.is_empty(), "broken edges: {broken:#?}");
    assert!(g.problems.is_empty(), "problems: {:#?}", g.problems);
    assert!(g.nodes.iter().all(|n| !n.state.is_missing()));
    assert_eq!(g.traffic_paths().len(), 2);
    for path in g.traffic_paths() {
        assert_eq!(path.broken, None, "{path:#?}");
        assert_eq!(path.hops.last().map(|h| h.step), Some("container"));
    }
}

#[test]
fn a_typo_in_a_service_selector_leaves_it_selecting_nothing_and_suggests_the_label() {
    let g = feastflow_edited("07-backend-service.yaml", |t| {
        t.replace("component: backend\n", "component: backnd\n")
    });
    assert!(targets(&g, "Service/feastflow/feastflow-backend", Relation::Selects).is_empty());
    let p = problem(&g, ProblemCode::ServiceSelectsNoPods);
    assert_eq!(p.object.as_str(), "Service/feastflow/feastflow-backend");
    assert_eq!(p.suggestion.as_deref(), Some("component=backend"));
    assert!(
        p.message
            .contains("app=feastflow,component=backnd matches no pod in namespace feastflow"),
        "{}",
        p.message
    );
    assert!(
        p.message.ends_with("did you mean `component=backend`?"),
        "{}",
        p.message
    );
    assert_eq!(
        (p.location.file.as_str(), p.location.line),
        ("07-backend-service.yaml", 22)
    );
    // The /api traffic path stops at the Service.
    let api = g
        .traffic_paths()
        .iter()
        .find(|t| t.path == "/api")
        .expect("the /api path");
    assert_eq!(
        api.broken.as_deref(),
        Some("Service feastflow-backend selects no pod")
    );
    assert!(!api.hops.last().expect("hops").ok);
}

#[test]
fn a_typo_in_an_ingress_backend_is_a_broken_edge_to_a_missing_node_with_a_suggestion() {
    let g = feastflow_edited("10-ingress.yaml", |t| {
        t.replace("name: feastflow-backend", "name: feastflow-backnd")
    });
    let e = edge(
        &g,
        "Ingress/feastflow/feastflow-ingress",
        Relation::Routes,
        "Service/feastflow/feastflow-backnd",
    );
    assert!(!e.ok);
    assert!(
        e.reason_text()
            .contains("not defined in namespace feastflow"),
        "{}",
        e.reason_text()
    );
    assert!(
        g.node_str("Service/feastflow/feastflow-backnd")
            .is_some_and(|n| n.state.is_missing())
    );
    let p = problem(&g, ProblemCode::IngressBackendServiceMissing);
    assert!(
        p.message.ends_with("did you mean `feastflow-backend`?"),
        "{}",
        p.message
    );
    assert_eq!(p.location.line, 39);
    let api = g
        .traffic_paths()
        .iter()
        .find(|t| t.path == "/api")
        .expect("the /api path");
    assert_eq!(
        api.broken.as_deref(),
        Some("Service feastflow-backnd is not defined in namespace feastflow")
    );
}

const WEB: &str = "
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec:
      serviceAccountName: web-sa
      imagePullSecrets: [{name: registry}]
      containers:
        - name: web
          image: web:1
          ports: [{containerPort: 8080, name: http}]
          envFrom:
            - configMapRef: {name: web-config}
          env:
            - name: PASSWORD
              valueFrom: {secretKeyRef: {name: web-secret, key: password}}
      volumes:
        - name: config
          configMap: {name: web-files}
        - name: certs
          secret: {secretName: web-certs}
        - name: data
          persistentVolumeClaim: {claimName: web-data}
        - name: bundle
          projected:
            sources:
              - configMap: {name: bundle-config}
              - secret: {name: bundle-secret}
";

#[test]
fn every_pod_spec_reference_is_an_edge_and_absent_targets_are_broken() {
    let g = graph_of(WEB);
    let web = "Deployment/shop/web";
    assert_eq!(
        targets(&g, web, Relation::Mounts),
        [
            "ConfigMap/shop/bundle-config",
            "ConfigMap/shop/web-files",
            "PersistentVolumeClaim/shop/web-data",
            "Secret/shop/bundle-secret",
            "Secret/shop/web-certs",
        ]
    );
    assert_eq!(
        targets(&g, web, Relation::Env),
        ["ConfigMap/shop/web-config", "Secret/shop/web-secret"]
    );
    assert_eq!(
        targets(&g, web, Relation::Uses),
        ["Secret/shop/registry", "ServiceAccount/shop/web-sa"]
    );
    assert!(
        g.edges
            .iter()
            .filter(|e| e.from.as_str() == web && e.relation != Relation::Owns)
            .all(|e| !e.ok)
    );
    let e = edge(&g, web, Relation::Env, "ConfigMap/shop/web-config");
    assert_eq!(
        e.reasons,
        ["container web: envFrom[0].configMapRef \"web-config\" is not defined in namespace shop"]
    );
    assert_eq!(e.location.as_ref().map(|l| l.line), Some(17));
    let codes: Vec<&str> = g.problems.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(
        codes
            .iter()
            .filter(|c| **c == "configmap-ref-missing")
            .count(),
        3
    );
    assert_eq!(
        codes.iter().filter(|c| **c == "secret-ref-missing").count(),
        4
    );
    assert_eq!(codes.iter().filter(|c| **c == "pvc-ref-missing").count(), 1);
    assert_eq!(
        codes
            .iter()
            .filter(|c| **c == "serviceaccount-missing")
            .count(),
        1
    );
    let p = g
        .problems
        .iter()
        .find(|p| p.field.ends_with("envFrom[0].configMapRef.name"))
        .expect("the envFrom problem");
    assert!(
        p.message
            .contains("not found in the loaded manifests for namespace shop"),
        "{}",
        p.message
    );
    assert_eq!(p.container.as_deref(), Some("web"));
    assert!(!p.definite);
}

#[test]
fn several_references_to_one_object_are_one_edge_listing_each_reason_up_to_a_cap() {
    let g = graph_of(
        r#"
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
    - name: web
      image: web:1
      env:
        - name: V0
          valueFrom: {configMapKeyRef: {name: settings, key: k0}}
        - name: V1
          valueFrom: {configMapKeyRef: {name: settings, key: k1}}
        - name: V2
          valueFrom: {configMapKeyRef: {name: settings, key: k2}}
        - name: V3
          valueFrom: {configMapKeyRef: {name: settings, key: k3}}
        - name: V4
          valueFrom: {configMapKeyRef: {name: settings, key: k4}}
        - name: V5
          valueFrom: {configMapKeyRef: {name: settings, key: k5}}
        - name: V6
          valueFrom: {configMapKeyRef: {name: settings, key: k6}}
        - name: V7
          valueFrom: {configMapKeyRef: {name: settings, key: k7}}
"#,
    );
    let e = edge(&g, "Pod/shop/web", Relation::Env, "ConfigMap/shop/settings");
    assert_eq!(e.reasons.len(), MAX_EDGE_REASONS, "{:?}", e.reasons);
    assert_eq!(
        e.reasons[0],
        "container web: env V0 valueFrom.configMapKeyRef \"settings\" key k0"
    );
    assert!(e.reasons[5].contains("env V5 "), "{:?}", e.reasons);
    assert!(
        e.reason_text()
            .starts_with(&format!("{}; {}", e.reasons[0], e.reasons[1]))
    );
}

#[test]
fn defined_targets_make_ok_edges_and_optional_references_are_not_broken() {
    let yaml = format!(
        "{WEB}---
apiVersion: v1
kind: ConfigMap
metadata: {{name: web-config, namespace: shop}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {{name: web-sa, namespace: shop}}
---
apiVersion: v1
kind: Pod
metadata: {{name: tool, namespace: shop}}
spec:
  containers:
    - name: tool
      image: tool:1
      envFrom: [{{configMapRef: {{name: tool-config, optional: true}}}}]
      volumeMounts: [{{name: ca, mountPath: /ca}}]
  volumes:
    - name: ca
      configMap: {{name: kube-root-ca.crt}}
"
    );
    let g = graph_of(&yaml);
    assert!(
        edge(
            &g,
            "Deployment/shop/web",
            Relation::Env,
            "ConfigMap/shop/web-config"
        )
        .ok
    );
    assert!(
        edge(
            &g,
            "Deployment/shop/web",
            Relation::Uses,
            "ServiceAccount/shop/web-sa"
        )
        .ok
    );
    let optional = edge(
        &g,
        "Pod/shop/tool",
        Relation::Env,
        "ConfigMap/shop/tool-config",
    );
    assert!(
        optional.ok && optional.reason_text().contains("optional: true"),
        "{}",
        optional.reason_text()
    );
    let builtin = edge(
        &g,
        "Pod/shop/tool",
        Relation::Mounts,
        "ConfigMap/shop/kube-root-ca.crt",
    );
    assert!(builtin.ok);
    assert!(
        g.node_str("ConfigMap/shop/kube-root-ca.crt")
            .is_some_and(|n| n.state.is_builtin())
    );
    assert!(
        g.problems
            .iter()
            .all(|p| p.object.as_str() != "Pod/shop/tool"),
        "{:#?}",
        g.problems
    );
    assert!(
        !g.problems
            .iter()
            .any(|p| p.code == ProblemCode::ServiceaccountMissing)
    );
}

#[test]
fn a_missing_reference_names_a_close_name_and_a_namespace_where_it_exists() {
    let g = graph_of(
        "
apiVersion: v1
kind: ConfigMap
metadata: {name: api-configs, namespace: shop}
---
apiVersion: v1
kind: Secret
metadata: {name: api-token, namespace: other}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop}
spec:
  containers:
    - name: api
      image: api:1
      envFrom: [{configMapRef: {name: api-config}}, {secretRef: {name: api-token}}]
",
    );
    let p = problem(&g, ProblemCode::ConfigmapRefMissing);
    assert_eq!(p.suggestion.as_deref(), Some("api-configs"));
    let p = problem(&g, ProblemCode::SecretRefMissing);
    assert!(
        p.message.contains("exists in namespace other"),
        "{}",
        p.message
    );
}

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

#[test]
fn autoscalers_scale_their_target_and_set_its_replicas_when_unset() {
    let g = graph_of(
        "
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1}]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 6
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: web}
  maxReplicas: 6
",
    );
    let e = edge(
        &g,
        "HorizontalPodAutoscaler/shop/web",
        Relation::Scales,
        "Deployment/shop/web",
    );
    assert!(
        e.ok && e.reason_text().contains("minReplicas 3 and maxReplicas 6"),
        "{}",
        e.reason_text()
    );
    assert_eq!(
        g.pods_of(&ObjectId::new("Deployment", Some("shop"), "web"))
            .len(),
        3
    );
    assert!(
        !edge(
            &g,
            "HorizontalPodAutoscaler/shop/api",
            Relation::Scales,
            "StatefulSet/shop/web"
        )
        .ok
    );
    let p = problem(&g, ProblemCode::HpaTargetMissing);
    assert!(
        p.message.contains("a Deployment of that name exists"),
        "{}",
        p.message
    );
}

#[test]
fn budgets_and_policies_select_pods_with_match_expressions() {
    let g = graph_of(
        "
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: shop, labels: {app: web, tier: front}}
spec: {containers: [{name: a, image: a}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: shop, labels: {app: web, tier: back, canary: 'yes'}}
spec: {containers: [{name: b, image: b}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: front, namespace: shop}
spec:
  minAvailable: 1
  selector:
    matchExpressions:
      - {key: tier, operator: In, values: [front, middle]}
      - {key: canary, operator: DoesNotExist}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: not-front, namespace: shop}
spec:
  minAvailable: 1
  selector:
    matchExpressions:
      - {key: tier, operator: NotIn, values: [front]}
      - {key: canary, operator: Exists}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: typo, namespace: shop}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: wbe}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: all, namespace: shop}
spec:
  podSelector: {}
  ingress:
    - from: [{podSelector: {matchLabels: {tier: frnt}}}, {podSelector: {matchLabels: {tier: front}}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: none, namespace: shop}
spec:
  podSelector: {matchLabels: {tier: db}}
",
    );
    assert_eq!(
        targets(&g, "PodDisruptionBudget/shop/front", Relation::Selects),
        ["Pod/shop/a"]
    );
    assert_eq!(
        targets(&g, "PodDisruptionBudget/shop/not-front", Relation::Selects),
        ["Pod/shop/b"]
    );
    assert!(targets(&g, "PodDisruptionBudget/shop/typo", Relation::Selects).is_empty());
    assert_eq!(
        problem(&g, ProblemCode::PdbSelectsNothing)
            .suggestion
            .as_deref(),
        Some("app=web")
    );
    assert_eq!(
        targets(&g, "NetworkPolicy/shop/all", Relation::Selects),
        ["Pod/shop/a", "Pod/shop/b"]
    );
    let e = edge(
        &g,
        "NetworkPolicy/shop/all",
        Relation::Selects,
        "Pod/shop/a",
    );
    assert!(
        e.reason_text()
            .contains("selects every pod in the namespace"),
        "{}",
        e.reason_text()
    );
    assert_eq!(
        problem(&g, ProblemCode::NetworkpolicySelectsNothing)
            .object
            .as_str(),
        "NetworkPolicy/shop/none"
    );
    let peer = problem(&g, ProblemCode::NetworkpolicyPeerSelectsNothing);
    assert_eq!(peer.field, "spec.ingress[0].from[0].podSelector");
    assert_eq!(peer.suggestion.as_deref(), Some("tier=front"));
}

#[test]
fn controllers_create_replicasets_pods_jobs_and_claims() {
    let yaml = "
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: db:1, ports: [{containerPort: 5432}]}]}
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: shop}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent, image: agent:1}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: shop}
spec:
  parallelism: 2
  template:
    spec: {restartPolicy: Never, containers: [{name: migrate, image: migrate:1}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: '0 * * * *'
  jobTemplate:
    spec:
      template:
        spec: {restartPolicy: Never, containers: [{name: report, image: report:1}]}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: bare, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: bare}}
  template:
    metadata: {labels: {app: bare}}
    spec: {containers: [{name: bare, image: bare:1}]}
";
    let g = graph_with(yaml, GraphOptions { daemonset_nodes: 4 });
    let id = |kind: &str, name: &str| ObjectId::new(kind, Some("shop"), name);

    // Deployment → ReplicaSet named with the pod-template-hash → 1 pod (replicas unset).
    let rs = targets(&g, "Deployment/shop/web", Relation::Owns);
    let rs_node = g.node_str(&rs[0]).expect("the ReplicaSet");
    let hash = rs_node
        .labels
        .get("pod-template-hash")
        .expect("the hash label");
    assert_eq!(rs_node.name, format!("web-{hash}"));
    assert!(
        hash.chars()
            .all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)),
        "{hash}"
    );
    let pods = g.pods_of(&id("Deployment", "web"));
    assert_eq!(pods.len(), 1);
    assert!(pods[0].state.is_simulated() && pods[0].name.starts_with(&format!("web-{hash}-")));
    assert_eq!(pods[0].owner.as_ref(), Some(&rs_node.id));
    assert_eq!(g.root_owner(&pods[0].id), &id("Deployment", "web"));

    // StatefulSet → db-0, db-1, each with its claim data-db-N.
    let db = targets(&g, "StatefulSet/shop/db", Relation::Owns);
    assert_eq!(
        db,
        [
            "PersistentVolumeClaim/shop/data-db-0",
            "PersistentVolumeClaim/shop/data-db-1",
            "Pod/shop/db-0",
            "Pod/shop/db-1"
        ]
    );
    edge(
        &g,
        "Pod/shop/db-1",
        Relation::Mounts,
        "PersistentVolumeClaim/shop/data-db-1",
    );
    assert_eq!(
        targets(&g, "Service/shop/db", Relation::Selects),
        ["Pod/shop/db-0", "Pod/shop/db-1"]
    );

    assert_eq!(g.pods_of(&id("DaemonSet", "agent")).len(), 4);
    assert_eq!(g.pods_of(&id("Job", "migrate")).len(), 2);
    let jobs = targets(&g, "CronJob/shop/report", Relation::Owns);
    assert_eq!(jobs.len(), 1);
    assert!(
        g.node_str(&jobs[0])
            .is_some_and(|j| j.kind == "Job" && j.state.is_simulated())
    );
    assert_eq!(targets(&g, &jobs[0], Relation::Owns).len(), 1);
    let bare = g.pods_of(&id("ReplicaSet", "bare"));
    assert_eq!(bare.len(), 3);
    assert!(
        bare.iter()
            .all(|p| p.name.len() == "bare-".len() + 5 && p.name.starts_with("bare-"))
    );

    // Simulated names are stable from one build to the next.
    let again = graph_with(yaml, GraphOptions { daemonset_nodes: 4 });
    assert_eq!(g.nodes, again.nodes);
    assert!(g.problems.is_empty(), "{:#?}", g.problems);
}

#[test]
fn written_children_are_not_simulated_twice_and_huge_replica_counts_are_capped() {
    let g = graph_of(
        "
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-abc, namespace: shop}
spec:
  replicas: 1000000
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-abc-x1
  namespace: shop
  labels: {app: web}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc, uid: u, controller: true}]
spec: {containers: [{name: web, image: web:1}]}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: big, namespace: shop}
spec:
  replicas: 1000000
  selector: {matchLabels: {app: big}}
  template:
    metadata: {labels: {app: big}}
    spec: {containers: [{name: big, image: big:1}]}
",
    );
    assert_eq!(
        targets(&g, "ReplicaSet/shop/web-abc", Relation::Owns),
        ["Pod/shop/web-abc-x1"]
    );
    assert_eq!(
        g.pods_of(&ObjectId::new("ReplicaSet", Some("shop"), "big"))
            .len(),
        MAX_SIMULATED_PODS as usize
    );
}

#[test]
fn statefulset_service_must_exist_and_be_headless() {
    let sts = |service: &str| {
        format!(
            "
apiVersion: apps/v1
kind: StatefulSet
metadata: {{name: db, namespace: shop}}
spec:
  serviceName: {service}
  selector: {{matchLabels: {{app: db}}}}
  template:
    metadata: {{labels: {{app: db}}}}
    spec: {{containers: [{{name: db, image: db:1, ports: [{{containerPort: 5432}}]}}]}}
---
apiVersion: v1
kind: Service
metadata: {{name: db-headless, namespace: shop}}
spec: {{clusterIP: None, selector: {{app: db}}, ports: [{{port: 5432}}]}}
---
apiVersion: v1
kind: Service
metadata: {{name: db-lb, namespace: shop}}
spec: {{selector: {{app: db}}, ports: [{{port: 5432}}]}}
"
        )
    };
    assert!(graph_of(&sts("db-headless")).problems.is_empty());
    let g = graph_of(&sts("db-lb"));
    assert!(problem(&g, ProblemCode::StatefulsetServiceNotHeadless).definite);
    assert!(
        g.problems
            .iter()
            .all(|p| p.code != ProblemCode::StatefulsetServiceMissing)
    );
    let g = graph_of(&sts("db-headles"));
    assert!(
        !edge(
            &g,
            "StatefulSet/shop/db",
            Relation::Uses,
            "Service/shop/db-headles"
        )
        .ok
    );
    let p = problem(&g, ProblemCode::StatefulsetServiceMissing);
    assert!(p.definite);
    assert_eq!(p.suggestion.as_deref(), Some("db-headless"));
}

#[test]
fn service_monitors_select_services_by_label() {
    let g = graph_of(
        "
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {ports: [{port: 80}]}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  endpoints: [{port: http}]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: typo, namespace: shop}
spec:
  selector: {matchLabels: {app: wb}}
  endpoints: [{port: http}]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: elsewhere, namespace: shop}
spec:
  namespaceSelector: {matchNames: [monitoring]}
  selector: {matchLabels: {app: other}}
  endpoints: [{port: http}]
",
    );
    assert_eq!(
        targets(&g, "ServiceMonitor/shop/web", Relation::Selects),
        ["Service/shop/web"]
    );
    let p = problem(&g, ProblemCode::ServicemonitorSelectsNothing);
    assert_eq!(p.object.as_str(), "ServiceMonitor/shop/typo");
    assert_eq!(p.suggestion.as_deref(), Some("app=web"));
}

#[test]
fn neighbours_list_both_directions() {
    let g = Graph::build(
        &Model::from_files(feastflow_files()),
        &GraphOptions::default(),
    );
    let id = ObjectId::new("Service", Some("feastflow"), "feastflow-backend");
    let around: Vec<(Relation, &str)> = g
        .neighbours(&id)
        .into_iter()
        .map(|(e, n)| (e.relation, n.kind.as_str()))
        .collect();
    assert_eq!(
        around,
        [
            (Relation::Selects, "Pod"),
            (Relation::Selects, "Pod"),
            (Relation::Routes, "Ingress")
        ]
    );
}

#[test]
fn empty_and_odd_input_builds_without_panicking() {
    for yaml in [
        "",
        "kind: Service\napiVersion: v1\nmetadata: {name: x}\nspec: {selector: {}}",
        "kind: Ingress\napiVersion: networking.k8s.io/v1\nmetadata: {name: x}\nspec: {rules: [{http: {paths: []}}]}",
        "kind: HorizontalPodAutoscaler\napiVersion: autoscaling/v2\nmetadata: {name: x}\nspec: {scaleTargetRef: {kind: '', name: ''}, maxReplicas: 1}",
        "kind: Deployment\napiVersion: apps/v1\nmetadata: {name: x}\nspec: {replicas: -4, selector: {}, template: {}}",
    ] {
        let g = graph_of(yaml);
        let _ = layout(&g, &LayoutOptions::default());
        let _ = (to_dot(&g), to_mermaid(&g));
    }
}

fn feastflow_layout(options: &LayoutOptions) -> (Graph, Layout) {
    let g = Graph::build(
        &Model::from_files(feastflow_files()),
        &GraphOptions::default(),
    );
    let l = layout(&g, options);
    (g, l)
}

#[track_caller]
fn node_box<'l>(layout: &'l Layout, id: &str) -> &'l NodeBox {
    layout
        .nodes
        .iter()
        .find(|n| n.id.as_str() == id)
        .unwrap_or_else(|| panic!("no box {id}"))
}

/// How many pairs of edges of `relation` between the same two lanes cross, counting by the
/// order of their ends.
fn crossings(layout: &Layout, relation: Relation) -> usize {
    let place = |id: &ObjectId| {
        let b = layout.nodes.iter().find(|n| &n.id == id).expect("a box");
        (b.lane, b.y + b.h / 2.0)
    };
    let edges: Vec<((Lane, f64), (Lane, f64))> = layout
        .edges
        .iter()
        .filter(|e| e.relation == relation)
        .map(|e| (place(&e.from), place(&e.to)))
        .collect();
    let mut count = 0;
    for (i, a) in edges.iter().enumerate() {
        for b in &edges[i + 1..] {
            let same_lanes = (a.0.0, a.1.0) == (b.0.0, b.1.0);
            if same_lanes && (a.0.1 - b.0.1) * (a.1.1 - b.1.1) < 0.0 {
                count += 1;
            }
        }
    }
    count
}

#[test]
fn feastflow_is_laid_out_in_lanes_left_to_right_without_crossings() {
    let (g, l) = feastflow_layout(&LayoutOptions::default());
    assert_eq!(
        l.nodes.len(),
        g.nodes.len(),
        "nothing is collapsed at 3 pods"
    );
    let x = |id: &str| node_box(&l, id).x;
    let lanes = [
        "Ingress/feastflow/feastflow-ingress",
        "Service/feastflow/feastflow-backend",
        "Deployment/feastflow/feastflow-backend",
        &format!(
            "ReplicaSet/feastflow/{}",
            g.pods_of(&ObjectId::new(
                "Deployment",
                Some("feastflow"),
                "feastflow-backend"
            ))[0]
                .owner
                .as_ref()
                .expect("an owner")
                .name()
        ),
        "Pod/feastflow/postgres-0",
        "ConfigMap/feastflow/feastflow-config",
    ];
    for pair in lanes.windows(2) {
        assert!(
            x(pair[0]) < x(pair[1]),
            "{} should be left of {}",
            pair[0],
            pair[1]
        );
    }
    assert_eq!(
        x("StatefulSet/feastflow/postgres"),
        x("Deployment/feastflow/feastflow-backend")
    );
    assert_eq!(
        l.lanes.iter().map(|c| c.lane).collect::<Vec<_>>(),
        [
            Lane::Ingress,
            Lane::Service,
            Lane::Workload,
            Lane::ReplicaSet,
            Lane::Pod,
            Lane::Config,
            Lane::Other,
        ]
    );
    let bands: Vec<&str> = l.bands.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(bands, ["namespace feastflow", "cluster-scoped"]);
    // Every box sits inside its band and inside the drawing, and no two boxes of a lane overlap.
    for b in &l.nodes {
        let band = l
            .bands
            .iter()
            .find(|band| band.namespace == b.namespace)
            .expect("a band");
        assert!(
            b.y >= band.y && b.y + b.h <= band.y + band.h,
            "{} outside its band",
            b.id
        );
        assert!(b.x + b.w <= l.width && b.y + b.h <= l.height);
        for other in l.nodes.iter().filter(|o| o.lane == b.lane && o.id != b.id) {
            assert!(
                b.y + b.h <= other.y || other.y + other.h <= b.y,
                "{} overlaps {}",
                b.id,
                other.id
            );
        }
    }
    for relation in [Relation::Owns, Relation::Selects, Relation::Routes] {
        assert_eq!(
            crossings(&l, relation),
            0,
            "{} edges cross",
            relation.as_str()
        );
    }
    let e = l
        .edges
        .iter()
        .find(|e| e.relation == Relation::Routes)
        .expect("a route");
    let (from, to) = (node_box(&l, e.from.as_str()), node_box(&l, e.to.as_str()));
    assert_eq!(e.points.len(), 4);
    assert_eq!((e.points[0].x, e.points[3].x), (from.x + from.w, to.x));
}

#[test]
fn many_pods_collapse_into_one_stack_that_can_be_expanded() {
    let yaml = "
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 8
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
";
    let g = graph_of(yaml);
    let l = layout(&g, &LayoutOptions::default());
    let stacks: Vec<&NodeBox> = l.nodes.iter().filter(|n| n.stack.is_some()).collect();
    assert_eq!(stacks.len(), 1);
    assert_eq!(stacks[0].label, "× 8 pods");
    assert_eq!(stacks[0].stack.as_ref().map(|s| s.members.len()), Some(8));
    let owner = stacks[0]
        .stack
        .as_ref()
        .map(|s| s.owner.clone())
        .expect("an owner");
    assert_eq!(owner.kind(), "ReplicaSet");
    assert_eq!(l.nodes.iter().filter(|n| n.lane == Lane::Pod).count(), 1);
    let into_stack: Vec<Relation> = l
        .edges
        .iter()
        .filter(|e| e.to == stacks[0].id)
        .map(|e| e.relation)
        .collect();
    assert_eq!(into_stack, [Relation::Owns, Relation::Selects]);

    let expanded = layout(
        &g,
        &LayoutOptions {
            expanded: [owner].into(),
            ..LayoutOptions::default()
        },
    );
    assert_eq!(
        expanded
            .nodes
            .iter()
            .filter(|n| n.lane == Lane::Pod)
            .count(),
        8
    );
    assert!(expanded.nodes.iter().all(|n| n.stack.is_none()));
}

#[test]
fn editing_one_object_does_not_reshuffle_the_others() {
    let order = |l: &Layout| {
        let mut boxes: Vec<&NodeBox> = l.nodes.iter().collect();
        boxes.sort_by_key(|b| (b.lane, b.y as i64));
        boxes
            .into_iter()
            .map(|b| b.id.to_string())
            .collect::<Vec<_>>()
    };
    let (_, before) = feastflow_layout(&LayoutOptions::default());
    let files: Vec<SourceFile> = feastflow_files()
        .into_iter()
        .map(|f| match f.name.as_str() {
            "01-configmap.yaml" => SourceFile::new(
                &f.name,
                f.text
                    .replace("LOG_LEVEL: \"info\"", "LOG_LEVEL: \"debug\""),
            ),
            "08-frontend-deployment.yaml" => SourceFile::new(
                &f.name,
                f.text
                    .replace("feastflow-frontend:latest", "feastflow-frontend:v2"),
            ),
            _ => f,
        })
        .collect();
    let after = layout(
        &Graph::build(&Model::from_files(files), &GraphOptions::default()),
        &LayoutOptions::default(),
    );
    // The frontend's new template renames its ReplicaSet and pods; everything else keeps its place.
    let (before, after) = (order(&before), order(&after));
    let renamed = |id: &String| id.contains("feastflow-frontend-");
    assert_eq!(
        before.iter().filter(|id| !renamed(id)).collect::<Vec<_>>(),
        after.iter().filter(|id| !renamed(id)).collect::<Vec<_>>()
    );
    assert_eq!(before.len(), after.len());
}

#[test]
fn dot_and_mermaid_escape_what_they_quote() {
    let mut g = graph_of("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop}\n");
    g.nodes[0].name = "say \"hi\" <b>#1</b>".to_owned();
    let dot = to_dot(&g);
    assert!(
        dot.contains("label=\"ConfigMap\\nsay \\\"hi\\\" <b>#1</b>\""),
        "{dot}"
    );
    let mermaid = to_mermaid(&g);
    assert!(
        mermaid.contains("[\"ConfigMap<br/>say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt;\"]"),
        "{mermaid}"
    );
}

#[test]
fn the_traffic_path_ends_at_the_container_that_owns_the_port() {
    let g = graph_of(include_str!(
        "../../tests/fixtures/graph/sidecar-ports.yaml"
    ));
    let ends: Vec<(&str, Option<&str>)> = g
        .traffic
        .iter()
        .map(|t| (t.path.as_str(), t.hops.last().map(|h| h.label.as_str())))
        .collect();
    assert_eq!(
        ends,
        [
            ("/", Some("container envoy of Deployment/shop/web")),
            ("/metrics", Some("container metrics of Deployment/shop/web")),
        ]
    );
}

#[test]
fn filtering_nodes_reindexes_the_graph_so_lookups_find_the_kept_nodes() {
    let graph = Graph::build(
        &Model::from_files(feastflow_files()),
        &GraphOptions::default(),
    );
    let only = graph.filtered(|n| n.kind == "Service" || n.kind == "Ingress");
    assert!(!only.nodes().is_empty() && only.nodes().len() < graph.nodes().len());
    for node in only.nodes() {
        assert_eq!(only.node(&node.id).map(|n| &n.id), Some(&node.id));
        for edge in only.outgoing(&node.id) {
            assert_eq!(edge.from, node.id);
            assert!(only.node(&edge.to).is_some(), "{} leads out", edge.to);
        }
    }
    let pod = graph.nodes().iter().find(|n| n.kind == "Pod");
    assert!(only.node(&pod.expect("FeastFlow runs pods").id).is_none());
    assert!(
        only.edges()
            .iter()
            .all(|e| only.node(&e.from).is_some() && only.node(&e.to).is_some())
    );
    // The Ingress routes to Services: those edges are kept.
    assert!(only.edges().iter().any(|e| e.relation.as_str() == "routes"));
    assert!(
        only.problems()
            .iter()
            .all(|p| only.node(&p.object).is_some())
    );
}
