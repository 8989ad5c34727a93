//! The findings as a SARIF 2.1.0 log: one run whose driver lists every check of the registry as
//! a rule, one result per finding (suppressed findings carry an in-source suppression with the
//! annotation's reason), and the input's read problems as tool notifications.

use serde_json::{Value, json};
use serde_sarif::sarif::{
    self, ArtifactLocation, Invocation, Location, LogicalLocation, Message,
    MultiformatMessageString, Notification, PhysicalLocation, PropertyBag, Region,
    ReportingConfiguration, ReportingDescriptor, ResultColumnKind, ResultLevel, Run, Sarif,
    Suppression, SupressionKind, Tool, ToolComponent,
};

use super::{Review, docs};
use crate::checks::{self, Check, Level};
use crate::source;

/// The schema the log names.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF level of a severity: `error`, `warning` or `note`.
pub fn level(level: Level) -> ResultLevel {
    match level {
        Level::Error => ResultLevel::Error,
        Level::Warning => ResultLevel::Warning,
        Level::Info => ResultLevel::Note,
    }
}

/// A SARIF enum as the JSON value the generated types hold.
fn value_of(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
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

fn text(text: impl Into<String>) -> Message {
    Message::builder().text(text).build()
}

/// Where a finding or a read problem is: its file, line and column (1-based).
fn physical(location: &source::Location) -> PhysicalLocation {
    PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(uri(&location.file)).build())
        .region(
            Region::builder()
                .start_line(location.line.max(1) as i64)
                .start_column(location.column.max(1) as i64)
                .build(),
        )
        .build()
}

fn rule(check: &Check) -> ReportingDescriptor {
    let full = docs::section(check.docs, "What it does")
        .and_then(|s| s.split("\n\n").next())
        .map_or_else(|| check.summary.to_owned(), |s| s.replace('\n', " "));
    let markdown = if check.docs.trim().is_empty() {
        check.summary.to_owned()
    } else {
        check.docs.trim().to_owned()
    };
    let category = check.category.as_str();
    let mut properties = PropertyBag::builder()
        .tags(vec![category.to_owned()])
        .build();
    properties
        .additional_properties
        .insert("category".to_owned(), json!(category));
    ReportingDescriptor::builder()
        .id(check.id)
        .short_description(
            MultiformatMessageString::builder()
                .text(check.summary)
                .build(),
        )
        .full_description(MultiformatMessageString::builder().text(full).build())
        .help(
            MultiformatMessageString::builder()
                .text(check.summary)
                .markdown(markdown)
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(value_of(level(check.severity)))
                .enabled(check.enabled_by_default)
                .build(),
        )
        .properties(properties)
        .build()
}

fn result(f: &checks::Finding) -> sarif::Result {
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str(&format!(" (help: {help})"));
    }
    let location = Location::builder()
        .physical_location(physical(&f.location))
        .logical_locations(vec![
            LogicalLocation::builder()
                .fully_qualified_name(f.object.as_str())
                .kind("resource")
                .build(),
        ])
        .build();
    let mut result = sarif::Result::builder()
        .rule_id(f.check)
        .level(level(f.severity))
        .message(text(message))
        .locations(vec![location])
        .build();
    result.rule_index = checks::ALL
        .iter()
        .position(|c| c.id == f.check)
        .map(|index| index as i64);
    result.suppressions = f.suppressed.as_ref().map(|reason| {
        vec![
            Suppression::builder()
                .kind(value_of(SupressionKind::InSource))
                .justification(reason)
                .build(),
        ]
    });
    result
}

/// The SARIF log.
pub fn log(review: &Review) -> Sarif {
    let notifications: Vec<Notification> = review
        .diagnostics
        .iter()
        .map(|d| {
            Notification::builder()
                .level(json!(d.severity.as_str()))
                .message(text(&d.message))
                .locations(vec![
                    Location::builder()
                        .physical_location(physical(&d.location))
                        .build(),
                ])
                .build()
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("manifesto")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(checks::ALL.iter().map(|c| rule(c)).collect::<Vec<_>>())
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .column_kind(value_of(ResultColumnKind::UnicodeCodePoints))
        .invocations(vec![
            Invocation::builder()
                .execution_successful(true)
                .tool_execution_notifications(notifications)
                .build(),
        ])
        .results(review.findings.iter().map(result).collect::<Vec<_>>())
        .build();
    Sarif::builder()
        .schema(SCHEMA)
        .version(value_of(sarif::Version::V2_1_0))
        .runs(vec![run])
        .build()
}

/// The SARIF log as a JSON value.
pub fn value(review: &Review) -> Value {
    value_of(log(review))
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
