//! Markdown read into a few plain blocks (headings, paragraphs, lists, code blocks) and inline
//! runs (text, code, emphasis, strong, links), for a front end to draw without ever writing HTML
//! text. Read with pulldown-cmark (CommonMark).
//!
//! The texts may come from anyone (a lesson pack from a link), so reading is safe by
//! construction: raw HTML is kept as text, images as their text, links only to web (`http:`,
//! `https:`) or relative addresses, and nesting is bounded.
//!
//! ```
//! use manifesto_core::markdown::{self, Block, Inline};
//!
//! let blocks = markdown::parse("Pin a **version**.");
//! assert_eq!(
//!     blocks,
//!     [Block::Paragraph(vec![
//!         Inline::Text("Pin a ".into()),
//!         Inline::Strong(vec![Inline::Text("version".into())]),
//!         Inline::Text(".".into()),
//!     ])]
//! );
//! ```

use std::iter::Peekable;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// Lists in lists, and emphasis in emphasis, deeper than this are read flat: the inner items'
/// blocks follow one another, the inner runs join their parent's.
const MAX_DEPTH: usize = 8;

/// A block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading: its level (1 for `#` to 6) and its runs.
    Heading(u8, Vec<Inline>),
    /// A paragraph: its lines joined by spaces.
    Paragraph(Vec<Inline>),
    /// A list.
    List {
        /// The first item's number for a numbered list (`1.`), `None` for bullets.
        start: Option<u64>,
        /// Whether no blank line separates the items: their paragraphs are shown without
        /// paragraph spacing.
        tight: bool,
        /// Each item's blocks.
        items: Vec<Vec<Block>>,
    },
    /// A code block: its language (the first word after the fence, possibly empty) and text.
    Code(String, String),
}

/// A run of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text (raw HTML included, as text).
    Text(String),
    /// `` `code` ``.
    Code(String),
    /// `*emphasis*`.
    Emphasis(Vec<Inline>),
    /// `**strong**`.
    Strong(Vec<Inline>),
    /// `[text](url)` to a web or relative address (see [`safe_link`]).
    Link(Vec<Inline>, String),
}

/// Reads `text` as Markdown.
pub fn parse(text: &str) -> Vec<Block> {
    let mut reader = Reader {
        events: Parser::new(text).peekable(),
    };
    reader.blocks(0).0
}

/// `url` when a page may link to it: a web address (`http:`, `https:`) or a relative one
/// (`other.html`, `#part`). Other schemes (`javascript:`, `data:`) are refused, and so is any
/// address with a space or control character, which browsers drop before reading the scheme.
pub fn safe_link(url: &str) -> Option<&str> {
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(url);
    }
    // A scheme is whatever comes before a colon that no `/`, `?` or `#` precedes.
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end.map(|at| url.as_bytes()[at]) {
        Some(b':') => None,
        _ => Some(url),
    }
}

struct Reader<'a> {
    events: Peekable<Parser<'a>>,
}

