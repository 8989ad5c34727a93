//! The review as JSON, for scripts and CI:
//!
//! ```text
//! {"findings": [{"check", "severity", "category", "object", "container", "file", "line", "column",
//!                "message", "help", "suppressed": bool, "suppression_reason"}],
//!  "checklist": [{"row", "title", "object", "result": "pass"|"fail"|"na"|"skipped", "reason",
//!                 "checks", "findings": [index into findings]}],
//!  "scores": [{"object", "kind", "score", "reason", "failed"}],
//!  "overall_score", "formula", "counts", "diagnostics"}
//! ```

use serde_json::{Value, json};

use super::{Review, checklist};
use crate::checks::{self, Finding};

/// One finding as JSON, as the review's `findings` list it.
pub fn finding(f: &Finding) -> Value {
    json!({
        "check": f.check,
        "severity": f.severity,
        "category": checks::by_id(f.check).map(|c| c.category.as_str()),
        "object": f.object,
        "container": f.container,
        "file": f.location.file,
        "line": f.location.line,
        "column": f.location.column,
        "message": f.message,
        "help": f.help,
        "suppressed": f.is_suppressed(),
        "suppression_reason": f.suppressed,
    })
}

/// The review as a JSON value.
pub fn value(review: &Review) -> Value {
    let findings: Vec<Value> = review.findings.iter().map(finding).collect();
    let checklist: Vec<Value> = review
        .checklist
        .cells
        .iter()
        .map(|c| {
            json!({
                "row": c.row,
                "title": checklist::row(c.row).map(|r| r.title),
                "object": c.object,
                "result": c.result,
                "reason": c.reason,
                "checks": c.checks,
                "findings": c.findings,
                "at": c.at,
            })
        })
        .collect();
    let scores: Vec<Value> = review
        .scores
        .iter()
        .map(|s| {
            json!({
                "object": s.object,
                "kind": s.kind,
                "score": s.score,
                "reason": s.reason,
                "failed": s.failed.iter().map(|(id, level)| json!({"check": id, "severity": level})).collect::<Vec<_>>(),
                "silenced": s.silenced,
            })
        })
        .collect();
    json!({
        "findings": findings,
        "checklist": checklist,
        "scores": scores,
        "overall_score": review.overall_score,
        "formula": review.formula,
        "counts": review.counts,
        "diagnostics": review.diagnostics,
    })
}

/// The review as pretty-printed JSON.
pub fn render(review: &Review) -> String {
    let mut text = serde_json::to_string_pretty(&value(review)).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}
