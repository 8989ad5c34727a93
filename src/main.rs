//! The Manifesto web app's entry point: everything else is in the library (`lib.rs`).

fn main() {
    manifesto_app::start();
}
