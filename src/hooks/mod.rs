//! Side effects of the app: reading files, keeping them in storage, the crash panel.

pub mod analysis;
pub mod analysis_worker;
pub mod baseline;
pub mod bundle;
pub mod crash;
pub mod html_export;
pub mod idb;
pub mod loader;
pub mod offline;
pub mod settings;
pub mod share;
pub mod storage;
