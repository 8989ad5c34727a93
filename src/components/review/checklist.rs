//! The best-practice checklist: the fifteen practices by workload, each cell pass, fail, not
//! applicable or skipped, in words and symbols, with its reason as a tooltip.

use manifesto_core::report::{Outcome, Review, checklist::ROWS};
use yew::prelude::*;

use crate::shared::Shared;

use super::filter::CellRef;
use crate::components::more::{ShowMore, use_row_limit};

/// The workload columns the checklist draws at first, and adds with each "Show more".
const FIRST_COLUMNS: usize = 40;

/// Props of [`ChecklistTable`].
#[derive(Properties, PartialEq)]
pub struct ChecklistTableProps {
    /// The review.
    pub review: Shared<Review>,
    /// The cell whose findings the list shows.
    pub active: Option<CellRef>,
    /// A cell was clicked.
    pub on_select: Callback<CellRef>,
}

/// The symbol and the word of an outcome.
pub fn outcome_label(outcome: Outcome) -> (&'static str, &'static str) {
    match outcome {
        Outcome::Pass => ("✓", "pass"),
        Outcome::Fail => ("✗", "fail"),
        Outcome::Na => ("", "N/A"),
        Outcome::Skipped => ("⊘", "skipped"),
    }
}

/// The checklist table.
#[component]
pub fn ChecklistTable(props: &ChecklistTableProps) -> Html {
    let checklist = &props.review.checklist;
    let (drawn, on_show) = use_row_limit(FIRST_COLUMNS, checklist.columns.len());
    if checklist.columns.is_empty() {
        return html! {
            <p class="note">
                { "No workloads to check: the checklist covers objects with a pod template (Deployments, StatefulSets, DaemonSets, Jobs, Pods…)." }
            </p>
        };
    }
    let head: Html = checklist
        .columns
        .iter()
        .take(drawn)
        .map(|id| {
            html! {
                <th scope="col" title={id.as_str().to_owned()}>
                    <span class="rv-col-kind">{ id.kind().to_owned() }</span>
                    <span class="rv-col-name">{ id.name().to_owned() }</span>
                </th>
            }
        })
        .collect();
    let body: Html = ROWS
        .iter()
        .map(|row| {
            let cells: Html = checklist
                .row_cells(row.id)
                .take(drawn)
                .map(|cell| {
                    let (symbol, word) = outcome_label(cell.result);
                    let cell_ref = CellRef {
                        row: cell.row,
                        object: cell.object.as_str().to_owned(),
                    };
                    let active = props.active.as_ref() == Some(&cell_ref);
                    let onclick = {
                        let on_select = props.on_select.clone();
                        Callback::from(move |_: MouseEvent| on_select.emit(cell_ref.clone()))
                    };
                    let count = cell.findings.len();
                    let label = format!(
                        "{}, {}: {word}. {}{}",
                        row.title,
                        cell.object.name(),
                        cell.reason,
                        match count {
                            0 => String::new(),
                            1 => " (1 finding)".to_owned(),
                            n => format!(" ({n} findings)"),
                        }
                    );
                    html! {
                        <td
                            class={classes!("rv-cell", format!("rv-{}", cell.result.as_str()), active.then_some("rv-active"))}
                            data-row={cell.row}
                            data-object={cell.object.as_str().to_owned()}
                            data-result={cell.result.as_str()}
                        >
                            <button
                                type="button"
                                title={cell.reason.clone()}
                                aria-label={label}
                                aria-pressed={active.to_string()}
                                {onclick}
                            >
                                if !symbol.is_empty() {
                                    <span class="rv-symbol" aria-hidden="true">{ symbol }</span>
                                }
                                <span class="rv-word">{ word }</span>
                                if count > 0 {
                                    <span class="rv-cell-count" aria-hidden="true">{ count }</span>
                                }
                            </button>
                        </td>
                    }
                })
                .collect();
            html! {
                <tr>
                    <th scope="row" title={row.rule}>{ row.title }</th>
                    { cells }
                </tr>
            }
        })
        .collect();
    let columns = checklist.columns.len();
    html! {
        <>
        <div class="rv-table-wrap">
            <table class="rv-checklist" data-testid="checklist">
                <caption class="visually-hidden">
                    { "Best practices (rows) by workload (columns); choose a cell to list the findings behind it." }
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Best practice" }</th>
                        { head }
                    </tr>
                </thead>
                <tbody>{ body }</tbody>
            </table>
        </div>
        <ShowMore shown={drawn} total={columns} step={FIRST_COLUMNS} noun="workload" {on_show} />
        </>
    }
}
