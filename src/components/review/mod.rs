//! The best-practice review view: the checklist, the readiness scores and every finding, with
//! each check's docs, the review settings and the exports.
//!
//! The reducer builds the review (`state.review`) whenever the model or the settings change; this
//! view only reads it. What the view remembers (filters, the open side panel) is local to it.

mod checklist;
mod docs;
pub(crate) mod export;
mod filter;
mod findings;
pub mod markdown;
mod scores;
mod settings;

use manifesto_core::report::Counts;
use yew::prelude::*;

use self::checklist::ChecklistTable;
use self::docs::CheckDocs;
use self::export::ExportButtons;
use self::filter::{CellRef, Filters};
use self::findings::FindingsList;
use self::scores::{Scores, format_score};
use self::settings::SettingsPanel;
use crate::shared::Shared;
use crate::state::AppContext;
use crate::text::{counted, plural};

/// What the side panel shows.
#[derive(Debug, Clone, PartialEq)]
enum Panel {
    /// The settings.
    Settings,
    /// A check's docs; `back` returns to the settings.
    Docs { check: &'static str, back: bool },
}

fn counts_line(counts: &Counts) -> Html {
    let chip = |n: usize, one: &str, many: &str, severity: Option<&'static str>| {
        html! {
            <span class="rv-count" data-severity={severity} data-zero={(n == 0).then_some("true")}>
                { counted(n, one, many) }
            </span>
        }
    };
    html! {
        <p class="rv-counts">
            { chip(counts.error, "error", "errors", Some("error")) }
            { chip(counts.warning, "warning", "warnings", Some("warning")) }
            { chip(counts.info, "info", "info", Some("info")) }
            if counts.suppressed > 0 {
                { chip(counts.suppressed, "suppressed", "suppressed", None) }
            }
        </p>
    }
}

