//! `pod-not-isolated`: workload not selected by any NetworkPolicy (only enforced if the CNI supports it).
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::{Resource, describe_label_map, selector_matches};

/// The `pod-not-isolated` check.
pub(crate) static CHECK: Check = Check {
    id: "pod-not-isolated",
    rank: 1210,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "workload not selected by any NetworkPolicy (only enforced if the CNI supports it)",
    docs: DOCS,
    aliases: &[
        "kube-score:pod-networkpolicy",
        "kube-linter:non-isolated-pod",
        "polaris:missingNetworkPolicy",
        "checkov:CKV2_K8S_6",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags workloads and bare Pods whose pods no NetworkPolicy of their namespace selects.
A policy selects a pod when its `spec.podSelector` matches the pod's labels; an empty `podSelector: {}` selects every pod of the namespace.

## Why is this bad?

By default Kubernetes networking is flat: every pod can connect to every other pod in the cluster, in every namespace, and out to the internet.
A pod becomes isolated only once a NetworkPolicy selects it; from then on, only the traffic some policy allows gets through (for the directions listed in `policyTypes`).
So a pod no policy selects is reachable by anything that gets a foothold anywhere in the cluster, and can itself reach every database and internal API.
A namespace-wide default-deny policy, plus small policies that allow the expected flows, limits how far one compromised pod can go.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
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
        image: example/api:3.1
```

## Fix

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
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
        image: example/api:3.1
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes: ["Ingress"]
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: frontend
    ports:
    - port: 8080
```

Add a NetworkPolicy that selects the pods and allows only the traffic they need; a `podSelector: {}` default-deny policy covers the whole namespace.

## Known problems

NetworkPolicies are enforced by the network plugin (CNI): Calico, Cilium, Antrea and others enforce them, but some plugins (plain Flannel, for instance) silently ignore them, so a policy may change nothing on your cluster.

Tools disagree on what counts as isolated.
This check is satisfied by any policy that selects the pod; kube-score downgrades a pod covered only for ingress or only for egress, and Polaris wants both ingress and egress rules.
Why some teams disagree with requiring both: egress rules must also allow DNS (port 53 to the cluster DNS), the API server and every external service the app calls, so they are brittle and break apps in surprising ways when an address changes; many teams start with ingress-only policies, which stop most lateral movement, and add egress control where data exfiltration is the concern.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        if obj.is_controlled() {
            continue;
        }
        let Some(labels) = obj.pod_labels() else {
            continue;
        };
        let selected = ctx
            .model
            .of_kind_in("NetworkPolicy", obj.namespace.as_deref())
            .any(|policy| {
                let Resource::NetworkPolicy(np) = &*policy.resource else {
                    return false;
                };
                let Some(spec) = &np.spec else { return false };
                spec.pod_selector
                    .as_ref()
                    .is_none_or(|s| selector_matches(s, labels))
            });
        if selected {
            continue;
        }
        let which = if labels.is_empty() {
            String::new()
        } else {
            format!(" ({})", describe_label_map(labels))
        };
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                &obj.pod_labels_path(),
                format!(
                    "no NetworkPolicy in namespace \"{}\" selects these pods{which}, so any pod can reach them and they can reach anything",
                    obj.ns()
                ),
            )
            .help("add a NetworkPolicy whose podSelector matches these pods, or a podSelector: {} default-deny for the namespace"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ pod-not-isolated` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
# ^ pod-not-isolated
        app: api
    spec:
      containers:
      - name: api
        image: example/api:3.1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-db
  namespace: shop
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
      - name: db
        image: postgres:16
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: db
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: api
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
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
        image: example/api:3.1
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    const WORKLOADS: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  containers: [{name: a, image: a}]
---
apiVersion: v1
kind: Pod
metadata:
  name: db
  namespace: shop
  labels: {app: db}
spec:
  containers: [{name: a, image: a}]
";

    #[test]
    fn flags_pods_no_policy_selects() {
        let yaml = format!(
            "{WORKLOADS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {{name: db, namespace: shop}}
spec:
  podSelector: {{matchLabels: {{app: db}}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {{name: all, namespace: other}}
spec:
  podSelector: {{}}
"
        );
        assert_eq!(
            findings(&CHECK, &yaml),
            [
                "6 info no NetworkPolicy in namespace \"shop\" selects these pods (app=web), so any pod can reach them and they can reach anything"
            ]
        );
    }

    #[test]
    fn an_empty_pod_selector_selects_every_pod_of_its_namespace() {
        let yaml = format!(
            "{WORKLOADS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {{name: default-deny, namespace: shop}}
spec:
  podSelector: {{}}
  policyTypes: [Ingress, Egress]
"
        );
        assert_eq!(findings(&CHECK, &yaml), Vec::<String>::new());
    }
}
