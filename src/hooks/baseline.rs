//! Keeping the Compare view's baseline in the browser, so it survives a reload.
//!
//! It is a full copy of the files, so it lives in IndexedDB next to the workspace (see
//! [`super::storage`]), as one record [`IDB_KEY`]: a JSON list of `{name, text}`. A baseline
//! kept by earlier versions in `localStorage` is moved there on first load; `localStorage` is
//! used only when IndexedDB cannot be opened. A failed save shows in the storage status.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use super::idb;
use super::storage::{self, SaveStatus, use_saves};
use crate::state::{AppContext, Notice};

/// The `localStorage` key of earlier versions (and of the fallback).
const LOCAL_KEY: &str = "manifesto.baseline.v1";
/// The IndexedDB key of the baseline.
const IDB_KEY: &str = "baseline";

#[derive(Serialize, Deserialize)]
struct StoredFile {
    name: String,
    text: String,
}

thread_local! {
    /// What [`restore`] found, taken by [`restored_baseline`].
    static RESTORED: RefCell<Option<Vec<(String, String)>>> = const { RefCell::new(None) };
}

fn parse(json: &str) -> Result<Vec<(String, String)>, String> {
    let files: Vec<StoredFile> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(files.into_iter().map(|f| (f.name, f.text)).collect())
}

fn to_json(files: &[(String, String)]) -> Result<String, String> {
    let files: Vec<StoredFile> = files
        .iter()
        .map(|(name, text)| StoredFile {
            name: name.clone(),
            text: text.clone(),
        })
        .collect();
    serde_json::to_string(&files).map_err(|e| e.to_string())
}

/// Reads the baseline of IndexedDB, moving one of `localStorage` there first.
async fn load_idb() -> Result<Option<Vec<(String, String)>>, String> {
    if let Some(Some(json)) = idb::get(&[IDB_KEY.to_owned()]).await?.pop() {
        return parse(&json).map(Some);
    }
    // Unreadable local storage holds nothing to move.
    let Some(json) = storage::read_local(LOCAL_KEY).ok().flatten() else {
        return Ok(None);
    };
    let files = parse(&json)?;
    // When the write fails, the entry stays in local storage and moves on a later load.
    let _ = storage::move_to_idb(write_idb(Some(&json)), LOCAL_KEY).await;
    Ok(Some(files))
}

/// Finds the kept baseline before the app starts, once [`storage::restore`] has opened
/// IndexedDB (`reset`: forgets it instead; IndexedDB is cleared with the workspace). Gives a
/// notice when it cannot be read.
pub(super) async fn restore(reset: bool) -> Option<Notice> {
    if reset {
        if let Ok(local) = storage::local_storage() {
            let _ = local.remove_item(LOCAL_KEY);
        }
        return None;
    }
    let found = if idb::is_open() {
        load_idb().await
    } else {
        storage::read_local(LOCAL_KEY).and_then(|json| json.as_deref().map(parse).transpose())
    };
    match found {
        Ok(files) => {
            RESTORED.with(|slot| *slot.borrow_mut() = files);
            None
        }
        Err(why) => Some(Notice {
            level: "warning",
            text: format!(
                "The Compare view's baseline saved in this browser could not be read ({why}); set it again."
            ),
        }),
    }
}

/// The baseline files found by [`restore`], if a baseline was kept.
pub fn restored_baseline() -> Option<Vec<(String, String)>> {
    RESTORED.with(|slot| slot.borrow_mut().take())
}

/// Starts writing the baseline `json` to IndexedDB (`None`: deleting it).
fn write_idb(json: Option<&str>) -> Result<idb::Batch, String> {
    let batch = idb::Batch::new()?;
    match json {
        Some(json) => batch.put(IDB_KEY, json)?,
        None => batch.delete(IDB_KEY)?,
    }
    Ok(batch)
}

/// Writes the baseline `json` to `localStorage` (`None`: removes it).
fn write_local(json: Option<&str>) -> Result<(), String> {
    match json {
        Some(json) => storage::write_local(LOCAL_KEY, json),
        None => storage::local_storage()?
            .remove_item(LOCAL_KEY)
            .map_err(|_| "local storage is blocked in this browser".to_owned()),
    }
}

