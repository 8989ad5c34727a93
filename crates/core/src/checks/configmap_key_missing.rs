//! `configmap-key-missing`: referenced key absent from the ConfigMap.

use super::util_a::{RefKind, did_you_mean, key_refs};
use super::{Category, Check, Context, Finding, Level};
use crate::model::{ObjectId, Resource};

/// The `configmap-key-missing` check.
pub static CHECK: Check = Check {
    id: "configmap-key-missing",
    category: Category::Correctness,
    severity: Level::Error,
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
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        for r in key_refs(obj, RefKind::ConfigMap) {
            if r.optional {
                continue;
            }
            let id = ObjectId::new("ConfigMap", obj.namespace.as_deref(), &r.name);
            let Some(Resource::ConfigMap(cm)) = ctx.model.get(&id).map(|o| &o.resource) else {
                continue;
            };
            let keys: Vec<&str> = cm
                .data
                .iter()
                .flatten()
                .map(|(k, _)| k.as_str())
                .chain(cm.binary_data.iter().flatten().map(|(k, _)| k.as_str()))
                .collect();
            if keys.contains(&r.key.as_str()) {
                continue;
            }
            let hint = did_you_mean(&r.key, keys.iter().copied());
            let mut finding = Finding::new(
                &CHECK,
                obj,
                &r.path,
                format!("ConfigMap \"{}\" has no key \"{}\"{hint}", r.name, r.key),
            )
            .help(format!(
                "use one of the keys of ConfigMap \"{}\" or add \"{}\" to its data",
                r.name, r.key
            ));
            if let Some(c) = &r.container {
                finding = finding.container(c);
            }
            findings.push(finding);
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::super::util_a::testing::findings;
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
