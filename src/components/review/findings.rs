//! The findings list: filters (severity, category, object, text), order, and one line per finding
//! that jumps to its line in the editor.

use std::collections::HashMap;
use strum::VariantArray;

use manifesto_core::checks::{Category, Level};
use manifesto_core::model::ObjectId;
use manifesto_core::report::Review;
use manifesto_core::report::checklist;
use manifesto_core::source::Location;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::shared::Shared;

use super::checklist::outcome_label;
use super::filter::{Filters, Sort, category_of, visible};
use crate::components::more::{FIRST_ROWS, ShowMore, use_row_limit};
use crate::state::{Action, AppState};

/// Props of [`FindingsList`].
#[derive(Properties, PartialEq)]
pub struct FindingsListProps {
    /// The review.
    pub review: Shared<Review>,
    /// What the list is narrowed to.
    pub filters: Filters,
    /// The filters changed.
    pub on_filter: Callback<Filters>,
    /// "Learn more" about a check.
    pub on_learn: Callback<&'static str>,
    /// The object selected on the page, whose findings are marked.
    pub selected: Option<ObjectId>,
    /// Shows a finding's object and field (a prop rather than the page's context, so that the
    /// list is drawn again only when what it shows changes).
    pub dispatcher: UseReducerDispatcher<AppState>,
}

/// A severity in words, capitalised.
pub fn severity_title(level: Level) -> &'static str {
    match level {
        Level::Error => "Error",
        Level::Warning => "Warning",
        Level::Info => "Info",
    }
}

/// A category in words, capitalised.
pub fn category_title(category: Category) -> &'static str {
    match category {
        Category::Correctness => "Correctness",
        Category::Reliability => "Reliability",
        Category::Security => "Security",
        Category::Resources => "Resources",
        Category::Hygiene => "Hygiene",
    }
}

