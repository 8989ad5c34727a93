//! Writes a synthetic input to standard output, for timing the CLI on large inputs:
//! `cargo run -p manifesto-core --example generate -- feastflow 7040 > ff-7040.yaml`.
//!
//! Shapes: `feastflow` (FeastFlow repeated in `N / 11` namespaces), `services-deployments`
//! (`N / 2` Deployments each selected by its own Service) and `fanout` (`N / 2` Services that
//! each select the pods of all `N / 2` Deployments).

use std::io::Write;
use std::process::ExitCode;

#[path = "support/args.rs"]
mod args;
#[path = "../benches/support/generate.rs"]
mod generate;

use generate::generate;

fn main() -> ExitCode {
    let (shape, objects) = match args::shape_and_size("generate") {
        Ok(chosen) => chosen,
        Err(code) => return code,
    };
    let text = generate(shape, objects);
    if std::io::stdout().lock().write_all(text.as_bytes()).is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
