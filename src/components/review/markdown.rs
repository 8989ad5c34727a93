//! A tiny Markdown reader for the checks' docs: headings, paragraphs, `-` and numbered lists,
//! fenced code blocks, and inline code, bold, italics and links. It builds Yew nodes, never HTML
//! text, so whatever the docs say is shown as text.

use yew::prelude::*;

/// A block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `## Title` (level 1 to 6).
    Heading(usize, String),
    /// Lines joined by spaces.
    Paragraph(String),
    /// List items (each item's lines joined), numbered or not.
    List {
        /// Whether the items were written `1.`, `2.`, ….
        ordered: bool,
        /// The items' text.
        items: Vec<String>,
    },
    /// A fenced block: its language (possibly empty) and text.
    Code(String, String),
}

/// A run of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `` `code` ``.
    Code(String),
    /// `**strong**`.
    Strong(Vec<Inline>),
    /// `*emphasis*`.
    Emphasis(Vec<Inline>),
    /// `[text](url)`.
    Link(Vec<Inline>, String),
}

/// The marker of a list item (`- `, `* `, `1. `) and the rest of the line.
fn list_item(line: &str) -> Option<(bool, &str)> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((false, rest));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        return line[digits..].strip_prefix(". ").map(|rest| (true, rest));
    }
    None
}

/// Splits `text` into blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    fn flush(
        out: &mut Vec<Block>,
        paragraph: &mut Vec<&str>,
        list: &mut Option<(bool, Vec<String>)>,
    ) {
        if !paragraph.is_empty() {
            out.push(Block::Paragraph(paragraph.join(" ")));
            paragraph.clear();
        }
        if let Some((ordered, items)) = list.take() {
            out.push(Block::List { ordered, items });
        }
    }

    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Option<(bool, Vec<String>)> = None;
    let mut lines = text.lines();

    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            flush(&mut out, &mut paragraph, &mut list);
            let indent = line.len() - trimmed.len();
            let mut code = String::new();
            for inner in lines.by_ref() {
                if inner.trim_start().starts_with("```") {
                    break;
                }
                // Remove the fence's own indentation (a block inside a list item).
                let cut = inner.len() - inner.trim_start().len();
                code.push_str(&inner[cut.min(indent)..]);
                code.push('\n');
            }
            out.push(Block::Code(lang.trim().to_owned(), code));
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut out, &mut paragraph, &mut list);
            continue;
        }
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            flush(&mut out, &mut paragraph, &mut list);
            out.push(Block::Heading(hashes, line[hashes..].trim().to_owned()));
            continue;
        }
        if let Some((ordered, rest)) = list_item(line) {
            if !paragraph.is_empty() || list.as_ref().is_some_and(|(o, _)| *o != ordered) {
                flush(&mut out, &mut paragraph, &mut list);
            }
            list.get_or_insert_with(|| (ordered, Vec::new()))
                .1
                .push(rest.trim().to_owned());
            continue;
        }
        match &mut list {
            // An indented line continues the last item.
            Some((_, items)) if line.starts_with(' ') => {
                if let Some(last) = items.last_mut() {
                    last.push(' ');
                    last.push_str(trimmed);
                }
            }
            _ => {
                if list.is_some() {
                    flush(&mut out, &mut paragraph, &mut list);
                }
                paragraph.push(trimmed.trim_end());
            }
        }
    }
    flush(&mut out, &mut paragraph, &mut list);
    out
}

