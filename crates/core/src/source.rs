//! Source files, positions and diagnostics.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

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
                    Location::new(name.as_str(), pos),
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
        lines_inclusive(&self.text)
            .nth(line.checked_sub(1)?)
            .map(|l| l.trim_end_matches(['\n', '\r']))
    }
}

impl SourceFile {
    /// Whether the 1-based `line` belongs to a document of kind `Secret` (read from the text
    /// alone, so that it holds for documents that could not be parsed too).
    pub fn in_secret(&self, line: usize) -> bool {
        LineIndex::new(&self.text).in_secret(line)
    }
}

/// Where each line of a text starts and whether it belongs to a Secret, so that many lines of a
/// file are shown without scanning the text from its start for each: build it once per file.
///
/// Lines end as they do for YAML and [`lines_inclusive`]: at `\r\n`, `\n` or a lone `\r`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineIndex {
    /// The byte offset of each line's first character.
    starts: Vec<usize>,
    /// Whether each line belongs to a document of kind `Secret`.
    secret: Vec<bool>,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Self {
        let mut index = LineIndex::default();
        let (mut offset, mut doc_start, mut doc_secret) = (0, 0, false);
        for l in lines_inclusive(text) {
            let bare = l.trim_end_matches(['\n', '\r']);
            if bare == "---" || bare.starts_with("--- ") {
                index.secret[doc_start..].fill(doc_secret);
                (doc_start, doc_secret) = (index.starts.len(), false);
            }
            doc_secret |= declares_secret(bare);
            index.starts.push(offset);
            index.secret.push(false);
            offset += l.len();
        }
        index.secret[doc_start..].fill(doc_secret);
        index
    }

    /// The text of the 1-based line `line` of `text` (the text this index was built from),
    /// without its line ending; the same as [`SourceFile::line_text`].
    pub fn line<'a>(&self, text: &'a str, line: usize) -> Option<&'a str> {
        let i = line.checked_sub(1)?;
        let start = *self.starts.get(i)?;
        let end = self.starts.get(i + 1).copied().unwrap_or(text.len());
        Some(text.get(start..end)?.trim_end_matches(['\n', '\r']))
    }

    /// The byte offset in `text` (the text this index was built from) of `pos`; a column past
    /// the end of its line gives the line's end, a line past the end of the text `None`.
    pub fn offset(&self, text: &str, pos: Pos) -> Option<usize> {
        let line = self.line(text, pos.line)?;
        let start = self.starts[pos.line - 1];
        let skip = pos.column.checked_sub(1)?;
        Some(start + line.char_indices().nth(skip).map_or(line.len(), |(i, _)| i))
    }

    /// The byte range of the 1-based `line` of `text`, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let shown = self.line(text, line)?;
        let start = self.starts[line - 1];
        Some(start..start + shown.len())
    }

    /// The 1-based line holding the byte offset `at` (the last line for an offset past the end).
    pub fn line_at(&self, at: usize) -> usize {
        self.starts.partition_point(|&start| start <= at).max(1)
    }

    /// How many lines the text has.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the text has no line at all (it is empty).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Whether the 1-based `line` belongs to a document of kind `Secret`.
    pub fn in_secret(&self, line: usize) -> bool {
        line.checked_sub(1)
            .and_then(|i| self.secret.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// The line as a diagnostic may show it: a Secret's values masked.
    pub fn snippet(&self, text: &str, line: usize) -> Option<String> {
        let shown = self.line(text, line)?;
        Some(if self.in_secret(line) {
            mask_secret_line(shown)
        } else {
            shown.to_owned()
        })
    }
}

/// Whether a line says `kind: Secret` (YAML or JSON).
fn declares_secret(line: &str) -> bool {
    if !line.contains("Secret") {
        return false;
    }
    let squeezed: String = line
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
        .collect();
    squeezed.starts_with("kind:Secret") && !squeezed.starts_with("kind:SecretP")
        || squeezed.contains("kind:Secret,")
        || squeezed.contains("kind:Secret}")
        || squeezed.ends_with("kind:Secret")
}

/// The keys of a Secret whose values are not secret.
const SECRET_PLAIN_KEYS: &[&str] = &[
    "apiVersion",
    "kind",
    "metadata",
    "name",
    "namespace",
    "type",
    "data",
    "stringData",
    "immutable",
    "labels",
    "annotations",
];

/// A line of a Secret with its value masked: `password: ••••••••`. Only the structural keys
/// (`kind`, `metadata`, `name`, `data`…) keep their values; a line without a key is masked whole.
pub fn mask_secret_line(line: &str) -> String {
    const MASK: &str = "••••••••";
    let indent = line.len() - line.trim_start().len();
    let body = line[indent..].trim_start_matches("- ");
    let lead = &line[..line.len() - body.len()];
    match body.find(':') {
        Some(colon) => {
            let key =
                body[..colon].trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
            let value = body[colon + 1..].trim();
            if value.is_empty() || SECRET_PLAIN_KEYS.contains(&key) && !value.starts_with('{') {
                line.to_owned()
            } else {
                format!("{lead}{}: {MASK}", &body[..colon])
            }
        }
        None if body.trim().is_empty() => line.to_owned(),
        None => format!("{lead}{MASK}"),
    }
}

/// The lines of `text`, each with its line break: `\r\n`, `\n` and a lone `\r` each end a line,
/// as they do for YAML, so that every line number the parser reports is a line of this iterator.
pub fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        // Bytes, not characters: both breaks are ASCII, and this runs over every line of a file.
        let end = match rest.bytes().position(|b| b == b'\n' || b == b'\r') {
            Some(i) if rest[i..].starts_with("\r\n") => i + 2,
            Some(i) => i + 1,
            None => rest.len(),
        };
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
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
        let mut line = 1;
        let mut last = text;
        for l in lines_inclusive(text) {
            if l.ends_with(['\n', '\r']) {
                line += 1;
                last = "";
            } else {
                last = l;
            }
        }
        Pos::new(line, last.chars().count() + 1)
    }
}

