//! `manifesto-fuzz`: feeds mutated corpus and sample manifests through the whole pipeline on a
//! thread with a 1 MiB stack (about what a wasm page has), catching panics and timing each input.
//!
//! ```text
//! manifesto-fuzz [--seed N] [--seconds S] [--inputs N] [--corpus DIR] [--out DIR]
//! manifesto-fuzz --replay FILE...
//! ```
//!
//! It stops after `--seconds` or `--inputs`, whichever comes first, prints
//! `inputs, seconds, panics, slowest input ms`, saves every input that panics or takes more than
//! a second to `--out`, and exits 1 when an input panicked. The same seed replays the same inputs;
//! `--replay` runs saved inputs again and prints each one's time.

#![warn(unreachable_pub)]

mod mutate;
mod pipeline;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use manifesto_core::SourceFile;
use manifesto_core::samples::Sample;

use mutate::{Rng, mutate};

/// Inputs slower than this are saved.
const SLOW: Duration = Duration::from_secs(1);

struct Options {
    seed: u64,
    seconds: Option<u64>,
    inputs: Option<u64>,
    corpus: PathBuf,
    out: PathBuf,
    replay: Vec<PathBuf>,
}

fn parse_args() -> Result<Options, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut options = Options {
        seed: 1,
        seconds: None,
        inputs: None,
        corpus: root.join("../shared/corpus"),
        out: root.join("target/fuzz-findings"),
        replay: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        let number = |v: String| v.parse::<u64>().map_err(|e| format!("{arg} {v}: {e}"));
        match arg.as_str() {
            "--seed" => options.seed = number(value()?)?,
            "--seconds" => options.seconds = Some(number(value()?)?),
            "--inputs" => options.inputs = Some(number(value()?)?),
            "--corpus" => options.corpus = PathBuf::from(value()?),
            "--out" => options.out = PathBuf::from(value()?),
            "--replay" => options.replay.push(PathBuf::from(value()?)),
            "-h" | "--help" => {
                return Err("usage: manifesto-fuzz [--seed N] [--seconds S] [--inputs N] [--corpus DIR] [--out DIR] | --replay FILE...".into());
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if options.seconds.is_none() && options.inputs.is_none() {
        options.seconds = Some(60);
    }
    Ok(options)
}

/// The seed inputs: the built-in samples, `samples/` and the shared corpus when present.
fn seeds(corpus: &Path) -> Vec<(String, Vec<u8>)> {
    let mut seeds: Vec<(String, Vec<u8>)> = [Sample::FeastFlow, Sample::PodsVsReplicaSets]
        .into_iter()
        .flat_map(Sample::files)
        .map(|f| (f.name, f.text.into_bytes()))
        .collect();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    for dir in [samples.as_path(), corpus] {
        collect(dir, &mut seeds);
    }
    if !corpus.is_dir() {
        eprintln!(
            "note: no corpus at {}; fuzzing the samples only",
            corpus.display()
        );
    }
    seeds
}

fn collect(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            && let Ok(bytes) = std::fs::read(&path)
        {
            out.push((path.display().to_string(), bytes));
        }
    }
}

/// What happened to one input.
enum Outcome {
    Ok(Duration),
    Panicked(String),
}

fn run_one(name: &str, bytes: &[u8]) -> Outcome {
    let (file, _) = SourceFile::from_bytes(name, bytes);
    let started = Instant::now();
    match catch_unwind(AssertUnwindSafe(|| pipeline::exercise(vec![file]))) {
        Ok(_) => Outcome::Ok(started.elapsed()),
        Err(payload) => Outcome::Panicked(
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "a panic".to_owned()),
        ),
    }
}

fn save(out: &Path, what: &str, n: u64, bytes: &[u8]) -> PathBuf {
    let _ = std::fs::create_dir_all(out);
    let path = out.join(format!("{what}-{n}.yaml"));
    if let Err(e) = std::fs::write(&path, bytes) {
        eprintln!("cannot save {}: {e}", path.display());
    }
    path
}

fn fuzz(options: &Options) -> (u64, f64, u64, f64) {
    let seeds = seeds(&options.corpus);
    let donors: Vec<Vec<u8>> = seeds.iter().map(|(_, b)| b.clone()).collect();
    let mut rng = Rng::new(options.seed);
    let started = Instant::now();
    let deadline = options.seconds.map(Duration::from_secs);
    let (mut inputs, mut panics, mut slowest) = (0u64, 0u64, Duration::ZERO);
    // Panics are counted and saved; the default hook's message would flood the output.
    std::panic::set_hook(Box::new(|_| {}));
    loop {
        if options.inputs.is_some_and(|n| inputs >= n)
            || deadline.is_some_and(|d| started.elapsed() >= d)
        {
            break;
        }
        // Every tenth input is a seed as is; the others are mutated.
        let (name, seed) = rng.pick(&seeds);
        let bytes = if inputs % 10 == 0 {
            seed.clone()
        } else {
            mutate(seed, &donors, &mut rng)
        };
        match run_one(name, &bytes) {
            Outcome::Ok(took) => {
                slowest = slowest.max(took);
                if took > SLOW {
                    let path = save(&options.out, "slow", inputs, &bytes);
                    eprintln!(
                        "slow: {} ms on {} (from {name})",
                        took.as_millis(),
                        path.display()
                    );
                }
            }
            Outcome::Panicked(message) => {
                panics += 1;
                let path = save(&options.out, "panic", inputs, &bytes);
                eprintln!("panic: {message} on {} (from {name})", path.display());
            }
        }
        inputs += 1;
        if inputs % 100_000 == 0 {
            eprintln!(
                "{inputs} inputs, {:.0} s, {panics} panics, slowest {} ms",
                started.elapsed().as_secs_f64(),
                slowest.as_millis()
            );
        }
    }
    (
        inputs,
        started.elapsed().as_secs_f64(),
        panics,
        slowest.as_secs_f64() * 1000.0,
    )
}

/// Runs saved inputs again, each on a 1 MiB stack, and prints how long each took.
fn replay(paths: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in paths {
        let Ok(bytes) = std::fs::read(path) else {
            eprintln!("cannot read {}", path.display());
            return ExitCode::from(2);
        };
        let name = path.display().to_string();
        let shown = name.clone();
        let outcome = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || run_one(&name, &bytes))
            .map(std::thread::JoinHandle::join);
        match outcome {
            Ok(Ok(Outcome::Ok(took))) => println!("{shown}: {} ms", took.as_millis()),
            Ok(Ok(Outcome::Panicked(message))) => {
                failed = true;
                println!("{shown}: panic: {message}");
            }
            _ => return ExitCode::from(2),
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    if !options.replay.is_empty() {
        return replay(&options.replay);
    }
    // A 1 MiB stack, about a wasm page's: a recursion that would overflow there aborts here.
    let worker = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || fuzz(&options));
    let Ok(Ok((inputs, seconds, panics, slowest))) = worker.map(std::thread::JoinHandle::join)
    else {
        eprintln!("the fuzzing thread could not run");
        return ExitCode::from(2);
    };
    println!("inputs, seconds, panics, slowest input ms");
    println!("{inputs}, {seconds:.1}, {panics}, {slowest:.1}");
    if panics > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
