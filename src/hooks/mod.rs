//! Side effects of the app: reading files, keeping them in storage.

pub mod baseline;
pub mod loader;
pub mod settings;
pub mod storage;
