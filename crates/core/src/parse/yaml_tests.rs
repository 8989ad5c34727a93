//! Tests of the YAML reader: positions, documents, scalars, and hostile input.

use super::*;

fn docs(text: &str) -> Vec<Result<Node, SyntaxError>> {
    read_documents(text).into_iter().map(|d| d.result).collect()
}

#[test]
fn positions_are_one_based_lines_and_columns() {
    let d = docs("# c\nkind: Pod\nmetadata:\n  name: web\nlist:\n  - a\n  - b: 1\n");
    let root = d[0].as_ref().unwrap();
    assert_eq!(root.pos, Pos::new(2, 1));
    let (pos, found) = root.locate(&crate::parse::tree::parse_path("metadata.name"));
    assert!(found);
    assert_eq!(pos, Pos::new(4, 3));
    assert_eq!(
        root.get(&crate::parse::tree::parse_path("list[1]"))
            .unwrap()
            .pos,
        Pos::new(7, 5)
    );
}

#[test]
fn a_bad_document_does_not_hide_its_neighbours() {
    let d = docs("a: 1\n---\nb: [1,\n---\nc: 3\n");
    assert_eq!(d.len(), 3);
    assert!(d[0].is_ok() && d[2].is_ok());
    let err = d[1].as_ref().unwrap_err();
    assert!(err.pos.line >= 3, "{err:?}");
    assert_eq!(d[2].as_ref().unwrap().pos, Pos::new(5, 1));
}

#[test]
fn empty_documents_and_comments_are_skipped() {
    assert_eq!(
        docs("---\n# only a comment\n---\n\n---\na: 1\n---\n").len(),
        1
    );
}

#[test]
fn json_then_yaml_documents_stay_whole() {
    let d = docs("{\"a\": 1}\n---\nmetadata: {name: big, namespace: x}\nkind: Pod\n");
    assert_eq!(d.len(), 2);
    let v = d[1].as_ref().unwrap().to_json();
    assert_eq!(v["metadata"]["name"], "big");
    assert_eq!(v["kind"], "Pod");
}

#[test]
fn a_flow_mapping_starts_at_its_brace() {
    let d = docs("{\n  \"a\": 1\n}\n");
    assert_eq!(d[0].as_ref().unwrap().pos, Pos::new(1, 1));
    let d = docs("x: 1\ny: {a: 1}\n");
    assert_eq!(d[0].as_ref().unwrap().pos, Pos::new(1, 1));
}

#[test]
fn crlf_lines_keep_their_numbers() {
    let d = docs("a: 1\r\n---\r\nb:\r\n  c: 2\r\n");
    let (pos, _) = d[1]
        .as_ref()
        .unwrap()
        .locate(&crate::parse::tree::parse_path("b.c"));
    assert_eq!(pos, Pos::new(4, 3));
}

#[test]
fn several_json_objects_in_one_file() {
    let d = docs("{\"a\": 1}\n  {\"b\": {\"c\": [1, 2]}}\n");
    assert_eq!(d.len(), 2);
    let (pos, found) = d[1]
        .as_ref()
        .unwrap()
        .locate(&crate::parse::tree::parse_path("b.c"));
    assert!(found);
    assert_eq!(pos, Pos::new(2, 10));
}

#[test]
fn scalars_resolve_like_kubernetes() {
    let d = docs("a: 0644\nb: yes\nc: \"5\"\nd: 1.5\ne: ~\nf: 12Mi\n");
    let v = d[0].as_ref().unwrap().to_json();
    assert_eq!(
        v,
        serde_json::json!({"a": 420, "b": true, "c": "5", "d": 1.5, "e": null, "f": "12Mi"})
    );
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = i - 1;
        text.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    let d = docs(&text);
    assert!(d[0].as_ref().unwrap_err().message.contains("alias"));
}

#[test]
fn absurd_nesting_is_refused() {
    let text = format!("a: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    let err = docs(&text).remove(0).unwrap_err();
    assert!(err.message.contains("nest"), "{err:?}");
}

#[test]
fn merge_keys_fill_in_missing_entries() {
    let d = docs("base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  y: 3\n");
    let v = d[0].as_ref().unwrap().to_json();
    assert_eq!(v["thing"], serde_json::json!({"y": 3, "x": 1}));
}

/// Runs `f` on a thread with a 1 MiB stack, about what a wasm page has, and returns its result.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("a thread")
        .join()
        .expect("no stack overflow or panic")
}

