//! Reading files the user uploads or drops (files or whole folders) into [`LoadedFile`]s.
//!
//! Reads are asynchronous: a [`Job`] keeps every gloo `FileReader` alive until all the files
//! are read, then dispatches them in one [`Action::AddFiles`].

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::{FileReader, read_as_bytes};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{
    File, FileSystemDirectoryEntry, FileSystemDirectoryReader, FileSystemEntry, FileSystemFileEntry,
};
use yew::prelude::*;

use crate::state::{Action, AppState, LoadedFile, Notice};

/// Files larger than this are skipped: manifests are small, and the text is kept in memory
/// and in the browser's storage.
const MAX_FILE_BYTES: f64 = 8.0 * 1024.0 * 1024.0;
/// A downloaded workspace (a `.json` bundle) may be larger: it holds every file.
const MAX_BUNDLE_BYTES: f64 = 512.0 * 1024.0 * 1024.0;

fn is_json(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
}

/// What to load: files with the names they should have.
pub struct LoadRequest {
    /// Each file with its name (a relative path for files from a folder).
    pub files: Vec<(String, File)>,
    /// Whether the loaded files replace the ones already there.
    pub replace: bool,
    /// Names that were left out before reading (not manifests), for the notice.
    pub skipped: Vec<String>,
}

/// Whether a file in a dropped folder looks like a manifest.
pub fn is_manifest_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".yaml", ".yml", ".json"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

struct Job {
    slots: Vec<Option<Result<Vec<LoadedFile>, String>>>,
    remaining: usize,
    readers: Vec<FileReader>,
    replace: bool,
    skipped: Vec<String>,
    dispatcher: UseReducerDispatcher<AppState>,
}

impl Job {
    fn finish(job: &Rc<RefCell<Job>>) {
        let mut this = job.borrow_mut();
        let mut files = Vec::new();
        let mut failed = Vec::new();
        for slot in this.slots.drain(..).flatten() {
            match slot {
                Ok(read) => files.extend(read),
                Err(problem) => failed.push(problem),
            }
        }
        let dispatcher = this.dispatcher.clone();
        if !this.skipped.is_empty() {
            dispatcher.dispatch(Action::Notify(Notice {
                level: "info",
                text: format!(
                    "Skipped {}: {}",
                    describe_count(this.skipped.len()),
                    list(&this.skipped)
                ),
            }));
        }
        if !failed.is_empty() {
            dispatcher.dispatch(Action::Notify(Notice {
                level: "warning",
                text: format!(
                    "Could not read {}: {}",
                    describe_count(failed.len()),
                    failed.join("; ")
                ),
            }));
        }
        let replace = this.replace;
        // The readers are done; drop them after this callback has returned.
        let readers = std::mem::take(&mut this.readers);
        drop(this);
        Timeout::new(0, move || drop(readers)).forget();
        if !files.is_empty() {
            dispatcher.dispatch(Action::AddFiles { files, replace });
        }
    }
}

fn describe_count(n: usize) -> String {
    if n == 1 {
        "1 file".into()
    } else {
        format!("{n} files")
    }
}

