//! The page's side of the analysis worker (`worker.rs` is the worker's): starts
//! `analysis-worker.js` with the page's own compiled wasm module (nothing is downloaded twice),
//! sends it each large workspace's files and settings, and reads back its review a slice at a
//! time (a large review is megabytes of JSON: read at once, it would hold the page for tens of
//! milliseconds). A review of a request older than the last sent is not read at all.
//!
//! Where no worker can start (the single-file offline page has no module script to load in
//! one), or once one has failed, [`AnalysisWorker::start`] gives `None` and the page reviews
//! the files itself.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use js_sys::{Array, Object, Reflect, Uint8Array};
use manifesto_core::checks::Settings;
use manifesto_core::report::Review;
use manifesto_core::report::wire::WireReader;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::html_export::{MODULE_SCRIPT_LINK, attribute_of};
use crate::state::FileEntry;

/// The worker's script, copied with the page's static files by Trunk.
const SCRIPT: &str = "static/analysis-worker.js";

/// How long one task of the page reads the worker's review before it lets the browser draw and
/// answer input, in milliseconds.
const READ_SLICE_MS: f64 = 12.0;

/// What the worker answers to a job.
pub enum Reply {
    /// The review of the files of this request.
    Reviewed(u64, Rc<Review>),
    /// The worker failed on this request (and is not used again).
    Failed(u64),
}

/// A running analysis worker.
pub struct AnalysisWorker {
    worker: Worker,
    failed: Rc<Cell<bool>>,
    /// The last request sent.
    sent: Rc<Cell<u64>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl AnalysisWorker {
    /// Starts the worker, which answers through `on_reply`; `None` where the page cannot.
    pub fn start(on_reply: impl Fn(Reply) + 'static) -> Option<AnalysisWorker> {
        let glue = module_script()?;
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(SCRIPT, &options).ok()?;
        let failed = Rc::new(Cell::new(false));
        let sent = Rc::new(Cell::new(0));
        let on_reply: Rc<dyn Fn(Reply)> = Rc::new(on_reply);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
            let (failed, sent, on_reply) = (failed.clone(), sent.clone(), on_reply.clone());
            move |event: MessageEvent| {
                let reading = Reading {
                    failed: failed.clone(),
                    sent: sent.clone(),
                    on_reply: on_reply.clone(),
                };
                reading.start(&event.data());
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The script could not load or run: the request sent last is the page's to review.
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new({
            let (failed, sent) = (failed.clone(), sent.clone());
            move |_| {
                failed.set(true);
                on_reply(Reply::Failed(sent.get()));
            }
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let start = Object::new();
        set(&start, "glue", &glue.into());
        set(&start, "module", &wasm_bindgen::module());
        worker.post_message(&start).ok()?;
        Some(AnalysisWorker {
            worker,
            failed,
            sent,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Whether the worker failed (a job it could not do, or a script error): the page then
    /// reviews the files itself.
    pub fn failed(&self) -> bool {
        self.failed.get()
    }

    /// Sends the files and settings of `request`, unless they were sent already. A job not
    /// started when a newer one comes is dropped by the worker.
    pub fn send(&self, request: u64, settings: &Settings, files: &[Rc<FileEntry>]) {
        if self.sent.replace(request) == request {
            return;
        }
        let Ok(settings) = serde_json::to_string(settings) else {
            self.failed.set(true);
            return;
        };
        let names: Array = files.iter().map(|f| JsValue::from_str(&f.name)).collect();
        let texts: Array = files.iter().map(|f| JsValue::from_str(&f.text)).collect();
        let job = Object::new();
        set(&job, "request", &JsValue::from_f64(request as f64));
        set(&job, "settings", &settings.into());
        set(&job, "names", &names);
        set(&job, "texts", &texts);
        if self.worker.post_message(&job).is_err() {
            self.failed.set(true);
        }
    }
}

impl Drop for AnalysisWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The absolute address of the page's module script (the wasm's JavaScript), which the worker
/// imports; Trunk's page preloads it.
fn module_script() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let href = attribute_of(&document, MODULE_SCRIPT_LINK, "href")?;
    let url = web_sys::Url::new_with_base(&href, &document.base_uri().ok()??).ok()?;
    Some(url.href())
}

/// What reading a reply needs of the worker's handle.
struct Reading {
    failed: Rc<Cell<bool>>,
    sent: Rc<Cell<u64>>,
    on_reply: Rc<dyn Fn(Reply)>,
}

impl Reading {
    /// Reads a reply `{request, review}` (the review in its serialised form, see
    /// `manifesto_core::report::wire`) or `{request, error}`: its first slice now, the rest in
    /// tasks of their own.
    fn start(self, data: &JsValue) {
        let field = |name: &str| Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED);
        let request = field("request").as_f64().unwrap_or(0.0) as u64;
        let Ok(bytes) = field("review").dyn_into::<Uint8Array>() else {
            return self.fail(request);
        };
        if request != self.sent.get() {
            return; // A newer request was sent: this review would be dropped.
        }
        let bytes = bytes.to_vec();
        match WireReader::new(&bytes) {
            Ok(reader) => self.go_on(request, reader, bytes),
            Err(_) => self.fail(request),
        }
    }

    /// Reads for [`READ_SLICE_MS`], then again in a task of its own until the review is read.
    fn go_on(self, request: u64, mut reader: WireReader, bytes: Vec<u8>) {
        if request != self.sent.get() {
            return;
        }
        let start = js_sys::Date::now();
        loop {
            match reader.step(&bytes) {
                Ok(false) if js_sys::Date::now() - start < READ_SLICE_MS => {}
                Ok(false) => {
                    Timeout::new(0, move || self.go_on(request, reader, bytes)).forget();
                    return;
                }
                Ok(true) => break,
                Err(_) => return self.fail(request),
            }
        }
        match reader.finish() {
            Ok(review) => (self.on_reply)(Reply::Reviewed(request, Rc::new(review))),
            Err(_) => self.fail(request),
        }
    }

    /// The worker failed on `request`: the page reviews it, and every later one, itself.
    fn fail(&self, request: u64) {
        self.failed.set(true);
        (self.on_reply)(Reply::Failed(request));
    }
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &key.into(), value);
}
