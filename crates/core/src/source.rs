//! Source files, positions and diagnostics.

use serde::Serialize;

/// A file as the user gave it: its name (as shown in every location) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The file's name or relative path, e.g. `06-backend-deployment.yaml`.
    pub name: String,
    /// The decoded text, without a byte-order mark.
    pub text: String,
}

impl SourceFile {
    /// A file from text already decoded; a leading byte-order mark is dropped.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text: String = text.into();
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_owned)
            .unwrap_or(text);
        SourceFile {
            name: name.into(),
            text,
        }
    }

    /// A file from raw bytes. Invalid UTF-8 is replaced (so no text is lost around it) and
    /// reported at the line and column of the first bad byte.
    pub fn from_bytes(name: impl Into<String>, bytes: &[u8]) -> (Self, Option<Diagnostic>) {
        let name = name.into();
        match std::str::from_utf8(bytes) {
            Ok(text) => (SourceFile::new(name, text), None),
            Err(err) => {
                let good = &bytes[..err.valid_up_to()];
                let good = String::from_utf8_lossy(good);
                let pos = Pos::at_end_of(&good);
                let diagnostic = Diagnostic::error(
                    Location::new(&name, pos),
                    format!(
                        "the file is not valid UTF-8 text (invalid byte 0x{:02x}); it was read with the bad bytes replaced",
                        bytes[err.valid_up_to()]
                    ),
                );
                let text = String::from_utf8_lossy(bytes).into_owned();
                (SourceFile::new(name, text), Some(diagnostic))
            }
        }
    }

    /// The text of the 1-based line `line`, without its line ending.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        self.text
            .split('\n')
            .nth(line.checked_sub(1)?)
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
    }
}

/// Where each line of a text starts, so that a line is found without scanning the text from its
/// start: build it once per file when many lines of it are shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineIndex {
    /// The byte offset of each line's first character.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The text of the 1-based line `line` of `text` (the text this index was built from),
    /// without its line ending; the same as [`SourceFile::line_text`].
    pub fn line<'a>(&self, text: &'a str, line: usize) -> Option<&'a str> {
        let i = line.checked_sub(1)?;
        let start = *self.starts.get(i)?;
        let end = self
            .starts
            .get(i + 1)
            .map_or(text.len(), |next| next.saturating_sub(1));
        let l = text.get(start..end)?;
        Some(l.strip_suffix('\r').unwrap_or(l))
    }
}

/// A position in a file: 1-based line and 1-based column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Pos {
    /// A position from a 1-based line and column.
    pub const fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }

    /// The position just after the end of `text`.
    pub fn at_end_of(text: &str) -> Self {
        let line = text.matches('\n').count() + 1;
        let last = text.rsplit('\n').next().unwrap_or("");
        Pos::new(line, last.chars().count() + 1)
    }
}

/// A position in a named file: what every finding and diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// The file's name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl Location {
    /// A location in `file` at `pos`.
    pub fn new(file: &str, pos: Pos) -> Self {
        Location {
            file: file.to_owned(),
            line: pos.line,
            column: pos.column,
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input could not be read as written; what it describes is missing or incomplete.
    Error,
    /// The input was read, but something in it is likely a mistake.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A problem found while reading the input, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where the problem is.
    #[serde(flatten)]
    pub location: Location,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            message: message.into(),
        }
    }

    /// Renders the diagnostic rustc-style, with the source line and a caret under the column.
    pub fn render(&self, file: Option<&SourceFile>) -> String {
        self.render_line(file.and_then(|f| f.line_text(self.location.line)))
    }

    /// Renders the diagnostic like [`Diagnostic::render`], given the text of its line (found, for
    /// example, through a [`LineIndex`]).
    pub fn render_line(&self, line: Option<&str>) -> String {
        let mut out = format!(
            "{}: {}\n  --> {}\n",
            self.severity.as_str(),
            self.message,
            self.location
        );
        if let Some(text) = line {
            let gutter = self.location.line.to_string();
            let pad = " ".repeat(gutter.len());
            let caret = " ".repeat(self.location.column.saturating_sub(1));
            out.push_str(&format!("{pad} |\n{gutter} | {text}\n{pad} | {caret}^\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located_and_kept() {
        let (file, diag) = SourceFile::from_bytes("a.yaml", b"kind: Pod\nname: \xff\xfeoops\n");
        let diag = diag.expect("a diagnostic");
        assert_eq!((diag.location.line, diag.location.column), (2, 7));
        assert!(file.text.contains("oops"));
    }

    #[test]
    fn line_index_finds_the_same_lines_as_a_scan() {
        let text = "a: 1\r\nb: 2\n\nlast";
        let file = SourceFile::new("a.yaml", text);
        let index = LineIndex::new(text);
        for line in 0..=6 {
            assert_eq!(index.line(text, line), file.line_text(line), "line {line}");
        }
        assert_eq!(index.line(text, 1), Some("a: 1"));
        assert_eq!(index.line(text, 4), Some("last"));
        let ends_with_newline = "x\n";
        assert_eq!(
            LineIndex::new(ends_with_newline).line(ends_with_newline, 2),
            Some("")
        );
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(SourceFile::new("a", "\u{feff}kind: Pod").text, "kind: Pod");
    }

    #[test]
    fn render_points_at_the_column() {
        let file = SourceFile::new("a.yaml", "a: 1\nb: [\n");
        let d = Diagnostic::error(Location::new("a.yaml", Pos::new(2, 4)), "unclosed");
        assert_eq!(
            d.render(Some(&file)),
            "error: unclosed\n  --> a.yaml:2:4\n  |\n2 | b: [\n  |    ^\n"
        );
    }
}
