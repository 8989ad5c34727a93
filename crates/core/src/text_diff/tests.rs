//! Unit tests of the line diff.

use super::*;

/// The hunks as a unified diff would print them: `@@ -old +new @@`, then each line with ` `,
/// `-` or `+`.
fn render(hunks: &[Hunk]) -> String {
    let mut out = String::new();
    for hunk in hunks {
        out.push_str(&format!("@@ -{} +{} @@\n", hunk.old_start, hunk.new_start));
        for line in &hunk.lines {
            let sign = match line.change {
                LineChange::Same => ' ',
                LineChange::Removed => '-',
                LineChange::Added => '+',
            };
            out.push(sign);
            out.push_str(&line.text);
            if !line.newline {
                out.push_str(" (no newline)");
            }
            out.push('\n');
        }
    }
    out
}

#[track_caller]
fn check(old: &str, new: &str, context: usize, expected: &str) {
    assert_eq!(render(&diff_hunks(old, new, context)), expected);
}

#[test]
fn equal_texts_have_no_hunk() {
    check("a\nb\n", "a\nb\n", 3, "");
    check("", "", 3, "");
}

#[test]
fn one_changed_line_shows_with_its_context() {
    let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    check(old, new, 2, "@@ -3 +3 @@\n 3\n 4\n-5\n+five\n 6\n 7\n");
    check(old, new, 0, "@@ -5 +5 @@\n-5\n+five\n");
}

#[test]
fn distant_changes_make_two_hunks_and_close_ones_share_one() {
    let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
    check(
        old,
        "A\nb\nc\nd\ne\nf\ng\nH\n",
        1,
        "@@ -1 +1 @@\n-a\n+A\n b\n@@ -7 +7 @@\n g\n-h\n+H\n",
    );
    check(
        old,
        "a\nB\nc\nD\ne\nf\ng\nh\n",
        1,
        "@@ -1 +1 @@\n a\n-b\n+B\n c\n-d\n+D\n e\n",
    );
}

#[test]
fn insertions_and_deletions_keep_the_common_lines() {
    check(
        "kind: Service\nspec:\n  selector: {app: wbe}\n  ports: []\n",
        "kind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n",
        3,
        "@@ -1 +1 @@\n kind: Service\n+metadata: {name: web}\n spec:\n-  selector: {app: wbe}\n-  ports: []\n+  selector: {app: web}\n",
    );
}

#[test]
fn line_numbers_count_in_each_text() {
    let lines = diff_lines("a\nb\nc\n", "a\nx\ny\nc\n");
    let numbers: Vec<_> = lines.iter().map(|l| (l.change, l.old, l.new)).collect();
    assert_eq!(
        numbers,
        vec![
            (LineChange::Same, Some(1), Some(1)),
            (LineChange::Removed, Some(2), None),
            (LineChange::Added, None, Some(2)),
            (LineChange::Added, None, Some(3)),
            (LineChange::Same, Some(3), Some(4)),
        ]
    );
}

#[test]
fn a_missing_final_newline_is_a_change() {
    check(
        "a\nb",
        "a\nb\n",
        1,
        "@@ -1 +1 @@\n a\n-b (no newline)\n+b\n",
    );
    check("a\r\nb\r\n", "a\r\nc\r\n", 0, "@@ -2 +2 @@\n-b\n+c\n");
}

#[test]
fn an_empty_side_is_all_added_or_all_removed() {
    check("", "a\nb\n", 3, "@@ -1 +1 @@\n+a\n+b\n");
    check("a\n", "", 3, "@@ -1 +1 @@\n-a\n");
}

#[test]
fn a_middle_too_large_to_compare_is_replaced_whole() {
    // Two texts of 3,000 distinct lines each: 9,000,000 pairs, over the bound.
    let old: String = (0..3000).map(|i| format!("old {i}\n")).collect();
    let new: String = (0..3000).map(|i| format!("new {i}\n")).collect();
    let lines = diff_lines(&format!("head\n{old}tail\n"), &format!("head\n{new}tail\n"));
    assert_eq!(lines.len(), 6002);
    assert_eq!(lines[0].change, LineChange::Same);
    assert!(
        lines[1..3001]
            .iter()
            .all(|l| l.change == LineChange::Removed)
    );
    assert!(
        lines[3001..6001]
            .iter()
            .all(|l| l.change == LineChange::Added)
    );
    assert_eq!(lines[6001].text, "tail");
}

#[test]
fn files_added_removed_and_changed_are_named() {
    let old = [
        ("a.yaml", "x\n"),
        ("gone.yaml", "g\n"),
        ("same.yaml", "s\n"),
    ];
    let new = [("a.yaml", "y\n"), ("same.yaml", "s\n"), ("new.yaml", "n\n")];
    let files = diff_files(&old, &new, 3);
    let summary: Vec<_> = files
        .iter()
        .map(|f| (f.name.as_str(), f.change, f.counts()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("a.yaml", FileChange::Changed, (1, 1)),
            ("new.yaml", FileChange::Added, (0, 1)),
            ("gone.yaml", FileChange::Removed, (1, 0)),
        ]
    );
}
