//! Parsing: files into located, typed objects plus diagnostics. Parsing never fails as a whole.

mod objects;
pub mod tree;
pub mod yaml;

pub use objects::{ParseOptions, current_api_version, parse_files, parse_files_with};
