//! Every check over every corpus file: nothing may panic, and the findings, one compact line each
//! (`file:line:col check object message`, sorted by file and position), must equal the committed snapshot
//! `tests/snapshots/corpus-findings.txt`. Review the diff on every change to a check, then bless it
//! with `UPDATE_EXPECT=1 cargo test -p manifesto-core --test it corpus_findings`.

use expect_test::expect_file;
use manifesto_core::checks::{self, Context, Settings};
use manifesto_core::report::Review;
use manifesto_core::{Model, SourceFile};

use crate::corpus::{corpus_dir, corpus_files};

/// The findings of every enabled check over one file, one line each, with their position for
/// sorting.
fn findings_of(name: &str, text: &str) -> Vec<((usize, usize), String)> {
    let model = Model::from_files(vec![SourceFile::new(name, text)]);
    let settings = Settings::default();
    let review = Review::build(&model, &settings);
    review
        .findings
        .iter()
        .map(|f| {
            let silenced = if f.is_suppressed() {
                " (suppressed)"
            } else {
                ""
            };
            let line = format!(
                "{} {} {} {}{silenced}",
                f.location,
                f.check,
                f.object,
                f.message.replace('\n', " ")
            );
            ((f.location.line, f.location.column), line)
        })
        .collect()
}

#[test]
fn corpus_findings_match_the_snapshot() {
    let Some(dir) = corpus_dir() else { return };
    let mut lines = Vec::new();
    for (name, path) in corpus_files(&dir) {
        let text = std::fs::read_to_string(&path).expect("utf-8 corpus file");
        let mut found = findings_of(&name, &text);
        found.sort();
        lines.extend(found.into_iter().map(|(_, line)| line));
    }
    let mut actual = lines.join("\n");
    actual.push('\n');
    expect_file!["../snapshots/corpus-findings.txt"].assert_eq(&actual);
}

#[test]
fn every_check_runs_on_the_whole_corpus_at_once_without_panicking() {
    let Some(dir) = corpus_dir() else { return };
    let model = crate::corpus::corpus_model(&dir);
    let settings = Settings {
        enabled: checks::ALL.iter().map(|c| c.id.to_owned()).collect(),
        ..Settings::default()
    };
    let review = Review::build(&model, &settings);
    let ctx = Context::new(&model, &settings);
    assert_eq!(review.findings.len(), checks::run(&ctx).len());
    assert_eq!(review.scores.len(), review.objects.len());
    assert!(
        review
            .scores
            .iter()
            .all(|s| (0.0..=10.0).contains(&s.score)),
        "every score is within 0..=10"
    );
    serde_json::from_str::<serde_json::Value>(&review.to_json()).expect("the JSON export parses");
    serde_json::from_str::<serde_json::Value>(&review.to_sarif()).expect("the SARIF export parses");
}
