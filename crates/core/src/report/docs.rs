//! The check catalog as Markdown (`docs/checks.md` is this text), and helpers to read a check's docs.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::checks::{self, Category, Check};

/// The command that regenerates `docs/checks.md`.
pub const REGENERATE: &str = "UPDATE_DOCS=1 cargo test -p manifesto-core --test it docs";

/// `on` or `off`.
fn default_state(check: &Check) -> &'static str {
    if check.enabled_by_default {
        "on"
    } else {
        "off"
    }
}

/// The other linters' ids of a check, grouped by tool: `kube-score: a, b; polaris: c`.
pub fn describe_aliases(check: &Check) -> String {
    let mut tools: Vec<(&str, Vec<&str>)> = Vec::new();
    for alias in check.aliases {
        let (tool, id) = alias.split_once(':').unwrap_or(("other", alias));
        match tools.iter_mut().find(|(t, _)| *t == tool) {
            Some((_, ids)) => ids.push(id),
            None => tools.push((tool, vec![id])),
        }
    }
    tools
        .iter()
        .map(|(tool, ids)| {
            format!(
                "{tool} {}",
                ids.iter()
                    .map(|i| format!("`{i}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The body of the section `## <heading>` of a check's docs (up to the next heading of level 1
/// or 2), trimmed; `None` when there is no such section.
pub fn section<'a>(docs: &'a str, heading: &str) -> Option<&'a str> {
    let mut start = None;
    let mut events = Parser::new(docs).into_offset_iter();
    while let Some((event, range)) = events.next() {
        let Event::Start(Tag::Heading { level, .. }) = event else {
            continue;
        };
        if level > HeadingLevel::H2 {
            continue;
        }
        if let Some(start) = start {
            return Some(docs[start..range.start].trim());
        }
        let mut title = String::new();
        for (event, _) in events.by_ref() {
            match event {
                Event::Text(text) | Event::Code(text) => title.push_str(&text),
                Event::End(TagEnd::Heading(_)) => break,
                _ => {}
            }
        }
        if level == HeadingLevel::H2 && title == heading {
            start = Some(range.end);
        }
    }
    start.map(|start| docs[start..].trim())
}

/// The text of the first fenced YAML block (`yaml` or `yml`) of `text`.
pub fn first_yaml_block(text: &str) -> Option<String> {
    let mut events = Parser::new(text);
    while let Some(event) = events.next() {
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event else {
            continue;
        };
        if matches!(info.split_whitespace().next(), Some("yaml" | "yml")) {
            let mut yaml = String::new();
            for event in events.by_ref() {
                match event {
                    Event::Text(text) => yaml.push_str(&text),
                    Event::End(_) => break,
                    _ => {}
                }
            }
            return Some(yaml);
        }
    }
    None
}

/// The docs of one check, trimmed, with every `#` heading moved down `levels` levels
/// (`## Fix` becomes `#### Fix` for 2).
pub fn demote_headings(docs: &str, levels: usize) -> String {
    let docs = docs.trim();
    let extra = "#".repeat(levels);
    let mut out = String::with_capacity(docs.len() + 64);
    let mut copied = 0;
    for (event, range) in Parser::new(docs).into_offset_iter() {
        if let Event::Start(Tag::Heading { .. }) = event {
            let line = &docs[range.start..];
            let at = range.start + line.len() - line.trim_start_matches(' ').len();
            if docs[at..].starts_with('#') {
                out.push_str(&docs[copied..at]);
                out.push_str(&extra);
                copied = at;
            }
        }
    }
    out.push_str(&docs[copied..]);
    out.push('\n');
    out
}

/// One check explained: its id, facts and docs (what `manifesto checks explain` prints).
pub fn check_markdown(check: &Check) -> String {
    let mut out = format!("# `{}`\n\n{}\n\n", check.id, check.summary);
    out.push_str(&facts(check));
    out.push('\n');
    if check.docs.trim().is_empty() {
        out.push_str("_Not documented yet._\n");
    } else {
        out.push_str(&demote_headings(check.docs, 0));
    }
    out
}

/// The check's severities: `error`, or `error (or warning, info)` when its findings may be
/// weaker or stronger than the default.
pub fn severities(check: &Check) -> String {
    let others: Vec<&str> = check
        .severities()
        .into_iter()
        .filter(|l| *l != check.severity)
        .map(checks::Level::as_str)
        .collect();
    if others.is_empty() {
        check.severity.as_str().to_owned()
    } else {
        format!("{} (or {})", check.severity.as_str(), others.join(", "))
    }
}

fn facts(check: &Check) -> String {
    let mut out = format!(
        "- Category: {}\n- Applies to: {}\n- Severity: {}\n- Default: {}\n",
        check.category.as_str(),
        check.scope.describe(),
        severities(check),
        default_state(check)
    );
    if !check.aliases.is_empty() {
        out.push_str(&format!("- Same as: {}\n", describe_aliases(check)));
    }
    out
}

/// The whole catalog: the categories with their guidance and their checks, then every check
/// with its facts and docs. `docs/checks.md` is this text.
pub fn catalog_markdown() -> String {
    let mut out = String::new();
    out.push_str("# Checks\n\n");
    out.push_str(&format!("<!-- Generated from the check registry; do not edit. Regenerate with `{REGENERATE}`. -->\n\n"));
    let off = checks::ALL.iter().filter(|c| !c.enabled_by_default).count();
    out.push_str(&format!(
        "Manifesto has {} checks in {} categories; {} are off by default and run only when enabled.\n",
        checks::ALL.len(),
        Category::ALL.len(),
        off
    ));
    out.push_str("The category sets the default severity: correctness is an error, hygiene is info, the others are warnings.\n");
    out.push_str("Errors weigh 2 and warnings 1 in the readiness score; info never lowers it.\n\n");
    out.push_str("## Silencing a check\n\n");
    out.push_str("Annotate the object, or its pod template, with one of:\n\n");
    out.push_str("- `manifesto.io/ignore: \"<id>,<id>\"`, with an optional `manifesto.io/ignore-reason: \"<why>\"` (`all` silences every check);\n");
    out.push_str("- `kube-score/ignore: \"<kube-score id>,…\"`;\n");
    out.push_str("- `ignore-check.kube-linter.io/<kube-linter id>: \"<why>\"`, or `kube-linter.io/ignore-all`;\n");
    out.push_str("- `polaris.fairwinds.com/exempt: \"true\"`, or `polaris.fairwinds.com/<Polaris id>-exempt: \"true\"`;\n");
    out.push_str(
        "- `checkov.io/skip<N>: \"<checkov id>=<why>\"` (also `bridgecrew.io/skip<N>`).\n\n",
    );
    out.push_str("Other linters' ids silence the checks listed with them under \"Same as\"; their \"ignore everything\" annotations silence only those checks.\n");
    out.push_str("Silenced findings stay in the report, with the annotation and its reason.\n\n");
    out.push_str("## Categories\n\n");
    for category in Category::ALL {
        out.push_str(&format!(
            "### {}\n\n{}\n\n",
            category.as_str(),
            category.guidance()
        ));
        out.push_str("| id | severity | default | summary |\n|---|---|---|---|\n");
        for check in checks::ALL.iter().filter(|c| c.category == category) {
            out.push_str(&format!(
                "| [`{}`](#{}) | {} | {} | {} |\n",
                check.id,
                check.id,
                severities(check),
                default_state(check),
                check.summary.replace('|', "\\|")
            ));
        }
        out.push('\n');
    }
    out.push_str("## Every check\n");
    for check in checks::ALL {
        out.push_str(&format!("\n### {}\n\n{}\n\n", check.id, check.summary));
        out.push_str(&facts(check));
        out.push('\n');
        if check.docs.trim().is_empty() {
            out.push_str("_Not documented yet._\n");
        } else {
            out.push_str(&demote_headings(check.docs, 2));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCS: &str = "## What it does\n\nChecks tags.\n\n## Example\n\n```yaml\n## not a heading\nimage: nginx\n```\n\n## Fix\n\n```yaml\nimage: nginx:1.27\n```\n\nPin a version.\n";

    #[test]
    fn sections_stop_at_the_next_heading_outside_code() {
        assert_eq!(section(DOCS, "What it does"), Some("Checks tags."));
        assert_eq!(
            section(DOCS, "Example"),
            Some("```yaml\n## not a heading\nimage: nginx\n```")
        );
        assert_eq!(
            section(DOCS, "Fix").and_then(first_yaml_block).as_deref(),
            Some("image: nginx:1.27\n")
        );
        assert_eq!(section(DOCS, "Known problems"), None);
    }

    #[test]
    fn headings_are_demoted_but_yaml_comments_are_not() {
        let demoted = demote_headings(DOCS, 2);
        assert!(demoted.contains("#### What it does\n"));
        assert!(demoted.contains("\n## not a heading\n"));
    }

    #[test]
    fn the_catalog_lists_every_check_once_with_its_facts() {
        let text = catalog_markdown();
        for check in checks::ALL {
            assert_eq!(
                text.matches(&format!("\n### {}\n", check.id)).count(),
                1,
                "{}",
                check.id
            );
        }
        let tag = checks::by_id("image-tag-mutable").expect("registered");
        assert!(text.contains(&format!("- Same as: {}\n", describe_aliases(tag))));
        assert!(
            describe_aliases(tag)
                .starts_with("kube-score `container-image-tag`; kube-linter `latest-tag`")
        );
    }
}