/// A position in a named file: what every finding and diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    /// The file's name (shared with its object's, so locating costs no copy of it).
    pub file: Arc<str>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl Location {
    /// A location in `file` at `pos`.
    pub fn new(file: impl Into<Arc<str>>, pos: Pos) -> Self {
        Location {
            file: file.into(),
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
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Severity {
    /// The input could not be read as written; what it describes is missing or incomplete.
    Error,
    /// The input was read, but something in it is likely a mistake.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A problem found while reading the input, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        let snippet =
            file.and_then(|f| LineIndex::new(&f.text).snippet(&f.text, self.location.line));
        self.render_line(snippet.as_deref())
    }

    /// Renders the diagnostic like [`Diagnostic::render`], given the line to show as
    /// [`LineIndex::snippet`] gives it (Secret values already masked).
    pub fn render_line(&self, snippet: Option<&str>) -> String {
        let mut out = format!(
            "{}: {}\n  --> {}\n",
            self.severity.as_str(),
            self.message,
            self.location
        );
        out.push_str(&self.snippet(snippet));
        out
    }

    /// The caret snippet under the header, or nothing without a line to show.
    fn snippet(&self, line: Option<&str>) -> String {
        self.excerpt(line).map(|e| e + "\n").unwrap_or_default()
    }

    /// The source line under the diagnostic with a caret under its column, rustc-style, from the
    /// line as [`LineIndex::snippet`] gives it (Secret values already masked).
    pub fn excerpt(&self, line: Option<&str>) -> Option<String> {
        let text = line?;
        let gutter = self.location.line.to_string();
        let pad = " ".repeat(gutter.len());
        let caret = " ".repeat(self.location.column.saturating_sub(1));
        Some(format!("{pad} |\n{gutter} | {text}\n{pad} | {caret}^"))
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

    #[test]
    fn line_index_finds_the_same_lines_as_a_scan() {
        let text = "a: 1\r\nb: 2\n\nlone\rlast";
        let file = SourceFile::new("a.yaml", text);
        let index = LineIndex::new(text);
        for line in 0..=7 {
            assert_eq!(index.line(text, line), file.line_text(line), "line {line}");
        }
        assert_eq!(index.line(text, 1), Some("a: 1"));
        assert_eq!(index.line(text, 5), Some("last"));
    }

    #[test]
    fn secret_values_are_masked_in_snippets_even_in_broken_documents() {
        let text = "kind: ConfigMap\ndata:\n  a: [\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter2-plaintext!\n  token: [oops\n  cert: |\n    hunter3-block\n";
        let file = SourceFile::new("a.yaml", text);
        for line in [10, 11, 13] {
            let d = Diagnostic::error(Location::new("a.yaml", Pos::new(line, 3)), "bad");
            let shown = d.render(Some(&file));
            assert!(!shown.contains("hunter"), "{shown}");
            assert!(!shown.contains("oops"), "{shown}");
            assert!(shown.contains("••••"), "{shown}");
        }
        let d = Diagnostic::error(Location::new("a.yaml", Pos::new(8, 3)), "bad");
        assert!(d.render(Some(&file)).contains("name: db"));
        // The ConfigMap before it is shown as written.
        let d = Diagnostic::error(Location::new("a.yaml", Pos::new(3, 3)), "bad");
        assert!(d.render(Some(&file)).contains("a: ["));
        let json = SourceFile::new(
            "s.json",
            "{\"kind\": \"Secret\", \"data\": {\"p\": \"aHVudGVy\"}}",
        );
        let d = Diagnostic::error(Location::new("s.json", Pos::new(1, 1)), "bad");
        assert!(!d.render(Some(&json)).contains("aHVudGVy"));
    }
}
