//! The app's components, one per file.

pub mod compare;
pub mod diagnostics;
pub mod editor;
pub mod file_tabs;
pub mod graph;
pub mod learn;
pub mod more;
pub mod notices;
pub mod object_details;
pub mod object_list;
pub mod objects_view;
pub mod presenter;
pub mod review;
pub mod rollout;
pub mod sample_picker;
pub mod share;
pub mod storage_status;
pub mod upload;
pub mod views;
