//! Standard output for every command. A reader that stops reading (`manifesto check . | head`)
//! is not an error: what is left of the output is dropped and the command still exits with its
//! own code (`print!` would panic there).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once standard output is closed: nothing more is written.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to standard output.
pub(crate) fn print(text: &str) -> io::Result<()> {
    if CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut out = io::stdout().lock();
    finished(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// Writes `text` and a newline to standard output.
pub(crate) fn println(text: &str) -> io::Result<()> {
    print(&format!("{text}\n"))
}

/// The result of a write to standard output, with a closed pipe counted as done.
pub(crate) fn finished(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => {
            CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        other => other,
    }
}
