//! The best-practice checks: a catalog that teaches.
//!
//! Each check is one file of this folder, and adding that file is all it takes: a `static`
//! [`Check`] descriptor (id, rank in the catalog, category, [`Scope`], default severity, summary,
//! docs with *What it does* / *Why is this bad?* / *Example* / *Fix*, the ids other linters use
//! for the same problem), its logic, its unit tests and its two fixtures (`FIRES`, `CLEAN`).
//! `build.rs` generates the registry from the folder: one module per file that this module does
//! not declare itself, the [`ALL`] slice sorted by rank, and the fixtures' table the tests read.

pub mod config;
mod context;
mod finding;
mod scope;
mod support;
mod suppress;

pub use context::{Context, Settings};
pub use deprecated_api_version::replacement as deprecated_api_replacement;
pub use finding::{Finding, Level};
pub use scope::Scope;

/// Whether a variable or key name says its value is a credential (`DB_PASSWORD`, `GITHUB_TOKEN`,
/// `AZURE_BATCH_KEY`), and not a setting about one (`DB_PASSWORD_FILE`, `TOKEN_TTL`): the rule
/// every check and the checklist share.
pub fn is_secret_name(name: &str) -> bool {
    support::secrets::is_secret_name(name)
}

use serde::Serialize;

/// What kind of problem a check finds; it sets the default severity.
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
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Category {
    /// It will break at deploy or rollout time, or traffic will not reach the pods.
    Correctness,
    /// It works, but fails badly when something goes wrong (a crash, a node drain, an update).
    Reliability,
    /// It gives an attacker, or a bug, more power than the workload needs.
    Security,
    /// CPU, memory and storage: scheduling, fairness and cost.
    Resources,
    /// Style and conventions that make manifests easier to read and operate.
    Hygiene,
}

impl Category {
    /// Every category, in the order the docs list them.
    pub const ALL: [Category; 5] = crate::variants::all();

    /// The category's name, lowercase.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// What the category means and what to do when one of its findings shows up.
    pub fn guidance(self) -> &'static str {
        match self {
            Category::Correctness => {
                "Something will not work as written: the API server rejects it, a rollout breaks, or traffic never reaches the pods. Fix these before you apply the manifests."
            }
            Category::Reliability => {
                "It works on a good day, but a crash, a node drain or an update will hurt users. Fix these before production; they are cheap now and expensive during an incident."
            }
            Category::Security => {
                "The workload can do more than it needs to. Tighten these unless you have a documented reason; suppress with that reason when you do."
            }
            Category::Resources => {
                "The scheduler and the kernel need numbers to place and protect pods. Set them from measurements, and revisit them as the workload changes."
            }
            Category::Hygiene => {
                "Conventions that make manifests easier to read, search and operate. They never break anything; adopt the ones your team agrees on."
            }
        }
    }
}

/// A check's descriptor: everything needed to run it, list it and explain it.
#[derive(Debug)]
pub struct Check {
    /// Stable kebab-case id, e.g. `readiness-probe-missing`.
    pub id: &'static str,
    /// Where it is listed (the catalog, `checks list`, the SARIF rules): checks are sorted by
    /// rank. Ranks are unique and leave gaps, so a new check slots in between its neighbours.
    pub rank: u16,
    /// What kind of problem it finds.
    pub category: Category,
    /// The objects it is about: the scores and the JUnit export count it only for those, and the
    /// catalog lists them.
    pub scope: Scope,
    /// Default severity of its findings (a finding may be stronger or weaker, e.g. a named
    /// versus a numeric port).
    pub severity: Level,
    /// The other severities its findings may have (e.g. a warning when the manifests alone
    /// cannot confirm the problem, info when it is only advice).
    pub also: &'static [Level],
    /// Whether it runs unless disabled (`false` for opt-in checks).
    pub enabled_by_default: bool,
    /// One line, lowercase, no trailing period.
    pub summary: &'static str,
    /// Markdown with the headings `## What it does`, `## Why is this bad?`, `## Example`, `## Fix`
    /// (and optionally `## Known problems`).
    pub docs: &'static str,
    /// The ids other linters use for the same problem, as `tool:id` (`kube-score:container-image-tag`,
    /// `kube-linter:latest-tag`, `polaris:tagNotSpecified`, `checkov:CKV_K8S_14`); their
    /// suppression annotations silence this check too.
    pub aliases: &'static [&'static str],
    /// The logic: pure and deterministic.
    pub run: fn(&Context) -> Vec<Finding>,
}

