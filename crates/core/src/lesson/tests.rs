//! Unit tests of the pack format and the rules.

use super::*;

const WEB: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: REPLICAS
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
          ports:
            - {name: http, containerPort: 80}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: SELECTED}
  ports:
    - {port: 80, targetPort: http}
";

fn web(replicas: u32, selected: &str) -> Vec<PackFile> {
    vec![PackFile {
        name: "web.yaml".into(),
        text: WEB
            .replace("REPLICAS", &replicas.to_string())
            .replace("SELECTED", selected),
    }]
}

/// Whether `rule` holds on `files`.
#[track_caller]
fn holds(rule: Rule, files: &[PackFile]) -> bool {
    let level = Level {
        id: "l".into(),
        kind: LevelKind::Level,
        title: "t".into(),
        intro: "i".into(),
        goal: "g".into(),
        view: None,
        files: files.to_vec(),
        conditions: vec![Condition {
            text: "c".into(),
            rule,
        }],
        hints: vec![],
        solution: files.to_vec(),
        learned: "l".into(),
    };
    level.check_files(files)[0].done
}

fn s(text: &str) -> String {
    text.to_owned()
}

#[test]
fn no_finding_looks_at_the_check_and_the_object() {
    let rule = |object: Option<&str>| Rule::NoFinding {
        check: s("service-selects-no-pods"),
        object: object.map(s),
    };
    assert!(!holds(rule(None), &web(2, "wbe")));
    assert!(holds(rule(None), &web(2, "web")));
    assert!(!holds(rule(Some("Service/default/web")), &web(2, "wbe")));
    assert!(holds(rule(Some("Service/default/other")), &web(2, "wbe")));
}

#[test]
fn edges_reach_objects_or_the_pods_of_a_workload() {
    let selects = Rule::Edge {
        from: s("Service/default/web"),
        relation: crate::graph::Relation::Selects,
        to: s("Deployment/default/web"),
        pods: true,
    };
    assert!(holds(selects.clone(), &web(2, "web")));
    assert!(!holds(selects, &web(2, "wbe")));
    let to_deployment = Rule::Edge {
        from: s("Service/default/web"),
        relation: crate::graph::Relation::Selects,
        to: s("Deployment/default/web"),
        pods: false,
    };
    assert!(
        !holds(to_deployment, &web(2, "web")),
        "a Service selects pods, not Deployments"
    );
}

#[test]
fn rollouts_count_the_fewest_available_pods() {
    let rule = |min| Rule::Rollout {
        workload: s("Deployment/default/web"),
        min,
        fail_new: false,
    };
    // Four replicas with the default 25% maxUnavailable: one pod may be missing.
    assert!(holds(rule(3), &web(4, "web")));
    assert!(!holds(rule(4), &web(4, "web")));
    let missing = Rule::Rollout {
        workload: s("Deployment/default/nothing"),
        min: 0,
        fail_new: false,
    };
    assert!(!holds(missing, &web(4, "web")));
}

#[test]
fn replicas_exists_fields_and_errors() {
    let files = web(3, "web");
    let replicas = |count| Rule::Replicas {
        workload: s("Deployment/default/web"),
        count,
    };
    assert!(holds(replicas(3), &files));
    assert!(!holds(replicas(2), &files));
    let exists = |kind: &str, name: Option<&str>| Rule::Exists {
        kind: s(kind),
        name: name.map(s),
    };
    assert!(holds(exists("Service", None), &files));
    assert!(holds(exists("Deployment", Some("web")), &files));
    assert!(!holds(exists("Deployment", Some("api")), &files));
    assert!(!holds(exists("Ingress", None), &files));
    let field = |path: &str, equals: &str| Rule::Field {
        object: s("Deployment/default/web"),
        path: s(path),
        equals: s(equals),
    };
    assert!(holds(
        field("spec.template.spec.containers[0].image", "example/web:1.0"),
        &files
    ));
    assert!(holds(field("spec.replicas", "3"), &files));
    assert!(!holds(field("spec.replicas", "4"), &files));
    assert!(!holds(field("spec.paused", "true"), &files));
    assert!(holds(Rule::NoErrors, &files));
    let broken = vec![PackFile {
        name: "bad.yaml".into(),
        text: "kind: [\n".into(),
    }];
    assert!(!holds(Rule::NoErrors, &broken));
}