/// The severity badge: a symbol and the word, coloured.
pub fn severity_badge(level: Level) -> Html {
    let symbol = match level {
        Level::Error => "✖",
        Level::Warning => "▲",
        Level::Info => "ℹ",
    };
    html! {
        <span class="rv-severity" data-severity={level.as_str()}>
            <span aria-hidden="true">{ symbol }</span>
            { " " }
            { level.as_str() }
        </span>
    }
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// The findings list with its toolbar.
#[component]
pub fn FindingsList(props: &FindingsListProps) -> Html {
    let dispatcher = &props.dispatcher;
    let review = &props.review;
    let filters = &props.filters;
    // Computed again only for a new review or new filters, not on every change of the page.
    let shown = use_memo((review.clone(), filters.clone()), |(review, filters)| {
        visible(review, filters)
    });
    let tally = use_memo(review.clone(), |review| Tally::of(review));
    let (drawn, on_show) = use_row_limit(FIRST_ROWS, shown.len());

    let update = |change: fn(&mut Filters, String)| {
        let on_filter = props.on_filter.clone();
        let filters = filters.clone();
        move |value: String| {
            let mut next = filters.clone();
            change(&mut next, value);
            on_filter.emit(next);
        }
    };
    let on_severity = {
        let set = update(|f, v| f.severity = Level::parse(&v));
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_category = {
        let set = update(|f, v| {
            f.category = Category::ALL.into_iter().find(|c| c.as_str() == v);
        });
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_object = {
        let set = update(|f, v| f.object = (!v.is_empty()).then_some(v));
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_sort = {
        let set = update(|f, v| f.sort = Sort::parse(&v));
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_search = {
        let set = update(|f, v| f.search = v);
        Callback::from(move |e: InputEvent| {
            set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_clear = {
        let on_filter = props.on_filter.clone();
        let cleared = filters.cleared();
        Callback::from(move |_: MouseEvent| on_filter.emit(cleared.clone()))
    };
    let on_clear_cell = {
        let on_filter = props.on_filter.clone();
        let mut next = filters.clone();
        next.cell = None;
        Callback::from(move |_: MouseEvent| on_filter.emit(next.clone()))
    };

    let severity_options: Html = [Level::Error, Level::Warning, Level::Info]
        .into_iter()
        .map(|level| {
            let n = tally.by_severity.get(&level).copied().unwrap_or(0);
            html! {
                <option value={level.as_str()} selected={filters.severity == Some(level)}>
                    { format!("{} ({n})", severity_title(level)) }
                </option>
            }
        })
        .collect();
    let category_options: Html = Category::ALL
        .into_iter()
        .map(|category| {
            let n = tally.by_category.get(&category).copied().unwrap_or(0);
            html! {
                <option value={category.as_str()} selected={filters.category == Some(category)}>
                    { format!("{} ({n})", category_title(category)) }
                </option>
            }
        })
        .collect();
    let object_options: Html = review
        .objects
        .iter()
        .filter_map(|o| {
            let n = tally.by_object.get(o.id.as_str()).copied().unwrap_or(0);
            (n > 0).then(|| {
                let id = o.id.as_str().to_owned();
                let selected = filters.object.as_deref() == Some(id.as_str());
                html! {
                    <option value={id} {selected}>{ format!("{} {} ({n})", o.kind, o.name) }</option>
                }
            })
        })
        .collect();
    let sort_options: Html = Sort::VARIANTS
        .iter()
        .copied()
        .map(|sort| html! { <option value={sort.key()} selected={filters.sort == sort}>{ sort.title() }</option> })
        .collect();

    // The cell the list is narrowed to, described.
    let cell_note = filters.cell.as_ref().and_then(|c| {
        let cell = review.checklist.cell(c.row, &c.object)?;
        let title = checklist::row(c.row).map_or(c.row, |r| r.title);
        let (symbol, word) = outcome_label(cell.result);
        let at = cell.at.clone().filter(|_| cell.findings.is_empty());
        let go = at.map(|location| {
            let onclick = show_in_editor(dispatcher, &cell.object, location);
            html! { <button type="button" class="link-button" {onclick}>{ "Show the field in the editor" }</button> }
        });
        Some(html! {
            <div class="rv-cell-note" data-result={cell.result.as_str()} role="status">
                <p>
                    <strong>{ format!("{title} × {}", cell.object.name()) }</strong>
                    { format!(": {symbol} {word}. ") }
                    { cell.reason.clone() }
                    { " " }
                    { go }
                </p>
                <button type="button" class="icon-button" onclick={on_clear_cell.clone()} aria-label="Show all findings again" title="Show all findings again">{ "✕" }</button>
            </div>
        })
    });

    let items: Html = shown
        .iter()
        .take(drawn)
        .map(|&index| {
            let finding = &review.findings[index];
            let check = finding.check;
            let go = show_in_editor(dispatcher, &finding.object, finding.location.clone());
            let learn = {
                let on_learn = props.on_learn.clone();
                Callback::from(move |_: MouseEvent| on_learn.emit(check))
            };
            let selected = props.selected.as_ref() == Some(&finding.object);
            let category = category_of(finding).map_or("", category_title);
            let mut place = format!("{} {}", finding.object.kind(), finding.object.name());
            if let Some(container) = &finding.container {
                place.push_str(&format!(" · container {container}"));
            }
            html! {
                <li
                    key={index}
                    class={classes!("rv-finding", finding.is_suppressed().then_some("rv-suppressed"), selected.then_some("rv-selected"))}
                    data-testid="finding"
                    data-check={check}
                    data-severity={finding.severity.as_str()}
                    data-object={finding.object.as_str().to_owned()}
                    data-line={finding.location.line.to_string()}
                    data-suppressed={finding.is_suppressed().then_some("true")}
                >
                    <div class="rv-finding-head">
                        { severity_badge(finding.severity) }
                        <code class="rv-check-id">{ check }</code>
                        <span class="rv-category">{ category }</span>
                        <button type="button" class="icon-button rv-learn" onclick={learn} aria-label={format!("Learn more about {check}")} title={format!("Learn more about {check}")}>
                            { "?" }
                        </button>
                    </div>
                    <button type="button" class="rv-finding-go" onclick={go} title="Show this line in the editor">
                        <span class="rv-message">{ finding.message.clone() }</span>
                        <span class="rv-where">
                            { place }
                            { " — " }
                            <span class="rv-location">{ format!("{}:{}", finding.location.file, finding.location.line) }</span>
                        </span>
                    </button>
                    if let Some(help) = &finding.help {
                        <p class="rv-help"><span class="rv-help-label">{ "Fix: " }</span>{ help.clone() }</p>
                    }
                    if let Some(reason) = &finding.suppressed {
                        <p class="rv-suppressed-note">{ format!("suppressed: {reason}") }</p>
                    }
                </li>
            }
        })
        .collect();

    let total = review.findings.len();
    let status = if filters.is_narrowed() {
        format!("{} of {total} findings", shown.len())
    } else if total == 1 {
        "1 finding".to_owned()
    } else {
        format!("{total} findings")
    };

    html! {
        <div class="rv-findings">
            <div class="rv-toolbar" role="group" aria-label="Filter and sort the findings">
                <input
                    type="search"
                    class="rv-search"
                    placeholder="Search findings"
                    aria-label="Search findings"
                    value={filters.search.clone()}
                    oninput={on_search}
                />
                <select aria-label="Severity" onchange={on_severity}>
                    <option value="" selected={filters.severity.is_none()}>{ "All severities" }</option>
                    { severity_options }
                </select>
                <select aria-label="Category" onchange={on_category}>
                    <option value="" selected={filters.category.is_none()}>{ "All categories" }</option>
                    { category_options }
                </select>
                <select aria-label="Object" onchange={on_object}>
                    <option value="" selected={filters.object.is_none()}>{ "All objects" }</option>
                    { object_options }
                </select>
                <label class="rv-sort">
                    { "Sort by " }
                    <select onchange={on_sort}>{ sort_options }</select>
                </label>
            </div>
            { cell_note }
            <p class="rv-status" aria-live="polite">
                { status }
                if filters.is_narrowed() {
                    { " · " }
                    <button type="button" class="link-button" onclick={on_clear}>{ "Show all" }</button>
                }
            </p>
            if shown.is_empty() {
                <p class="note rv-none">
                    { if total == 0 { "No findings: every enabled check passes." } else { "No finding matches these filters." } }
                </p>
            } else {
                <ul class="rv-finding-list">{ items }</ul>
                <ShowMore shown={drawn} total={shown.len()} step={FIRST_ROWS} noun="finding" {on_show} />
            }
        </div>
    }
}

/// Selects `object` and shows `location` in the editor, on a click.
fn show_in_editor(
    dispatcher: &UseReducerDispatcher<AppState>,
    object: &ObjectId,
    location: Location,
) -> Callback<MouseEvent> {
    let (dispatcher, object) = (dispatcher.clone(), object.clone());
    Callback::from(move |_: MouseEvent| {
        dispatcher.dispatch(Action::Select(Some(object.clone())));
        dispatcher.dispatch(Action::GoTo(location.clone()));
    })
}

/// The findings counted by severity, category and object, for the list's menus.
#[derive(Default)]
struct Tally {
    by_severity: HashMap<Level, usize>,
    by_category: HashMap<Category, usize>,
    by_object: HashMap<ObjectId, usize>,
}

impl Tally {
    fn of(review: &Review) -> Tally {
        let mut tally = Tally::default();
        for finding in &review.findings {
            *tally.by_severity.entry(finding.severity).or_default() += 1;
            if let Some(category) = category_of(finding) {
                *tally.by_category.entry(category).or_default() += 1;
            }
            *tally.by_object.entry(finding.object.clone()).or_default() += 1;
        }
        tally
    }
}