/// Runs every enabled check over the context's model. Findings are sorted by file, position and
/// check id; suppressed ones are kept, marked with their reason.
pub fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings: Vec<Finding> = ALL
        .iter()
        .filter(|c| ctx.settings.is_enabled(c))
        .flat_map(|c| (c.run)(ctx))
        .collect();
    for finding in &mut findings {
        finding.suppressed = suppress::reason(ctx.model, finding);
        if let Some(level) = ctx.settings.severity_of(finding.check) {
            finding.severity = level;
        }
    }
    sort_findings(&mut findings);
    findings
}

/// Sorts findings by location (file, line, column), then check id and object. Each file name is
/// ranked once, so the sort compares numbers where it would compare the same name again and again.
fn sort_findings(findings: &mut Vec<Finding>) {
    let mut files: Vec<&str> = findings.iter().map(|f| &*f.location.file).collect();
    files.sort_unstable();
    files.dedup();
    let rank = |f: &Finding| files.binary_search(&&*f.location.file).unwrap_or(0);
    let mut order: Vec<(usize, usize)> = findings.iter().map(rank).zip(0..).collect();
    order.sort_by(|&(file_a, a), &(file_b, b)| {
        let (a, b) = (&findings[a], &findings[b]);
        (
            file_a,
            a.location.line,
            a.location.column,
            a.check,
            &a.object,
        )
            .cmp(&(
                file_b,
                b.location.line,
                b.location.column,
                b.check,
                &b.object,
            ))
    });
    let mut slots: Vec<Option<Finding>> = std::mem::take(findings).into_iter().map(Some).collect();
    findings.extend(order.into_iter().filter_map(|(_, i)| slots[i].take()));
}

/// The check with this id (from an index built on first use: reviews and their exports look
/// checks up once per finding and per score).
pub fn by_id(id: &str) -> Option<&'static Check> {
    static BY_ID: std::sync::OnceLock<foldhash::HashMap<&str, &Check>> = std::sync::OnceLock::new();
    let index = BY_ID.get_or_init(|| {
        let mut index = foldhash::HashMap::default();
        for check in ALL {
            index.entry(check.id).or_insert(*check);
        }
        index
    });
    index.get(id).copied()
}

/// The checks an id names: the check itself, plus the checks that were split out of it and keep
/// it as an old name (a `manifesto:<id>` alias), so old ids keep working in settings and
/// suppressions.
pub fn named_by(id: &str) -> Vec<&'static Check> {
    ALL.iter()
        .copied()
        .filter(|c| c.id == id || c.old_ids().any(|old| old == id))
        .collect()
}

impl Check {
    /// The ids this check was known by before (its `manifesto:` aliases).
    pub fn old_ids(&self) -> impl Iterator<Item = &'static str> {
        self.aliases
            .iter()
            .filter_map(|a| a.strip_prefix("manifesto:"))
    }

    /// Every severity its findings may have, most serious first.
    pub fn severities(&self) -> Vec<Level> {
        let mut levels: Vec<Level> = std::iter::once(self.severity)
            .chain(self.also.iter().copied())
            .collect();
        levels.sort();
        levels.dedup();
        levels
    }

    /// Whether `id` names this check (its id or an old one).
    pub fn is_named(&self, id: &str) -> bool {
        self.id == id || self.old_ids().any(|old| old == id)
    }
}

/// Ids one edit away from `id` (for "did you mean" messages).
pub fn similar_ids(id: &str) -> Vec<&'static str> {
    ALL.iter()
        .map(|c| c.id)
        .filter(|c| crate::text::edit_distance(c, id) <= 3 || c.contains(id))
        .collect()
}

/// Sorts checks by rank at compile time (insertion sort; equal ranks keep their order).
const fn by_rank<const N: usize>(mut checks: [&'static Check; N]) -> [&'static Check; N] {
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && checks[j - 1].rank > checks[j].rank {
            let previous = checks[j - 1];
            checks[j - 1] = checks[j];
            checks[j] = previous;
            j -= 1;
        }
        i += 1;
    }
    checks
}

// The check modules, `ALL` and `FIXTURES`, generated by `build.rs` from the files of this folder.
include!(concat!(env!("OUT_DIR"), "/checks.rs"));

#[cfg(test)]
mod tests;
