//! Parsing: files into located, typed objects plus diagnostics. Parsing never fails as a whole.

mod objects;
pub mod tree;
pub mod yaml;

pub use objects::{
    FileObjects, KeptReadings, ParseOptions, SteppedReading, current_api_version, model_from_parts,
    parse_file, parse_file_again, parse_files, parse_files_with,
};
