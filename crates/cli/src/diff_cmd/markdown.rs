//! The difference as a pull-request comment: a one-line verdict, the rollouts, the links broken,
//! the findings introduced and fixed, then the rest collapsed. Every string that comes from the
//! manifests is escaped, so a name cannot inject Markdown or HTML.

use manifesto_core::checks::{Finding, Level};
use manifesto_core::diff::{Change, Diff, EdgeRef};
use manifesto_core::report::markdown::literal;

use super::{duration, plural, short_value};

/// The most objects, and fields per object, the collapsed list shows: a pull-request comment has
/// a size limit (65536 characters on GitHub).
const MAX_OBJECTS: usize = 100;
const MAX_FIELDS: usize = 20;
/// The most findings or links a section lists.
const MAX_ITEMS: usize = 50;

/// The verdict, one line.
fn verdict(d: &Diff) -> String {
    if d.is_empty() {
        return "✅ **No changes**: both versions define the same objects with the same content."
            .to_owned();
    }
    let errors = d.introduced_at_least(Level::Error);
    let warnings = d.introduced_at_least(Level::Warning) - errors;
    let head = if errors > 0 {
        format!("❌ **This change introduces {}**", plural(errors, "error"))
    } else if warnings > 0 {
        format!(
            "⚠️ **This change introduces {}**",
            plural(warnings, "warning")
        )
    } else {
        "✅ **No new errors or warnings**".to_owned()
    };
    let downtime = d.rollouts.iter().filter(|r| r.downtime).count();
    let mut parts = vec![format!("{} changed", plural(d.objects.len(), "object"))];
    parts.push(match (d.rollouts.len(), downtime) {
        (0, _) => "no rollout".to_owned(),
        (n, 0) => format!("{} without downtime", plural(n, "rollout")),
        (n, k) => format!("{} ({k} with downtime)", plural(n, "rollout")),
    });
    if !d.edges.removed.is_empty() {
        parts.push(format!("{} broken", plural(d.edges.removed.len(), "link")));
    }
    if !d.findings.fixed.is_empty() {
        parts.push(format!(
            "{} fixed",
            plural(d.findings.fixed.len(), "finding")
        ));
    }
    if !d.notes.is_empty() {
        parts.push(plural(d.notes.len(), "note"));
    }
    format!("{head}: {}.", parts.join(", "))
}

fn finding_line(f: &Finding) -> String {
    let container = f
        .container
        .as_deref()
        .map(|c| format!(", container {}", literal(c)))
        .unwrap_or_default();
    format!(
        "- **{}** {} on {}{container}: {} ({}:{})\n",
        f.severity.as_str(),
        literal(f.check),
        literal(f.object.as_str()),
        literal(&f.message),
        literal(&f.location.file),
        f.location.line,
    )
}

fn edge_line(e: &EdgeRef) -> String {
    format!(
        "- {} **{}** {}\n",
        literal(e.from.as_str()),
        e.relation.as_str(),
        literal(e.to.as_str())
    )
}

/// Up to [`MAX_ITEMS`] lines of `items`, then how many more there are.
fn list<T>(out: &mut String, items: &[T], line: fn(&T) -> String) {
    for item in items.iter().take(MAX_ITEMS) {
        out.push_str(&line(item));
    }
    if items.len() > MAX_ITEMS {
        out.push_str(&format!(
            "- and {} more (run `manifesto diff` for the full list)\n",
            items.len() - MAX_ITEMS
        ));
    }
}

/// A collapsed section, when it has content.
fn details(out: &mut String, summary: &str, body: &str) {
    if !body.is_empty() {
        out.push_str(&format!(
            "\n<details><summary>{summary}</summary>\n\n{body}\n</details>\n"
        ));
    }
}

