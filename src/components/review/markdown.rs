//! Check docs and lesson texts drawn from the core's reading of their Markdown
//! ([`manifesto_core::markdown`]): Yew nodes, never HTML text, so whatever a text says is shown
//! as text.

use manifesto_core::markdown::{self, Block, Inline};
use yew::prelude::*;

/// Renders inline runs; links open in a new tab.
fn inlines(runs: &[Inline]) -> Html {
    runs.iter()
        .map(|run| match run {
            Inline::Text(text) => html! { { text.clone() } },
            Inline::Code(code) => html! { <code>{ code.clone() }</code> },
            Inline::Strong(inner) => html! { <strong>{ inlines(inner) }</strong> },
            Inline::Emphasis(inner) => html! { <em>{ inlines(inner) }</em> },
            Inline::Link(inner, url) => html! {
                <a href={url.clone()} target="_blank" rel="noopener noreferrer">{ inlines(inner) }</a>
            },
        })
        .collect()
}

/// Renders blocks, a heading of level `least` as `<h{top}>`; in a tight list item, paragraphs
/// are bare text.
#[allow(
    clippy::ignored_unit_patterns,
    reason = "html!'s expansion of a dynamic `<@{tag}>`"
)]
fn blocks(parsed: &[Block], least: u8, top: u8, tight: bool) -> Html {
    parsed
        .iter()
        .map(|block| match block {
            Block::Heading(level, runs) => {
                let tag = format!("h{}", (level.saturating_sub(least) + top).min(6));
                html! { <@{tag} class="md-heading">{ inlines(runs) }</@> }
            }
            Block::Paragraph(runs) if tight => inlines(runs),
            Block::Paragraph(runs) => html! { <p>{ inlines(runs) }</p> },
            Block::List {
                start,
                tight,
                items,
            } => {
                let items: Html = items
                    .iter()
                    .map(|item| html! { <li>{ blocks(item, least, top, *tight) }</li> })
                    .collect();
                match start {
                    Some(start) => html! {
                        <ol start={(*start != 1).then(|| start.to_string())}>{ items }</ol>
                    },
                    None => html! { <ul>{ items }</ul> },
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

/// Renders Markdown `text`; headings start at `<h{top}>` whatever their level in the text.
pub fn render(text: &str, top: u8) -> Html {
    let parsed = markdown::parse(text);
    let least = parsed
        .iter()
        .filter_map(|b| match b {
            Block::Heading(level, _) => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    blocks(&parsed, least, top, false)
}

/// Renders a one-paragraph text without its paragraph (a hint in a list item); longer texts
/// as [`render`] does.
pub fn render_inline(text: &str) -> Html {
    match markdown::parse(text).as_slice() {
        [Block::Paragraph(runs)] => inlines(runs),
        _ => render(text, 4),
    }
}
