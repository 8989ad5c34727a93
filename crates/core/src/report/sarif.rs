//! The findings as a SARIF 2.1.0 log: one run whose driver lists every check of the registry as
//! a rule, one result per finding (suppressed findings carry an in-source suppression with the
//! annotation's reason), and the input's read problems as tool notifications.

use serde_json::{Value, json};

use super::{Review, docs};
use crate::checks::{self, Check, Level};

/// The SARIF level of a severity: `error`, `warning` or `note`.
pub fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
    }
}

/// A file name as a relative URI reference: `/` separators, other unsafe bytes percent-encoded.
pub fn uri(file: &str) -> String {
    let mut out = String::new();
    for byte in file.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn rule(check: &Check) -> Value {
    let full = docs::section(check.docs, "What it does")
        .and_then(|s| s.split("\n\n").next())
        .map_or_else(|| check.summary.to_owned(), |s| s.replace('\n', " "));
    let markdown = if check.docs.trim().is_empty() {
        check.summary.to_owned()
    } else {
        check.docs.trim().to_owned()
    };
    json!({
        "id": check.id,
        "shortDescription": { "text": check.summary },
        "fullDescription": { "text": full },
        "help": { "text": check.summary, "markdown": markdown },
        "defaultConfiguration": { "level": level(check.severity), "enabled": check.enabled_by_default },
        "properties": { "category": check.category.as_str(), "tags": [check.category.as_str()] },
    })
}

/// The SARIF log as a JSON value.
pub fn value(review: &Review) -> Value {
    let rules: Vec<Value> = checks::ALL.iter().map(|c| rule(c)).collect();
    let results: Vec<Value> = review
        .findings
        .iter()
        .map(|f| {
            let mut message = f.message.clone();
            if let Some(help) = &f.help {
                message.push_str(&format!(" (help: {help})"));
            }
            let mut result = json!({
                "ruleId": f.check,
                "level": level(f.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&f.location.file) },
                        "region": { "startLine": f.location.line.max(1), "startColumn": f.location.column.max(1) },
                    },
                    "logicalLocations": [{ "fullyQualifiedName": f.object.as_str(), "kind": "resource" }],
                }],
            });
            if let Some(index) = checks::ALL.iter().position(|c| c.id == f.check) {
                result["ruleIndex"] = json!(index);
            }
            if let Some(reason) = &f.suppressed {
                result["suppressions"] = json!([{ "kind": "inSource", "justification": reason }]);
            }
            result
        })
        .collect();
    let notifications: Vec<Value> = review
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "level": d.severity.as_str(),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&d.location.file) },
                        "region": { "startLine": d.location.line.max(1), "startColumn": d.location.column.max(1) },
                    },
                }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "manifesto",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{ "executionSuccessful": true, "toolExecutionNotifications": notifications }],
            "results": results,
        }],
    })
}

/// The SARIF log, pretty-printed.
pub fn render(review: &Review) -> String {
    let mut text = serde_json::to_string_pretty(&value(review)).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references() {
        assert_eq!(
            uri("samples/feastflow/06 backend.yaml"),
            "samples/feastflow/06%20backend.yaml"
        );
        assert_eq!(uri("a\\b.yaml"), "a/b.yaml");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
    }
}