impl Reader<'_> {
    /// Reads blocks up to the end of the list item being read (or of the text), and says whether
    /// they had no explicit paragraph (a tight list item's text comes bare).
    fn blocks(&mut self, depth: usize) -> (Vec<Block>, bool) {
        let mut out = Vec::new();
        let mut tight = true;
        // Items of lists read flat, not yet closed.
        let mut flat_items = 0usize;
        loop {
            if self.next_is_inline() {
                let runs = self.inlines(true, depth);
                if !runs.is_empty() {
                    out.push(Block::Paragraph(runs));
                }
                continue;
            }
            let Some(event) = self.events.next() else {
                break;
            };
            match event {
                Event::Start(Tag::Paragraph) => {
                    tight = false;
                    out.push(Block::Paragraph(self.inlines(false, depth)));
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    out.push(Block::Heading(level as u8, self.inlines(false, depth)));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or("").to_owned()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    out.push(Block::Code(lang, self.text()));
                }
                Event::Start(Tag::HtmlBlock) => {
                    let html = self.text();
                    out.push(Block::Paragraph(vec![Inline::Text(
                        html.trim_end().to_owned(),
                    )]));
                }
                Event::Start(Tag::List(start)) if depth < MAX_DEPTH => {
                    out.push(self.list(start, depth + 1));
                }
                Event::Start(Tag::Item) => flat_items += 1,
                Event::End(TagEnd::Item) if flat_items > 0 => flat_items -= 1,
                Event::End(TagEnd::Item) => break,
                // Quotes, rules, deep lists' starts and ends: their content reads in place.
                _ => {}
            }
        }
        (out, tight)
    }

    /// Reads a list's items, its start event read.
    fn list(&mut self, start: Option<u64>, depth: usize) -> Block {
        let mut items = Vec::new();
        let mut tight = true;
        while let Some(event) = self.events.next() {
            match event {
                Event::Start(Tag::Item) => {
                    let (blocks, bare) = self.blocks(depth);
                    tight &= bare;
                    items.push(blocks);
                }
                Event::End(TagEnd::List(_)) => break,
                _ => {}
            }
        }
        Block::List {
            start,
            tight,
            items,
        }
    }

    /// Whether the next event belongs in a paragraph.
    fn next_is_inline(&mut self) -> bool {
        matches!(
            self.events.peek(),
            Some(
                Event::Text(_)
                    | Event::Code(_)
                    | Event::InlineHtml(_)
                    | Event::InlineMath(_)
                    | Event::SoftBreak
                    | Event::HardBreak
                    | Event::Start(
                        Tag::Emphasis
                            | Tag::Strong
                            | Tag::Strikethrough
                            | Tag::Superscript
                            | Tag::Subscript
                            | Tag::Link { .. }
                            | Tag::Image { .. }
                    )
            )
        )
    }

    /// Reads inline runs up to the end of the element being read (its end event read), or, with
    /// `bare`, up to the next block (a tight list item's text).
    fn inlines(&mut self, bare: bool, depth: usize) -> Vec<Inline> {
        let mut runs = Vec::new();
        // Elements read flat (images, strikethrough, deep emphasis), not yet closed.
        let mut flat = 0usize;
        loop {
            if bare && flat == 0 && !self.next_is_inline() {
                break;
            }
            let Some(event) = self.events.next() else {
                break;
            };
            match event {
                Event::Text(text)
                | Event::Html(text)
                | Event::InlineHtml(text)
                | Event::InlineMath(text)
                | Event::DisplayMath(text) => push_text(&mut runs, &text),
                Event::Code(code) => runs.push(Inline::Code(code.into_string())),
                Event::SoftBreak | Event::HardBreak => push_text(&mut runs, " "),
                Event::Start(Tag::Emphasis) if depth < MAX_DEPTH => {
                    runs.push(Inline::Emphasis(self.inlines(false, depth + 1)));
                }
                Event::Start(Tag::Strong) if depth < MAX_DEPTH => {
                    runs.push(Inline::Strong(self.inlines(false, depth + 1)));
                }
                Event::Start(Tag::Link { dest_url, .. }) if depth < MAX_DEPTH => {
                    let inner = self.inlines(false, depth + 1);
                    match safe_link(&dest_url) {
                        Some(url) => runs.push(Inline::Link(inner, url.to_owned())),
                        None => extend(&mut runs, inner),
                    }
                }
                Event::Start(_) => flat += 1,
                Event::End(_) if flat > 0 => flat -= 1,
                Event::End(_) => break,
                _ => {}
            }
        }
        runs
    }

    /// The text up to the end of the element being read (a code or HTML block).
    fn text(&mut self) -> String {
        let mut out = String::new();
        for event in self.events.by_ref() {
            match event {
                Event::Text(text) | Event::Html(text) => out.push_str(&text),
                Event::End(_) => break,
                _ => {}
            }
        }
        out
    }
}

/// Adds `text` to the runs, joining the last run when it is text too.
fn push_text(runs: &mut Vec<Inline>, text: &str) {
    match runs.last_mut() {
        Some(Inline::Text(last)) => last.push_str(text),
        _ => runs.push(Inline::Text(text.to_owned())),
    }
}

