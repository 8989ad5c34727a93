//! Readiness scores out of 10, per object and overall, over the checks that apply.
//!
//! The formula is [`FORMULA`]; which checks apply to which objects is each check's
//! [`Scope`](checks::Scope).

use serde::{Deserialize, Serialize};

use crate::checks::{self, Check, Finding, Level, Settings};
use crate::model::{Model, Object, ObjectId};

/// How the scores are computed, in words (the review page shows it).
pub const FORMULA: &str = "For each object, the applicable checks are the enabled checks whose kind family covers the object \
(container checks for objects with a pod spec, Service checks for Services, and so on), plus any check that reported on it. \
A check fails on an object when it has an unsuppressed error or warning finding there; a check silenced by an annotation is left out. \
A failed check weighs 2 if its strongest finding is an error and 1 if a warning; a passed check weighs 2 if the check's default severity is error, 1 if warning and 0 if info, so info never lowers a score. \
Score = 10 × (weight of the passed checks) / (weight of all applicable checks), rounded down to one decimal, so 10 means nothing weighted failed; an object with no weighted check scores 10. \
The overall score is the same ratio over all objects together, so objects with more applicable checks count for more.";

/// Whether `check` applies to `object` by its scope.
pub fn applies(check: &Check, object: &Object) -> bool {
    check.scope.contains(object)
}

/// The weight of a severity: error 2, warning 1, info 0.
pub fn weight(level: Level) -> u32 {
    match level {
        Level::Error => 2,
        Level::Warning => 1,
        Level::Info => 0,
    }
}

/// One object's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectScore {
    /// The object.
    pub object: ObjectId,
    /// Its kind.
    pub kind: String,
    /// Out of 10, rounded down to one decimal.
    pub score: f64,
    /// Weight of the passed checks.
    pub passed_weight: u32,
    /// Weight of all applicable checks.
    pub total_weight: u32,
    /// The enabled checks that apply to the object, in registry order (silenced ones included).
    /// Not in the score's JSON: the wire form writes each distinct list once (see
    /// [`super::wire`]).
    #[serde(skip)]
    pub applicable: Vec<&'static str>,
    /// The checks that failed, with the severity of their strongest finding, strongest first.
    #[serde(deserialize_with = "super::wire::ids_with_levels")]
    pub failed: Vec<(&'static str, Level)>,
    /// The checks an annotation silenced on this object.
    #[serde(deserialize_with = "super::wire::ids")]
    pub silenced: Vec<&'static str>,
    /// One line: which checks failed, or that all passed.
    pub reason: String,
}

/// Scores every object of `model` (in model order, each id once) and the overall score.
pub fn score(model: &Model, settings: &Settings, findings: &[Finding]) -> (Vec<ObjectScore>, f64) {
    let mut seen = std::collections::BTreeSet::new();
    let mut scores = Vec::new();
    let (mut passed_all, mut total_all) = (0u32, 0u32);
    // The findings of each object, in order, gathered once rather than once per object.
    let mut by_object: foldhash::HashMap<&ObjectId, Vec<&Finding>> = foldhash::HashMap::default();
    for f in findings {
        by_object.entry(&f.object).or_default().push(f);
    }
    // The enabled checks, decided once rather than once per object.
    let enabled: Vec<&Check> = checks::ALL
        .iter()
        .copied()
        .filter(|c| settings.is_enabled(c))
        .collect();
    let positions: foldhash::HashMap<&str, usize> =
        enabled.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut reported = vec![Reported::default(); enabled.len()];
    for object in &model.objects {
        if !seen.insert(&object.id) {
            continue;
        }
        let object = model.get(&object.id).unwrap_or(object);
        reported.fill(Reported::default());
        for f in by_object.remove(&object.id).unwrap_or_default() {
            if let Some(&i) = positions.get(f.check) {
                reported[i].add(f);
            }
        }
        let s = score_object(object, &enabled, &reported);
        passed_all += s.passed_weight;
        total_all += s.total_weight;
        scores.push(s);
    }
    (scores, ratio(passed_all, total_all))
}

/// `10 × passed / total` rounded down to one decimal; 10 when nothing weighs.
pub fn ratio(passed: u32, total: u32) -> f64 {
    if total == 0 {
        return 10.0;
    }
    let tenths = u64::from(passed) * 100 / u64::from(total);
    tenths as f64 / 10.0
}

/// What one check's findings on an object say.
#[derive(Debug, Clone, Copy, Default)]
struct Reported {
    /// Whether the check reported on the object at all (suppressed findings included).
    any: bool,
    /// The strongest severity among its unsuppressed findings there.
    strongest: Option<Level>,
}

impl Reported {
    fn add(&mut self, finding: &Finding) {
        self.any = true;
        if !finding.is_suppressed() {
            self.strongest = Some(
                self.strongest
                    .map_or(finding.severity, |s| s.min(finding.severity)),
            );
        }
    }
}

