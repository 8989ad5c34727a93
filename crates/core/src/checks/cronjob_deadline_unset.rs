//! `cronjob-deadline-unset`: CronJob has no startingDeadlineSeconds.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `cronjob-deadline-unset` check.
pub(crate) static CHECK: Check = Check {
    id: "cronjob-deadline-unset",
    rank: 680,
    category: Category::Reliability,
    scope: Scope::Kind("CronJob"),
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "cronjob has no startingDeadlineSeconds",
    docs: DOCS,
    aliases: &["kube-score:cronjob-has-deadline"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a CronJob that does not set `spec.startingDeadlineSeconds`.

## Why is this bad?

`startingDeadlineSeconds` is how late a scheduled run may still start.
Without it, a run that was missed (the controller was down, the CronJob was suspended, `concurrencyPolicy: Forbid` skipped it) may start at any time later, for example a nightly report at noon.
Worse, the controller counts missed schedules since the last run, and when it finds more than 100 it stops starting the job and only logs an error, so a frequent CronJob that was suspended for a while can silently never run again.
With a deadline it only looks back that far, which avoids both problems.

## Example

```yaml
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: ghcr.io/acme/report:1.0.0
```

## Fix

```yaml
spec:
  schedule: "*/5 * * * *"
  startingDeadlineSeconds: 120
```

Set `startingDeadlineSeconds` to how late a run is still useful, shorter than the interval between runs (and at least 10 seconds, the controller's check interval).
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.of_kind("CronJob") {
        let Resource::CronJob(cronjob) = &*obj.resource else {
            continue;
        };
        if cronjob.spec.starting_deadline_seconds.is_some() {
            continue;
        }
        findings.push(
            Finding::new(
                &CHECK,
                obj,
                "spec.schedule",
                format!(
                    "cronjob with schedule \"{}\" has no startingDeadlineSeconds, so a missed run may start at any time later",
                    cronjob.spec.schedule
                ),
            )
            .help("set spec.startingDeadlineSeconds to how late a run is still useful, e.g. 120"),
        );
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ cronjob-deadline-unset` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
  namespace: shop
spec:
  schedule: "*/5 * * * *"
# ^ cronjob-deadline-unset
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: ghcr.io/acme/report:1.0.0
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: dont-fire-deadline
  namespace: shop
spec:
  schedule: "*/5 * * * *"
  startingDeadlineSeconds: 120
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: ghcr.io/acme/report:1.0.0
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
  namespace: shop
spec:
  schedule: "*/5 * * * *"
  startingDeadlineSeconds: 120
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: ghcr.io/acme/report:1.0.0
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

    #[test]
    fn a_deadline_passes() {
        let cronjob = |name: &str, extra: &str| {
            format!(
                "---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: {name}}}\nspec:\n  schedule: '0 3 * * *'\n{extra}  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{{name: c, image: 'c:1'}}]\n"
            )
        };
        check(
            &[
                cronjob("a", ""),
                cronjob("b", "  startingDeadlineSeconds: 300\n"),
            ]
            .concat(),
            &[
                "cronjob with schedule \"0 3 * * *\" has no startingDeadlineSeconds, so a missed run may start at any time later",
            ],
        );
    }
}