/// A ConfigMap whose `chain` holds `anchors` anchors, each wrapping the previous alias in
/// `brackets` flow sequences.
fn alias_chain(anchors: usize, brackets: usize) -> String {
    let mut text =
        String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: chain\nchain:\n");
    for i in 0..anchors {
        let inner = if i == 0 {
            "x".to_owned()
        } else {
            format!("*a{}", i - 1)
        };
        let (open, close) = ("[".repeat(brackets), "]".repeat(brackets));
        text.push_str(&format!("  a{i}: &a{i} {open}{inner}{close}\n"));
    }
    text
}

/// Everything that walks a tree: the model (to_json, typed reading), every check (the key-order
/// walk included), the graph, the review and its exports.
fn whole_pipeline(text: String) -> Vec<String> {
    use crate::checks::{self, Context, Settings};
    let model = crate::Model::from_files(vec![crate::SourceFile::new("a.yaml", text)]);
    let settings = Settings {
        enabled: checks::ALL.iter().map(|c| c.id.to_owned()).collect(),
        ..Settings::default()
    };
    let findings = checks::run(&Context::new(&model, &settings));
    let review = crate::report::Review::from_findings(&model, &settings, findings);
    let _ = (review.to_markdown(), review.to_json(), review.to_sarif());
    let graph = crate::graph::Graph::build(&model, &crate::graph::GraphOptions::default());
    let _ = crate::graph::to_dot(&graph);
    let _ = model.clone();
    model
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.location, d.message))
        .collect()
}

#[test]
fn alias_chains_deeper_than_the_limit_are_refused_on_a_wasm_sized_stack() {
    // The reproducers of the report: 14 anchors (5.6 KB) and 110 anchors (43 KB), each wrapping
    // the previous alias in 190 `[`.
    for anchors in [14, 110] {
        let text = alias_chain(anchors, 190);
        let messages = on_small_stack(move || whole_pipeline(text));
        assert!(
            messages.iter().any(|m| m.contains("nest deeper than")),
            "{anchors}: {messages:?}"
        );
    }
    // Each anchor nests 100 levels, under the limit; only the expanded chain is too deep.
    let text = alias_chain(14, 100);
    let err = docs(&text).remove(0).unwrap_err();
    assert!(
        err.message.contains("alias makes values nest deeper"),
        "{err:?}"
    );
    assert_eq!(
        err.pos.line, 7,
        "the first alias that nests too deeply: {err:?}"
    );
}

#[test]
fn a_tree_as_deep_as_allowed_survives_every_walker_on_a_wasm_sized_stack() {
    // Two aliases expand to exactly MAX_DEPTH levels: the deepest tree that reaches the walkers.
    let half = (MAX_DEPTH - 3) / 2;
    let text = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  a: &a {}x{}\n  b: {}*a{}\n",
        "[".repeat(half),
        "]".repeat(half),
        "[".repeat(MAX_DEPTH - 2 - half),
        "]".repeat(MAX_DEPTH - 2 - half),
    );
    assert!(docs(&text)[0].is_ok(), "{:?}", docs(&text)[0]);
    let messages = on_small_stack(move || whole_pipeline(text));
    assert!(!messages.iter().any(|m| m.contains("nest")), "{messages:?}");
}

#[test]
fn nested_anchor_wrappers_are_refused_before_they_are_copied() {
    // About 1 KB: an exponential alias bomb whose last level is wrapped in 60 nested anchors, each
    // of which copies everything inside it.
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x]\n");
    for i in 1..6 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let wrappers: String = (0..60).map(|i| format!("&w{i} [")).collect();
    text.push_str(&format!("w: {wrappers}*a5{}\n", "]".repeat(60)));
    assert!(text.len() < 1200, "{}", text.len());
    let err = docs(&text).remove(0).unwrap_err();
    assert!(err.message.contains("copy more than"), "{err:?}");
}

