//! The analysis worker's side. `static/analysis-worker.js` starts the page's own wasm module
//! again in a Web Worker and hands each job to [`review_in_worker`], which reads the files
//! (keeping the readings, so the next job reads again only what changed) and reviews them off
//! the page's thread, and to [`warm_up`] until the first job comes. The page's side is
//! `hooks/analysis_worker.rs`.

use std::cell::RefCell;

use js_sys::JsString;
use manifesto_core::checks::Settings;
use manifesto_core::parse::KeptReadings;
use manifesto_core::report::Review;
use manifesto_core::samples::Sample;
use manifesto_core::{Model, SourceFile};
use wasm_bindgen::prelude::*;

use crate::js_text::to_rust_string;
use crate::state::KEEP_PARSES_UP_TO_BYTES;

thread_local! {
    /// The files as the last job read them.
    static KEPT: RefCell<KeptReadings> = RefCell::default();
}

/// The review, as JSON in UTF-8 bytes (handed to the page without copying or re-encoding), of
/// the files named `names` with the texts `texts` (in the same order) under `settings` (JSON):
/// what the page would compute for them. (The texts are copied in by [`to_rust_string`], not by
/// wasm-bindgen's character-by-character copy of a `String` argument.)
#[wasm_bindgen(js_name = reviewInWorker)]
pub fn review_in_worker(
    settings: &str,
    names: Vec<String>,
    texts: Vec<JsString>,
) -> Result<Vec<u8>, JsError> {
    let files = names
        .into_iter()
        .zip(texts)
        .map(|(name, text)| SourceFile::new(name, to_rust_string(&text)))
        .collect();
    review(settings, files)
}

/// The review of `files` under `settings` (JSON), as [`review_in_worker`] answers it.
fn review(settings: &str, files: Vec<SourceFile>) -> Result<Vec<u8>, JsError> {
    let settings: Settings = serde_json::from_str(settings)?;
    let options = settings.parse_options();
    let model = KEPT.with_borrow_mut(|kept| kept.read(files, &options, KEEP_PARSES_UP_TO_BYTES));
    let review = Review::build(&model, &settings);
    Ok(review.to_wire()?)
}

/// Reviews the built-in sample once and forgets the result: what a job does, on a few objects.
/// `analysis-worker.js` calls it while it has no job, so the browser has optimised the review's
/// code before the first large workspace comes rather than during its analysis.
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up() {
    let model = Model::from_files(Sample::FeastFlow.files());
    let review = Review::build(&model, &Settings::default());
    if let Ok(json) = review.to_wire() {
        let _ = Review::from_wire(&json);
    }
}

#[cfg(test)]
mod tests {
    use manifesto_core::Model;
    use manifesto_core::checks::Settings;
    use manifesto_core::report::Review;
    use manifesto_core::samples::Sample;

    use super::review;

    #[test]
    fn the_workers_review_is_the_pages() {
        let files = Sample::FeastFlow.files();
        let mut settings = Settings {
            default_namespace: Some("shop".into()),
            ..Settings::default()
        };
        let first = Review::build(&Model::from_files(files.clone()), &settings).findings[0].check;
        settings.disabled.insert(first.to_owned());
        let json = review(&serde_json::to_string(&settings).unwrap(), files.clone())
            .unwrap_or_else(|_| panic!("the job is reviewed"));
        let from_worker = Review::from_wire(&json).unwrap();
        let model = Model::from_files_with(files, &settings.parse_options());
        assert_eq!(from_worker, Review::build(&model, &settings));
        assert!(
            from_worker.findings.iter().all(|f| f.check != first),
            "under the settings sent"
        );
    }
}
