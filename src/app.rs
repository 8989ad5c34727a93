//! The root component: owns the state, lays out the page and takes dropped files and folders.

use wasm_bindgen::JsCast;
use web_sys::{DragEvent, FileSystemEntry};
use yew::prelude::*;

use crate::components::diagnostics::Diagnostics;
use crate::components::editor::Editor;
use crate::components::file_tabs::FileTabs;
use crate::components::learn::storage::{stored_learn, use_learn_persistence};
use crate::components::notices::Notices;
use crate::components::presenter::Presenter;
use crate::components::sample_picker::SamplePicker;
use crate::components::share::ShareButton;
use crate::components::storage_status::StorageStatus;
use crate::components::upload::FileControls;
use crate::components::views::Views;
use crate::hooks::analysis::use_analysis_scheduler;
use crate::hooks::baseline::{restored_baseline, use_baseline_persistence};
use crate::hooks::loader::{LoadRequest, use_file_loader, walk_entries};
use crate::hooks::settings::{stored_settings, use_settings_persistence};
use crate::hooks::share::{shared_or, use_share_fragment};
use crate::hooks::storage::{initial_state, use_persistence};
use crate::state::{AppContext, AppState};
use crate::text::plural;

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        // The student's lesson progress is theirs, whichever workspace opens.
        shared_or(|| {
            initial_state()
                .with_settings(stored_settings())
                .with_baseline(restored_baseline())
        })
        .with_learn(stored_learn())
    });
    use_share_fragment(&state);
    use_analysis_scheduler(&state);
    let files_status = use_persistence(&state);
    let save_status = files_status.and(use_baseline_persistence(&state));
    use_settings_persistence(&state);
    use_learn_persistence(&state);
    let load = use_file_loader(state.dispatcher());
    let dragging = use_state_eq(|| false);

    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Only file drags are accepted; text dragged within the editor behaves as usual.
            let has_files = e
                .data_transfer()
                .is_some_and(|dt| dt.types().includes(&"Files".into(), 0));
            if has_files {
                e.prevent_default();
                if let Some(dt) = e.data_transfer() {
                    dt.set_drop_effect("copy");
                }
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Leaving the window (not just moving between children).
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let load = load.clone();
        let replace = state.replace_on_load;
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            let Some(dt) = e.data_transfer() else { return };
            if !dt.types().includes(&"Files".into(), 0) {
                return;
            }
            e.prevent_default();
            // Entries must be taken during the event: the DataTransfer empties afterwards.
            let items = dt.items();
            let mut entries = Vec::new();
            let mut files = Vec::new();
            for i in 0..items.length() {
                let Some(item) = items.get(i) else { continue };
                if item.kind() != "file" {
                    continue;
                }
                match item.webkit_get_as_entry() {
                    Ok(Some(entry)) => entries.push(entry.unchecked_into::<FileSystemEntry>()),
                    _ => {
                        if let Ok(Some(file)) = item.get_as_file() {
                            files.push((file.name(), file));
                        }
                    }
                }
            }
            let load = load.clone();
            walk_entries(entries, move |mut found, skipped| {
                found.extend(files);
                load.emit(LoadRequest {
                    files: found,
                    replace,
                    skipped,
                });
            });
        })
    };

    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <div
                class={classes!("app", (*dragging).then_some("dragging"))}
                {ondragover}
                {ondragleave}
                {ondrop}
            >
                <header class="app-header">
                    <h1 class="brand">
                        <span class="brand-mark" aria-hidden="true">{ "\u{2388}" }</span>
                        { "Manifesto" }
                    </h1>
                    <SamplePicker />
                    <FileControls />
                    <ShareButton />
                    <Summary state={(*state).clone()} />
                    <Presenter />
                </header>
                <FileTabs />
                <Notices />
                <StorageStatus status={save_status} />
                <main class="workspace">
                    <section class="editor-pane" aria-label="Editor">
                        <Editor />
                        <Diagnostics />
                    </section>
                    <Views />
                </main>
                if *dragging {
                    <div class="drop-overlay" aria-hidden="true">
                        <p>{ if state.replace_on_load { "Drop files or a folder to replace the loaded files" } else { "Drop files or a folder to add them" } }</p>
                    </div>
                }
            </div>
        </ContextProvider<AppContext>>
    }
}

/// Props of [`Summary`].
#[derive(Properties, PartialEq)]
struct SummaryProps {
    state: AppState,
}

/// "11 objects in 11 files", or while a large workspace is analysed, where the analysis is:
/// "Reading 3 files (1.2 MB)…", then "Checking 1,100 objects…". `data-objects` counts the
/// objects of the finished analysis, `data-reviewed-in` says whether the analysis worker made its
/// review (`worker`) or the page (`page`).
#[component]
fn Summary(props: &SummaryProps) -> Html {
    let status = props.state.analysis;
    let objects = props.state.model.objects.len();
    let files = props.state.files.len();
    let checking = props.state.checking_objects();
    let text = if let Some(checking) = checking {
        format!("Checking {}\u{2026}", plural(checking, "object"))
    } else if status.running() {
        format!(
            "Reading {} ({})\u{2026}",
            plural(status.files, "file"),
            size(status.bytes)
        )
    } else {
        format!("{} in {}", plural(objects, "object"), plural(files, "file"))
    };
    let state = if status.running() { "running" } else { "done" };
    html! {
        <p
            class={classes!("summary", status.running().then_some("running"))}
            aria-live="polite"
            data-testid="analysis-status"
            data-state={state}
            data-objects={objects.to_string()}
            data-reviewed-in={if status.reviewed_in_worker { "worker" } else { "page" }}
        >
            { text }
            if status.running() {
                <progress
                    class="analysis-progress"
                    aria-label="Analysing: reading, then checking"
                    max="2"
                    value={if checking.is_some() {
                        "1".to_owned()
                    } else {
                        format!("{:.2}", status.bytes_read as f64 / status.bytes.max(1) as f64)
                    }}
                ></progress>
            }
        </p>
    }
}

/// "640 KB", "1.2 MB".
fn size(bytes: usize) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}