/// The best-practice review of the loaded objects.
#[component]
pub fn ReviewView() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let review = Shared::new(&state.review);
    let filters = use_state(Filters::default);
    let panel = use_state(|| None::<Panel>);
    let findings_ref = use_node_ref();
    let drawer_ref = use_node_ref();

    // Move the focus into the side panel when it opens or changes.
    {
        let drawer_ref = drawer_ref.clone();
        use_effect_with((*panel).clone(), move |panel| {
            if panel.is_some()
                && let Some(el) = drawer_ref.cast::<web_sys::HtmlElement>()
            {
                let _ = el.focus();
                el.set_scroll_top(0);
            }
        });
    }

    // The callbacks handed to the long sections change only with what they read, so that the
    // sections are not drawn again on every change of the page (e.g. each slice of a reading).
    let on_filter = use_callback(filters.clone(), |next: Filters, filters| filters.set(next));
    let on_cell = {
        let findings_ref = findings_ref.clone();
        use_callback(filters.clone(), move |cell: CellRef, filters| {
            let mut next = filters.cleared();
            // A second click on the active cell shows everything again.
            if filters.cell.as_ref() != Some(&cell) {
                next.cell = Some(cell);
                if let Some(el) = findings_ref.cast::<web_sys::Element>() {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Start);
                    el.scroll_into_view_with_scroll_into_view_options(&options);
                }
            }
            filters.set(next);
        })
    };
    let on_learn = use_callback(panel.clone(), |check: &'static str, panel| {
        let back = matches!(
            **panel,
            Some(Panel::Settings | Panel::Docs { back: true, .. })
        );
        panel.set(Some(Panel::Docs { check, back }));
    });
    let open_settings = {
        let panel = panel.clone();
        Callback::from(move |_: MouseEvent| {
            panel.set(match *panel {
                Some(Panel::Settings) => None,
                _ => Some(Panel::Settings),
            });
        })
    };
    let close = {
        let panel = panel.clone();
        Callback::from(move |_: MouseEvent| panel.set(None))
    };
    let on_drawer_key = {
        let panel = panel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                panel.set(None);
            }
        })
    };

    if state.model.objects.is_empty() {
        return html! {
            <section class="rv-view placeholder-view" data-view="review" aria-label="The best-practice review">
                <p>{ "Load or paste Kubernetes manifests to review them." }</p>
                <p class="note">{ "The review checks every object against the catalog of best practices, fills in the checklist and scores each component." }</p>
            </section>
        };
    }

    let drawer = (*panel).clone().map(|p| {
        let (title, body, back) = match p {
            Panel::Settings => (
                "Checks and settings".to_owned(),
                html! { <SettingsPanel review={review.clone()} on_learn={on_learn.clone()} /> },
                None,
            ),
            Panel::Docs { check, back } => {
                let back = back.then(|| {
                    let panel = panel.clone();
                    Callback::from(move |_: MouseEvent| panel.set(Some(Panel::Settings)))
                });
                (
                    "About this check".to_owned(),
                    html! { <CheckDocs {check} review={review.clone()} /> },
                    back,
                )
            }
        };
        html! {
            <aside
                class="rv-drawer"
                role="dialog"
                aria-label={title.clone()}
                tabindex="-1"
                ref={drawer_ref.clone()}
                onkeydown={on_drawer_key.clone()}
            >
                <div class="rv-drawer-head">
                    if let Some(back) = back {
                        <button type="button" class="button" onclick={back}>{ "← All checks" }</button>
                    }
                    <h2>{ title }</h2>
                    <button type="button" class="icon-button rv-close" onclick={close.clone()} aria-label="Close" title="Close (Esc)">{ "✕" }</button>
                </div>
                <div class="rv-drawer-body">{ body }</div>
            </aside>
        }
    });

    let target = match state.settings.target_version {
        Some((major, minor)) => format!("Kubernetes {major}.{minor}"),
        None => "the newest Kubernetes".to_owned(),
    };
    let diagnostics = review.diagnostics.len();

    html! {
        <section class="rv-view" data-view="review" aria-label="The best-practice review">
            <header class="rv-head">
                <div class="rv-overall" data-testid="overall" data-value={format_score(review.overall_score)}>
                    <span class="rv-overall-value">{ format_score(review.overall_score) }<small>{ "/10" }</small></span>
                    <span class="rv-overall-label">{ "overall readiness" }</span>
                </div>
                <div class="rv-head-text">
                    { counts_line(&review.counts) }
                    <p class="note">
                        { format!("{} checked for {target}", plural(review.objects.len(), "object")) }
                        if diagnostics > 0 {
                            { format!(" · {} while reading the files (see below the editor)", plural(diagnostics, "problem")) }
                        }
                    </p>
                </div>
                <div class="rv-actions">
                    <ExportButtons review={review.clone()} />
                    <button
                        type="button"
                        class="button"
                        data-testid="review-settings-button"
                        aria-expanded={matches!(*panel, Some(Panel::Settings)).to_string()}
                        onclick={open_settings}
                    >
                        { "⚙ Checks & settings" }
                    </button>
                </div>
            </header>

            <section class="rv-section" aria-labelledby="rv-checklist-title">
                <h2 id="rv-checklist-title">{ "Best-practice checklist" }</h2>
                <p class="note">{ "Hover a cell for its reason; choose it to list the findings behind it." }</p>
                <ChecklistTable
                    review={review.clone()}
                    active={filters.cell.clone()}
                    on_select={on_cell}
                />
            </section>

            <section class="rv-section" aria-labelledby="rv-scores-title">
                <h2 id="rv-scores-title">{ "Readiness scores" }</h2>
                <Scores review={review.clone()} selected={state.selected.clone()} dispatcher={state.dispatcher()} />
            </section>

            <section class="rv-section" aria-labelledby="rv-findings-title" ref={findings_ref}>
                <h2 id="rv-findings-title">{ "Findings" }</h2>
                <FindingsList
                    review={review.clone()}
                    filters={(*filters).clone()}
                    {on_filter}
                    on_learn={on_learn.clone()}
                    selected={state.selected.clone()}
                    dispatcher={state.dispatcher()}
                />
            </section>

            { drawer }
        </section>
    }
}
