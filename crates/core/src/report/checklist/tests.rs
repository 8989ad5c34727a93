//! Tests of the checklist rules: FeastFlow's table cell for cell, then each rule on small manifests.

use super::*;
use crate::checks::Context;
use crate::samples::Sample;
use crate::source::SourceFile;

const BACKEND: &str = "Deployment/feastflow/feastflow-backend";
const FRONTEND: &str = "Deployment/feastflow/feastflow-frontend";
const POSTGRES: &str = "StatefulSet/feastflow/postgres";

/// The hand review's section 6, row by row: backend, frontend, postgres.
const FEASTFLOW_TABLE: &[(&str, [Outcome; 3])] = {
    use Outcome::{Fail as F, Na as N, Pass as P};
    &[
        ("resources", [P, P, P]),
        ("liveness-probe", [P, P, P]),
        ("readiness-probe", [P, P, P]),
        ("named-ports", [P, P, P]),
        ("labels", [P, P, P]),
        ("namespace", [P, P, P]),
        ("configmap-config", [P, P, P]),
        ("secrets-sensitive-data", [P, N, P]),
        ("rolling-update", [P, P, N]),
        ("max-unavailable-zero", [P, F, N]),
        ("persistent-volumes", [N, N, P]),
        ("anti-affinity", [P, F, N]),
        ("ingress-routing", [P, P, N]),
        ("service-discovery", [P, P, P]),
        ("monitoring-annotations", [P, F, F]),
    ]
};

#[test]
fn feastflow_reproduces_the_hand_reviews_table_cell_for_cell() {
    let model = Model::from_files(Sample::FeastFlow.files());
    let settings = Settings::default();
    let findings = checks::run(&Context::new(&model, &settings));
    let list = Checklist::build(&model, &settings, &findings);
    assert_eq!(list.rows, ROWS.iter().map(|r| r.id).collect::<Vec<_>>());
    assert_eq!(FEASTFLOW_TABLE.len(), 15);
    let mut problems = Vec::new();
    let mut compared = 0;
    for (row, expected) in FEASTFLOW_TABLE {
        for (object, want) in [BACKEND, FRONTEND, POSTGRES].iter().zip(expected) {
            compared += 1;
            match list.cell(row, object) {
                Some(c) if c.result == *want => {}
                Some(c) => problems.push(format!(
                    "{row} × {object}: {:?} ({}), the review says {want:?}",
                    c.result, c.reason
                )),
                None => problems.push(format!("{row} × {object}: no cell")),
            }
        }
    }
    assert_eq!(compared, 45);
    assert!(
        problems.is_empty(),
        "{} of 45 cells differ:\n{}",
        problems.len(),
        problems.join("\n")
    );
    let frontend = list.cell("max-unavailable-zero", FRONTEND).expect("a cell");
    assert_eq!(
        frontend.reason,
        "maxUnavailable 1: up to 1 of 3 pods may be down during a rollout"
    );
    assert_eq!(
        frontend.at.as_ref().map(|l| (&*l.file, l.line)),
        Some(("08-frontend-deployment.yaml", 17))
    );
}

/// The cell of `row` for `object` in `yaml`, with `findings` (check id, object, suppressed?)
/// standing in for the checks' own.
fn cell_of(
    yaml: &str,
    row: &str,
    object: &str,
    findings: &[(&'static str, &str, bool)],
    settings: &Settings,
) -> Cell {
    let model = Model::from_files(vec![SourceFile::new("t.yaml", yaml)]);
    assert!(model.diagnostics.is_empty(), "{:?}", model.diagnostics);
    let findings: Vec<Finding> = findings
        .iter()
        .map(|(id, on, suppressed)| {
            let obj = model.get_str(on).expect("the finding's object");
            let mut f = Finding::new(
                checks::by_id(id).expect("registered"),
                obj,
                "spec",
                format!("{id} fired"),
            );
            f.suppressed = suppressed.then(|| "manifesto.io/ignore: accepted".to_owned());
            f
        })
        .collect();
    let list = Checklist::build(&model, settings, &findings);
    list.cell(row, object)
        .cloned()
        .unwrap_or_else(|| panic!("no cell {row} × {object} among {:?}", list.columns))
}

/// The cell of `row` for Deployment/shop/web under the default settings.
fn web_cell(yaml: &str, row: &str, findings: &[(&'static str, &str, bool)]) -> Cell {
    cell_of(
        yaml,
        row,
        "Deployment/shop/web",
        findings,
        &Settings::default(),
    )
}

#[track_caller]
fn check(yaml: &str, row: &str, object: &str, expected: Outcome, reason: &str) {
    let c = cell_of(yaml, row, object, &[], &Settings::default());
    assert_eq!((c.result, c.reason.as_str()), (expected, reason));
}

fn deployment(
    name: &str,
    replicas: i32,
    strategy: &str,
    pod_extra: &str,
    container_extra: &str,
) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}, namespace: shop}}\nspec:\n  replicas: {replicas}\n{strategy}  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n{pod_extra}      containers:\n        - name: main\n          image: {name}:1.0\n{container_extra}"
    )
}