#[test]
fn progress_counts_the_conditions_that_hold() {
    let goals = [
        GoalState {
            text: s("a"),
            done: true,
        },
        GoalState {
            text: s("b"),
            done: false,
        },
        GoalState {
            text: s("c"),
            done: true,
        },
    ];
    let level = &builtin()[0].levels[0];
    assert_eq!(level.progress(&goals), Progress { fixed: 2, total: 3 });
}

const PACK: &str = "\
id: p
title: P
summary: S
levels:
  - id: one
    title: One
    intro: I
    goal: G
    files:
      - {name: a.yaml, text: \"kind: Pod\"}
    conditions:
      - text: T
        RULE
    solution:
      - {name: a.yaml, text: \"kind: Pod\"}
    learned: L
";

/// The errors of a pack whose one condition has `rule`, as `line:column message`.
#[track_caller]
fn errors(rule: &str) -> Vec<String> {
    match parse_pack("p.yaml", &PACK.replace("RULE", rule)) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|d| format!("{}:{} {}", d.location.line, d.location.column, d.message))
            .collect(),
    }
}

#[test]
fn every_rule_shape_reads() {
    for rule in [
        "no_finding: {check: pod-unmanaged}",
        "no_finding: {check: pod-unmanaged, object: Pod/default/a}",
        "edge: {from: Service/default/a, kind: selects, to_pods_of: Deployment/default/a}",
        "edge: {from: Ingress/default/a, kind: routes, to: Service/default/a}",
        "rollout: {workload: Deployment/default/a, min_available: 2}",
        "rollout: {workload: Deployment/default/a, min_available: 2, fail_new: true}",
        "replicas: {workload: Deployment/default/a, count: 3}",
        "exists: {kind: Namespace}",
        "exists: {kind: Namespace, name: shop}",
        "field: {object: Deployment/default/a, path: spec.replicas, equals: 3}",
        "no_errors: true",
    ] {
        assert_eq!(errors(rule), Vec::<String>::new(), "{rule}");
    }
}

#[test]
fn bad_rules_are_located_and_explained() {
    assert_eq!(
        errors("no_finding: {check: pod-unmanagd}"),
        ["13:29 unknown check `pod-unmanagd`; did you mean `pod-unmanaged`?"]
    );
    assert_eq!(
        errors("no_finding: {check: yaml-keys-sorted}"),
        ["13:29 check `yaml-keys-sorted` is off by default, so a condition on it always holds"]
    );
    assert_eq!(
        errors("edge: {from: Service/default/a, kind: select, to: Pod/default/b}"),
        [
            "13:47 unknown edge kind `select`; expected one of owns, selects, routes, scales, mounts, env, uses"
        ]
    );
    assert_eq!(
        errors("edge: {from: a, kind: owns, to: Pod/default/b}"),
        ["13:22 `a` is not an object id; write `Kind/namespace/name` or `Kind/name`"]
    );
    assert_eq!(
        errors("replicas: {workload: Deployment/default/a, count: -1}"),
        ["13:59 `count` must be a whole number from 0"]
    );
    assert_eq!(
        errors("rollout: {workload: Deployment/default/a, min: 2}"),
        [
            "13:51 unknown key `min` in `rollout`; expected one of workload, min_available, fail_new",
            "13:18 `rollout` has no `min_available`"
        ]
    );
    assert_eq!(
        errors("exits: {kind: Pod}"),
        [
            "13:9 unknown key `exits` in a condition; did you mean `exists`?",
            "12:9 the condition has no rule; add one of no_finding, edge, rollout, replicas, exists, field, no_errors"
        ]
    );
    assert_eq!(
        errors("no_errors: true\n        exists: {kind: Pod}"),
        ["14:9 a condition has exactly one rule"]
    );
}

