//! Small text helpers for the UI: counts with their nouns, where a document starts, base64 for
//! Secret values and the apiVersions worth flagging.

use manifesto_core::LineIndex;

/// `1 file`, `3 files`: a count with its noun, made plural with an `s`.
pub fn plural(n: usize, noun: &str) -> String {
    counted(n, noun, &format!("{noun}s"))
}

/// `1 box`, `3 boxes`: a count with the noun for one and the noun for many.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The line where the document holding an object starts, given the line of its first key:
/// the same line for YAML, the line of the opening brace for JSON written as `{` on a line of
/// its own. `lines` indexes `text`; only the lines just above the key are read.
pub fn document_start_line(text: &str, lines: &LineIndex, first_key_line: usize) -> usize {
    let opening = (1..first_key_line)
        .rev()
        .map_while(|n| lines.line(text, n))
        .take_while(|l| {
            let t = l.trim();
            !t.is_empty() && t.chars().all(|c| c == '{' || c == '[' || c.is_whitespace())
        })
        .count();
    first_key_line - opening
}

/// `text` with every character replaced by a bullet, at most `max` of them.
pub fn masked(text: &str, max: usize) -> String {
    "\u{2022}".repeat(text.chars().count().clamp(1, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_say_one_or_many() {
        assert_eq!(plural(1, "error"), "1 error");
        assert_eq!(plural(0, "error"), "0 errors");
        assert_eq!(plural(3, "file"), "3 files");
        assert_eq!(counted(1, "box", "boxes"), "1 box");
        assert_eq!(counted(2, "box", "boxes"), "2 boxes");
    }

    #[test]
    fn document_starts() {
        let start = |text: &str, line| document_start_line(text, &LineIndex::new(text), line);
        assert_eq!(start("{\n  \"apiVersion\": \"v1\"\n}\n", 2), 1);
        assert_eq!(start("# c\napiVersion: v1\n", 2), 2);
        assert_eq!(start("a: 1\n---\napiVersion: v1\n", 3), 3);
        assert_eq!(start("{\"apiVersion\": \"v1\"}\n", 1), 1);
    }
}