#[test]
fn findings_of_the_rows_checks_fail_the_cell_and_are_linked() {
    let yaml = deployment("web", 3, "", "", "");
    let c = web_cell(
        &yaml,
        "resources",
        &[("cpu-limit-missing", "Deployment/shop/web", false)],
    );
    assert_eq!(c.result, Outcome::Fail);
    assert_eq!(c.reason, "cpu-limit-missing: cpu-limit-missing fired");
    assert_eq!(c.findings, [0]);
    let c = web_cell(
        &yaml,
        "anti-affinity",
        &[("anti-affinity-missing", "Deployment/shop/web", false)],
    );
    assert_eq!((c.result, c.findings.len()), (Outcome::Fail, 1));
    let spread = deployment(
        "web",
        3,
        "",
        "      topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}]\n",
        "",
    );
    let c = web_cell(&spread, "anti-affinity", &[]);
    assert_eq!(
        (c.result, c.reason.as_str()),
        (
            Outcome::Pass,
            "3 replicas spread by topologySpreadConstraints"
        )
    );
    // Without a finding, the model still sees that nothing spreads the replicas.
    let c = web_cell(&yaml, "anti-affinity", &[]);
    assert_eq!(
        (c.result, c.reason.as_str()),
        (
            Outcome::Fail,
            "3 replicas and neither podAntiAffinity nor topologySpreadConstraints spreads them over nodes"
        )
    );
}

#[test]
fn silenced_findings_and_disabled_checks_skip_the_cell() {
    let yaml = deployment("web", 2, "", "", "");
    let c = web_cell(
        &yaml,
        "liveness-probe",
        &[("liveness-probe-missing", "Deployment/shop/web", true)],
    );
    assert_eq!(
        (c.result, c.reason.as_str()),
        (
            Outcome::Skipped,
            "liveness-probe-missing silenced by manifesto.io/ignore: accepted"
        )
    );
    let off = Settings {
        disabled: ["anti-affinity-missing".to_owned()].into(),
        ..Settings::default()
    };
    let c = cell_of(&yaml, "anti-affinity", "Deployment/shop/web", &[], &off);
    assert_eq!(
        (c.result, c.reason.as_str()),
        (
            Outcome::Skipped,
            "anti-affinity-missing disabled in the settings"
        )
    );
    let some_off = Settings {
        disabled: ["cpu-limit-missing".to_owned()].into(),
        ..Settings::default()
    };
    let c = cell_of(&yaml, "resources", "Deployment/shop/web", &[], &some_off);
    assert_eq!(c.result, Outcome::Pass);
    assert!(
        c.reason.ends_with("(cpu-limit-missing disabled)"),
        "{}",
        c.reason
    );
    assert!(!c.checks.contains(&"cpu-limit-missing"));
}

#[test]
fn max_unavailable_is_resolved_as_the_controller_does() {
    let rolling = |s: &str, u: &str| {
        format!(
            "  strategy:\n    type: RollingUpdate\n    rollingUpdate: {{maxSurge: {s}, maxUnavailable: {u}}}\n"
        )
    };
    let id = "Deployment/shop/web";
    check(
        &deployment("web", 2, &rolling("1", "0"), "", ""),
        "max-unavailable-zero",
        id,
        Outcome::Pass,
        "maxUnavailable 0: a pod stops only after its replacement is ready",
    );
    check(
        &deployment("web", 3, "", "", ""),
        "max-unavailable-zero",
        id,
        Outcome::Pass,
        "maxUnavailable is not written: the default 25% of 3 replicas rounds down to 0: a pod stops only after its replacement is ready",
    );
    check(
        &deployment("web", 4, "", "", ""),
        "max-unavailable-zero",
        id,
        Outcome::Fail,
        "maxUnavailable is not written: the default 25% of 4 replicas (resolves to 1): up to 1 of 4 pods may be down during a rollout",
    );
    check(
        &deployment("web", 10, &rolling("0%", "1%"), "", ""),
        "max-unavailable-zero",
        id,
        Outcome::Fail,
        "maxUnavailable 1% of 10 replicas and maxSurge both resolve to 0, so the controller lets 1 pod be unavailable",
    );
    check(
        &deployment("web", 2, "  strategy: {type: Recreate}\n", "", ""),
        "max-unavailable-zero",
        id,
        Outcome::Fail,
        "strategy Recreate: every pod is down during an update",
    );
    check(
        &deployment("web", 2, "  strategy: {type: Recreate}\n", "", ""),
        "rolling-update",
        id,
        Outcome::Fail,
        "strategy Recreate stops every pod before starting the new ones",
    );
}