#[test]
fn merge_keys_behind_many_aliases_stay_linear_and_bounded() {
    // 20,000 keys merged through 20 aliases: 400,000 copied values, within the budget.
    let keys: Vec<String> = (0..20_000).map(|i| format!("k{i}: {i}")).collect();
    let mut text = format!("base: &b {{{}}}\n", keys.join(", "));
    for i in 0..20 {
        text.push_str(&format!("m{i}: {{<<: *b, own: {i}}}\n"));
    }
    let v = docs(&text).remove(0).unwrap().to_json();
    assert_eq!(v["m19"]["k19999"], 19_999);
    assert_eq!(v["m3"]["own"], 3);
    // Three times as many aliases are refused with a located message.
    for i in 20..60 {
        text.push_str(&format!("m{i}: {{<<: *b}}\n"));
    }
    let err = docs(&text).remove(0).unwrap_err();
    assert!(err.message.contains("alias bomb"), "{err:?}");
    assert!(err.pos.line > 2, "{err:?}");
}

#[test]
fn json_objects_on_one_line_keep_their_columns() {
    let line: String = (0..5_000)
        .map(|i| format!("{{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {{\"name\": \"c{i}\"}}}}"))
        .collect();
    let d = docs(&line);
    assert_eq!(d.len(), 5_000);
    let last = d[4_999].as_ref().unwrap();
    let start = line.rfind("{\"apiVersion\"").unwrap();
    assert_eq!(last.pos, Pos::new(1, start + 1));
    let (pos, found) = last.locate(&crate::parse::tree::parse_path("metadata.name"));
    assert!(found);
    assert_eq!(&line[pos.column - 1..pos.column + 5], "\"name\"");
}

#[test]
fn duplicate_keys_are_reported_at_the_second_key_and_reading_goes_on() {
    let text = "kind: Pod\nspec:\n  securityContext:\n    privileged: false\n    privileged: true\n---\nb: 1\n";
    let read = read_documents(text);
    assert_eq!(read.len(), 2);
    assert_eq!(read[0].problems.len(), 1);
    assert_eq!(read[0].problems[0].pos, Pos::new(5, 5));
    assert!(
        read[0].problems[0].message.contains("line 4"),
        "{:?}",
        read[0].problems
    );
    let v = read[0].result.as_ref().unwrap().to_json();
    assert_eq!(v["spec"]["securityContext"]["privileged"], true);
    assert!(read[1].problems.is_empty());
    // Keys a merge brings in are not written twice.
    let merged = read_documents("base: &b {x: 1}\nthing: {<<: *b, x: 2}\n");
    assert!(merged[0].problems.is_empty());
}

#[test]
fn a_lone_carriage_return_is_a_line_break_everywhere() {
    let text = "a: 1\rb:\r  c: [\r";
    let err = docs(text).remove(0).unwrap_err();
    let file = crate::SourceFile::new("a.yaml", text);
    assert!(err.pos.line <= 3, "{err:?}");
    assert!(file.line_text(err.pos.line).is_some(), "{err:?}");
    let d = docs("a: 1\rb:\r  c: 2\r");
    let (pos, _) = d[0]
        .as_ref()
        .unwrap()
        .locate(&crate::parse::tree::parse_path("b.c"));
    assert_eq!(pos, Pos::new(3, 3));
    assert_eq!(file.line_text(3), Some("  c: ["));
}

#[test]
fn a_null_item_at_the_end_of_a_file_without_newline_is_on_the_last_line() {
    for (text, path) in [
        ("items:\n- a\n-", "items[1]"),
        ("a: 1\nb:", "b"),
        ("- a\n- ", "[1]"),
    ] {
        let root = docs(text).remove(0).unwrap();
        let node = root
            .get(&crate::parse::tree::parse_path(path))
            .expect("the null item");
        assert_eq!(node.value, Value::Null);
        let lines = text.lines().count();
        assert_eq!(node.pos.line, lines, "{text:?}: {:?}", node.pos);
    }
}

#[test]
fn numbers_read_as_kubectl_reads_them() {
    // kubectl reads YAML with go-yaml v2 (YAML 1.1): it drops underscores, then parses with Go's
    // `strconv.ParseInt(s, 0, 64)`, which accepts `0o`, `0x` and `0b` prefixes and a leading `0`
    // for octal. So `0o644` and `0644` are both 420, and `1_000` is 1000.
    let d = docs("a: 0o644\nb: 1_000\nc: 0644\nd: 0x1F\ne: 0b101\nf: -1_0\ng: _1\n");
    let v = d[0].as_ref().unwrap().to_json();
    assert_eq!(v["a"], 420);
    assert_eq!(v["b"], 1000);
    assert_eq!(v["c"], 420);
    assert_eq!(v["d"], 31);
    assert_eq!(v["e"], 5);
    assert_eq!(v["f"], -10);
    assert_eq!(v["g"], "_1");
}
