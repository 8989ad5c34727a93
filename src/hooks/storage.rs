//! Keeping the user's files in the browser, so they survive a reload and a crash.
//!
//! The workspace lives in IndexedDB (see [`super::idb`]), whose quota is large: a record
//! `meta` (the file names, in order, their load problems and the active file) and one record
//! `file:<name>` per file text. A workspace saved by earlier versions in `localStorage` is
//! moved there on first load. When IndexedDB is unavailable, `localStorage` is used instead.
//!
//! Saves are debounced; typing is also saved by [`save_text_now`] before the text is analysed.
//! When a save fails the files stay in memory, and the page says so and offers a download.
//!
//! The helpers shared with [`super::baseline`], kept the same way, are here too.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use manifesto_core::Pos;
use manifesto_core::samples::Sample;
use serde::{Deserialize, Serialize};
use yew::prelude::*;

use super::{baseline, crash, idb};
use crate::state::{AppContext, AppState, LoadProblem, LoadedFile, Notice};

/// The `localStorage` key of earlier versions (and of the fallback).
const LOCAL_KEY: &str = "manifesto.files.v1";
/// The IndexedDB key of the file list.
const META_KEY: &str = "meta";
/// The IndexedDB key prefix of a file's text.
const FILE_PREFIX: &str = "file:";
/// How long the files must stay unchanged before they are saved.
const DEBOUNCE_MS: u32 = 300;

/// The file list kept under [`META_KEY`] (and, with the texts, in `localStorage`).
#[derive(Serialize, Deserialize)]
struct Stored {
    files: Vec<StoredFile>,
    active: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredFile {
    name: String,
    /// Empty in IndexedDB, where the text has its own record.
    #[serde(default)]
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    problem: Option<StoredProblem>,
}

#[derive(Serialize, Deserialize)]
struct StoredProblem {
    line: usize,
    column: usize,
    message: String,
}

impl Stored {
    fn of(state: &AppState, with_text: bool) -> Self {
        Stored {
            files: state
                .files
                .iter()
                .map(|f| StoredFile {
                    name: f.name.clone(),
                    text: if with_text {
                        f.text.clone()
                    } else {
                        String::new()
                    },
                    problem: f.load_problem.as_ref().map(|p| StoredProblem {
                        line: p.pos.line,
                        column: p.pos.column,
                        message: p.message.clone(),
                    }),
                })
                .collect(),
            active: state.active_file().map(|f| f.name.clone()),
        }
    }

    fn into_files(self) -> (Vec<LoadedFile>, Option<String>) {
        let files = self
            .files
            .into_iter()
            .map(|f| LoadedFile {
                name: f.name,
                text: f.text,
                problem: f.problem.map(|p| LoadProblem {
                    pos: Pos::new(p.line, p.column),
                    message: p.message,
                }),
            })
            .collect();
        (files, self.active)
    }
}

/// What [`restore`] found, taken by [`initial_state`].
#[derive(Default)]
struct Restored {
    files: Option<(Vec<LoadedFile>, Option<String>)>,
    notices: Vec<Notice>,
}

thread_local! {
    static RESTORED: RefCell<Restored> = RefCell::new(Restored::default());
}

/// `localStorage`, or why it cannot be used.
pub(super) fn local_storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no window")?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("this browser offers no local storage".into()),
        Err(_) => Err("local storage is blocked in this browser".into()),
    }
}

/// The string kept under `key` in `localStorage`, if any.
pub(super) fn read_local(key: &str) -> Result<Option<String>, String> {
    local_storage()?
        .get_item(key)
        .map_err(|_| "local storage could not be read".to_owned())
}

/// Keeps `value` under `key` in `localStorage`.
pub(super) fn write_local(key: &str, value: &str) -> Result<(), String> {
    local_storage()?
        .set_item(key, value)
        .map_err(|_| "the browser's storage is full or blocked".to_owned())
}

/// Finishes moving an entry of `localStorage` into IndexedDB: waits for the write `started`,
/// and removes `key` from `localStorage` only once it is written.
pub(super) async fn move_to_idb(
    started: Result<idb::Batch, String>,
    key: &str,
) -> Result<(), String> {
    let written = match started {
        Ok(batch) => batch.commit().await,
        Err(why) => Err(why),
    };
    if written.is_ok()
        && let Ok(storage) = local_storage()
    {
        let _ = storage.remove_item(key);
    }
    written
}

fn unavailable_notice(why: &str) -> Notice {
    Notice {
        level: "warning",
        text: format!(
            "Your files cannot be kept in this browser ({why}): they will be lost when the page is closed."
        ),
    }
}

