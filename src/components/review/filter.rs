//! Which findings the list shows, and in what order: a pure function of the review and the
//! user's filters.

use manifesto_core::checks::{self, Category, Finding, Level};
use manifesto_core::report::Review;

/// How the findings are ordered, in the order the sort menu lists them (`Sort::VARIANTS`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[strum(serialize_all = "lowercase")]
pub enum Sort {
    /// By file, line and column.
    #[default]
    Position,
    /// Errors first, then by position.
    Severity,
    /// By check id, then by position.
    Check,
}

impl Sort {
    /// The value of its menu option.
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The order named `key`.
    pub fn parse(key: &str) -> Sort {
        key.parse().unwrap_or_default()
    }

    /// Its label.
    pub fn title(self) -> &'static str {
        match self {
            Sort::Position => "Position",
            Sort::Severity => "Severity",
            Sort::Check => "Check",
        }
    }
}

/// A checklist cell: the findings behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    /// The checklist row's id.
    pub row: &'static str,
    /// The workload's id.
    pub object: String,
}

/// What the user narrowed the findings to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filters {
    /// Only this severity.
    pub severity: Option<Level>,
    /// Only checks of this category.
    pub category: Option<Category>,
    /// Only findings on this object (`Kind/namespace/name`).
    pub object: Option<String>,
    /// Words that must all appear (case-insensitive) in the finding.
    pub search: String,
    /// The order.
    pub sort: Sort,
    /// Only the findings behind this checklist cell.
    pub cell: Option<CellRef>,
}

impl Filters {
    /// Whether anything is filtered out (the order aside).
    pub fn is_narrowed(&self) -> bool {
        self.severity.is_some()
            || self.category.is_some()
            || self.object.is_some()
            || !self.search.trim().is_empty()
            || self.cell.is_some()
    }

    /// No filter, same order.
    pub fn cleared(&self) -> Filters {
        Filters {
            sort: self.sort,
            ..Filters::default()
        }
    }
}

/// The category of the check that reported `finding`.
pub fn category_of(finding: &Finding) -> Option<Category> {
    checks::by_id(finding.check).map(|c| c.category)
}

fn matches_search(finding: &Finding, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let haystack = [
        finding.check,
        finding.object.as_str(),
        finding.message.as_str(),
        &*finding.location.file,
        finding.container.as_deref().unwrap_or(""),
        finding.help.as_deref().unwrap_or(""),
        finding.suppressed.as_deref().unwrap_or(""),
    ]
    .join("\n")
    .to_lowercase();
    words.iter().all(|w| haystack.contains(w.as_str()))
}

/// The indexes (into `review.findings`) of the findings to show, in order.
pub fn visible(review: &Review, filters: &Filters) -> Vec<usize> {
    let behind_cell = filters.cell.as_ref().map(|c| {
        review
            .checklist
            .cell(c.row, &c.object)
            .map(|cell| cell.findings.clone())
            .unwrap_or_default()
    });
    let words: Vec<String> = filters
        .search
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut shown: Vec<usize> = review
        .findings
        .iter()
        .enumerate()
        .filter(|(i, f)| {
            behind_cell.as_ref().is_none_or(|b| b.contains(i))
                && filters.severity.is_none_or(|s| f.severity == s)
                && filters.category.is_none_or(|c| category_of(f) == Some(c))
                && filters
                    .object
                    .as_deref()
                    .is_none_or(|o| f.object.as_str() == o)
                && matches_search(f, &words)
        })
        .map(|(i, _)| i)
        .collect();
    let findings = &review.findings;
    match filters.sort {
        Sort::Position => {}
        Sort::Severity => shown.sort_by_key(|&i| (findings[i].severity, i)),
        Sort::Check => shown.sort_by_key(|&i| (findings[i].check, i)),
    }
    shown
}

#[cfg(test)]
mod tests {
    use manifesto_core::Model;
    use manifesto_core::checks::Settings;
    use manifesto_core::samples::Sample;

    use super::*;

    const FRONTEND: &str = "Deployment/feastflow/feastflow-frontend";

    fn feastflow() -> Review {
        Review::build(
            &Model::from_files(Sample::FeastFlow.files()),
            &Settings::default(),
        )
    }

    #[test]
    fn no_filter_shows_everything_by_position() {
        let review = feastflow();
        let all = visible(&review, &Filters::default());
        assert_eq!(all, (0..review.findings.len()).collect::<Vec<_>>());
    }

    #[test]
    fn filters_combine() {
        let review = feastflow();
        let filters = Filters {
            object: Some(FRONTEND.into()),
            severity: Some(Level::Error),
            ..Filters::default()
        };
        let shown = visible(&review, &filters);
        assert!(!shown.is_empty());
        for i in &shown {
            let f = &review.findings[*i];
            assert_eq!((f.object.as_str(), f.severity), (FRONTEND, Level::Error));
        }
        let expected = review
            .findings
            .iter()
            .filter(|f| f.object.as_str() == FRONTEND && f.severity == Level::Error)
            .count();
        assert_eq!(shown.len(), expected);
    }

    #[test]
    fn search_needs_every_word() {
        let review = feastflow();
        let filters = Filters {
            search: "  LATEST frontend ".into(),
            ..Filters::default()
        };
        let shown = visible(&review, &filters);
        assert!(
            shown
                .iter()
                .any(|&i| review.findings[i].check == "image-tag-mutable")
        );
        for i in shown {
            let f = &review.findings[i];
            let text = format!("{} {} {}", f.check, f.object.as_str(), f.message).to_lowercase();
            assert!(
                text.contains("latest") && text.contains("frontend"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_cell_shows_the_findings_behind_it() {
        let review = feastflow();
        let cell = review
            .checklist
            .cell("anti-affinity", FRONTEND)
            .expect("a cell");
        assert!(!cell.findings.is_empty());
        let filters = Filters {
            cell: Some(CellRef {
                row: "anti-affinity",
                object: FRONTEND.into(),
            }),
            ..Filters::default()
        };
        assert_eq!(visible(&review, &filters), cell.findings);
    }

    #[test]
    fn severity_order_puts_errors_first() {
        let review = feastflow();
        let filters = Filters {
            sort: Sort::Severity,
            ..Filters::default()
        };
        let levels: Vec<Level> = visible(&review, &filters)
            .into_iter()
            .map(|i| review.findings[i].severity)
            .collect();
        assert!(levels.windows(2).all(|w| w[0] <= w[1]), "{levels:?}");
        assert!(levels.contains(&Level::Error) && levels.contains(&Level::Info));
    }
}
