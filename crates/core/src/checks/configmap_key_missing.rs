//! `configmap-key-missing`: referenced key absent from the ConfigMap.

use super::support::key_refs::{RefKind, missing_key_findings};
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `configmap-key-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "configmap-key-missing",
    rank: 230,
    category: Category::Correctness,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "referenced key absent from the ConfigMap",
    docs: DOCS,
    aliases: &["kube-linter:env-value-from"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a key that a pod reads from a ConfigMap when that ConfigMap is in the manifests but has no such key in `data` or `binaryData`.
It looks at `env[].valueFrom.configMapKeyRef.key`, and at `items[].key` of `configMap` volumes and projected volumes.
References marked `optional: true` are skipped, and so are ConfigMaps that are not in the manifests (this check cannot tell what they hold; `configmap-ref-missing` reports those).

## Why is this bad?

A ConfigMap is a bag of key/value pairs, and a pod picks single values out of it by key.
When the key does not exist, the kubelet cannot build the container's environment: the pod stays in `CreateContainerConfigError` with `couldn't find key DB_HOST in ConfigMap default/app-config`, and a rollout of a Deployment stalls on its first new pod.
For a volume item, the pod stays in `ContainerCreating` because the volume cannot be mounted.
Keys are case-sensitive, so `db_host` and `DB_HOST` are different keys.

## Example

```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  DATABASE_HOST: postgres
---
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    env:
    - name: DB_HOST
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: DB_HOST
```

## Fix

```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  DATABASE_HOST: postgres
---
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    env:
    - name: DB_HOST
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: DATABASE_HOST
```

Reference a key the ConfigMap has, or add the key to the ConfigMap (or mark the reference `optional: true` if the application copes without it).
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    fn keys_of(resource: &Resource) -> Option<Vec<&str>> {
        match resource {
            Resource::ConfigMap(cm) => Some(
                cm.data
                    .iter()
                    .flatten()
                    .map(|(k, _)| k.as_str())
                    .chain(cm.binary_data.iter().flatten().map(|(k, _)| k.as_str()))
                    .collect(),
            ),
            _ => None,
        }
    }
    missing_key_findings(ctx, &CHECK, RefKind::ConfigMap, keys_of, "its data")
}

/// The fixture that must fire exactly on the lines marked `# ^ configmap-key-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  DATABASE_HOST: postgres
  nginx.conf: |
    server { listen 8080; }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: example/api:2.1
        env:
        - name: DB_HOST
          valueFrom:
            configMapKeyRef:
              name: app-config
              key: DATABASE_HOTS
# ^ configmap-key-missing
        - name: FEATURE_FLAGS
          valueFrom:
            configMapKeyRef:
              name: app-config
              key: FEATURE_FLAGS
              optional: true
        - name: REGION
          valueFrom:
            configMapKeyRef:
              name: cluster-info
              key: REGION
        volumeMounts:
        - name: nginx
          mountPath: /etc/nginx/conf.d
      volumes:
      - name: nginx
        configMap:
          name: app-config
          items:
          - key: default.conf
# ^ configmap-key-missing
            path: default.conf
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-debug
spec:
  containers:
  - name: shell
    image: busybox:1.36
    env:
    - name: DB_HOST
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: DATABASE_HOST
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  DATABASE_HOST: postgres
  nginx.conf: |
    server { listen 8080; }
---
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    env:
    - name: DB_HOST
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: DATABASE_HOST
    volumeMounts:
    - name: nginx
      mountPath: /etc/nginx/conf.d
  volumes:
  - name: nginx
    configMap:
      name: app-config
      items:
      - key: nginx.conf
        path: default.conf
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn suggests_a_close_key_and_ignores_configmaps_it_cannot_see() {
        let yaml = "apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  DB_HOST: postgres
---
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    env:
    - name: DB_HOST
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: DB_HOTS
    - name: REGION
      valueFrom:
        configMapKeyRef:
          name: elsewhere
          key: REGION
";
        assert_eq!(
            findings(&CHECK, yaml),
            ["21 error ConfigMap \"app-config\" has no key \"DB_HOTS\"; did you mean \"DB_HOST\"?"]
        );
    }

    #[test]
    fn another_namespace_s_configmap_does_not_count() {
        let yaml = "apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: other
data:
  X: y
---
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    env:
    - name: Z
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: Z
";
        assert_eq!(findings(&CHECK, yaml), Vec::<String>::new());
    }
}