fn list(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

/// A file's contents: itself, or the files of a downloaded workspace.
fn read_file(name: String, bytes: &[u8]) -> Result<Vec<LoadedFile>, String> {
    let too_large = bytes.len() as f64 > MAX_FILE_BYTES;
    let file = LoadedFile::from_bytes(name, bytes);
    if is_json(&file.name)
        && let Some(files) = super::bundle::parse(&file.text)
    {
        return Ok(files);
    }
    if too_large {
        return Err(format!("{} (larger than 8 MiB)", file.name));
    }
    Ok(vec![file])
}

/// Reads the requested files and adds them to the state when all are read.
pub fn load(request: LoadRequest, dispatcher: UseReducerDispatcher<AppState>) {
    let LoadRequest {
        files,
        replace,
        mut skipped,
    } = request;
    let files: Vec<(String, File)> = files
        .into_iter()
        .filter(|(name, file)| {
            let fits =
                file.size() <= MAX_FILE_BYTES || (is_json(name) && file.size() <= MAX_BUNDLE_BYTES);
            if !fits {
                skipped.push(format!("{name} (larger than 8 MiB)"));
            }
            fits
        })
        .collect();
    let job = Rc::new(RefCell::new(Job {
        slots: files.iter().map(|_| None).collect(),
        remaining: files.len(),
        readers: Vec::new(),
        replace,
        skipped,
        dispatcher,
    }));
    if files.is_empty() {
        Job::finish(&job);
        return;
    }
    for (index, (name, file)) in files.into_iter().enumerate() {
        let done = job.clone();
        let blob = gloo::file::Blob::from(file);
        let reader = read_as_bytes(&blob, move |result| {
            let slot = match result {
                Ok(bytes) => read_file(name, &bytes),
                Err(err) => Err(format!("{name} ({err})")),
            };
            let finished = {
                let mut job = done.borrow_mut();
                job.slots[index] = Some(slot);
                job.remaining -= 1;
                job.remaining == 0
            };
            if finished {
                Job::finish(&done);
            }
        });
        job.borrow_mut().readers.push(reader);
    }
}

/// Walks dropped entries (files and folders, recursively) and calls `done` with every manifest
/// file found, named by its path relative to the drop, and the names it left out.
pub fn walk_entries(
    entries: Vec<FileSystemEntry>,
    done: impl FnOnce(Vec<(String, File)>, Vec<String>) + 'static,
) {
    let walk = Rc::new(RefCell::new(Walk {
        pending: 0,
        found: Vec::new(),
        skipped: Vec::new(),
        done: Some(Box::new(done)),
    }));
    for entry in entries {
        visit(&walk, entry, true);
    }
    Walk::settle(&walk);
}

type WalkDone = Box<dyn FnOnce(Vec<(String, File)>, Vec<String>)>;

struct Walk {
    pending: usize,
    found: Vec<(String, File)>,
    skipped: Vec<String>,
    done: Option<WalkDone>,
}

impl Walk {
    /// Calls `done` once nothing is pending any more.
    fn settle(walk: &Rc<RefCell<Walk>>) {
        let finished = {
            let mut this = walk.borrow_mut();
            if this.pending > 0 {
                return;
            }
            this.done.take().map(|done| {
                let mut found = std::mem::take(&mut this.found);
                found.sort_by(|a, b| a.0.cmp(&b.0));
                (done, found, std::mem::take(&mut this.skipped))
            })
        };
        if let Some((done, found, skipped)) = finished {
            done(found, skipped);
        }
    }

    fn start(walk: &Rc<RefCell<Walk>>) {
        walk.borrow_mut().pending += 1;
    }

    fn end(walk: &Rc<RefCell<Walk>>) {
        walk.borrow_mut().pending -= 1;
        Walk::settle(walk);
    }
}

/// The path of an entry relative to the drop (`/app/a.yaml` becomes `app/a.yaml`).
fn entry_path(entry: &FileSystemEntry) -> String {
    let path = entry.full_path();
    let path = path.trim_start_matches('/');
    if path.is_empty() {
        entry.name()
    } else {
        path.to_owned()
    }
}

fn visit(walk: &Rc<RefCell<Walk>>, entry: FileSystemEntry, top_level: bool) {
    let path = entry_path(&entry);
    // Hidden files and folders (.git, .DS_Store) are never manifests.
    if entry.name().starts_with('.') {
        return;
    }
    if entry.is_directory() {
        // No instanceof check: the entry may come from another realm.
        let directory: FileSystemDirectoryEntry = entry.unchecked_into();
        read_directory(walk, &directory.create_reader());
    } else if entry.is_file() {
        // Files dropped on their own are read whatever their name (the core reports what it
        // cannot read); inside folders only manifests are.
        if !top_level && !is_manifest_name(&path) {
            walk.borrow_mut().skipped.push(path);
            return;
        }
        let file_entry: FileSystemFileEntry = entry.unchecked_into();
        Walk::start(walk);
        let on_file = {
            let walk = walk.clone();
            let path = path.clone();
            Closure::once_into_js(move |file: File| {
                walk.borrow_mut().found.push((path, file));
                Walk::end(&walk);
            })
        };
        let on_error = {
            let walk = walk.clone();
            Closure::once_into_js(move |_error: JsValue| {
                walk.borrow_mut()
                    .skipped
                    .push(format!("{path} (unreadable)"));
                Walk::end(&walk);
            })
        };
        file_entry
            .file_with_callback_and_callback(on_file.unchecked_ref(), on_error.unchecked_ref());
    }
}

/// Reads a folder's entries, batch by batch until an empty batch says it is done.
fn read_directory(walk: &Rc<RefCell<Walk>>, reader: &FileSystemDirectoryReader) {
    Walk::start(walk);
    let on_entries = {
        let walk = walk.clone();
        let reader = reader.clone();
        Closure::once_into_js(move |entries: js_sys::Array| {
            if entries.length() > 0 {
                for entry in entries.iter() {
                    visit(&walk, entry.unchecked_into(), false);
                }
                read_directory(&walk, &reader);
            }
            Walk::end(&walk);
        })
    };
    let on_error = {
        let walk = walk.clone();
        Closure::once_into_js(move |_error: JsValue| Walk::end(&walk))
    };
    if reader
        .read_entries_with_callback_and_callback(
            on_entries.unchecked_ref(),
            on_error.unchecked_ref(),
        )
        .is_err()
    {
        Walk::end(walk);
    }
}

/// A callback that loads files, for the upload button and the drop zone.
#[hook]
pub fn use_file_loader(dispatcher: UseReducerDispatcher<AppState>) -> Callback<LoadRequest> {
    use_callback(dispatcher, |request: LoadRequest, dispatcher| {
        load(request, dispatcher.clone());
    })
}
