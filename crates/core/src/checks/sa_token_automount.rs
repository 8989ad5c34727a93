//! `sa-token-automount`: automountServiceAccountToken not false.

use super::support::pods::{pods, service_account};

use super::support::rbac::BoundAccounts;
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::Resource;

/// The `sa-token-automount` check.
pub(crate) static CHECK: Check = Check {
    id: "sa-token-automount",
    rank: 970,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "automountServiceAccountToken not false",
    docs: DOCS,
    aliases: &["polaris:automountServiceAccountToken", "checkov:CKV_K8S_38"],
    run,
};

const DOCS: &str = r#"## What it does

Flags every pod spec that gets a ServiceAccount token mounted although nothing in the manifests shows it needs one:
the pod does not set `automountServiceAccountToken: false`, neither does its ServiceAccount (when that ServiceAccount is in the manifests), and no RoleBinding or ClusterRoleBinding in the manifests grants that ServiceAccount a role.

## Why is this bad?

By default Kubernetes mounts a token for the pod's ServiceAccount at `/var/run/secrets/kubernetes.io/serviceaccount/token` in every container.
The token lets anyone who reads it call the Kubernetes API as that ServiceAccount.
Most applications never call the API, so the token only helps an attacker: after breaking into the app, they can use it to explore the cluster, and every RBAC permission someone later grants to that ServiceAccount (or to all ServiceAccounts) becomes theirs too.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  automountServiceAccountToken: false
  containers:
  - name: web
    image: nginx:1.27
```

Set `automountServiceAccountToken: false` on the pod, or on its ServiceAccount, unless the app calls the Kubernetes API.

## Known problems

A binding created outside the pasted manifests (by a Helm chart, an operator or by hand) is invisible here, so a pod that really uses its token may be flagged; set `automountServiceAccountToken: true` on it explicitly and suppress the finding with a reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    let bound = BoundAccounts::of(ctx);
    for pod in pods(ctx) {
        let (account, _) = service_account(pod);
        let namespace = pod.obj.ns();
        let account_id = format!("ServiceAccount/{namespace}/{account}");
        let account_setting = ctx
            .model
            .get_str(&account_id)
            .and_then(|o| match &*o.resource {
                Resource::ServiceAccount(sa) => sa.automount_service_account_token,
                _ => None,
            });
        let message = match (pod.spec.automount_service_account_token, account_setting) {
            (Some(false), _) | (None, Some(false)) => continue,
            _ if bound.contains(namespace, account) => continue,
            (Some(true), _) => format!(
                "pod sets automountServiceAccountToken: true, but no binding in the manifests grants service account \"{account}\" a role"
            ),
            (None, _) => format!(
                "pod mounts a token for service account \"{account}\" (automountServiceAccountToken is not false), but no binding in the manifests grants it a role"
            ),
        };
        findings.push(
            Finding::new(&CHECK, pod.obj, &pod.field("automountServiceAccountToken"), message)
                .help("set automountServiceAccountToken: false on the pod or its ServiceAccount unless the app calls the Kubernetes API"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ sa-token-automount` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
# ^ sa-token-automount
      serviceAccountName: web
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  automountServiceAccountToken: true
# ^ sa-token-automount
  containers:
  - name: debug
    image: busybox:1.36
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-opted-out
spec:
  automountServiceAccountToken: false
  containers:
  - name: app
    image: example/app:1.0
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-operator
spec:
  serviceAccountName: operator
  containers:
  - name: operator
    image: example/operator:1.0
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: operator
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: operator
subjects:
- kind: ServiceAccount
  name: operator
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      serviceAccountName: web
      containers:
      - name: web
        image: nginx:1.27
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[track_caller]
    fn check(input: &str, expected: &[&str]) {
        assert_eq!(findings(&CHECK, input), expected);
    }

    const POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: shop
spec:
  serviceAccountName: api
  containers:
  - name: a
    image: a
";

    #[test]
    fn flags_an_unbound_account_with_the_default_automount() {
        check(
            POD,
            &[
                "6 info pod mounts a token for service account \"api\" (automountServiceAccountToken is not false), but no binding in the manifests grants it a role",
            ],
        );
    }

    #[test]
    fn the_service_account_can_opt_out() {
        let sa = "---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\nautomountServiceAccountToken: false\n";
        check(&format!("{POD}{sa}"), &[]);
    }

    #[test]
    fn a_bound_account_needs_its_token() {
        let binding = "---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: api-reads-config
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reader
subjects:
- kind: ServiceAccount
  name: api
";
        check(&format!("{POD}{binding}"), &[]);
        // The same binding in another namespace binds another account.
        check(
            &format!(
                "{POD}{}",
                binding.replace("namespace: shop", "namespace: other")
            ),
            &[
                "6 info pod mounts a token for service account \"api\" (automountServiceAccountToken is not false), but no binding in the manifests grants it a role",
            ],
        );
    }
}