/// Splits a line of text into inline runs.
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let parsed = match c {
            '`' => rest[1..]
                .find('`')
                .map(|end| (Inline::Code(rest[1..=end].to_owned()), 2 + end)),
            '*' if rest.starts_with("**") => rest[2..]
                .find("**")
                .filter(|&end| end > 0)
                .map(|end| (Inline::Strong(inlines(&rest[2..2 + end])), 4 + end)),
            '*' => rest[1..]
                .find('*')
                .filter(|&end| end > 0 && !rest[1..].starts_with(' '))
                .map(|end| (Inline::Emphasis(inlines(&rest[1..=end])), 2 + end)),
            '[' => link(rest),
            _ => None,
        };
        match parsed {
            Some((inline, len)) => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(inline);
                rest = &rest[len..];
            }
            None => {
                plain.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

/// `[text](url)` at the start of `rest`, and its length.
fn link(rest: &str) -> Option<(Inline, usize)> {
    let close = rest.find("](")?;
    let end = rest[close + 2..].find(')')?;
    let text = &rest[1..close];
    let url = &rest[close + 2..close + 2 + end];
    if text.contains('[') || url.contains(' ') {
        return None;
    }
    Some((Inline::Link(inlines(text), url.to_owned()), close + 3 + end))
}

/// Renders inline runs (text, `code`, emphasis, links as their text).
pub fn render_inlines(runs: &[Inline]) -> Html {
    runs.iter()
        .map(|run| match run {
            Inline::Text(text) => html! { { text.clone() } },
            Inline::Code(code) => html! { <code>{ code.clone() }</code> },
            Inline::Strong(inner) => html! { <strong>{ render_inlines(inner) }</strong> },
            Inline::Emphasis(inner) => html! { <em>{ render_inlines(inner) }</em> },
            // Only web links become links; anything else stays text.
            Inline::Link(inner, url) if url.starts_with("https://") || url.starts_with("http://") => {
                html! {
                    <a href={url.clone()} target="_blank" rel="noopener noreferrer">{ render_inlines(inner) }</a>
                }
            }
            Inline::Link(inner, _) => render_inlines(inner),
        })
        .collect()
}

/// Renders Markdown `text`; headings start at `<h{top}>` whatever their level in the text.
#[allow(
    clippy::ignored_unit_patterns,
    reason = "html!'s expansion of a dynamic `<@{tag}>`"
)]
pub fn render(text: &str, top: usize) -> Html {
    let blocks = blocks(text);
    let least = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(level, _) => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    blocks
        .iter()
        .map(|block| match block {
            Block::Heading(level, title) => {
                let tag = format!("h{}", (level - least + top).min(6));
                html! { <@{tag} class="md-heading">{ render_inlines(&inlines(title)) }</@> }
            }
            Block::Paragraph(text) => html! { <p>{ render_inlines(&inlines(text)) }</p> },
            Block::List { ordered, items } => {
                let items: Html = items
                    .iter()
                    .map(|item| html! { <li>{ render_inlines(&inlines(item)) }</li> })
                    .collect();
                if *ordered {
                    html! { <ol>{ items }</ol> }
                } else {
                    html! { <ul>{ items }</ul> }
                }
            }
            Block::Code(lang, code) => html! {
                <pre class="md-code" data-lang={(!lang.is_empty()).then(|| lang.clone())}>
                    <code>{ code.clone() }</code>
                </pre>
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: &[Block]) {
        assert_eq!(blocks(text), expected);
    }

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_owned())
    }

    #[test]
    fn headings_paragraphs_and_code() {
        check(
            "## What it does\n\nFlags `latest`.\nAn image with no tag means latest.\n\n```yaml\nspec:\n  replicas: 1\n```\n",
            &[
                Block::Heading(2, "What it does".into()),
                Block::Paragraph("Flags `latest`. An image with no tag means latest.".into()),
                Block::Code("yaml".into(), "spec:\n  replicas: 1\n".into()),
            ],
        );
    }

    #[test]
    fn code_blocks_keep_what_looks_like_markdown() {
        check(
            "```yaml\n# not a heading\n- not: a list\n```",
            &[Block::Code(
                "yaml".into(),
                "# not a heading\n- not: a list\n".into(),
            )],
        );
    }

    #[test]
    fn lists_with_continuations_end_at_a_paragraph() {
        check(
            "Levels:\n- `SYS_ADMIN` is an error;\n  really.\n- others warn.\n\n1. first\n2. second\nAfter.",
            &[
                Block::Paragraph("Levels:".into()),
                Block::List {
                    ordered: false,
                    items: vec![
                        "`SYS_ADMIN` is an error; really.".into(),
                        "others warn.".into(),
                    ],
                },
                Block::List {
                    ordered: true,
                    items: vec!["first".into(), "second".into()],
                },
                Block::Paragraph("After.".into()),
            ],
        );
    }

    #[test]
    fn inline_runs() {
        assert_eq!(
            inlines("keep *enough* pods, **not `all`**, see [docs](https://k8s.io) or 2 * 3"),
            vec![
                text("keep "),
                Inline::Emphasis(vec![text("enough")]),
                text(" pods, "),
                Inline::Strong(vec![text("not "), Inline::Code("all".into())]),
                text(", see "),
                Inline::Link(vec![text("docs")], "https://k8s.io".into()),
                text(" or 2 * 3"),
            ]
        );
    }

    #[test]
    fn every_checks_docs_read_as_the_four_sections_with_yaml() {
        for check in manifesto_core::checks::ALL {
            let blocks = blocks(check.docs);
            let headings: Vec<&str> = blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Heading(2, title) => Some(title.as_str()),
                    _ => None,
                })
                .collect();
            for wanted in ["What it does", "Why is this bad?", "Example", "Fix"] {
                assert!(headings.contains(&wanted), "{}: {headings:?}", check.id);
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

    #[test]
    fn unclosed_marks_stay_text() {
        assert_eq!(inlines("a `b and **c"), vec![text("a `b and **c")]);
    }
}
