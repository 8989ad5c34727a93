//! The Manifesto web app: a thin entry point that mounts the root component.

fn main() {}
