//! `job-ttl-unset`: standalone Job has no ttlSecondsAfterFinished (or a CronJob's job template sets one).

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `job-ttl-unset` check.
pub(crate) static CHECK: Check = Check {
    id: "job-ttl-unset",
    rank: 690,
    category: Category::Reliability,
    scope: Scope::Kinds("Job", "CronJob"),
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "standalone Job has no ttlSecondsAfterFinished (or a CronJob's job template sets one)",
    docs: DOCS,
    aliases: &["kube-linter:job-ttl-seconds-after-finished"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a standalone Job (one with no owner) that does not set `spec.ttlSecondsAfterFinished`, and a CronJob whose job template does set it.

## Why is this bad?

A finished Job stays in the cluster, with its pods, until someone deletes it.
Standalone Jobs pile up: each one keeps its pods' records, logs and any volumes they hold, and re-applying the same manifest fails because a Job's pod template cannot be changed.
`ttlSecondsAfterFinished` makes the TTL controller delete the Job and its pods that many seconds after it finishes.
A CronJob already cleans up after itself with `successfulJobsHistoryLimit` and `failedJobsHistoryLimit`; a TTL in its job template competes with those limits and can delete a failed run before anyone looks at it.

## Example

```yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/acme/migrate:1.0.0
```

## Fix

```yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  ttlSecondsAfterFinished: 86400
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/acme/migrate:1.0.0
```

Give standalone Jobs a `ttlSecondsAfterFinished` long enough to read their logs (a day is 86400); leave it out of CronJob job templates and use the history limits.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        match &*obj.resource {
            Resource::Job(job) => {
                let owned = job
                    .metadata
                    .owner_references
                    .as_ref()
                    .is_some_and(|o| !o.is_empty());
                let ttl = job.spec.as_ref().and_then(|s| s.ttl_seconds_after_finished);
                if owned || ttl.is_some() {
                    continue;
                }
                findings.push(
                    Finding::new(
                        &CHECK,
                        obj,
                        "spec",
                        "job has no ttlSecondsAfterFinished, so it and its pods stay in the cluster after it finishes",
                    )
                    .help("set spec.ttlSecondsAfterFinished, e.g. 86400 to keep it for a day"),
                );
            }
            Resource::CronJob(cronjob) => {
                let Some(ttl) = cronjob
                    .spec
                    .job_template
                    .spec
                    .as_ref()
                    .and_then(|s| s.ttl_seconds_after_finished)
                else {
                    continue;
                };
                findings.push(
                    Finding::new(
                        &CHECK,
                        obj,
                        "spec.jobTemplate.spec.ttlSecondsAfterFinished",
                        format!(
                            "cronjob's job template sets ttlSecondsAfterFinished {ttl}, which competes with successfulJobsHistoryLimit and failedJobsHistoryLimit"
                        ),
                    )
                    .help("remove ttlSecondsAfterFinished and set successfulJobsHistoryLimit and failedJobsHistoryLimit"),
                );
            }
            _ => {}
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ job-ttl-unset` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  namespace: shop
spec:
# ^ job-ttl-unset
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/acme/migrate:1.0.0
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  namespace: shop
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      ttlSecondsAfterFinished: 60
# ^ job-ttl-unset
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: ghcr.io/acme/report:1.0.0
---
apiVersion: batch/v1
kind: Job
metadata:
  name: dont-fire-ttl
  namespace: shop
spec:
  ttlSecondsAfterFinished: 86400
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/acme/migrate:1.0.0
---
apiVersion: batch/v1
kind: Job
metadata:
  name: dont-fire-owned
  namespace: shop
  ownerReferences:
    - apiVersion: batch/v1
      kind: CronJob
      name: nightly
      uid: 6f1c2a9e-0000-4000-8000-000000000001
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/acme/migrate:1.0.0
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  namespace: shop
spec:
  ttlSecondsAfterFinished: 86400
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/acme/migrate:1.0.0
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  namespace: shop
spec:
  schedule: "*/5 * * * *"
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 1
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
    fn standalone_jobs_need_a_ttl_and_cronjob_templates_must_not_have_one() {
        let job = |name: &str, meta: &str, ttl: &str| {
            format!(
                "---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\n{meta}spec:\n{ttl}  template:\n    spec:\n      restartPolicy: Never\n      containers: [{{name: c, image: 'c:1'}}]\n"
            )
        };
        let owned = "  ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: nightly, uid: 1234}]\n";
        let cronjob = "---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: '0 3 * * *'\n  jobTemplate:\n    spec:\n      ttlSecondsAfterFinished: 60\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: c, image: 'c:1'}]\n";
        check(
            &[
                job("a", "", ""),
                job("b", "", "  ttlSecondsAfterFinished: 100\n"),
                job("c", owned, ""),
                cronjob.into(),
            ]
            .concat(),
            &[
                "job has no ttlSecondsAfterFinished, so it and its pods stay in the cluster after it finishes",
                "cronjob's job template sets ttlSecondsAfterFinished 60, which competes with successfulJobsHistoryLimit and failedJobsHistoryLimit",
            ],
        );
    }
}
