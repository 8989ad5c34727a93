//! Writes a synthetic input to standard output, for timing the CLI on large inputs:
//! `cargo run -p manifesto-core --example generate -- feastflow 7040 > ff-7040.yaml`.
//!
//! Shapes: `feastflow` (FeastFlow repeated in `N / 11` namespaces), `services-deployments`
//! (`N / 2` Deployments each selected by its own Service) and `fanout` (`N / 2` Services that
//! each select the pods of all `N / 2` Deployments).

use std::io::Write;
use std::process::ExitCode;

#[path = "../benches/support/generate.rs"]
mod generate;

use generate::{Shape, generate};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(shape), Some(objects)) = (
        args.first().and_then(|s| Shape::from_key(s)),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        let shapes: Vec<&str> = Shape::ALL.iter().map(|s| s.key()).collect();
        eprintln!("usage: generate <{}> <objects>", shapes.join("|"));
        return ExitCode::from(2);
    };
    let text = generate(shape, objects);
    if std::io::stdout().lock().write_all(text.as_bytes()).is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