const STATEFULSET: &str = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: shop}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: 'mysql:8.4'}]\n";

#[test]
fn statefulsets_bare_pods_and_replicasets() {
    let id = "StatefulSet/shop/db";
    check(
        STATEFULSET,
        "max-unavailable-zero",
        id,
        Outcome::Na,
        "a StatefulSet stops each pod before recreating it (maxUnavailable is at least 1)",
    );
    check(
        STATEFULSET,
        "anti-affinity",
        id,
        Outcome::Na,
        "1 replica: nothing to spread",
    );
    check(
        STATEFULSET,
        "persistent-volumes",
        id,
        Outcome::Fail,
        "runs mysql (mysql:8.4) with no PersistentVolumeClaim: its data is lost with the pod",
    );
    let with_claims = format!(
        "{STATEFULSET}  volumeClaimTemplates:\n    - metadata: {{name: data}}\n      spec: {{accessModes: [ReadWriteOnce], resources: {{requests: {{storage: 1Gi}}}}}}\n"
    );
    check(
        &with_claims,
        "persistent-volumes",
        id,
        Outcome::Pass,
        "keeps its data on volumeClaimTemplate data",
    );
    let samples = Model::from_files(Sample::PodsVsReplicaSets.files());
    let list = Checklist::build(&samples, &Settings::default(), &[]);
    let pod = list
        .cell("rolling-update", "Pod/feastflow/feastflow-backend-pod")
        .expect("a Pod column");
    assert_eq!(pod.result, Outcome::Fail);
    let rs = list
        .cell(
            "rolling-update",
            "ReplicaSet/feastflow/feastflow-backend-rs",
        )
        .expect("a ReplicaSet column");
    assert_eq!(rs.result, Outcome::Fail);
    assert_eq!(
        list.cell("anti-affinity", "ReplicaSet/feastflow/feastflow-backend-rs")
            .map(|c| c.result),
        Some(Outcome::Fail)
    );
}

#[test]
fn configuration_and_secrets_come_from_the_right_objects() {
    let id = "Deployment/shop/web";
    let inline = "          env:\n            - {name: LOG_LEVEL, value: debug}\n            - {name: DB_PASSWORD, value: hunter2}\n";
    check(
        &deployment("web", 1, "", "", inline),
        "configmap-config",
        id,
        Outcome::Fail,
        "2 environment variables are written inline (first: LOG_LEVEL) and no ConfigMap is read",
    );
    check(
        &deployment("web", 1, "", "", inline),
        "secrets-sensitive-data",
        id,
        Outcome::Fail,
        "DB_PASSWORD is written inline instead of coming from a Secret",
    );
    check(
        &deployment("web", 1, "", "", ""),
        "configmap-config",
        id,
        Outcome::Na,
        "takes no configuration through env values, ConfigMaps or config volumes",
    );
    check(
        &deployment("web", 1, "", "", ""),
        "secrets-sensitive-data",
        id,
        Outcome::Na,
        "handles no sensitive data: reads no Secret and has no secret-like variable",
    );
    let from_cm = "          env:\n            - name: API_TOKEN\n              valueFrom: {configMapKeyRef: {name: settings, key: token}}\n";
    check(
        &deployment("web", 1, "", "", from_cm),
        "configmap-config",
        id,
        Outcome::Pass,
        "reads configuration from ConfigMap settings",
    );
    check(
        &deployment("web", 1, "", "", from_cm),
        "secrets-sensitive-data",
        id,
        Outcome::Fail,
        "API_TOKEN comes from ConfigMap settings (key token), which is not meant for secrets",
    );
    let whole = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: settings, namespace: shop}}\ndata: {{DB_PASSWORD: x}}\n---\n{}",
        deployment(
            "web",
            1,
            "",
            "",
            "          envFrom: [{configMapRef: {name: settings}}]\n"
        )
    );
    check(
        &whole,
        "secrets-sensitive-data",
        id,
        Outcome::Fail,
        "loads ConfigMap settings whole, and its key DB_PASSWORD looks like a credential",
    );
    let c = cell_of(
        &whole,
        "secrets-sensitive-data",
        id,
        &[("sensitive-configmap-data", "ConfigMap/shop/settings", false)],
        &Settings::default(),
    );
    assert_eq!(
        c.findings,
        [0],
        "a finding on a ConfigMap the workload reads is behind its cell"
    );
    let secret = "          envFrom: [{secretRef: {name: creds}}]\n";
    check(
        &deployment("web", 1, "", "", secret),
        "secrets-sensitive-data",
        id,
        Outcome::Pass,
        "sensitive values come from Secret creds",
    );
}

