//! A small key–value layer over the browser's IndexedDB: one database, one object store of
//! strings, opened once at start.
//!
//! Writes go in a [`Batch`] (one read-write transaction): its requests are issued as soon as
//! they are added, so they reach the database even if the page stops right afterwards, and
//! [`Batch::commit`] waits for the transaction to finish.

use std::cell::RefCell;
use std::collections::HashSet;

use js_sys::{Array, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, Event, IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction,
    IdbTransactionMode,
};

const DB_NAME: &str = "manifesto";
const DB_VERSION: u32 = 1;
const STORE: &str = "workspace";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Why storage failed, in words for the user.
fn describe(error: Option<DomException>) -> String {
    match error {
        Some(e) if e.name() == "QuotaExceededError" => "the browser's storage is full".into(),
        Some(e) if e.message().is_empty() => e.name(),
        Some(e) => format!("{}: {}", e.name(), e.message()),
        None => "the browser's storage refused the data".into(),
    }
}

/// Describes a thrown JavaScript value.
fn thrown(value: JsValue) -> String {
    describe(value.dyn_into::<DomException>().ok())
}

/// Starts watching a request (before control returns to the browser, so no event is missed);
/// the future gives its result.
fn watch(request: &IdbRequest) -> impl Future<Output = Result<JsValue, String>> + use<> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let request = request.clone();
    async move {
        let outcome = JsFuture::from(promise).await;
        request.set_onsuccess(None);
        request.set_onerror(None);
        match outcome {
            Ok(_) => request.result().map_err(thrown),
            Err(_) => Err(describe(request.error().ok().flatten())),
        }
    }
}

/// Opens the database (creating its store the first time). Call once at start; the other
/// functions fail with a message until it has succeeded.
pub async fn open() -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let factory = window
        .indexed_db()
        .map_err(|_| "IndexedDB is blocked in this browser".to_owned())?
        .ok_or("this browser offers no IndexedDB")?;
    let request: IdbOpenDbRequest = factory.open_with_u32(DB_NAME, DB_VERSION).map_err(thrown)?;
    let upgrade = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        let Some(request) = event
            .target()
            .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
        else {
            return;
        };
        let Ok(db) = request.result() else { return };
        let db: IdbDatabase = db.unchecked_into();
        if !db.object_store_names().contains(STORE) {
            let _ = db.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let result = watch(&request).await;
    request.set_onupgradeneeded(None);
    drop(upgrade);
    let db: IdbDatabase = result?.unchecked_into();
    DB.with(|slot| *slot.borrow_mut() = Some(db));
    Ok(())
}

/// Whether [`open`] succeeded.
pub fn is_open() -> bool {
    DB.with(|slot| slot.borrow().is_some())
}

fn transaction(mode: IdbTransactionMode) -> Result<(IdbTransaction, IdbObjectStore), String> {
    DB.with(|slot| {
        let slot = slot.borrow();
        let db = slot.as_ref().ok_or("the browser's database is not open")?;
        let tx = db
            .transaction_with_str_and_mode(STORE, mode)
            .map_err(thrown)?;
        let store = tx.object_store(STORE).map_err(thrown)?;
        Ok((tx, store))
    })
}

/// The strings stored under `keys` (`None` where nothing is), read in one transaction.
pub async fn get(keys: &[String]) -> Result<Vec<Option<String>>, String> {
    let (_tx, store) = transaction(IdbTransactionMode::Readonly)?;
    let pending = keys
        .iter()
        .map(|key| store.get(&JsValue::from_str(key)).map(|r| watch(&r)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(thrown)?;
    let mut values = Vec::with_capacity(pending.len());
    for value in pending {
        values.push(value.await?.as_string());
    }
    Ok(values)
}

/// Writes made in one transaction: all of them land, or none.
pub struct Batch {
    tx: IdbTransaction,
    store: IdbObjectStore,
    /// Settles when the transaction completes (or fails).
    done: JsFuture,
}

impl Batch {
    /// Starts a read-write transaction.
    pub fn new() -> Result<Self, String> {
        let (tx, store) = transaction(IdbTransactionMode::Readwrite)?;
        let promise = Promise::new(&mut |resolve, reject| {
            tx.set_oncomplete(Some(&resolve));
            tx.set_onerror(Some(&reject));
            tx.set_onabort(Some(&reject));
        });
        Ok(Batch {
            tx,
            store,
            done: JsFuture::from(promise),
        })
    }

    /// Stores `value` under `key` (the request is issued now). On failure the whole batch is
    /// abandoned.
    pub fn put(&self, key: &str, value: &str) -> Result<(), String> {
        self.put_value(key, &JsValue::from_str(value))
    }

    /// Puts `value` (a JavaScript string) under `key`, as [`Batch::put`].
    pub fn put_value(&self, key: &str, value: &JsValue) -> Result<(), String> {
        let outcome = self.store.put_with_key(value, &JsValue::from_str(key));
        outcome.map(|_| ()).map_err(|err| {
            let _ = self.tx.abort();
            thrown(err)
        })
    }

    /// Deletes what is stored under `key` (the request is issued now).
    pub fn delete(&self, key: &str) -> Result<(), String> {
        self.store
            .delete(&JsValue::from_str(key))
            .map(|_| ())
            .map_err(thrown)
    }

    /// Deletes every key that starts with `prefix` and is not in `keep`.
    pub fn delete_others(&self, prefix: &str, keep: HashSet<String>) -> Result<(), String> {
        let request = self.store.get_all_keys().map_err(thrown)?;
        let store = self.store.clone();
        let prefix = prefix.to_owned();
        let read = request.clone();
        let on_keys = Closure::once_into_js(move || {
            let Ok(keys) = read.result() else { return };
            for key in Array::from(&keys).iter() {
                if let Some(key) = key.as_string()
                    && key.starts_with(&prefix)
                    && !keep.contains(&key)
                {
                    let _ = store.delete(&JsValue::from_str(&key));
                }
            }
        });
        request.set_onsuccess(Some(on_keys.unchecked_ref()));
        Ok(())
    }

    /// Waits until everything is written.
    pub async fn commit(self) -> Result<(), String> {
        let tx = self.tx;
        let outcome = self.done.await;
        tx.set_oncomplete(None);
        tx.set_onerror(None);
        tx.set_onabort(None);
        outcome.map(|_| ()).map_err(|_| describe(tx.error()))
    }
}

/// Deletes everything stored.
pub async fn clear() -> Result<(), String> {
    let batch = Batch::new()?;
    batch.store.clear().map_err(thrown)?;
    batch.commit().await
}