fn unreadable_notice(why: &str) -> Notice {
    Notice {
        level: "warning",
        text: format!(
            "The files saved in this browser could not be read ({why}); the FeastFlow sample was loaded instead."
        ),
    }
}

/// Reads the workspace kept in IndexedDB.
async fn load_idb() -> Result<Option<Stored>, String> {
    let Some(Some(meta)) = idb::get(&[META_KEY.to_owned()]).await?.pop() else {
        return Ok(None);
    };
    let mut stored = serde_json::from_str::<Stored>(&meta).map_err(|e| e.to_string())?;
    let keys: Vec<String> = stored
        .files
        .iter()
        .map(|f| format!("{FILE_PREFIX}{}", f.name))
        .collect();
    let texts = idb::get(&keys).await?;
    for (file, text) in stored.files.iter_mut().zip(texts) {
        file.text = text.unwrap_or_default();
    }
    Ok(Some(stored))
}

/// Reads the workspace of `localStorage` (earlier versions, or the fallback).
fn load_local() -> Result<Option<Stored>, String> {
    let Some(json) = read_local(LOCAL_KEY)? else {
        return Ok(None);
    };
    serde_json::from_str::<Stored>(&json)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Finds the kept workspace, and then the Compare view's baseline, before the app starts
/// (`reset`: forgets them instead).
pub async fn restore(reset: bool) {
    let opened = idb::open().await;
    let mut restored = Restored::default();
    if reset {
        if opened.is_ok() {
            let _ = idb::clear().await;
        }
        if let Ok(storage) = local_storage() {
            let _ = storage.remove_item(LOCAL_KEY);
        }
    } else {
        let found = match &opened {
            Ok(()) => match load_idb().await {
                Ok(Some(stored)) => Ok(Some(stored)),
                Ok(None) => migrate().await,
                Err(why) => Err(why),
            },
            Err(why) => {
                restored.notices.extend(
                    local_storage()
                        .err()
                        .map(|local| unavailable_notice(&format!("{why}; {local}"))),
                );
                load_local()
            }
        };
        match found {
            Ok(stored) => restored.files = stored.map(Stored::into_files),
            Err(why) => restored.notices.push(unreadable_notice(&why)),
        }
    }
    restored.notices.extend(baseline::restore(reset).await);
    RESTORED.with(|slot| *slot.borrow_mut() = restored);
}

/// Moves a workspace of `localStorage` into IndexedDB; it leaves `localStorage` only once
/// written.
async fn migrate() -> Result<Option<Stored>, String> {
    let Some(stored) = load_local()? else {
        return Ok(None);
    };
    let meta = Stored {
        files: stored
            .files
            .iter()
            .map(|f| StoredFile {
                name: f.name.clone(),
                text: String::new(),
                problem: f.problem.as_ref().map(|p| StoredProblem {
                    line: p.line,
                    column: p.column,
                    message: p.message.clone(),
                }),
            })
            .collect(),
        active: stored.active.clone(),
    };
    let texts = stored
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.text.as_str()));
    // When the write fails, the workspace stays in local storage and moves on a later load.
    let _ = move_to_idb(start_write(texts, &meta), LOCAL_KEY).await;
    Ok(Some(stored))
}

/// The state to start with: the kept files when there are any, else the FeastFlow sample.
pub fn initial_state() -> AppState {
    let restored = RESTORED.with(|slot| std::mem::take(&mut *slot.borrow_mut()));
    let mut state = match restored.files {
        Some((files, active)) => AppState::with_files(files, active.as_deref()),
        None => AppState::with_sample(Sample::FeastFlow),
    };
    state.notices.extend(restored.notices);
    state
}

/// Starts writing a workspace to IndexedDB: the texts (name, text) first, then the file list
/// `meta` (without texts), then the removal of texts no longer listed, in one transaction.
fn start_write<'a>(
    texts: impl Iterator<Item = (&'a str, &'a str)>,
    meta: &Stored,
) -> Result<idb::Batch, String> {
    let batch = idb::Batch::new()?;
    let mut keep = HashSet::new();
    for (name, text) in texts {
        let key = format!("{FILE_PREFIX}{name}");
        batch.put(&key, text)?;
        keep.insert(key);
    }
    let meta = serde_json::to_string(meta).map_err(|e| e.to_string())?;
    batch.put(META_KEY, &meta)?;
    batch.delete_others(FILE_PREFIX, keep)?;
    Ok(batch)
}

/// Starts writing the state's workspace to IndexedDB.
fn start_write_state(state: &AppState) -> Result<idb::Batch, String> {
    let texts = state
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.text.as_str()));
    start_write(texts, &Stored::of(state, false))
}