/// Saves the baseline whenever it is taken, and forgets it when it is dropped; returns how the
/// last save went. A share link's baseline is saved with its files, at the first edit (a
/// baseline restored from this browser is already kept, so that edit writes nothing).
#[hook]
pub fn use_baseline_persistence(state: &AppContext) -> SaveStatus {
    let saves = use_saves();
    let baseline = state.baseline.clone();
    let key = baseline.as_ref().map(|b| std::rc::Rc::as_ptr(b) as usize);
    let from_link = *use_memo((), |()| super::share::opened_from_link());
    let edited = from_link && state.save_rev > 0;
    let first = use_mut_ref(|| true);
    {
        let saves = saves.clone();
        use_effect_with((key, edited), move |_| {
            // The first run sees what was just restored: nothing to save.
            if std::mem::take(&mut *first.borrow_mut()) {
                return;
            }
            let json = baseline.map(|b| to_json(&b.files)).transpose();
            let this = saves.begin();
            saves.save(
                this,
                || write_idb(json.as_ref().map_err(Clone::clone)?.as_deref()),
                || write_local(json.as_ref().map_err(Clone::clone)?.as_deref()),
            );
        });
    }
    match saves.status() {
        SaveStatus::Failed(why) => {
            SaveStatus::Failed(format!("the Compare view's baseline: {why}"))
        }
        status => status,
    }
}

/// Files larger than this are not read as a baseline, the bound of the upload button.
const MAX_FILE_BYTES: f64 = 8.0 * 1024.0 * 1024.0;
/// A downloaded workspace (a `.json` bundle) may be larger, as for the upload button.
const MAX_BUNDLE_BYTES: f64 = 512.0 * 1024.0 * 1024.0;

fn is_json(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
}

/// A file's name and text, or the files of a downloaded workspace.
fn baseline_files(name: String, bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let too_large = bytes.len() as f64 > MAX_FILE_BYTES;
    // Text that is not UTF-8 is decoded as the upload button decodes it.
    let file = crate::state::LoadedFile::from_bytes(name, bytes);
    if is_json(&file.name)
        && let Some(files) = super::bundle::parse(&file.text)
    {
        return Ok(files.into_iter().map(|f| (f.name, f.text)).collect());
    }
    if too_large {
        return Err(format!("{} (larger than 8 MiB)", file.name));
    }
    Ok(vec![(file.name, file.text)])
}

/// Files by name and text.
type Files = Vec<(String, String)>;

/// A read of files chosen as the baseline: the readers stay alive until every file is read.
struct BaselineRead {
    slots: Vec<Option<Result<Files, String>>>,
    remaining: usize,
    readers: Vec<gloo::file::callbacks::FileReader>,
    problems: Vec<String>,
    done: Callback<Result<Vec<(String, String)>, String>>,
}

impl BaselineRead {
    fn finish(read: &std::rc::Rc<RefCell<BaselineRead>>) {
        let mut this = read.borrow_mut();
        let mut files = Vec::new();
        let mut problems = std::mem::take(&mut this.problems);
        for slot in this.slots.drain(..).flatten() {
            match slot {
                Ok(read) => files.extend(read),
                Err(problem) => problems.push(problem),
            }
        }
        let done = this.done.clone();
        // The readers are done; drop them after this callback has returned.
        let readers = std::mem::take(&mut this.readers);
        drop(this);
        gloo::timers::callback::Timeout::new(0, move || drop(readers)).forget();
        // A baseline missing some of its files would show them all as added: none is taken.
        done.emit(if problems.is_empty() {
            Ok(files)
        } else {
            Err(problems.join("; "))
        });
    }
}

/// Reads `files` (name and file) chosen as the Compare view's baseline, with the size bounds of
/// the upload button (a downloaded workspace gives its files), then calls `done` with their names and texts, or with the files that
/// could not be read and why.
pub fn read_baseline_files(
    files: Vec<(String, web_sys::File)>,
    done: Callback<Result<Vec<(String, String)>, String>>,
) {
    let mut problems = Vec::new();
    let files: Vec<(String, web_sys::File)> = files
        .into_iter()
        .filter(|(name, file)| {
            let fits =
                file.size() <= MAX_FILE_BYTES || (is_json(name) && file.size() <= MAX_BUNDLE_BYTES);
            if !fits {
                problems.push(format!("{name} (larger than 8 MiB)"));
            }
            fits
        })
        .collect();
    let read = std::rc::Rc::new(RefCell::new(BaselineRead {
        slots: files.iter().map(|_| None).collect(),
        remaining: files.len(),
        readers: Vec::new(),
        problems,
        done,
    }));
    if files.is_empty() {
        BaselineRead::finish(&read);
        return;
    }
    for (index, (name, file)) in files.into_iter().enumerate() {
        let this = read.clone();
        let blob = gloo::file::Blob::from(file);
        let reader = gloo::file::callbacks::read_as_bytes(&blob, move |result| {
            let slot = match result {
                Ok(bytes) => baseline_files(name, &bytes),
                Err(err) => Err(format!("{name} ({err})")),
            };
            let finished = {
                let mut read = this.borrow_mut();
                read.slots[index] = Some(slot);
                read.remaining -= 1;
                read.remaining == 0
            };
            if finished {
                BaselineRead::finish(&this);
            }
        });
        read.borrow_mut().readers.push(reader);
    }
}
