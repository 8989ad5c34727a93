//! The pods of ReplicationControllers and OpenShift DeploymentConfigs, and what selects and
//! scales them.

use super::*;
use crate::source::SourceFile;

fn graph_of(yaml: &str) -> Graph {
    let model = Model::from_files(vec![SourceFile::new("test.yaml", yaml)]);
    Graph::build(&model, &GraphOptions::default())
}

fn id(text: &str) -> ObjectId {
    let parts: Vec<&str> = text.splitn(3, '/').collect();
    ObjectId::new(parts[0], Some(parts[1]), parts[2])
}

/// The `from -relation-> to` edges, as `from -> to`.
fn edges(graph: &Graph, relation: Relation) -> Vec<String> {
    graph
        .edges()
        .iter()
        .filter(|e| e.relation == relation && e.ok)
        .map(|e| format!("{} -> {}", e.from, e.to))
        .collect()
}

const RC: &str = "
apiVersion: v1
kind: ReplicationController
metadata:
  name: frontend
  namespace: guestbook
spec:
  replicas: 2
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
        - name: php
          image: gb-frontend:v4
          ports:
            - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: frontend
  namespace: guestbook
spec:
  selector:
    tier: frontend
  ports:
    - port: 80
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: frontend
  namespace: guestbook
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      tier: frontend
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: frontend
  namespace: guestbook
spec:
  podSelector:
    matchLabels:
      tier: frontend
";

#[test]
fn a_replication_controller_owns_its_pods_named_after_it_and_selectors_reach_them() {
    let g = graph_of(RC);
    let rc = id("ReplicationController/guestbook/frontend");
    let pods: Vec<&str> = g.pods_of(&rc).iter().map(|p| p.name.as_str()).collect();
    assert_eq!(pods.len(), 2, "{pods:?}");
    for pod in &pods {
        let suffix = pod.strip_prefix("frontend-").unwrap_or_default();
        assert_eq!(suffix.len(), 5, "{pod} is not <rc>-<5 chars>");
    }
    let owns = edges(&g, Relation::Owns);
    assert!(
        owns.iter()
            .all(|e| e.starts_with("ReplicationController/guestbook/frontend -> Pod/")),
        "{owns:?}"
    );
    let selects = edges(&g, Relation::Selects);
    for selector in [
        "Service/guestbook/frontend",
        "PodDisruptionBudget/guestbook/frontend",
        "NetworkPolicy/guestbook/frontend",
    ] {
        for pod in &pods {
            let edge = format!("{selector} -> Pod/guestbook/{pod}");
            assert!(selects.contains(&edge), "missing {edge} in {selects:?}");
        }
    }
    assert!(g.problems().is_empty(), "{:?}", g.problems());
}

#[test]
fn an_hpa_scales_a_replication_controller_and_sets_its_pod_count() {
    let yaml = RC.replace("  replicas: 2\n", "")
        + "
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: frontend
  namespace: guestbook
spec:
  scaleTargetRef:
    apiVersion: v1
    kind: ReplicationController
    name: frontend
  minReplicas: 4
  maxReplicas: 10
";
    let g = graph_of(&yaml);
    assert_eq!(
        edges(&g, Relation::Scales),
        ["HorizontalPodAutoscaler/guestbook/frontend -> ReplicationController/guestbook/frontend"]
    );
    assert_eq!(
        g.pods_of(&id("ReplicationController/guestbook/frontend"))
            .len(),
        4
    );
    assert!(g.problems().is_empty(), "{:?}", g.problems());
}

const DC: &str = "
apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: ruby-ex
  namespace: demo
spec:
  replicas: 2
  selector:
    app: ruby-ex
  triggers:
    - type: ConfigChange
  template:
    metadata:
      labels:
        app: ruby-ex
    spec:
      containers:
        - name: ruby-ex
          image: ruby-ex:1.4.0
          ports:
            - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: ruby-ex
  namespace: demo
spec:
  selector:
    deploymentconfig: ruby-ex
  ports:
    - port: 8080
";

#[test]
fn a_deployment_config_runs_its_pods_through_replication_controller_version_1() {
    let g = graph_of(DC);
    let owns = edges(&g, Relation::Owns);
    assert!(
        owns.contains(
            &"DeploymentConfig/demo/ruby-ex -> ReplicationController/demo/ruby-ex-1".to_owned()
        ),
        "{owns:?}"
    );
    let reason = g
        .edges()
        .iter()
        .find(|e| e.to.as_str() == "ReplicationController/demo/ruby-ex-1")
        .expect("the owns edge")
        .reason_text();
    assert!(reason.contains("<name>-<version>"), "{reason}");
    let rc = g
        .node(&id("ReplicationController/demo/ruby-ex-1"))
        .expect("the simulated controller");
    assert!(rc.state.is_simulated());
    let pods = g.pods_of(&id("DeploymentConfig/demo/ruby-ex"));
    assert_eq!(pods.len(), 2);
    for pod in pods {
        assert!(pod.name.starts_with("ruby-ex-1-"), "{}", pod.name);
        assert_eq!(
            pod.owner.as_ref().map(ObjectId::as_str),
            Some(rc.id.as_str())
        );
        // The labels the DeploymentConfig controller adds: a Service selecting
        // `deploymentconfig` reaches the pods.
        assert_eq!(pod.labels["deploymentconfig"], "ruby-ex");
        assert_eq!(pod.labels["deployment"], "ruby-ex-1");
    }
    assert_eq!(edges(&g, Relation::Selects).len(), 2);
    assert!(g.problems().is_empty(), "{:?}", g.problems());
}

#[test]
fn a_dumped_deployment_config_names_its_controller_after_the_latest_version() {
    let g = graph_of(&DC.replace(
        "\n---\napiVersion: v1\nkind: Service",
        "\nstatus:\n  latestVersion: 7\n---\napiVersion: v1\nkind: Service",
    ));
    assert!(
        g.node(&id("ReplicationController/demo/ruby-ex-7"))
            .is_some(),
        "{:?}",
        edges(&g, Relation::Owns)
    );
}

#[test]
fn a_selector_that_misses_next_to_a_deployment_config_is_definite_not_cannot_tell() {
    let yaml = DC.replace("deploymentconfig: ruby-ex", "deploymentconfig: ruby");
    let g = graph_of(&yaml);
    let problems: Vec<&Problem> = g.problems().iter().collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].definite, "{problems:?}");
    assert!(
        !problems[0].message.contains("cannot tell"),
        "{}",
        problems[0].message
    );
}
