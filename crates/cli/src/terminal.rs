//! Text for the terminal. Names, messages and source lines come from the user's files and may
//! hold control characters: an ANSI escape (`ESC [`) could recolour, clear or retitle the
//! terminal, a carriage return could overwrite what was printed, a bidi override could reorder
//! it. Every human-readable printer passes its text through [`safe`], which shows such
//! characters as visible escapes (`\x1b`, `\r`, `\u{202e}`) and keeps only line breaks and tabs.

use std::borrow::Cow;

/// `text` with every control character but `\n` and `\t` shown as a visible escape.
pub(crate) fn safe(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// `text` on one line: like [`safe`], and `\n` is shown as `\n` too (for a name in a list).
pub(crate) fn one_line(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn is_dangerous(c: char, newline_too: bool) -> bool {
    match c {
        '\n' => newline_too,
        '\t' => false,
        // Bidirectional overrides and isolates reorder what the terminal shows.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        c => c.is_control(),
    }
}

fn escape(text: &str, newline_too: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_dangerous(c, newline_too)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_dangerous(c, newline_too) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(safe("web\u{1b}[2J\rok\n\tnext"), "web\\x1b[2J\\rok\n\tnext");
        assert_eq!(one_line("a\nb\u{202e}c"), "a\\nb\\u{202e}c");
        assert!(matches!(safe("plain"), Cow::Borrowed("plain")));
    }
}
