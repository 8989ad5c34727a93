//! The edges the manifests' references make: what they link, what is broken and why.

use super::*;

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
        (&*p.location.file, p.location.line),
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
        e.reason_text(),
        "container web: envFrom[0].configMapRef \"web-config\" is not defined in namespace shop"
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
        &*e.reasons[0],
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