/// The comment.
pub(super) fn render(d: &Diff) -> String {
    let mut out = format!("### Manifesto review of this change\n\n{}\n", verdict(d));
    if d.is_empty() {
        return out;
    }
    if !d.rollouts.is_empty() {
        out.push_str("\n#### Rollouts this change triggers\n\n| Workload | Strategy | Passes | Stays available | Downtime | Estimated time | Triggered by |\n|---|---|---|---|---|---|---|\n");
        for r in &d.rollouts {
            let triggers: Vec<String> = r.triggers.iter().map(|t| literal(t)).collect();
            out.push_str(&format!(
                "| {} | {} | {} | {} of {} | {} | {} | {} |\n",
                literal(r.workload.as_str()),
                r.strategy.as_str(),
                r.passes,
                r.min_available,
                r.replicas,
                if r.downtime { "⚠️ yes" } else { "no" },
                duration(r.estimated_seconds),
                triggers.join("<br>"),
            ));
        }
    }
    if !d.edges.removed.is_empty() {
        out.push_str("\n#### Links broken\n\n");
        list(&mut out, &d.edges.removed, edge_line);
    }
    if !d.findings.introduced.is_empty() {
        out.push_str("\n#### Findings introduced\n\n");
        list(&mut out, &d.findings.introduced, finding_line);
    }
    if !d.findings.fixed.is_empty() {
        out.push_str("\n#### Findings fixed\n\n");
        list(&mut out, &d.findings.fixed, finding_line);
    }
    if !d.notes.is_empty() {
        out.push_str("\n#### Worth knowing\n\n");
        for n in &d.notes {
            out.push_str(&format!(
                "- {}: {}\n",
                literal(n.object.as_str()),
                literal(&n.message)
            ));
        }
    }
    let mut objects = String::new();
    for o in d.objects.iter().take(MAX_OBJECTS) {
        let at = o
            .new_at
            .as_ref()
            .or(o.old_at.as_ref())
            .map(|(f, l)| format!(" ({}:{l})", literal(f)))
            .unwrap_or_default();
        objects.push_str(&format!(
            "- **{}** {}{at}\n",
            o.change.as_str(),
            literal(o.id.as_str())
        ));
        for f in o.fields.iter().take(MAX_FIELDS) {
            objects.push_str(&format!(
                "  - {}: {} → {}\n",
                literal(&f.path),
                literal(&short_value(f.old.as_ref(), 80)),
                literal(&short_value(f.new.as_ref(), 80)),
            ));
        }
        if o.fields.len() > MAX_FIELDS {
            objects.push_str(&format!(
                "  - and {} more fields\n",
                o.fields.len() - MAX_FIELDS
            ));
        }
    }
    if d.objects.len() > MAX_OBJECTS {
        objects.push_str(&format!(
            "- and {} more objects (run `manifesto diff` for the full list)\n",
            d.objects.len() - MAX_OBJECTS
        ));
    }
    let count = |c: Change| d.objects.iter().filter(|o| o.change == c).count();
    details(
        &mut out,
        &format!(
            "Objects: {} added, {} removed, {} changed",
            count(Change::Added),
            count(Change::Removed),
            count(Change::Changed)
        ),
        &objects,
    );
    let mut added = String::new();
    list(&mut added, &d.edges.added, edge_line);
    details(
        &mut out,
        &format!("Links added ({})", d.edges.added.len()),
        &added,
    );
    if !d.scores.is_empty() {
        let mut table = "| Object | Before | After |\n|---|---|---|\n".to_owned();
        for s in &d.scores {
            let show = |v: Option<f64>| v.map_or("–".to_owned(), |v| format!("{v:.1}"));
            table.push_str(&format!(
                "| {} | {} | {} |\n",
                literal(&s.object),
                show(s.old),
                show(s.new)
            ));
        }
        details(&mut out, "Scores (out of 10)", &table);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_strings_cannot_inject_markup() {
        let hostile = "web\n# Title <script>alert(1)</script> [x](http://e) | `c`";
        let escaped = literal(hostile);
        assert!(!escaped.contains('\n'));
        assert!(!escaped.contains('<'));
        assert!(!escaped.contains("\n#"));
        assert!(escaped.contains("&lt;script&gt;"));
        assert!(escaped.contains("\\|"));
        assert!(escaped.contains("\\[x\\]"));
    }
}
