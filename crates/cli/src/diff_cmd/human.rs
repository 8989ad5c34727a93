//! The difference for a terminal: concise, one line per item.

use manifesto_core::diff::{Change, Diff, ObjectChange};

use super::{duration, plural, short_value};

/// `file:line` of a field on one side, when known.
fn at(file: Option<&(String, usize)>, line: Option<usize>) -> String {
    match (file, line) {
        (Some((file, _)), Some(line)) => format!("{file}:{line}"),
        _ => "-".to_owned(),
    }
}

fn object(out: &mut String, o: &ObjectChange) {
    let (file, line) = o
        .new_at
        .as_ref()
        .or(o.old_at.as_ref())
        .map_or(("", 0), |(f, l)| (f.as_str(), *l));
    out.push_str(&format!(
        "  {:<7} {}  ({file}:{line})\n",
        o.change.as_str(),
        o.id
    ));
    for f in &o.fields {
        out.push_str(&format!(
            "          {}: {} -> {}  ({} -> {})\n",
            f.path,
            short_value(f.old.as_ref(), 60),
            short_value(f.new.as_ref(), 60),
            at(o.old_at.as_ref(), f.old_line),
            at(o.new_at.as_ref(), f.new_line),
        ));
    }
}

/// The whole difference.
pub(super) fn render(d: &Diff) -> String {
    if d.is_empty() {
        return "no changes: both versions define the same objects with the same content\n"
            .to_owned();
    }
    let mut out = String::from("objects:\n");
    for o in &d.objects {
        object(&mut out, o);
    }
    if !d.rollouts.is_empty() {
        out.push_str("\nrollouts:\n");
        for r in &d.rollouts {
            out.push_str(&format!(
                "  {}: {}, {}, at least {} of {} available, {}, about {}\n      triggered by {}\n",
                r.workload,
                r.strategy.as_str(),
                plural(r.passes as usize, "pass"),
                r.min_available,
                r.replicas,
                if r.downtime {
                    "DOWNTIME (a moment with no pod serving)"
                } else {
                    "no downtime"
                },
                duration(r.estimated_seconds),
                r.triggers.join(", "),
            ));
        }
    }
    for (title, list) in [
        ("links removed", &d.edges.removed),
        ("links added", &d.edges.added),
    ] {
        if !list.is_empty() {
            out.push_str(&format!("\n{title}:\n"));
            for e in list {
                out.push_str(&format!("  {} {} {}\n", e.from, e.relation.as_str(), e.to));
            }
        }
    }
    for (title, list) in [
        ("findings introduced", &d.findings.introduced),
        ("findings fixed", &d.findings.fixed),
    ] {
        if !list.is_empty() {
            out.push_str(&format!("\n{title}:\n"));
            for f in list {
                let container = f
                    .container
                    .as_deref()
                    .map(|c| format!(", container {c}"))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "  {}[{}]: {}\n      --> {} ({}{container})\n",
                    f.severity.as_str(),
                    f.check,
                    f.message,
                    f.location,
                    f.object
                ));
            }
        }
    }
    if !d.scores.is_empty() {
        out.push_str("\nscores:\n");
        for s in &d.scores {
            let show = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:.1}"));
            out.push_str(&format!(
                "  {}: {} -> {}\n",
                s.object,
                show(s.old),
                show(s.new)
            ));
        }
    }
    if !d.notes.is_empty() {
        out.push_str("\nnotes:\n");
        for n in &d.notes {
            out.push_str(&format!("  {}: {}\n", n.object, n.message));
        }
    }
    let count = |c: Change| d.objects.iter().filter(|o| o.change == c).count();
    out.push_str(&format!(
        "\n{} added, {} removed, {} changed; {}; {} broken; {} introduced, {} fixed\n",
        count(Change::Added),
        count(Change::Removed),
        count(Change::Changed),
        plural(d.rollouts.len(), "rollout"),
        plural(d.edges.removed.len(), "link"),
        plural(d.findings.introduced.len(), "finding"),
        d.findings.fixed.len(),
    ));
    out
}
