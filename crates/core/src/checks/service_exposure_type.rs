//! `service-exposure-type`: service is NodePort or LoadBalancer, so it is reachable from outside the cluster.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `service-exposure-type` check.
pub(crate) static CHECK: Check = Check {
    id: "service-exposure-type",
    rank: 1050,
    category: Category::Security,
    scope: Scope::Kind("Service"),
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "service is NodePort or LoadBalancer, so it is reachable from outside the cluster",
    docs: DOCS,
    aliases: &["kube-score:service-type", "kube-linter:exposed-services"],
    run,
};

const DOCS: &str = r#"## What it does

Flags Services of `type: NodePort`, and of `type: LoadBalancer` unless the load balancer is internal (a cloud "internal" annotation) or limited by `loadBalancerSourceRanges`.

## Why is this bad?

A `ClusterIP` Service (the default) is reachable only from inside the cluster.
`NodePort` opens the same port (30000–32767) on **every** node, so anything that can reach any node's IP address can reach the pods, around the Ingress and whatever TLS, authentication or rate limiting it applies.
`LoadBalancer` asks the cloud for a public address that forwards to those node ports: the app is on the internet.
That is sometimes exactly what you want, but it should be a decision, not a default copied from a tutorial.
For HTTP, one Ingress (or Gateway) in front of `ClusterIP` Services gives one place for TLS and access rules.

## Example

```yaml
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30080
```

## Fix

```yaml
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
```

Use a `ClusterIP` Service and route outside traffic through an Ingress or Gateway; keep `LoadBalancer` for the few entry points that need it.

## Known problems

The check cannot see firewalls or security groups in front of the nodes, and an ingress controller's own Service is meant to be a `LoadBalancer`; suppress the finding there with a reason.
"#;

/// Annotations that make a cloud load balancer internal to the network.
const INTERNAL: &[(&str, &str)] = &[
    (
        "service.beta.kubernetes.io/aws-load-balancer-internal",
        "true",
    ),
    (
        "service.beta.kubernetes.io/aws-load-balancer-scheme",
        "internal",
    ),
    ("networking.gke.io/load-balancer-type", "internal"),
    ("cloud.google.com/load-balancer-type", "internal"),
    (
        "service.beta.kubernetes.io/azure-load-balancer-internal",
        "true",
    ),
    (
        "service.beta.kubernetes.io/oci-load-balancer-internal",
        "true",
    ),
];

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let Resource::Service(service) = &*obj.resource else {
            continue;
        };
        let Some(spec) = &service.spec else { continue };
        let message = match spec.type_.as_deref() {
            Some("NodePort") => {
                let ports: Vec<String> = spec
                    .ports
                    .iter()
                    .flatten()
                    .filter_map(|p| p.node_port)
                    .map(|p| p.to_string())
                    .collect();
                if ports.is_empty() {
                    "service type NodePort opens a port (30000-32767) on every node".to_owned()
                } else {
                    format!(
                        "service type NodePort opens port {} on every node",
                        ports.join(", ")
                    )
                }
            }
            Some("LoadBalancer") => {
                let annotations = obj.annotations();
                let internal = INTERNAL.iter().any(|(key, value)| {
                    annotations
                        .get(*key)
                        .is_some_and(|v| v.eq_ignore_ascii_case(value))
                });
                let restricted = spec
                    .load_balancer_source_ranges
                    .as_ref()
                    .is_some_and(|r| !r.is_empty());
                if internal || restricted {
                    continue;
                }
                "service type LoadBalancer gets an external address open to any source".to_owned()
            }
            _ => continue,
        };
        findings.push(Finding::new(&CHECK, obj, "spec.type", message).help(
            "use a ClusterIP Service behind an Ingress, or restrict loadBalancerSourceRanges",
        ));
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ service-exposure-type` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
# ^ service-exposure-type
  selector:
    app: web
  ports:
  - port: 80
    targetPort: http
    nodePort: 30080
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  type: LoadBalancer
# ^ service-exposure-type
  selector:
    app: api
  ports:
  - port: 443
    targetPort: https
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-internal-lb
  annotations:
    service.beta.kubernetes.io/azure-load-balancer-internal: "true"
spec:
  type: LoadBalancer
  selector:
    app: api
  ports:
  - port: 443
    targetPort: https
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: http
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_node_ports_and_public_load_balancers() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Service
metadata: {name: a}
spec:
  type: NodePort
  ports: [{port: 80, nodePort: 30080}]
---
apiVersion: v1
kind: Service
metadata: {name: b}
spec:
  type: LoadBalancer
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: c
  annotations:
    networking.gke.io/load-balancer-type: Internal
spec:
  type: LoadBalancer
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: d}
spec:
  type: LoadBalancer
  loadBalancerSourceRanges: [10.0.0.0/8]
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: e}
spec:
  ports: [{port: 80}]
"
            ),
            [
                "5 info service type NodePort opens port 30080 on every node",
                "12 info service type LoadBalancer gets an external address open to any source",
            ]
        );
    }
}
