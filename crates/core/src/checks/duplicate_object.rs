//! `duplicate-object`: same kind/namespace/name defined twice (the last one wins on apply).

use std::collections::BTreeMap;

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::{Object, ObjectId};

/// The `duplicate-object` check.
pub(crate) static CHECK: Check = Check {
    id: "duplicate-object",
    rank: 380,
    category: Category::Correctness,
    scope: Scope::Any,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "same kind/namespace/name defined twice (the last one wins on apply)",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags an object whose kind, namespace and name are the same as an object defined earlier in the manifests (in the same file or another one).
It points at the second and every later definition, and names the file and line of the first.
An object written without a namespace counts as being in `default`.

## Why is this bad?

Kubernetes identifies an object by kind, namespace and name, so two definitions are two versions of *one* object, not two objects.
`kubectl apply` applies them in order and the last one silently replaces the first; `kubectl create` fails with `AlreadyExists` on the second.
Either way, the manifests do not describe what ends up in the cluster, and every reader (and every tool, this one included) has to guess which copy is real.
It usually happens when a file is copied to start a new service and the name is not changed.

## Example

```yaml
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: worker
  ports:
  - port: 80
```

## Fix

```yaml
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: worker
spec:
  selector:
    app: worker
  ports:
  - port: 80
```

Give the second object its own name, or delete the copy you do not want.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut first: BTreeMap<&ObjectId, &Object> = BTreeMap::new();
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        match first.get(&obj.id) {
            None => {
                first.insert(&obj.id, obj);
            }
            Some(earlier) => findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    "metadata.name",
                    format!(
                        "{} is already defined at {}:{}; only the last definition survives kubectl apply",
                        obj.id, earlier.file, earlier.pos.line
                    ),
                )
                .help("rename this object or delete one of the two definitions"),
            ),
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ duplicate-object` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  selector:
    app: api
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: api
# ^ duplicate-object
  namespace: shop
spec:
  selector:
    app: worker
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
# ^ duplicate-object
  namespace: default
data:
  LOG_LEVEL: debug
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-api
  namespace: shop
spec:
  selector:
    app: api
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-api
  namespace: staging
spec:
  selector:
    app: api
  ports:
  - port: 80
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: api
data:
  LOG_LEVEL: info
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn names_the_first_definition_and_treats_no_namespace_as_default() {
        let yaml = "apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: default
";
        assert_eq!(
            findings(&CHECK, yaml),
            [
                "9 error ConfigMap/default/settings is already defined at test.yaml:1; only the last definition survives kubectl apply"
            ]
        );
    }
}
