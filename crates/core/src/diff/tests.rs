//! The whole comparison on FeastFlow and edited copies of it.

use super::*;
use crate::diff::test_support::{feastflow, feastflow_edits, feastflow_with};

fn diff(new: &Model) -> Diff {
    Diff::compute(&feastflow(), new, &Settings::default())
}

fn changes(d: &Diff) -> Vec<String> {
    d.objects
        .iter()
        .map(|o| format!("{} {}", o.change.as_str(), o.id))
        .collect()
}

fn introduced(d: &Diff) -> Vec<String> {
    d.findings
        .introduced
        .iter()
        .map(|f| format!("{} {}", f.check, f.object))
        .collect()
}

const BACKEND: &str = "Deployment/feastflow/feastflow-backend";

#[test]
fn the_same_manifests_have_no_difference() {
    let d = diff(&feastflow());
    assert!(d.is_empty());
    assert!(d.rollouts.is_empty() && d.edges.is_empty() && d.notes.is_empty());
    assert!(d.findings.introduced.is_empty() && d.findings.fixed.is_empty());
    assert!(d.scores.is_empty());
}

#[test]
fn formatting_changes_are_not_changes() {
    let new = feastflow_edits(&[
        // Quoting, comments and key order.
        (
            "01-configmap.yaml",
            "DB_PORT: \"5432\"",
            "DB_PORT: '5432' # the port",
        ),
        (
            "06-backend-deployment.yaml",
            "  replicas: 2 # High availability (multi-pod)\n",
            "  replicas: 2\n",
        ),
        (
            "07-backend-service.yaml",
            "  selector:\n    app: feastflow\n    component: backend\n",
            "  selector: {component: \"backend\", app: feastflow}\n",
        ),
    ]);
    let d = diff(&new);
    assert!(d.is_empty(), "{:?}", changes(&d));
    assert!(d.findings.introduced.is_empty() && d.findings.fixed.is_empty());
}

#[test]
fn an_image_bump_rolls_the_backend_only() {
    let d = diff(&feastflow_with(
        "06-backend-deployment.yaml",
        "image: feastflow-backend:latest",
        "image: feastflow-backend:v1.4.0",
    ));
    assert_eq!(changes(&d), [format!("changed {BACKEND}")]);
    assert_eq!(d.rollouts.len(), 1);
    assert_eq!(d.rollouts[0].workload.as_str(), BACKEND);
    assert!(!d.rollouts[0].downtime);
    assert!(d.edges.is_empty());
    assert!(d.notes.is_empty(), "{:?}", d.notes);
}

#[test]
fn a_strategy_change_alone_changes_the_object_but_rolls_nothing() {
    let d = diff(&feastflow_with(
        "06-backend-deployment.yaml",
        "maxUnavailable: 0",
        "maxUnavailable: 1",
    ));
    assert_eq!(changes(&d), [format!("changed {BACKEND}")]);
    assert_eq!(
        d.objects[0].fields[0].path,
        "spec.strategy.rollingUpdate.maxUnavailable"
    );
    assert!(d.rollouts.is_empty());
}

#[test]
fn a_configmap_edit_notes_the_restart() {
    let d = diff(&feastflow_with(
        "01-configmap.yaml",
        "LOG_LEVEL: \"info\"",
        "LOG_LEVEL: \"debug\"",
    ));
    assert_eq!(
        changes(&d),
        ["changed ConfigMap/feastflow/feastflow-config"]
    );
    assert_eq!(d.objects[0].fields[0].path, "data.LOG_LEVEL");
    assert!(d.rollouts.is_empty());
    assert_eq!(d.notes.len(), 1);
    assert!(d.notes[0].message.contains("checksum"));
}

#[test]
fn a_service_selector_typo_breaks_the_link_and_introduces_a_finding() {
    let d = diff(&feastflow_with(
        "07-backend-service.yaml",
        "  selector:\n    app: feastflow\n    component: backend",
        "  selector:\n    app: feastflow\n    component: backnd",
    ));
    assert_eq!(changes(&d), ["changed Service/feastflow/feastflow-backend"]);
    assert_eq!(d.edges.removed.len(), 1);
    assert_eq!(d.edges.removed[0].to.as_str(), BACKEND);
    assert!(
        introduced(&d)
            .contains(&"service-selects-no-pods Service/feastflow/feastflow-backend".to_owned()),
        "{:?}",
        introduced(&d)
    );
}

