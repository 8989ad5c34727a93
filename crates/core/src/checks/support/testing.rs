//! Running one check over some YAML, for the checks' unit tests.

use crate::checks::{Check, Context, Finding, Settings};
use crate::{Model, SourceFile};

/// The findings of a check's `run` over one YAML text with `settings`, in the order it reports
/// them.
pub(crate) fn run_with(
    run: fn(&Context) -> Vec<Finding>,
    yaml: &str,
    settings: &Settings,
) -> Vec<Finding> {
    let model = Model::from_files(vec![SourceFile::new("test.yaml", yaml)]);
    run(&Context::new(&model, settings))
}

/// The findings of a check's `run` over one YAML text with the default settings.
pub(crate) fn run_on(run: fn(&Context) -> Vec<Finding>, yaml: &str) -> Vec<Finding> {
    run_with(run, yaml, &Settings::default())
}

/// The messages of a check's `run` over one YAML text, in the order it reports them.
pub(crate) fn messages(run: fn(&Context) -> Vec<Finding>, yaml: &str) -> Vec<String> {
    run_on(run, yaml).into_iter().map(|f| f.message).collect()
}

/// Asserts that a check's `run` reports `expected` findings over one YAML text.
#[track_caller]
pub(crate) fn assert_count(run: fn(&Context) -> Vec<Finding>, yaml: &str, expected: usize) {
    let findings = run_on(run, yaml);
    assert_eq!(findings.len(), expected, "{findings:?}");
}

/// The findings of `check` on `yaml`, as `"<line> <severity> <message>"`.
pub(crate) fn findings(check: &Check, yaml: &str) -> Vec<String> {
    findings_with(check, yaml, &Settings::default())
}

/// Like [`findings`], under `settings`.
pub(crate) fn findings_with(check: &Check, yaml: &str, settings: &Settings) -> Vec<String> {
    run_with(check.run, yaml, settings)
        .iter()
        .map(|f| format!("{} {} {}", f.location.line, f.severity.as_str(), f.message))
        .collect()
}
