//! What controllers, autoscalers, budgets and monitors add to the graph.

use super::*;

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
