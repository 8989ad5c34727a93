//! `probe-timing-risky`: liveness can kill before readiness or startup finishes; slow start
//! without a startupProbe; timeout ≥ period.

use k8s_openapi::api::core::v1::Probe;

use super::support::containers::regular_containers;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `probe-timing-risky` check.
pub(crate) static CHECK: Check = Check {
    id: "probe-timing-risky",
    rank: 520,
    category: Category::Reliability,
    scope: Scope::LongRunning,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "liveness can kill before readiness or startup finishes; slow start without a startupProbe; timeout ≥ period",
    docs: DOCS,
    aliases: &[],
    run,
};

/// A liveness `initialDelaySeconds` at or above this is a slow start that a startupProbe handles better.
const SLOW_START_SECONDS: i32 = 60;

const DOCS: &str = r#"## What it does

Flags probe timings that work against each other, in a regular container:

- the `livenessProbe` restarts the container before the `readinessProbe` even runs its first check (no `startupProbe`): `initialDelaySeconds + failureThreshold × periodSeconds` of the liveness probe is not more than the readiness probe's `initialDelaySeconds`;
- a slow start handled with a long liveness `initialDelaySeconds` (60 s or more) instead of a `startupProbe`;
- a probe whose `timeoutSeconds` is not less than its `periodSeconds`.

Unwritten fields count as their defaults: `initialDelaySeconds: 0`, `periodSeconds: 10`, `timeoutSeconds: 1`, `failureThreshold: 3`.

## Why is this bad?

The liveness probe starts after its `initialDelaySeconds` and kills the container after `failureThreshold` failures `periodSeconds` apart.
If that happens before readiness is even checked, the author expected the application to need longer to start than liveness allows: a slow start becomes an endless restart loop (`CrashLoopBackOff`).
A long `initialDelaySeconds` avoids that, but it applies on every restart and leaves a hung container undetected for that long; a `startupProbe` holds back the other probes only until the application is up, then liveness runs at full speed.
A probe that may take as long as its period runs back to back with the next one, so failures take longer to notice than the settings suggest.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:2.3.0
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
            initialDelaySeconds: 40
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 5
```

## Fix

```yaml
          startupProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 5
            failureThreshold: 24
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 5
```

Give slow starters a `startupProbe` whose `failureThreshold × periodSeconds` covers the longest start (here 120 s), and keep every probe's `timeoutSeconds` below its `periodSeconds`.
"#;

/// A probe's timing, with defaults.
struct Timing {
    initial_delay: i32,
    period: i32,
    timeout: i32,
    failure_threshold: i32,
}

impl Timing {
    fn of(probe: &Probe) -> Timing {
        Timing {
            initial_delay: probe.initial_delay_seconds.unwrap_or(0),
            period: probe.period_seconds.unwrap_or(10),
            timeout: probe.timeout_seconds.unwrap_or(1),
            failure_threshold: probe.failure_threshold.unwrap_or(3),
        }
    }

    /// Seconds from container start until this probe, failing every time, gives up.
    fn gives_up_after(&self) -> i64 {
        i64::from(self.initial_delay) + i64::from(self.failure_threshold) * i64::from(self.period)
    }
}

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        for c in regular_containers(obj) {
            let container = c.container;
            let name = &container.name;
            let liveness = container.liveness_probe.as_ref().map(Timing::of);
            let readiness = container.readiness_probe.as_ref().map(Timing::of);
            let has_startup = container.startup_probe.is_some();

            if let (Some(l), Some(r), false) = (&liveness, &readiness, has_startup)
                && l.gives_up_after() <= i64::from(r.initial_delay)
            {
                findings.push(
                        Finding::new(
                            &CHECK,
                            obj,
                            &format!("{}.livenessProbe", c.path),
                            format!(
                                "container \"{name}\": the livenessProbe restarts it {}s after start ({}s delay + {} failures × {}s), before the readinessProbe's first check at {}s",
                                l.gives_up_after(),
                                l.initial_delay,
                                l.failure_threshold,
                                l.period,
                                r.initial_delay
                            ),
                        )
                        .container(name)
                        .help("add a startupProbe that covers the start-up time, or give the livenessProbe more time than the readinessProbe"),
                    );
            }
            if let (Some(l), false) = (&liveness, has_startup)
                && l.initial_delay >= SLOW_START_SECONDS
            {
                findings.push(
                        Finding::new(
                            &CHECK,
                            obj,
                            &format!("{}.livenessProbe.initialDelaySeconds", c.path),
                            format!(
                                "container \"{name}\": livenessProbe initialDelaySeconds {} handles a slow start, but delays failure detection after every restart",
                                l.initial_delay
                            ),
                        )
                        .container(name)
                        .help(format!(
                            "add a startupProbe with failureThreshold × periodSeconds ≥ {}s and drop the livenessProbe's initialDelaySeconds",
                            l.initial_delay
                        )),
                    );
            }
            let probes = [
                ("startupProbe", container.startup_probe.as_ref()),
                ("livenessProbe", container.liveness_probe.as_ref()),
                ("readinessProbe", container.readiness_probe.as_ref()),
            ];
            for (field, probe) in probes {
                let Some(t) = probe.map(Timing::of) else {
                    continue;
                };
                if t.timeout >= t.period {
                    findings.push(
                        Finding::new(
                            &CHECK,
                            obj,
                            &format!("{}.{field}.timeoutSeconds", c.path),
                            format!(
                                "container \"{name}\": {field} timeoutSeconds {} is not less than periodSeconds {}, so a slow check delays the next one",
                                t.timeout, t.period
                            ),
                        )
                        .container(name)
                        .help(format!("make timeoutSeconds smaller than periodSeconds ({})", t.period)),
                    );
                }
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ probe-timing-risky` under them; objects named
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
        app: api
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:2.3.0
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
            initialDelaySeconds: 40
            timeoutSeconds: 5
