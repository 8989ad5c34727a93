//! `resource-quantity-suspicious`: memory 128m (that is millibytes), 1G vs 1Gi, cpu 500 (500 cores).

use super::support::key_path;

use super::support::containers::describe;

use super::support::quantity::{parse_quantity, split_quantity};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `resource-quantity-suspicious` check.
pub(crate) static CHECK: Check = Check {
    id: "resource-quantity-suspicious",
    rank: 470,
    category: Category::Hygiene,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[Level::Error, Level::Info],
    enabled_by_default: true,
    summary: "memory 128m (that is millibytes), 1G vs 1Gi, cpu 500 (500 cores)",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Reads every cpu and memory request and limit of every container and flags values whose unit is almost certainly a slip:

- memory with the suffix `m` (`128m` is 0.128 *bytes*: `m` means milli);
- memory as a plain number below 1Mi (`512` is 512 bytes);
- cpu with a size suffix such as `M`, `G` or `Mi` (`500M` is 500 million cores);
- cpu as a plain number of 100 or more (`500` is 500 cores; `500m` is half a core);
- a value that is not a Kubernetes quantity at all (`512MB`, `1.5 GB`): the API server rejects it (**error**);
- memory with a decimal suffix (`1G`, `512M`): valid, but 7% smaller than the binary `Gi`/`Mi` most people mean (**info**).

## Why is this bad?

Kubernetes quantities are a number plus a suffix, and the suffixes are case-sensitive:
`m` is milli (one thousandth), `k`, `M`, `G` are powers of 1000, and `Ki`, `Mi`, `Gi` are powers of 1024.
cpu is counted in cores (`250m` is a quarter of a core), memory in bytes.
A slip in the unit still parses, so the API server accepts it, and the mistake shows up later: a container with a memory limit of `128m` cannot even start (the runtime refuses such a tiny limit), and a pod requesting `cpu: 500` stays `Pending` forever because no node has 500 cores.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    resources:
      requests:
        cpu: "250"
        memory: 256m
      limits:
        memory: 256m
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    resources:
      requests:
        cpu: 250m
        memory: 256Mi
      limits:
        memory: 256Mi
```

Write cpu in cores or millicores (`500m`, `2`) and memory with a binary suffix (`256Mi`, `1Gi`).

## Known problems

A workload may really need 100 cores or more; suppress the check on it.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        for c in obj.containers() {
            let Some(resources) = &c.container.resources else {
                continue;
            };
            for (side, map) in [
                ("requests", &resources.requests),
                ("limits", &resources.limits),
            ] {
                for (name, quantity) in map.iter().flatten() {
                    let Some((level, problem, help)) = judge(name, &quantity.0) else {
                        continue;
                    };
                    let what = if side == "requests" {
                        "request"
                    } else {
                        "limit"
                    };
                    findings.push(
                        Finding::new(
                            &CHECK,
                            obj,
                            &key_path(&format!("{}.resources.{side}", c.path), name),
                            format!(
                                "{} {name} {what} \"{}\" {problem}",
                                describe(&c),
                                quantity.0
                            ),
                        )
                        .severity(level)
                        .container(&c.container.name)
                        .help(help),
                    );
                }
            }
        }
    }
    findings
}

/// What is suspicious about `value` as a quantity of `resource`: the level, the problem and a fix.
fn judge(resource: &str, value: &str) -> Option<(Level, String, String)> {
    let Some((number, suffix)) = split_quantity(value).filter(|_| parse_quantity(value).is_some())
    else {
        return Some((
            Level::Error,
            "is not a valid quantity, so the API server rejects it".to_owned(),
            "write a number with a suffix such as 500m, 256Mi or 1Gi (no space, no B)".to_owned(),
        ));
    };
    let amount = parse_quantity(value)?;
    match (resource, suffix) {
        ("memory", "m") => Some((
            Level::Warning,
            "is in millibytes (m means milli), far too small for any process".to_owned(),
            format!("write {number}Mi for mebibytes"),
        )),
        ("memory", "") if amount > 0.0 && amount < 1024.0 * 1024.0 => Some((
            Level::Warning,
            format!("is only {number} bytes"),
            format!("write {number}Mi for mebibytes"),
        )),
        ("memory", "k" | "M" | "G" | "T") => Some((
            Level::Info,
            format!(
                "is decimal ({} bytes), smaller than {number}{}i",
                amount as u64,
                suffix.to_uppercase()
            ),
            format!(
                "write {number}{}i if you meant binary units",
                suffix.to_uppercase()
            ),
        )),
        ("cpu", "") if amount >= 100.0 => Some((
            Level::Warning,
            format!("asks for {number} cores"),
            format!("write {number}m for millicores"),
        )),
        ("cpu", s) if !s.is_empty() && s != "m" && !s.starts_with(['e', 'E']) => Some((
            Level::Warning,
            format!("uses the size suffix {s}, which makes it {amount} cores"),
            format!("write {number}m for millicores, or a plain number of cores"),
        )),
        _ => None,
    }
}

/// The fixture that must fire exactly on the lines marked `# ^ resource-quantity-suspicious` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
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
        resources:
          requests:
            cpu: "250"
# ^ resource-quantity-suspicious
            memory: 256m
# ^ resource-quantity-suspicious
          limits:
            memory: 1G
# ^ resource-quantity-suspicious
      - name: proxy
        image: example/proxy:1.0
        resources:
          limits:
            memory: 128MB
# ^ resource-quantity-suspicious
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-sensible
spec:
  containers:
  - name: api
    image: example/api:2.1
    resources:
      requests:
        cpu: 1.5
        memory: 1Gi
      limits:
        memory: 1536Mi
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
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
        resources:
          requests:
            cpu: 250m
            memory: 256Mi
          limits:
            memory: 512Mi
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(resource: &str, value: &str, expected: Option<(Level, &str)>) {
        let got = judge(resource, value);
        assert_eq!(got.as_ref().map(|(l, p, _)| (*l, p.as_str())), expected);
    }

    #[test]
    fn units() {
        check("memory", "256Mi", None);
        check("memory", "1Gi", None);
        check("cpu", "250m", None);
        check("cpu", "2", None);
        check("cpu", "0.5", None);
        check(
            "memory",
            "128m",
            Some((
                Level::Warning,
                "is in millibytes (m means milli), far too small for any process",
            )),
        );
        check("memory", "512", Some((Level::Warning, "is only 512 bytes")));
        check(
            "memory",
            "1G",
            Some((
                Level::Info,
                "is decimal (1000000000 bytes), smaller than 1Gi",
            )),
        );
        check("cpu", "500", Some((Level::Warning, "asks for 500 cores")));
        check(
            "cpu",
            "2Gi",
            Some((
                Level::Warning,
                "uses the size suffix Gi, which makes it 2147483648 cores",
            )),
        );
        check(
            "memory",
            "512MB",
            Some((
                Level::Error,
                "is not a valid quantity, so the API server rejects it",
            )),
        );
        check("ephemeral-storage", "1G", None);
    }
}
