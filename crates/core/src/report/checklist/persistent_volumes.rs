//! `persistent-volumes`: stateful workloads keep their data on a PersistentVolumeClaim.

use super::{Row, Verdict, app_containers, no_related};
use crate::model::{Model, Object, Resource};

/// The `persistent-volumes` row.
pub(super) const ROW: Row = Row {
    id: "persistent-volumes",
    title: "Persistent volumes",
    checks: &["pvc-ref-missing"],
    rule: "stateful workloads (StatefulSets, claim mounts, datastore images) keep their data on a PersistentVolumeClaim that exists; not applicable to stateless ones",
    fix: "volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 5Gi\n",
    verdict: persistent_volumes,
    judged_by_checks: false,
    related: no_related,
};

/// Image names of well-known datastores (the last path segment of the repository starts with one).
const DATASTORES: &[&str] = &[
    "postgres",
    "mysql",
    "mariadb",
    "mongo",
    "cassandra",
    "elasticsearch",
    "opensearch",
    "cockroach",
    "etcd",
    "zookeeper",
    "kafka",
    "rabbitmq",
    "minio",
    "influxdb",
    "neo4j",
    "couchdb",
    "clickhouse",
    "timescale",
];

/// The datastore an image runs, if it is one.
fn datastore(image: &str) -> Option<&'static str> {
    let repo = image.split('@').next().unwrap_or(image);
    let last = repo.rsplit('/').next().unwrap_or(repo);
    let name = last.split(':').next().unwrap_or(last);
    DATASTORES.iter().copied().find(|d| name.starts_with(d))
}

fn persistent_volumes(object: &Object, _model: &Model) -> Verdict {
    let Some(spec) = object.pod_spec() else {
        return Verdict::Na("runs no pods".to_owned());
    };
    let mut claims: Vec<String> = spec
        .spec
        .volumes
        .iter()
        .flatten()
        .filter_map(|v| {
            v.persistent_volume_claim
                .as_ref()
                .map(|c| format!("PersistentVolumeClaim {}", c.claim_name))
        })
        .collect();
    if let Resource::StatefulSet(s) = &*object.resource {
        for t in s.spec.volume_claim_templates.iter().flatten() {
            claims.push(format!(
                "volumeClaimTemplate {}",
                t.metadata.name.as_deref().unwrap_or("(unnamed)")
            ));
        }
    }
    let store = app_containers(object).into_iter().find_map(|(c, path)| {
        c.image
            .as_deref()
            .and_then(datastore)
            .map(|d| (d, c.image.clone().unwrap_or_default(), path))
    });
    let statefulset = matches!(*object.resource, Resource::StatefulSet(_));
    if !claims.is_empty() {
        return Verdict::Pass(format!("keeps its data on {}", claims.join(", ")));
    }
    if let Some((name, image, path)) = store {
        return Verdict::Fail(
            format!(
                "runs {name} ({image}) with no PersistentVolumeClaim: its data is lost with the pod"
            ),
            Some(object.locate(&format!("{path}.image"))),
        );
    }
    if statefulset {
        return Verdict::Fail(
            "a StatefulSet with no PersistentVolumeClaim or volumeClaimTemplate: its data is lost with the pod".to_owned(),
            Some(object.locate("spec")),
        );
    }
    Verdict::Na("stateless: mounts no PersistentVolumeClaim and runs no datastore image".to_owned())
}