# ^ probe-timing-risky
            periodSeconds: 5
          livenessProbe:
# ^ probe-timing-risky
            httpGet:
              path: /healthz
              port: 8080
            periodSeconds: 5
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: slow
  namespace: shop
spec:
  selector:
    matchLabels:
      app: slow
  template:
    metadata:
      labels:
        app: slow
    spec:
      containers:
        - name: slow
          image: ghcr.io/acme/slow:1.0.0
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
            initialDelaySeconds: 120
# ^ probe-timing-risky
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-startup
  namespace: shop
spec:
  selector:
    matchLabels:
      app: dont-fire-startup
  template:
    metadata:
      labels:
        app: dont-fire-startup
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:2.3.0
          startupProbe:
            httpGet:
              path: /healthz
              port: 8080
            failureThreshold: 24
            periodSeconds: 5
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
            initialDelaySeconds: 40
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
            initialDelaySeconds: 90
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
          image: ghcr.io/acme/api:2.3.0
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
            initialDelaySeconds: 10
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
            initialDelaySeconds: 30
            timeoutSeconds: 3
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(yaml: &str, expected: &[&str]) {
        assert_eq!(
            super::super::support::testing::messages(run, yaml),
            expected
        );
    }

    fn pod(probes: &str) -> String {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n    - name: a\n      image: 'web:1'\n{probes}"
        )
    }

    #[test]
    fn liveness_that_gives_up_before_readiness_starts() {
        check(
            &pod(
                "      readinessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 40}\n      livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 5}\n",
            ),
            &[
                "container \"a\": the livenessProbe restarts it 15s after start (0s delay + 3 failures × 5s), before the readinessProbe's first check at 40s",
            ],
        );
    }

    #[test]
    fn a_startup_probe_holds_liveness_back() {
        check(
            &pod(
                "      startupProbe: {tcpSocket: {port: 80}, failureThreshold: 30}\n      readinessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 40}\n      livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 90}\n",
            ),
            &[],
        );
    }

    #[test]
    fn slow_start_and_timeout_at_least_period() {
        check(
            &pod(
                "      livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 90, timeoutSeconds: 10}\n",
            ),
            &[
                "container \"a\": livenessProbe initialDelaySeconds 90 handles a slow start, but delays failure detection after every restart",
                "container \"a\": livenessProbe timeoutSeconds 10 is not less than periodSeconds 10, so a slow check delays the next one",
            ],
        );
    }
}
