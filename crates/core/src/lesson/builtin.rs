//! The lesson packs shipped with Manifesto (`crates/core/lessons/*.yaml`, compiled in).

use super::{Pack, parse_pack};

/// The shipped packs' file names and texts, in the order they are taught.
pub const SOURCES: &[(&str, &str)] = &[
    (
        "lessons/workloads.yaml",
        include_str!("../../lessons/workloads.yaml"),
    ),
    (
        "lessons/health.yaml",
        include_str!("../../lessons/health.yaml"),
    ),
    (
        "lessons/state.yaml",
        include_str!("../../lessons/state.yaml"),
    ),
    (
        "lessons/challenges.yaml",
        include_str!("../../lessons/challenges.yaml"),
    ),
];

/// The packs shipped with Manifesto, parsed (a test asserts every one parses).
pub fn builtin() -> Vec<Pack> {
    SOURCES
        .iter()
        .filter_map(|(name, text)| parse_pack(name, text).ok())
        .collect()
}