#[test]
fn bad_packs_are_located() {
    let text = PACK.replace("RULE", "no_errors: true");
    let check = |text: &str, expected: &[&str]| {
        let got: Vec<String> = parse_pack("p.yaml", text)
            .expect_err("a mistake")
            .iter()
            .map(|d| format!("{} {}", d.location, d.message))
            .collect();
        assert_eq!(got, expected);
    };
    check(
        &text.replace("    goal: G\n", ""),
        &["p.yaml:5:5 the level has no `goal`"],
    );
    check(
        &text.replace("    goal: G\n", "    goal: G\n    view: graf\n"),
        &["p.yaml:9:11 unknown view `graf`; expected one of objects, graph, rollout, review"],
    );
    check(
        &text.replace("title: P\n", "title: P\nauthor: me\n"),
        &[
            "p.yaml:3:1 unknown key `author` in the pack; expected one of id, title, summary, levels",
        ],
    );
    check(
        &text.replace("    title: One\n", "    title: [One]\n"),
        &["p.yaml:6:12 `title` must be text (quote it)"],
    );
    check("", &["p.yaml:1:1 the pack is empty"]);
    check(
        &text.replace("  - id: one\n", "  - id: One Level\n"),
        &["p.yaml:5:9 id `One Level` must be kebab-case (a-z, 0-9, -), 1 to 100 characters"],
    );
    check(
        &text.replacen("{name: a.yaml,", "{name: \"\",", 1),
        &["p.yaml:10:16 a file name has 1 to 255 characters"],
    );
    check(
        "id: a\n---\nid: b\n",
        &["p.yaml:3:1 a pack is one YAML document; remove the `---`"],
    );
    check(
        &format!("{text}  - {}", &text[text.find("id: one").unwrap_or(0)..]),
        &["p.yaml:17:5 level id `one` is used twice"],
    );
}

#[test]
fn sizes_are_bounded_before_reading() {
    let huge = "#".repeat(MAX_PACK_BYTES + 1);
    let errors = parse_pack("p.yaml", &huge).expect_err("too large");
    assert!(errors[0].message.contains("at most"), "{:?}", errors[0]);
    let many = format!(
        "id: p\ntitle: P\nsummary: S\nlevels:\n{}",
        "  - {}\n".repeat(MAX_LEVELS + 1)
    );
    let errors = parse_pack("p.yaml", &many).expect_err("too many levels");
    assert_eq!(
        errors[0].message,
        format!(
            "`levels` has {} items; at most {MAX_LEVELS}",
            MAX_LEVELS + 1
        )
    );
}

#[test]
fn odd_text_round_trips() {
    let mut pack = parse_pack("p.yaml", &PACK.replace("RULE", "no_errors: true")).expect("reads");
    let texts = [
        "",
        "one line",
        "two\nlines\n",
        "no final newline\nhere",
        "  indented first\nline\n",
        "blank lines\n\n\nat the end\n\n",
        "trailing spaces  \nand\ttabs\t\n",
        "quotes \" and \\ backslashes: {}, [], #, --- and ...\n---\nkind: Pod\n",
        "control \u{1} \u{7f} and \u{2028} characters\n",
        "yes",
        "123",
        "~",
    ];
    for text in texts {
        pack.levels[0].intro = text.to_owned();
        pack.levels[0].files[0].text = text.to_owned();
        pack.levels[0].hints = vec![text.to_owned()];
        let yaml = to_yaml(&pack);
        assert_eq!(
            parse_pack("p.yaml", &yaml),
            Ok(pack.clone()),
            "{text:?}\n{yaml}"
        );
    }
}

