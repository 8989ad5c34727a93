//! Small text helpers for the UI: counts with their nouns, positions in a textarea (which counts
//! in UTF-16 code units), base64 for Secret values and the apiVersions worth flagging.

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

/// The UTF-16 offsets `(start, end)` of lines `first..=last` (1-based) in `text`, as a
/// textarea's `setSelectionRange` wants them; `end` stops before the last line's line break.
/// Lines past the end of the text are clamped to it.
pub fn line_span_utf16(text: &str, first: usize, last: usize) -> (u32, u32) {
    let last = last.max(first);
    let mut line = 1;
    let mut offset: u32 = 0;
    let mut start = (first <= 1).then_some(0);
    let mut after_cr = false;
    for ch in text.chars() {
        if ch == '\n' {
            if let Some(start) = start.filter(|_| line >= last) {
                let end = if after_cr { offset - 1 } else { offset };
                return (start, end.max(start));
            }
            line += 1;
            if line == first {
                start = Some(offset + 1);
            }
        }
        after_cr = ch == '\r';
        offset += ch.len_utf16() as u32;
    }
    (start.unwrap_or(offset), offset)
}

/// The 1-based line holding the UTF-16 offset `offset` of `text`.
pub fn line_at_utf16(text: &str, offset: u32) -> usize {
    let mut line = 1;
    let mut at: u32 = 0;
    for ch in text.chars() {
        if at >= offset {
            break;
        }
        if ch == '\n' {
            line += 1;
        }
        at += ch.len_utf16() as u32;
    }
    line
}

/// The number of lines of `text` as an editor shows them (an empty text has one line).
pub fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// The line where the document holding an object starts, given the line of its first key:
/// the same line for YAML, the line of the opening brace for JSON written as `{` on a line of
/// its own.
pub fn document_start_line(text: &str, first_key_line: usize) -> usize {
    let lines: Vec<&str> = text
        .lines()
        .take(first_key_line.saturating_sub(1))
        .collect();
    let opening = lines
        .iter()
        .rev()
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

    #[track_caller]
    fn check_span(text: &str, first: usize, last: usize, expected: &str) {
        let (start, end) = line_span_utf16(text, first, last);
        let units: Vec<u16> = text.encode_utf16().collect();
        let got = String::from_utf16(&units[start as usize..end as usize]).unwrap();
        assert_eq!(got, expected);
    }

    #[test]
    fn spans_cover_whole_lines() {
        check_span("a: 1\nb: 2\nc: 3\n", 2, 2, "b: 2");
        check_span("a: 1\nb: 2\nc: 3\n", 1, 2, "a: 1\nb: 2");
        check_span("a: 1\nb: 2\nc: 3", 3, 3, "c: 3");
        check_span("a: 1\r\nb: 2\r\n", 1, 1, "a: 1");
        check_span("a: 1\n", 9, 9, "");
    }

    #[test]
    fn spans_count_utf16_units() {
        // '🦀' is two UTF-16 units; 'é' is one.
        check_span("x: 🦀\ny: é\nz: 1\n", 2, 3, "y: é\nz: 1");
    }

    #[test]
    fn line_at_offset() {
        let text = "x: 🦀\ny: 1\n";
        assert_eq!(line_at_utf16(text, 0), 1);
        assert_eq!(line_at_utf16(text, 5), 1, "end of the first line");
        assert_eq!(line_at_utf16(text, 6), 2, "start of the second line");
    }

    #[test]
    fn document_starts() {
        assert_eq!(
            document_start_line("{\n  \"apiVersion\": \"v1\"\n}\n", 2),
            1
        );
        assert_eq!(document_start_line("# c\napiVersion: v1\n", 2), 2);
        assert_eq!(document_start_line("a: 1\n---\napiVersion: v1\n", 3), 3);
        assert_eq!(document_start_line("{\"apiVersion\": \"v1\"}\n", 1), 1);
    }
}
