//! `dns-config-options-missing`: no dnsConfig options (organisation policy).

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `dns-config-options-missing` check.
pub(crate) static CHECK: Check = Check {
    id: "dns-config-options-missing",
    rank: 720,
    category: Category::Hygiene,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: false,
    summary: "no dnsConfig options (organisation policy)",
    docs: DOCS,
    aliases: &["kube-linter:dnsconfig-options"],
    run,
};

const DOCS: &str = r#"## What it does

An opt-in organisation policy: flags a workload or Pod whose pod spec sets no `dnsConfig.options`.

## Why is this bad?

Inside a pod, `/etc/resolv.conf` lists several search domains (`<namespace>.svc.cluster.local`, `svc.cluster.local`, `cluster.local`, …) and `ndots:5`.
Any name with fewer than five dots, such as `api.example.com`, is first tried with every search domain appended, so one lookup of an external name becomes several queries to the cluster DNS, most of them failing.
Busy services then load CoreDNS heavily and pay extra latency; setting `ndots` lower (or writing names with a trailing dot) avoids it.
Other options, such as `single-request-reopen` or `timeout`, work around resolver quirks.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
```

## Fix

```yaml
    spec:
      dnsConfig:
        options:
          - name: ndots
            value: "2"
      containers:
        - name: web
          image: nginx:1.27
```

Add `dnsConfig.options` with the resolver settings your organisation agreed on, usually a lower `ndots`.

## Known problems

With a lower `ndots`, short names like `db.other-namespace` no longer get the search domains appended first; check how the application names its peers.
That is why this check is off by default.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        let Some(pod) = obj.pod_spec() else { continue };
        if pod
            .spec
            .dns_config
            .as_ref()
            .and_then(|d| d.options.as_ref())
            .is_some_and(|o| !o.is_empty())
        {
            continue;
        }
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                pod.path,
                "pod spec sets no dnsConfig options, so its pods resolve with ndots:5 and every search domain",
            )
            .help("add dnsConfig.options, e.g. name: ndots, value: \"2\""),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ dns-config-options-missing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
# ^ dns-config-options-missing
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-ndots
  namespace: shop
spec:
  selector:
    matchLabels:
      app: dont-fire-ndots
  template:
    metadata:
      labels:
        app: dont-fire-ndots
    spec:
      dnsConfig:
        options:
          - name: ndots
            value: "2"
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      dnsConfig:
        options:
          - name: ndots
            value: "2"
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(yaml: &str, expected: usize) {
        super::super::support::testing::assert_count(run, yaml, expected);
    }

    #[test]
    fn options_pass() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  dnsConfig: {nameservers: [1.1.1.1]}\n  containers: [{name: c, image: 'c:1'}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  dnsConfig: {options: [{name: ndots, value: '2'}]}\n  containers: [{name: c, image: 'c:1'}]\n",
            1,
        );
    }
}
