//! The built-in lesson packs: each parses; every level starts unsolved and is solved by its own
//! solution; every challenge starts with all its planted problems; pack errors are located; a
//! pack exported as YAML reads back the same.

use manifesto_core::lesson::{self, LevelKind, Pack, SOURCES};

fn packs() -> Vec<Pack> {
    SOURCES
        .iter()
        .map(|(name, text)| {
            lesson::parse_pack(name, text).unwrap_or_else(|errors| {
                let shown: Vec<String> = errors.iter().map(|d| d.render(None)).collect();
                panic!("{name} does not parse:\n{}", shown.join(""))
            })
        })
        .collect()
}

#[test]
fn every_builtin_pack_parses() {
    let packs = packs();
    assert_eq!(lesson::builtin(), packs);
    let levels = packs.iter().flat_map(|p| &p.levels);
    let mut ids: Vec<&str> = levels.clone().map(|l| l.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(
        ids.len(),
        levels.clone().count(),
        "level ids are unique across packs"
    );
    let count = |kind| levels.clone().filter(|l| l.kind == kind).count();
    assert!(
        count(LevelKind::Level) >= 12,
        "{} levels",
        count(LevelKind::Level)
    );
    assert!(
        count(LevelKind::Challenge) >= 10,
        "{} challenges",
        count(LevelKind::Challenge)
    );
}

#[test]
fn every_builtin_level_starts_unsolved_and_is_solved_by_its_solution() {
    let mut failures = Vec::new();
    for pack in packs() {
        for level in &pack.levels {
            let start = level.check_files(&level.files);
            if start.iter().all(|g| g.done) {
                failures.push(format!("{}/{}: starts solved", pack.id, level.id));
            }
            let solved = level.check_files(&level.solved_files());
            for goal in solved.iter().filter(|g| !g.done) {
                failures.push(format!(
                    "{}/{}: the solution leaves unmet: {}",
                    pack.id, level.id, goal.text
                ));
            }
            assert_eq!(
                level.verify().is_ok(),
                start.iter().any(|g| !g.done) && solved.iter().all(|g| g.done)
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_challenge_starts_with_all_its_planted_problems() {
    let mut failures = Vec::new();
    for pack in packs() {
        for level in pack
            .levels
            .iter()
            .filter(|l| l.kind == LevelKind::Challenge)
        {
            let start = level.check_files(&level.files);
            let progress = level.progress(&start);
            if progress.fixed != 0 {
                let fixed: Vec<&str> = start
                    .iter()
                    .filter(|g| g.done)
                    .map(|g| g.text.as_str())
                    .collect();
                failures.push(format!("{}: already fixed: {}", level.id, fixed.join(", ")));
            }
            assert_eq!(progress.total, level.conditions.len());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn challenges_range_from_one_planted_problem_to_six() {
    let sizes: Vec<usize> = packs()
        .iter()
        .flat_map(|p| &p.levels)
        .filter(|l| l.kind == LevelKind::Challenge)
        .map(|l| l.conditions.len())
        .collect();
    assert_eq!(sizes.iter().min(), Some(&1));
    assert!(sizes.iter().max() >= Some(&6), "{sizes:?}");
}

#[test]
fn a_bad_pack_reports_file_line_and_column() {
    let text = "\
id: broken
title: Broken
summary: A pack with a mistake.
levels:
  - id: one
    title: One
    intro: Hello.
    goal: Fix it.
    files:
      - {name: a.yaml, text: \"kind: Pod\"}
    conditions:
      - text: Nothing wrong
        no_finding: {check: servce-selects-no-pods}
    solution:
      - {name: a.yaml, text: \"kind: Pod\"}
    learned: Done.
";
    let errors = lesson::parse_pack("teacher.yaml", text).expect_err("an unknown check");
    let shown: Vec<String> = errors.iter().map(|d| d.render(None)).collect();
    let shown = shown.join("");
    assert!(
        shown.contains("teacher.yaml:13:29"),
        "the error points at the check id: {shown}"
    );
    assert!(
        shown.contains("did you mean `service-selects-no-pods`"),
        "{shown}"
    );
}

#[test]
fn every_builtin_pack_round_trips_through_yaml() {
    for pack in packs() {
        let yaml = lesson::to_yaml(&pack);
        let back = lesson::parse_pack("export.yaml", &yaml).unwrap_or_else(|errors| {
            let shown: Vec<String> = errors.iter().map(|d| d.render(None)).collect();
            panic!(
                "{} export does not parse:\n{}\n{yaml}",
                pack.id,
                shown.join("")
            )
        });
        assert_eq!(back, pack, "{}", pack.id);
    }
}

#[test]
fn the_example_in_the_docs_is_a_working_pack() {
    let docs = include_str!("../../../../docs/lessons.md");
    let start = docs.find("```yaml\n").expect("a YAML example") + "```yaml\n".len();
    let end = start + docs[start..].find("```\n").expect("the example ends");
    let pack = lesson::parse_pack("docs/lessons.md", &docs[start..end])
        .unwrap_or_else(|errors| panic!("{errors:?}"));
    for level in &pack.levels {
        level.verify().unwrap_or_else(|why| panic!("{why}"));
    }
}

#[test]
fn no_builtin_solution_leaves_an_error() {
    use manifesto_core::checks::{Level, Settings};
    use manifesto_core::report::Review;
    let mut failures = Vec::new();
    for pack in packs() {
        for level in &pack.levels {
            let model = lesson::model_of(&level.solved_files());
            for d in &model.diagnostics {
                failures.push(format!("{}: {}", level.id, d.message));
            }
            let review = Review::build(&model, &Settings::default());
            for f in review
                .open_findings()
                .filter(|f| f.severity == Level::Error)
            {
                failures.push(format!("{}: {} {}", level.id, f.check, f.message));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
