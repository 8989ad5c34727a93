//! Every check's fixture pair: `fires.yaml` must fire exactly on the lines marked with a
//! `# ^ <id>` comment under them, and `clean.yaml` must not fire at all.

use std::collections::BTreeSet;
use std::path::PathBuf;

use manifesto_core::checks::{self, Context, Settings};
use manifesto_core::{Model, SourceFile};

fn fixture_dir(id: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(id)
}

/// The lines (1-based) a fixture expects `id` to fire on: the line above each `# ^ <id>` marker.
fn expected_lines(text: &str, id: &str) -> BTreeSet<usize> {
    let marker = format!("# ^ {id}");
    text.lines()
        .enumerate()
        .filter(|(_, line)| line.trim() == marker)
        .map(|(i, _)| i)
        .collect()
}

/// The lines `id` fires on in `text`, with every check enabled so opt-in checks are tested too.
fn fired_lines(name: &str, text: &str, id: &str) -> BTreeSet<usize> {
    let model = Model::from_files(vec![SourceFile::new(name, text)]);
    let settings = Settings {
        enabled: checks::ALL.iter().map(|c| c.id.to_owned()).collect(),
        ..Settings::default()
    };
    let check = checks::by_id(id).expect("a registered check");
    (check.run)(&Context::new(&model, &settings))
        .iter()
        .map(|f| f.location.line)
        .collect()
}

#[test]
fn every_check_fires_on_its_fixture_and_stays_quiet_on_the_clean_one() {
    let mut problems = Vec::new();
    for check in checks::ALL {
        let dir = fixture_dir(check.id);
        let (Ok(fires), Ok(clean)) = (
            std::fs::read_to_string(dir.join("fires.yaml")),
            std::fs::read_to_string(dir.join("clean.yaml")),
        ) else {
            problems.push(format!("{}: fires.yaml or clean.yaml is missing", check.id));
            continue;
        };
        let expected = expected_lines(&fires, check.id);
        if expected.is_empty() {
            problems.push(format!(
                "{}: fires.yaml marks no line with `# ^ {}`",
                check.id, check.id
            ));
        }
        let fired = fired_lines("fires.yaml", &fires, check.id);
        if fired != expected {
            problems.push(format!(
                "{}: fires.yaml fired on lines {fired:?}, expected {expected:?}",
                check.id
            ));
        }
        let fired = fired_lines("clean.yaml", &clean, check.id);
        if !fired.is_empty() {
            problems.push(format!("{}: clean.yaml fired on lines {fired:?}", check.id));
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
    let settings = Settings {
        enabled: checks::ALL.iter().map(|c| c.id.to_owned()).collect(),
        ..Settings::default()
    };
    let mut problems = Vec::new();
    for check in checks::ALL {
        let Ok(fires) = std::fs::read_to_string(fixture_dir(check.id).join("fires.yaml")) else {
            continue;
        };
        let model = Model::from_files(vec![SourceFile::new("fires.yaml", &fires)]);
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