/// Adds `more` to the runs, joining text to text.
fn extend(runs: &mut Vec<Inline>, more: Vec<Inline>) {
    for run in more {
        match run {
            Inline::Text(text) => push_text(runs, &text),
            other => runs.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_owned())
    }

    fn paragraph(s: &str) -> Block {
        Block::Paragraph(vec![text(s)])
    }

    #[test]
    fn headings_paragraphs_and_code() {
        assert_eq!(
            parse(
                "## What it does\n\nFlags `latest`.\nAn image with no tag means latest.\n\n```yaml\nspec:\n  replicas: 1\n```\n"
            ),
            [
                Block::Heading(2, vec![text("What it does")]),
                Block::Paragraph(vec![
                    text("Flags "),
                    Inline::Code("latest".into()),
                    text(". An image with no tag means latest."),
                ]),
                Block::Code("yaml".into(), "spec:\n  replicas: 1\n".into()),
            ]
        );
    }

    #[test]
    fn code_blocks_keep_what_looks_like_markdown() {
        assert_eq!(
            parse("```yaml title=x\n# not a heading\n- not: a list\n<b>not html</b>\n```"),
            [Block::Code(
                "yaml".into(),
                "# not a heading\n- not: a list\n<b>not html</b>\n".into()
            )]
        );
    }

    #[test]
    fn lists_tight_and_loose_with_continuations_and_code() {
        assert_eq!(
            parse(
                "Levels:\n- `SYS_ADMIN` is an error;\n  really.\n- others warn.\n\nThen:\n\n3. first\n\n4. second\n\n   ```yaml\n   a: 1\n   ```\n"
            ),
            [
                paragraph("Levels:"),
                Block::List {
                    start: None,
                    tight: true,
                    items: vec![
                        vec![Block::Paragraph(vec![
                            Inline::Code("SYS_ADMIN".into()),
                            text(" is an error; really."),
                        ])],
                        vec![paragraph("others warn.")],
                    ],
                },
                paragraph("Then:"),
                Block::List {
                    start: Some(3),
                    tight: false,
                    items: vec![
                        vec![paragraph("first")],
                        vec![
                            paragraph("second"),
                            Block::Code("yaml".into(), "a: 1\n".into())
                        ],
                    ],
                },
            ]
        );
    }

    #[test]
    fn inline_runs() {
        assert_eq!(
            parse("keep *enough* pods, **not `all`**, see [docs](https://k8s.io) or 2 * 3"),
            [Block::Paragraph(vec![
                text("keep "),
                Inline::Emphasis(vec![text("enough")]),
                text(" pods, "),
                Inline::Strong(vec![text("not "), Inline::Code("all".into())]),
                text(", see "),
                Inline::Link(vec![text("docs")], "https://k8s.io".into()),
                text(" or 2 * 3"),
            ])]
        );
        assert_eq!(parse("a `b and **c"), [paragraph("a `b and **c")]);
    }

    #[test]
    fn html_is_text_and_images_are_their_words() {
        assert_eq!(
            parse(
                "<script>alert(1)</script>\n\nSee <img src=x onerror=alert(1)> and ![a cat](https://cat.example/c.png).\n"
            ),
            [
                paragraph("<script>alert(1)</script>"),
                paragraph("See <img src=x onerror=alert(1)> and a cat."),
            ]
        );
    }

    #[test]
    fn only_web_and_relative_links_stay_links() {
        for url in [
            "https://kubernetes.io/docs/",
            "HTTP://example.com",
            "other.html",
            "#fix",
            "/docs/checks.md",
            "?q=a:b",
        ] {
            assert_eq!(safe_link(url), Some(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\tscript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<b>",
            "vbscript:x",
            "file:///etc/passwd",
            "",
        ] {
            assert_eq!(safe_link(url), None, "{url:?}");
        }
        assert_eq!(
            parse(
                "[run](javascript:alert(1)) [tab](<java\tscript:alert(1)>) [entity](java&#9;script:alert(1)) [ok](#fix)"
            ),
            [Block::Paragraph(vec![
                text("run tab entity "),
                Inline::Link(vec![text("ok")], "#fix".into()),
            ])]
        );
    }

    #[test]
    fn deep_nesting_reads_flat_without_losing_text() {
        let depth = |blocks: &[Block]| {
            let mut depth = 0;
            let mut level = blocks.to_vec();
            while let Some(Block::List { items, .. }) = level.first() {
                depth += 1;
                level = items[0].clone();
            }
            depth
        };
        let lists = format!("{}deep", "- ".repeat(1000));
        let blocks = parse(&lists);
        assert_eq!(depth(&blocks), MAX_DEPTH);
        assert!(format!("{blocks:?}").contains("\"deep\""));

        let quotes = format!("{}quoted", "> ".repeat(10_000));
        assert_eq!(parse(&quotes), [paragraph("quoted")]);

        let stars = format!("{}x{}", "*a ".repeat(5000), " a*".repeat(5000));
        assert!(format!("{:?}", parse(&stars)).contains('x'));
    }

    #[test]
    fn every_checks_docs_read_as_the_four_sections_with_yaml() {
        for check in crate::checks::ALL {
            let blocks = parse(check.docs);
            let headings: Vec<&Vec<Inline>> = blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Heading(2, runs) => Some(runs),
                    _ => None,
                })
                .collect();
            for wanted in ["What it does", "Why is this bad?", "Example", "Fix"] {
                assert!(
                    headings.contains(&&vec![text(wanted)]),
                    "{}: {headings:?}",
                    check.id
                );
            }
            assert!(
                blocks.iter().any(
                    |b| matches!(b, Block::Code(lang, code) if lang == "yaml" && !code.is_empty())
                ),
                "{}: no yaml block",
                check.id
            );
        }
    }
}
