//! Times each stage of the review of a synthetic input, and the slowest checks, in one process:
//! `cargo run --release -p manifesto-core --example stages -- feastflow 10010`.
//!
//! Where the time of `manifesto check` goes beyond its parse, what the page's reading again after
//! an edit costs (`KeptReadings`, which reads only the document typed in), and what handing the review from
//! the page's analysis worker to the page costs (`to_wire`, `from_wire`); the shapes are those of
//! the `generate` example. Each figure is the least of five runs.

use std::process::ExitCode;
use std::time::{Duration, Instant};

#[path = "support/args.rs"]
mod args;
#[path = "../benches/support/generate.rs"]
mod generate;

use generate::file;
use manifesto_core::checks::{self, Context, Settings};
use manifesto_core::graph::{Graph, GraphOptions};
use manifesto_core::parse::{KeptReadings, ParseOptions};
use manifesto_core::report::Review;
use manifesto_core::{Model, SourceFile};

const RUNS: usize = 5;

/// The least time of [`RUNS`] runs of `f`.
fn least<T>(mut f: impl FnMut() -> T) -> Duration {
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn main() -> ExitCode {
    let (shape, objects) = match args::shape_and_size("stages") {
        Ok(chosen) => chosen,
        Err(code) => return code,
    };
    let source = file(shape, objects);
    let model = Model::from_files(vec![source.clone()]);
    let settings = Settings::default();
    let findings = checks::run(&Context::new(&model, &settings));

    let parse = least(|| Model::from_files(vec![source.clone()]));
    let graph = least(|| Graph::build(&model, &GraphOptions::default()));
    let run = least(|| checks::run(&Context::new(&model, &settings)));
    let report = least(|| Review::from_findings(&model, &settings, findings.clone()));
    let review = least(|| Review::build(&model, &settings));
    let mut kept = KeptReadings::default();
    kept.read(vec![source.clone()], &ParseOptions::default(), usize::MAX);
    let edited = SourceFile::new(source.name.clone(), format!("{}# note\n", source.text));
    let read_again = least(|| {
        kept.clone()
            .read(vec![edited.clone()], &ParseOptions::default(), usize::MAX)
    });
    let built = Review::build(&model, &settings);
    let wire = built.to_wire().unwrap_or_default();
    let to_wire = least(|| built.to_wire());
    let from_wire = least(|| Review::from_wire(&wire));
    println!(
        "{} objects, {:.2} MB, {} findings, the review's JSON {:.2} MB\n",
        model.objects.len(),
        source.text.len() as f64 / 1e6,
        findings.len(),
        wire.len() as f64 / 1e6
    );
    println!("| stage | ms | of parse |\n|---|---:|---:|");
    for (stage, d) in [
        ("parse", parse),
        ("parse again after a comment typed at the end", read_again),
        ("graph (inside the checks)", graph),
        ("checks", run),
        ("checklist, scores, summaries", report),
        ("review (checks + the rest)", review),
        ("the review to the worker's JSON (to_wire)", to_wire),
        ("the review from that JSON (from_wire)", from_wire),
    ] {
        let ratio = d.as_secs_f64() / parse.as_secs_f64().max(1e-9);
        println!("| {stage} | {} | {ratio:.2} |", ms(d));
    }

    let ctx = Context::new(&model, &settings);
    // The graph is built once per context; build it first so no check is charged for it.
    let _ = ctx.graph();
    let mut per_check: Vec<(&str, Duration)> = checks::ALL
        .iter()
        .filter(|c| settings.is_enabled(c))
        .map(|c| (c.id, least(|| (c.run)(&ctx))))
        .collect();
    per_check.sort_by_key(|(_, d)| std::cmp::Reverse(*d));
    let sum: Duration = per_check.iter().map(|(_, d)| *d).sum();
    println!(
        "\nthe checks alone, each timed on its own, sum to {} ms",
        ms(sum)
    );
    println!("\n| slowest checks | ms |\n|---|---:|");
    for (id, d) in per_check.iter().take(15) {
        println!("| {id} | {} |", ms(*d));
    }
    ExitCode::SUCCESS
}