/// The score of `object` given what each enabled check reported on it (`reported`, in the order
/// of `enabled`).
fn score_object(object: &Object, enabled: &[&Check], reported: &[Reported]) -> ObjectScore {
    let mut applicable = Vec::new();
    let mut failed = Vec::new();
    let mut silenced = Vec::new();
    let (mut passed_weight, mut total_weight) = (0, 0);
    for (check, mine) in enabled.iter().zip(reported) {
        if !mine.any && !applies(check, object) {
            continue;
        }
        applicable.push(check.id);
        match mine.strongest {
            Some(level @ (Level::Error | Level::Warning)) => {
                total_weight += weight(level);
                failed.push((check.id, level));
            }
            None if mine.any => silenced.push(check.id),
            _ => {
                total_weight += weight(check.severity);
                passed_weight += weight(check.severity);
            }
        }
    }
    failed.sort_by_key(|(_, level)| *level);
    let reason = reason(&failed, &silenced, total_weight);
    ObjectScore {
        object: object.id.clone(),
        kind: object.kind.clone(),
        score: ratio(passed_weight, total_weight),
        passed_weight,
        total_weight,
        applicable,
        failed,
        silenced,
        reason,
    }
}

/// "2 errors: image-tag-mutable, host-network; 1 warning: cpu-request-missing".
fn reason(failed: &[(&'static str, Level)], silenced: &[&'static str], total: u32) -> String {
    let mut parts = Vec::new();
    for (level, one, many) in [
        (Level::Error, "error", "errors"),
        (Level::Warning, "warning", "warnings"),
    ] {
        let ids: Vec<&str> = failed
            .iter()
            .filter(|(_, l)| *l == level)
            .map(|(id, _)| *id)
            .collect();
        if !ids.is_empty() {
            let word = if ids.len() == 1 { one } else { many };
            parts.push(format!("{} {word}: {}", ids.len(), ids.join(", ")));
        }
    }
    if parts.is_empty() {
        parts.push(if total == 0 {
            "no weighted check applies".to_owned()
        } else {
            "every weighted check passes".to_owned()
        });
    }
    if !silenced.is_empty() {
        parts.push(format!(
            "{} silenced by annotation: {}",
            silenced.len(),
            silenced.join(", ")
        ));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn ratio_rounds_down_so_ten_means_nothing_failed() {
        assert_eq!(ratio(199, 200), 9.9);
        assert_eq!(ratio(200, 200), 10.0);
        assert_eq!(ratio(2, 3), 6.6);
        assert_eq!(ratio(0, 0), 10.0);
    }

    fn model(yaml: &str) -> Model {
        Model::from_files(vec![SourceFile::new("t.yaml", yaml)])
    }

    const DEPLOYMENT: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx}]\n";

    #[track_caller]
    fn check(findings: &[(&'static str, Level, bool)], expected_score: f64, expected_reason: &str) {
        let model = model(DEPLOYMENT);
        let object = &model.objects[0];
        let findings: Vec<Finding> = findings
            .iter()
            .map(|(id, level, suppressed)| {
                let mut f =
                    Finding::new(checks::by_id(id).expect("registered"), object, "spec", "x")
                        .severity(*level);
                f.suppressed = suppressed.then(|| "manifesto.io/ignore".to_owned());
                f
            })
            .collect();
        let (scores, overall) = score(&model, &Settings::default(), &findings);
        assert_eq!(scores.len(), 1);
        assert_eq!(scores[0].reason, expected_reason);
        assert_eq!(scores[0].score, expected_score);
        assert_eq!(
            overall, expected_score,
            "one object: the overall score is its score"
        );
    }

    #[test]
    fn errors_weigh_twice_warnings_info_never_lowers_and_silenced_checks_are_left_out() {
        let clean = {
            let model = model(DEPLOYMENT);
            let (scores, _) = score(&model, &Settings::default(), &[]);
            scores[0].clone()
        };
        assert_eq!(clean.score, 10.0);
        assert!(
            clean.applicable.contains(&"image-tag-mutable")
                && !clean.applicable.contains(&"service-selects-no-pods")
        );
        let total = f64::from(clean.total_weight);
        check(&[], 10.0, "every weighted check passes");
        check(
            &[("cpu-limit-missing", Level::Info, false)],
            10.0,
            "every weighted check passes",
        );
        let one_error = (10.0 * (total - 2.0) / total * 10.0).floor() / 10.0;
        check(
            &[("image-tag-mutable", Level::Error, false)],
            one_error,
            "1 error: image-tag-mutable",
        );
        // A warning finding of a check whose default is error weighs as a warning.
        let warning = (10.0 * (total - 2.0) / (total - 1.0) * 10.0).floor() / 10.0;
        check(
            &[("image-tag-mutable", Level::Warning, false)],
            warning,
            "1 warning: image-tag-mutable",
        );
        check(
            &[("image-tag-mutable", Level::Error, true)],
            10.0,
            "every weighted check passes; 1 silenced by annotation: image-tag-mutable",
        );
    }

    #[test]
    fn checks_apply_by_scope() {
        let m = model(
            "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: once}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox:1.36}]\n",
        );
        let (scores, _) = score(&m, &Settings::default(), &[]);
        let service = &scores[0];
        assert!(service.applicable.contains(&"service-selects-no-pods"));
        assert!(!service.applicable.contains(&"image-tag-mutable"));
        let job = &scores[1];
        assert!(
            job.applicable.contains(&"image-tag-mutable")
                && job.applicable.contains(&"job-ttl-unset")
        );
        assert!(
            !job.applicable.contains(&"readiness-probe-missing"),
            "probes do not apply to a Job"
        );
        let settings = Settings {
            disabled: ["image-tag-mutable".to_owned()].into(),
            ..Settings::default()
        };
        let (scores, _) = score(&m, &settings, &[]);
        assert!(
            !scores[1].applicable.contains(&"image-tag-mutable"),
            "a disabled check never applies"
        );
    }
}
