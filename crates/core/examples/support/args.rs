//! The examples' command line: a shape of the generated input and a number of objects.

use std::process::ExitCode;

use crate::generate::Shape;

/// The shape and size named on the command line, or the usage of `program` on standard error
/// and the exit code to end with.
pub fn shape_and_size(program: &str) -> Result<(Shape, usize), ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match (
        args.first().and_then(|s| Shape::from_key(s)),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) {
        (Some(shape), Some(objects)) => Ok((shape, objects)),
        _ => {
            let shapes: Vec<&str> = Shape::ALL.iter().map(|s| s.key()).collect();
            eprintln!("usage: {program} <{}> <objects>", shapes.join("|"));
            Err(ExitCode::from(2))
        }
    }
}