fn write_local_state(state: &AppState) -> Result<(), String> {
    let json = serde_json::to_string(&Stored::of(state, true)).map_err(|e| e.to_string())?;
    write_local(LOCAL_KEY, &json)
}

/// Saves the text typed into `name` at once, before it is analysed (so a crash in the
/// analysis never loses it). `only_file`: the file is the whole workspace (the first file
/// typed into an empty page). The write is issued now and finishes on its own.
pub fn save_text_now(name: &str, text: &wasm_bindgen::JsValue, only_file: bool) {
    if !idb::is_open() {
        return;
    }
    let Ok(batch) = idb::Batch::new() else { return };
    if batch
        .put_value(&format!("{FILE_PREFIX}{name}"), text)
        .is_err()
    {
        return;
    }
    if only_file {
        let meta = Stored {
            files: vec![StoredFile {
                name: name.to_owned(),
                text: String::new(),
                problem: None,
            }],
            active: Some(name.to_owned()),
        };
        if let Ok(meta) = serde_json::to_string(&meta) {
            let _ = batch.put(META_KEY, &meta);
        }
    }
    // A failure shows when the debounced save of the same text fails too.
    yew::platform::spawn_local(async move {
        let _ = batch.commit().await;
    });
}

/// Whether the files are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Everything shown is saved (or nothing changed yet).
    Saved,
    /// A save is under way.
    Saving,
    /// The last save failed, for this reason; the files are only in memory.
    Failed(String),
}

impl SaveStatus {
    /// The status of keeping two things: a failure first, then a save under way.
    pub fn and(self, other: SaveStatus) -> SaveStatus {
        match (self, other) {
            (SaveStatus::Failed(why), _) | (_, SaveStatus::Failed(why)) => SaveStatus::Failed(why),
            (SaveStatus::Saving, _) | (_, SaveStatus::Saving) => SaveStatus::Saving,
            _ => SaveStatus::Saved,
        }
    }
}

/// The status of a series of saves of one thing, where the latest save decides.
#[derive(Clone)]
pub(super) struct Saves {
    status: UseStateHandle<SaveStatus>,
    serial: Rc<RefCell<u64>>,
}

/// A [`Saves`] kept across renders.
#[hook]
pub(super) fn use_saves() -> Saves {
    Saves {
        status: use_state_eq(|| SaveStatus::Saved),
        serial: use_mut_ref(|| 0u64),
    }
}

impl Saves {
    /// How the latest save went.
    pub(super) fn status(&self) -> SaveStatus {
        (*self.status).clone()
    }

    /// Notes that a save begins; gives its number for [`Saves::save`]. A failure stays shown
    /// (with its download button) until a save succeeds.
    pub(super) fn begin(&self) -> u64 {
        if !matches!(*self.status, SaveStatus::Failed(_)) {
            self.status.set(SaveStatus::Saving);
        }
        let mut serial = self.serial.borrow_mut();
        *serial += 1;
        *serial
    }

    /// Makes save number `this`: into IndexedDB with `to_idb` when it is open, else into
    /// `localStorage` with `to_local`. Its outcome becomes the status unless a later save began.
    pub(super) fn save(
        &self,
        this: u64,
        to_idb: impl FnOnce() -> Result<idb::Batch, String>,
        to_local: impl FnOnce() -> Result<(), String>,
    ) {
        let saves = self.clone();
        let finish = move |outcome: Result<(), String>| {
            if *saves.serial.borrow() == this {
                saves.status.set(match outcome {
                    Ok(()) => SaveStatus::Saved,
                    Err(why) => SaveStatus::Failed(why),
                });
            }
        };
        if !idb::is_open() {
            finish(to_local());
            return;
        }
        let started = to_idb();
        yew::platform::spawn_local(async move {
            finish(match started {
                Ok(batch) => batch.commit().await,
                Err(why) => Err(why),
            });
        });
    }
}

/// Saves the files a moment after they change; returns how the last save went.
#[hook]
pub fn use_persistence(state: &AppContext) -> SaveStatus {
    let saves = use_saves();
    let timer = use_mut_ref(|| None::<Timeout>);
    {
        let handle = state.clone();
        let saves = saves.clone();
        use_effect_with(state.save_rev, move |&rev| {
            crash::remember_files(
                handle.files.clone(),
                handle.active_file().map(|f| f.name.clone()),
            );
            // Revision 0 is what was just restored (or the sample): nothing to save yet.
            if rev == 0 {
                return;
            }
            let this = saves.begin();
            let save = move || {
                saves.save(
                    this,
                    || start_write_state(&handle),
                    || write_local_state(&handle),
                );
            };
            // Replacing the timer cancels the save it would have made.
            *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, save));
        });
    }
    saves.status()
}