const SERVICE: &str = "---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  type: TYPE\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n";

#[test]
fn ingress_routing_and_service_discovery_follow_the_services() {
    let id = "Deployment/shop/web";
    let ports = "          ports: [{name: http, containerPort: 8080}]\n";
    let base = deployment("web", 2, "", "", ports);
    check(
        &base,
        "ingress-routing",
        id,
        Outcome::Na,
        "internal: no Ingress routes to it and no Service exposes it outside the cluster",
    );
    check(
        &base,
        "service-discovery",
        id,
        Outcome::Na,
        "no Service selects it and its configuration names no Service",
    );
    let lb = format!("{base}{}", SERVICE.replace("TYPE", "LoadBalancer"));
    check(
        &lb,
        "ingress-routing",
        id,
        Outcome::Fail,
        "no Ingress routes to it, but LoadBalancer Service web exposes it outside the cluster directly",
    );
    check(
        &lb,
        "service-discovery",
        id,
        Outcome::Pass,
        "reachable as web.shop.svc through Service web",
    );
    let ingress = "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: front, namespace: shop}\nspec:\n  rules:\n    - host: shop.example\n      http:\n        paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]\n";
    let routed = format!("{base}{}{ingress}", SERVICE.replace("TYPE", "ClusterIP"));
    check(
        &routed,
        "ingress-routing",
        id,
        Outcome::Pass,
        "Ingress front routes shop.example/ to Service web",
    );
    let ip = deployment(
        "web",
        2,
        "",
        "",
        "          env: [{name: UPSTREAM, value: 'http://10.0.3.7:8080'}, {name: BIND, value: '0.0.0.0'}]\n",
    );
    check(
        &ip,
        "service-discovery",
        id,
        Outcome::Fail,
        "env UPSTREAM hard-codes the address 10.0.3.7; use a Service name",
    );
    assert_eq!(
        hardcoded_ip("trusted 10.0.0.0/8 and v1.2.3.4 and 127.0.0.1"),
        None
    );
    assert_eq!(
        hardcoded_ip("x=192.168.1.20."),
        Some("192.168.1.20".to_owned())
    );
}

#[test]
fn monitoring_named_ports_and_labels() {
    let id = "Deployment/shop/web";
    let annotated = deployment("web", 1, "", "", "").replace(
        "      labels: {app: web}\n",
        "      labels: {app: web}\n      annotations: {prometheus.io/scrape: 'true', prometheus.io/port: '9090'}\n",
    );
    check(
        &annotated,
        "monitoring-annotations",
        id,
        Outcome::Pass,
        "pods annotated prometheus.io/scrape: \"true\" (port 9090)",
    );
    let plain = deployment("web", 1, "", "", "");
    check(
        &plain,
        "monitoring-annotations",
        id,
        Outcome::Fail,
        "no prometheus.io/scrape annotation on its pods or Service, and no PodMonitor or ServiceMonitor selects it",
    );
    let monitored = format!(
        "{plain}---\napiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata: {{name: web, namespace: shop}}\nspec:\n  selector: {{matchLabels: {{app: web}}}}\n  podMetricsEndpoints: [{{port: http}}]\n"
    );
    check(
        &monitored,
        "monitoring-annotations",
        id,
        Outcome::Pass,
        "PodMonitor web selects its pods",
    );
    check(
        &plain,
        "named-ports",
        id,
        Outcome::Na,
        "declares no container ports",
    );
    let unnamed = deployment(
        "web",
        1,
        "",
        "",
        "          ports: [{containerPort: 8080}]\n",
    );
    check(
        &unnamed,
        "named-ports",
        id,
        Outcome::Fail,
        "container \"main\" port 8080 has no name",
    );
    check(&plain, "labels", id, Outcome::Pass, "pods labelled app=web");
    let unlabelled = plain.replace("{app: web}", "{tier: web}");
    check(
        &unlabelled,
        "labels",
        id,
        Outcome::Fail,
        "the pods carry neither an app nor an app.kubernetes.io/name label",
    );
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: once, namespace: shop}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: 'busybox:1.36'}]\n";
    check(
        job,
        "monitoring-annotations",
        "Job/shop/once",
        Outcome::Na,
        "a Job runs to completion; it is not scraped",
    );
    check(
        job,
        "readiness-probe",
        "Job/shop/once",
        Outcome::Na,
        "a Job runs to completion; probes are for long-running pods",
    );
}
