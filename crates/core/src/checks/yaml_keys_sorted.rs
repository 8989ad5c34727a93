//! `yaml-keys-sorted`: mapping keys are not in alphabetical order.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Object;
use crate::parse::tree::{Node, Value};
use crate::source::Location;

/// The `yaml-keys-sorted` check.
pub(crate) static CHECK: Check = Check {
    id: "yaml-keys-sorted",
    rank: 1190,
    category: Category::Hygiene,
    scope: Scope::Any,
    severity: Level::Info,
    also: &[],
    enabled_by_default: false,
    summary: "mapping keys are not in alphabetical order",
    docs: DOCS,
    aliases: &["kube-linter:sorted-keys"],
    run,
};

const DOCS: &str = r#"## What it does

Flags, in each YAML mapping of an object, the first key written before a key that sorts ahead of it (byte order: `apiVersion` < `kind` < `metadata` < `spec`, uppercase before lowercase).
One finding per unsorted mapping, at the first key out of order.
This check is off unless you turn it on.

## Why is this bad?

Nothing breaks: Kubernetes ignores key order.
Some teams sort keys so that a given field is always in the same place, diffs between environments line up, and generated and hand-written manifests look alike; a tool then has to keep them sorted.

## Example

```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  namespace: shop
  name: shop-config
data:
  LOG_LEVEL: info
```

## Fix

```yaml
apiVersion: v1
data:
  LOG_LEVEL: info
kind: ConfigMap
metadata:
  name: shop-config
  namespace: shop
```

Sort the keys of every mapping, by hand or with a formatter such as `yq -P 'sort_keys(..)'`.

## Known problems

Most people write keys in the conventional order (`apiVersion`, `kind`, `metadata`, `spec`; `name` first in a container), which is not alphabetical, so on ordinary manifests this check fires almost everywhere.
That is why it is opt-in; turn it on only if your team sorts keys.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        walk(obj, &obj.tree, "", &mut findings);
    }
    findings
}

fn walk(obj: &Object, node: &Node, path: &str, findings: &mut Vec<Finding>) {
    match &node.value {
        Value::Map(entries) => {
            if let Some(pair) = entries.windows(2).find(|p| p[1].key < p[0].key) {
                let place = if path.is_empty() {
                    "the top level".to_owned()
                } else {
                    path.to_owned()
                };
                let mut finding = Finding::new(
                    &CHECK,
                    obj,
                    "",
                    format!(
                        "key \"{}\" comes after \"{}\" in {place}; the keys are not sorted",
                        pair[1].key, pair[0].key
                    ),
                )
                .help("sort the keys of this mapping alphabetically");
                finding.location = Location::new(obj.file.clone(), pair[1].key_pos);
                findings.push(finding);
            }
            for entry in entries {
                let child = if entry.key.contains(['.', '/', '[', ']']) {
                    format!("{path}[\"{}\"]", entry.key)
                } else if path.is_empty() {
                    entry.key.clone()
                } else {
                    format!("{path}.{}", entry.key)
                };
                walk(obj, &entry.value, &child, findings);
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(obj, item, &format!("{path}[{i}]"), findings);
            }
        }
        _ => {}
    }
}

/// The fixture that must fire exactly on the lines marked `# ^ yaml-keys-sorted` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  namespace: shop
  name: shop-config
# ^ yaml-keys-sorted
data:
# ^ yaml-keys-sorted
  LOG_LEVEL: info
---
apiVersion: v1
data:
  LOG_LEVEL: info
kind: ConfigMap
metadata:
  name: dont-fire-sorted
  namespace: shop
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
data:
  LOG_LEVEL: info
  MODE: production
kind: ConfigMap
metadata:
  labels:
    app.kubernetes.io/name: shop
  name: shop-config
  namespace: shop
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_the_first_unsorted_key_of_each_mapping() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    b: x
    a: y
spec:
  containers:
  - name: a
    image: a
"
            ),
            [
                "5 info key \"labels\" comes after \"name\" in metadata; the keys are not sorted",
                "7 info key \"a\" comes after \"b\" in metadata.labels; the keys are not sorted",
                "11 info key \"image\" comes after \"name\" in spec.containers[0]; the keys are not sorted",
            ]
        );
    }
}
