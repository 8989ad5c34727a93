//! The review delta: findings introduced and fixed, and how the scores move.
//!
//! Findings are matched by check, object and container, not by line, so a finding that only moves
//! (lines added above it) is neither introduced nor fixed. Suppressed findings are left out on
//! both sides.

use foldhash::{HashMap, HashMapExt};
use serde::Serialize;

use crate::checks::Finding;
use crate::report::Review;

/// The findings that appear and disappear.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FindingChanges {
    /// Findings of the new version that the old one did not have.
    pub introduced: Vec<Finding>,
    /// Findings of the old version that the new one no longer has.
    pub fixed: Vec<Finding>,
}

/// One score that moved: an object's, or the overall score (object `overall`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChange {
    /// The object's id, or `overall`.
    pub object: String,
    /// The score out of 10 before (`None` for an added object).
    pub old: Option<f64>,
    /// The score out of 10 after (`None` for a removed object).
    pub new: Option<f64>,
}

/// What a finding is matched by.
type Key<'a> = (&'a str, &'a str, Option<&'a str>);

fn key(f: &Finding) -> Key<'_> {
    (f.check, f.object.as_str(), f.container.as_deref())
}

/// The open findings of `a` that `b` does not match, in `a`'s order. Several findings with one
/// key are counted: three before and two after is one fixed.
fn unmatched(a: &Review, b: &Review) -> Vec<Finding> {
    let mut available: HashMap<Key<'_>, usize> = HashMap::new();
    for f in b.open_findings() {
        *available.entry(key(f)).or_default() += 1;
    }
    let mut out = Vec::new();
    for f in a.open_findings() {
        match available.get_mut(&key(f)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(f.clone()),
        }
    }
    out
}

/// The findings introduced and fixed from `old` to `new`.
pub fn compare_findings(old: &Review, new: &Review) -> FindingChanges {
    FindingChanges {
        introduced: unmatched(new, old),
        fixed: unmatched(old, new),
    }
}

/// The scores that moved (objects of the new version first, then removed ones), then the overall
/// score when it moved.
pub fn compare_scores(old: &Review, new: &Review) -> Vec<ScoreChange> {
    let mut out = Vec::new();
    for s in &new.scores {
        let before = old.score_of(s.object.as_str()).map(|o| o.score);
        if before != Some(s.score) {
            out.push(ScoreChange {
                object: s.object.to_string(),
                old: before,
                new: Some(s.score),
            });
        }
    }
    for s in &old.scores {
        if new.score_of(s.object.as_str()).is_none() {
            out.push(ScoreChange {
                object: s.object.to_string(),
                old: Some(s.score),
                new: None,
            });
        }
    }
    if old.overall_score != new.overall_score {
        out.push(ScoreChange {
            object: "overall".to_owned(),
            old: Some(old.overall_score),
            new: Some(new.overall_score),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Settings;
    use crate::diff::test_support::{feastflow, feastflow_with};
    use crate::model::Model;

    fn review(model: &Model) -> Review {
        Review::build(model, &Settings::default())
    }

    #[track_caller]
    fn show(findings: &[Finding]) -> Vec<String> {
        findings
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}",
                    f.check,
                    f.object,
                    f.container.as_deref().unwrap_or("-")
                )
            })
            .collect()
    }

    const PROBE: &str = "          readinessProbe:\n            httpGet:\n              path: /api/health # Also checks the database connection\n              port: http\n            initialDelaySeconds: 15\n            periodSeconds: 10\n            failureThreshold: 2 # 20 seconds before removal from the Service\n";

    #[test]
    fn a_removed_readiness_probe_is_introduced_and_lowers_the_score() {
        let old = review(&feastflow());
        let new = review(&feastflow_with("06-backend-deployment.yaml", PROBE, ""));
        let diff = compare_findings(&old, &new);
        assert!(
            show(&diff.introduced).contains(
                &"readiness-probe-missing Deployment/feastflow/feastflow-backend backend"
                    .to_owned()
            ),
            "{:?}",
            show(&diff.introduced)
        );
        assert!(diff.fixed.is_empty(), "{:?}", show(&diff.fixed));
        let scores = compare_scores(&old, &new);
        let backend = scores
            .iter()
            .find(|s| s.object == "Deployment/feastflow/feastflow-backend")
            .expect("the backend's score moves");
        assert!(backend.new < backend.old, "{backend:?}");
    }

    #[test]
    fn findings_that_only_move_are_not_changes() {
        let old = review(&feastflow());
        let new = review(&feastflow_with(
            "06-backend-deployment.yaml",
            "# Backend API",
            "# A comment\n# that pushes\n# every line down\n# Backend API",
        ));
        let diff = compare_findings(&old, &new);
        assert!(diff.introduced.is_empty(), "{:?}", show(&diff.introduced));
        assert!(diff.fixed.is_empty(), "{:?}", show(&diff.fixed));
        assert!(compare_scores(&old, &new).is_empty());
    }

    #[test]
    fn pinning_the_image_fixes_the_mutable_tag_finding() {
        let old = review(&feastflow());
        let new = review(&feastflow_with(
            "06-backend-deployment.yaml",
            "image: feastflow-backend:latest",
            "image: feastflow-backend:v1.4.0",
        ));
        let diff = compare_findings(&old, &new);
        let fixed = show(&diff.fixed);
        assert!(
            fixed
                .iter()
                .any(|f| f.starts_with("image-tag-mutable Deployment/feastflow/feastflow-backend")),
            "{fixed:?}"
        );
        // A tag other than latest defaults imagePullPolicy to IfNotPresent: advice appears.
        assert_eq!(
            show(&diff.introduced),
            ["image-pull-policy Deployment/feastflow/feastflow-backend backend"]
        );
    }
}
