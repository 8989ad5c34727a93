//! `database-data-on-emptydir`: a database keeps its data on an `emptyDir` volume.

use super::support::containers::describe;
use super::support::images::parse_image;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `database-data-on-emptydir` check.
pub(crate) static CHECK: Check = Check {
    id: "database-data-on-emptydir",
    rank: 290,
    category: Category::Reliability,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "a database image keeps its data directory on an emptyDir volume, lost with the pod",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags a container running a database image (postgres, mysql, mariadb, mongo, redis, elasticsearch, opensearch, cassandra, couchdb, influxdb, clickhouse, neo4j) that mounts an `emptyDir` volume on its data directory (a path under `/var/lib/`, with `data` in it, or `/bitnami`).

## Why is this bad?

An `emptyDir` lives and dies with the pod: a rescheduled, evicted or updated pod starts with an empty database.
It works in a demo, so the loss only shows after the first node drain or rollout.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: postgres
        image: postgres:16
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql/data
      volumes:
      - name: data
        emptyDir: {}
```

## Fix

```yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: postgres
        image: postgres:16
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 10Gi
```

Keep the data on a PersistentVolumeClaim (a StatefulSet's `volumeClaimTemplates`), or use a managed database; keep `emptyDir` for caches you can lose.
"#;

/// Database images by the last part of their name.
const DATABASES: &[&str] = &[
    "postgres",
    "postgresql",
    "postgis",
    "mysql",
    "mariadb",
    "mongo",
    "mongodb",
    "redis",
    "elasticsearch",
    "opensearch",
    "cassandra",
    "couchdb",
    "influxdb",
    "clickhouse-server",
    "clickhouse",
    "neo4j",
];

/// The database an image runs, if it is one.
fn database(image: &str) -> Option<&'static str> {
    let name = parse_image(image).name;
    let last = name.rsplit('/').next().unwrap_or(name);
    DATABASES.iter().copied().find(|db| last == *db)
}

fn is_data_path(path: &str) -> bool {
    path.starts_with("/var/lib/") || path.contains("data") || path.starts_with("/bitnami")
}

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        let Some(pod) = obj.pod_spec() else { continue };
        let volumes = pod.spec.volumes.as_deref().unwrap_or_default();
        for c in obj.containers().into_iter().filter(|c| !c.init) {
            let Some(db) = c.container.image.as_deref().and_then(database) else {
                continue;
            };
            for (j, mount) in c.container.volume_mounts.iter().flatten().enumerate() {
                let empty_dir = volumes
                    .iter()
                    .any(|v| v.name == mount.name && v.empty_dir.is_some());
                if !empty_dir || !is_data_path(&mount.mount_path) {
                    continue;
                }
                findings.push(
                    Finding::new(
                        &CHECK,
                        obj,
                        &format!("{}.volumeMounts[{j}]", c.path),
                        format!(
                            "{} runs {db} with its data at {} on emptyDir volume \"{}\", which is lost whenever the pod is replaced",
                            describe(&c),
                            mount.mount_path,
                            mount.name
                        ),
                    )
                    .container(&c.container.name)
                    .help("mount a PersistentVolumeClaim there (a StatefulSet's volumeClaimTemplates)"),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ database-data-on-emptydir` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"# A demo-style store: postgres and redis write to emptyDir, the cache dir may be lost.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-db
  namespace: shop
spec:
  selector:
    matchLabels:
      app: orders-db
  template:
    metadata:
      labels:
        app: orders-db
    spec:
      containers:
      - name: postgres
        image: postgres:16.3
        volumeMounts:
        - name: pgdata
# ^ database-data-on-emptydir
          mountPath: /var/lib/postgresql/data
        - name: dont-fire-run
          mountPath: /run/postgresql
      volumes:
      - name: pgdata
        emptyDir: {}
      - name: dont-fire-run
        emptyDir: {}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: session-cache
  namespace: shop
spec:
  selector:
    matchLabels:
      app: session-cache
  template:
    metadata:
      labels:
        app: session-cache
    spec:
      containers:
      - name: redis
        image: docker.io/library/redis:7.2
        volumeMounts:
        - name: redis-data
# ^ database-data-on-emptydir
          mountPath: /data
      volumes:
      - name: redis-data
        emptyDir: {}
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: orders-db
  namespace: shop
spec:
  serviceName: orders-db
  selector:
    matchLabels:
      app: orders-db
  template:
    metadata:
      labels:
        app: orders-db
    spec:
      containers:
      - name: postgres
        image: postgres:16.3
        volumeMounts:
        - name: pgdata
          mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
  - metadata:
      name: pgdata
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 10Gi
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_images_are_told_from_others() {
        assert_eq!(database("postgres:16"), Some("postgres"));
        assert_eq!(
            database("docker.io/bitnami/postgresql:16.2.0"),
            Some("postgresql")
        );
        assert_eq!(database("redis@sha256:abc"), Some("redis"));
        assert_eq!(database("ghcr.io/acme/redis-exporter:1.0"), None);
        assert!(is_data_path("/var/lib/mysql") && is_data_path("/data/db"));
        assert!(!is_data_path("/tmp"));
    }
}
