//! `manifesto parse`: the objects and the diagnostics.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use crate::input::ReadArgs;
use crate::output;
use crate::terminal::{one_line, safe};

/// Prints the objects and diagnostics; exit 1 when there is an error diagnostic.
pub(crate) fn run(paths: &[PathBuf], as_json: bool, read: &ReadArgs) -> Result<ExitCode> {
    let model = read.load(paths)?;
    if as_json {
        let objects: Vec<_> = model
            .objects
            .iter()
            .map(|o| {
                json!({
                    "id": o.id, "kind": o.kind, "apiVersion": o.api_version, "namespace": o.namespace,
                    "name": o.name, "file": o.file, "line": o.pos.line,
                })
            })
            .collect();
        let out = json!({ "objects": objects, "diagnostics": model.diagnostics });
        output::println(&serde_json::to_string_pretty(&out)?)?;
    } else {
        let mut listing = String::new();
        for o in &model.objects {
            let _ = writeln!(
                listing,
                "{}:{}  {}  ({})",
                one_line(&o.file),
                o.pos.line,
                one_line(o.id.as_str()),
                one_line(&o.api_version)
            );
        }
        output::print(&listing)?;
        let mut snippets = manifesto_core::Snippets::new(&model);
        for d in &model.diagnostics {
            eprint!("{}", safe(&snippets.render(d)));
        }
        output::println(&format!(
            "{} objects, {} diagnostics",
            model.objects.len(),
            model.diagnostics.len()
        ))?;
    }
    let code = if model.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends with this command: see `check_cmd::run`.
    std::mem::forget(model);
    Ok(code)
}
