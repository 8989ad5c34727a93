//! What the CLI tests share: running the `manifesto` binary from the repository root.

#![allow(dead_code)] // Each test binary uses its own part of this module.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The repository root, where the tests run `manifesto` from.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `manifesto` started with `args` from the repository root, its standard streams piped.
fn start(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_manifesto"))
        .args(args)
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("manifesto runs")
}

/// The output of `manifesto` run with `args` from the repository root, fed `stdin` (or nothing).
pub fn manifesto(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = start(args);
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("manifesto finishes")
}

/// The exit code and standard error of `manifesto` run with `args` from the repository root,
/// its standard output closed before it writes (as `manifesto … | head` leaves it once `head`
/// has read enough).
pub fn manifesto_into_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let mut child = start(args);
    drop(child.stdin.take());
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("manifesto finishes");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