#[test]
fn a_deployment_selector_typo_is_rejected() {
    let d = diff(&feastflow_edits(&[(
        "06-backend-deployment.yaml",
        "      component: backend\n  template",
        "      component: backnd\n  template",
    )]));
    assert!(
        d.notes
            .iter()
            .any(|n| n.object.as_str() == BACKEND && n.message.contains("immutable")),
        "{:?}",
        d.notes
    );
}

#[test]
fn a_removed_readiness_probe_is_a_finding_introduced() {
    let d = diff(&feastflow_with(
        "06-backend-deployment.yaml",
        "          readinessProbe:\n            httpGet:\n              path: /api/health # Also checks the database connection\n              port: http\n            initialDelaySeconds: 15\n            periodSeconds: 10\n            failureThreshold: 2 # 20 seconds before removal from the Service\n",
        "",
    ));
    assert_eq!(
        d.objects[0].fields[0].path,
        "spec.template.spec.containers[0].readinessProbe"
    );
    assert!(introduced(&d).contains(&format!("readiness-probe-missing {BACKEND}")));
    assert_eq!(d.rollouts.len(), 1);
}

#[test]
fn an_added_deployment_is_an_object_added() {
    let worker = "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: feastflow-worker\n  namespace: feastflow\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: feastflow, component: worker}\n  template:\n    metadata:\n      labels: {app: feastflow, component: worker}\n    spec:\n      containers:\n        - name: worker\n          image: feastflow-worker:v1\n";
    let mut files = crate::samples::Sample::FeastFlow.files();
    files.push(crate::SourceFile::new("11-worker.yaml", worker));
    let d = diff(&Model::from_files(files));
    assert_eq!(changes(&d), ["added Deployment/feastflow/feastflow-worker"]);
    assert!(d.rollouts.is_empty());
    assert!(
        d.scores
            .iter()
            .any(|s| s.object == "Deployment/feastflow/feastflow-worker" && s.old.is_none())
    );
    assert!(
        introduced(&d)
            .contains(&"readiness-probe-missing Deployment/feastflow/feastflow-worker".to_owned()),
        "{:?}",
        introduced(&d)
    );
}

#[test]
fn a_changed_secret_never_shows_its_values() {
    let d = diff(&feastflow_with(
        "02-secrets.yaml",
        "JWT_SECRET: Y2hhbmdlLW1lLWZlYXN0Zmxvdy1qd3Qtc2lnbmluZy1rZXk=",
        "JWT_SECRET: c3VwZXItc2VjcmV0LW5ldy1rZXk=",
    ));
    assert_eq!(changes(&d), ["changed Secret/feastflow/feastflow-secrets"]);
    let text = serde_json::to_string(&d).unwrap_or_default();
    assert!(!text.contains("c3VwZXItc2VjcmV0LW5ldy1rZXk="), "{text}");
    assert!(!text.contains("super-secret-new-key"), "{text}");
    assert!(!text.contains("Y2hhbmdlLW1l"), "{text}");
    assert_eq!(d.objects[0].fields[0].path, "data.JWT_SECRET");
    assert!(d.notes[0].message.contains("Secret"));
}

#[test]
fn a_deployment_config_s_trigger_change_is_a_change_and_its_image_rolls_it() {
    let config = |trigger: &str, image: &str| {
        crate::diff::test_support::model(&[(
            "dc.yaml",
            &format!(
                "apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: web
  namespace: demo
spec:
  replicas: 2
  triggers:
    - type: {trigger}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: {image}
"
            ),
        )])
    };
    let old = config("ConfigChange", "web:1.0");
    let d = Diff::compute(
        &old,
        &config("ImageChange", "web:1.0"),
        &Settings::default(),
    );
    let fields: Vec<&str> = d.objects[0]
        .fields
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(fields, ["spec.triggers[0].type"]);
    assert!(d.rollouts.is_empty());
    let d = Diff::compute(
        &old,
        &config("ConfigChange", "web:2.0"),
        &Settings::default(),
    );
    let rolls: Vec<String> = d.rollouts.iter().map(|r| r.workload.to_string()).collect();
    assert_eq!(rolls, ["DeploymentConfig/demo/web"]);
}