#[test]
fn written_packs_keep_texts_readable() {
    let mut pack = parse_pack("p.yaml", &PACK.replace("RULE", "no_errors: true")).expect("reads");
    pack.levels[0].intro = "First line.\nSecond line.\n".to_owned();
    pack.levels[0].hints = vec!["yes".to_owned(), "Check the `selector`.".to_owned()];
    let yaml = to_yaml(&pack);
    assert!(
        yaml.contains("\n  intro: |\n    First line.\n    Second line.\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("\n  hints:\n  - 'yes'\n  - Check the `selector`.\n"),
        "{yaml}"
    );
    assert_eq!(parse_pack("p.yaml", &yaml), Ok(pack));
}

#[test]
fn rules_describe_themselves() {
    let rule = Rule::Edge {
        from: s("Service/default/web"),
        relation: crate::graph::Relation::Selects,
        to: s("Deployment/default/web"),
        pods: true,
    };
    assert_eq!(
        rule.describe(),
        "Service/default/web selects the pods of Deployment/default/web"
    );
    let rule = Rule::NoFinding {
        check: s("pod-unmanaged"),
        object: Some(s("Pod/default/a")),
    };
    assert_eq!(rule.describe(), "no pod-unmanaged finding on Pod/default/a");
}

#[test]
fn cut_and_mangled_packs_never_panic_and_stay_located() {
    for (name, text) in builtin::SOURCES {
        let lines = text.lines().count() + 1;
        let cuts = (0..text.len())
            .step_by(1009)
            .filter(|&i| text.is_char_boundary(i));
        for cut in cuts {
            for input in [
                text[..cut].to_owned(),
                format!("{}\t{}", &text[..cut], &text[cut..]),
                format!("{}: [{}", &text[..cut], &text[cut..]),
            ] {
                if let Err(errors) = parse_pack(name, &input) {
                    assert!(!errors.is_empty());
                    for d in errors {
                        assert!(
                            d.location.line >= 1 && d.location.line <= lines + 1,
                            "{d:?}"
                        );
                    }
                }
            }
        }
    }
}

/// A level starting from `files`, with `solution` as its solution.
fn level_of(files: Vec<PackFile>, solution: Vec<PackFile>) -> Level {
    Level {
        id: "l".into(),
        kind: LevelKind::Level,
        title: "t".into(),
        intro: "i".into(),
        goal: "g".into(),
        view: None,
        files,
        conditions: vec![],
        hints: vec![],
        solution,
        learned: "l".into(),
    }
}

fn file(name: &str, text: &str) -> PackFile {
    PackFile {
        name: s(name),
        text: s(text),
    }
}

#[test]
fn the_solution_diff_compares_the_students_files_with_the_solved_ones() {
    use crate::text_diff::{FileChange, LineChange};
    let level = level_of(
        vec![web(2, "wbe")[0].clone(), file("extra.yaml", "kept: yes\n")],
        web(2, "web"),
    );
    // The student fixed nothing yet, and added a file of their own.
    let mut current = level.files.clone();
    current.push(file("mine.yaml", "a: 1\n"));
    let diff = level.solution_diff(&current, 1);
    let summary: Vec<_> = diff.iter().map(|f| (f.name.as_str(), f.change)).collect();
    assert_eq!(
        summary,
        vec![
            ("web.yaml", FileChange::Changed),
            ("mine.yaml", FileChange::Removed)
        ]
    );
    let changed: Vec<_> = diff[0].hunks[0]
        .lines
        .iter()
        .map(|l| (l.change, l.text.as_str()))
        .collect();
    assert_eq!(
        changed,
        vec![
            (LineChange::Same, "spec:"),
            (LineChange::Removed, "  selector: {app: wbe}"),
            (LineChange::Added, "  selector: {app: web}"),
            (LineChange::Same, "  ports:"),
        ]
    );
    // A file the student removed comes back whole.
    let diff = level.solution_diff(&current[..1], 3);
    assert_eq!(diff[1].name, "extra.yaml");
    assert_eq!(
        (diff[1].change, diff[1].counts()),
        (FileChange::Added, (0, 1))
    );
    // Once solved, nothing is left to apply.
    assert_eq!(level.solution_diff(&level.solved_files(), 3), vec![]);
}

#[test]
fn offered_conditions_follow_the_findings_edges_and_objects() {
    let files = web(2, "wbe");
    let model = model_of(&files);
    let review = Review::build(&model, &Settings::default());
    let graph = crate::graph::Graph::build(&model, &crate::graph::GraphOptions::default());
    let texts = |model: &Model, review: &Review, graph: &crate::graph::Graph| -> Vec<String> {
        offered_conditions(model, review, graph)
            .into_iter()
            .map(|c| c.text)
            .collect()
    };
    let broken = texts(&model, &review, &graph);
    assert!(
        broken.contains(&s(
            "No service-selects-no-pods finding on Service/default/web"
        )),
        "{broken:?}"
    );
    assert!(broken.contains(&s("A Deployment named web exists")));
    assert_eq!(broken.last(), Some(&s("The manifests read without errors")));
    let selects = s("Service/default/web selects the pods of Deployment/default/web");
    assert!(!broken.contains(&selects), "{broken:?}");

    let files = web(2, "web");
    let model = model_of(&files);
    let review = Review::build(&model, &Settings::default());
    let graph = crate::graph::Graph::build(&model, &crate::graph::GraphOptions::default());
    let fixed = offered_conditions(&model, &review, &graph);
    let edge = fixed
        .iter()
        .find(|c| c.text == selects)
        .unwrap_or_else(|| panic!("{fixed:?}"));
    // Offered once, though the Service selects both pods, and it holds on these files.
    assert_eq!(fixed.iter().filter(|c| c.text == selects).count(), 1);
    assert!(holds(edge.rule.clone(), &files));
    // No edge from or to a pod the cluster would create is offered by its generated name.
    assert!(fixed.iter().all(|c| !c.text.contains("Pod/")), "{fixed:?}");
}
