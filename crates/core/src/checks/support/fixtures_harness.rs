//! Every check's fixture pair: `FIRES` must fire exactly on the lines marked with a `# ^ <id>`
//! comment under them, and `CLEAN` must not fire at all.

use std::collections::BTreeSet;

use crate::checks::{ALL, Check, Context, FIXTURES, Settings};
use crate::{Model, SourceFile};

/// The lines (1-based) a fixture expects `id` to fire on: the line above each `# ^ <id>` marker.
fn expected_lines(text: &str, id: &str) -> BTreeSet<usize> {
    let marker = format!("# ^ {id}");
    text.lines()
        .enumerate()
        .filter(|(_, line)| line.trim() == marker)
        .map(|(i, _)| i)
        .collect()
}

/// Every check enabled, so opt-in checks are tested too.
fn every_check_enabled() -> Settings {
    Settings {
        enabled: ALL.iter().map(|c| c.id.to_owned()).collect(),
        ..Settings::default()
    }
}

/// The lines `check` fires on in `text`, read as the file `name`.
fn fired_lines(check: &Check, name: &str, text: &str) -> BTreeSet<usize> {
    let model = Model::from_files(vec![SourceFile::new(name, text)]);
    (check.run)(&Context::new(&model, &every_check_enabled()))
        .iter()
        .map(|f| f.location.line)
        .collect()
}

#[test]
fn every_check_fires_on_its_fixture_and_stays_quiet_on_the_clean_one() {
    let mut problems = Vec::new();
    for &(check, fires, clean) in FIXTURES {
        let expected = expected_lines(fires, check.id);
        if expected.is_empty() {
            problems.push(format!(
                "{}: FIRES marks no line with `# ^ {}`",
                check.id, check.id
            ));
        }
        let fired = fired_lines(check, "fires.yaml", fires);
        if fired != expected {
            problems.push(format!(
                "{}: FIRES fired on lines {fired:?}, expected {expected:?}",
                check.id
            ));
        }
        let fired = fired_lines(check, "clean.yaml", clean);
        if !fired.is_empty() {
            problems.push(format!("{}: CLEAN fired on lines {fired:?}", check.id));
        }
    }
    assert!(
        problems.is_empty(),
        "{} fixture problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_finding_on_the_fixtures_has_a_severity_its_check_declares() {
    let settings = every_check_enabled();
    let mut problems = Vec::new();
    for &(check, fires, _) in FIXTURES {
        let model = Model::from_files(vec![SourceFile::new("fires.yaml", fires)]);
        for f in (check.run)(&Context::new(&model, &settings)) {
            if !check.severities().contains(&f.severity) {
                problems.push(format!(
                    "{}: a finding is {} but `checks list` shows only {:?}: {}",
                    check.id,
                    f.severity.as_str(),
                    check.severities(),
                    f.message
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
