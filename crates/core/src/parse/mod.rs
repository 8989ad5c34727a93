//! Parsing: files into located, typed objects plus diagnostics. Parsing never fails as a whole.

pub mod tree;
pub mod yaml;
mod objects;

pub use objects::parse_files;
