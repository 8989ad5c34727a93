//! `openshift-scc-privileged`: an OpenShift SecurityContextConstraints allows privileged containers.

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `openshift-scc-privileged` check.
pub(crate) static CHECK: Check = Check {
    id: "openshift-scc-privileged",
    rank: 1160,
    category: Category::Security,
    scope: Scope::Kind("SecurityContextConstraints"),
    severity: Level::Info,
    also: &[],
    enabled_by_default: false,
    summary: "an OpenShift SecurityContextConstraints allows privileged containers",
    docs: DOCS,
    aliases: &["kube-linter:scc-deny-privileged-container"],
    run,
};

const DOCS: &str = r#"## What it does

Flags OpenShift `SecurityContextConstraints` objects that set `allowPrivilegedContainer: true`.
This check is off unless you turn it on; it only matters on OpenShift.

## Why is this bad?

On OpenShift, a SecurityContextConstraints (SCC) decides what pods may ask for, much as Pod Security Admission does on plain Kubernetes.
An SCC with `allowPrivilegedContainer: true` lets every pod admitted under it run `privileged: true` containers, which have all capabilities and access to the host's devices: escaping to the node is then easy.
Every user or ServiceAccount granted `use` on that SCC gains that power.

## Example

```yaml
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: app-scc
allowPrivilegedContainer: true
runAsUser:
  type: MustRunAsRange
seLinuxContext:
  type: MustRunAs
```

## Fix

```yaml
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: app-scc
allowPrivilegedContainer: false
runAsUser:
  type: MustRunAsRange
seLinuxContext:
  type: MustRunAs
```

Set `allowPrivilegedContainer: false`, or use the built-in `restricted-v2` SCC, and keep the `privileged` SCC for cluster components only.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.model
        .of_kind("SecurityContextConstraints")
        .filter(|obj| {
            obj.raw.get("allowPrivilegedContainer") == Some(&serde_json::Value::Bool(true))
        })
        .map(|obj| {
            Finding::new(
                &CHECK,
                obj,
                "allowPrivilegedContainer",
                format!(
                    "security context constraints \"{}\" allow privileged containers",
                    obj.name
                ),
            )
            .help("set allowPrivilegedContainer: false, or use the restricted-v2 SCC")
        })
        .collect()
}

/// The fixture that must fire exactly on the lines marked `# ^ openshift-scc-privileged` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: app-scc
allowPrivilegedContainer: true
# ^ openshift-scc-privileged
allowHostNetwork: false
runAsUser:
  type: MustRunAsRange
seLinuxContext:
  type: MustRunAs
---
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: dont-fire-restricted
allowPrivilegedContainer: false
runAsUser:
  type: MustRunAsRange
seLinuxContext:
  type: MustRunAs
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: app-scc
allowPrivilegedContainer: false
runAsUser:
  type: MustRunAsRange
seLinuxContext:
  type: MustRunAs
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_allow_privileged_container() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata: {name: a}
allowPrivilegedContainer: true
---
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata: {name: b}
allowPrivilegedContainer: false
"
            ),
            ["4 info security context constraints \"a\" allow privileged containers"]
        );
    }
}
