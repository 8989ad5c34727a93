//! `docs/checks.md` is generated from the check registry; this test keeps the committed file in
//! step. Regenerate it with `UPDATE_DOCS=1 cargo test -p manifesto-core --test it docs`.

use std::path::PathBuf;

use manifesto_core::report::docs;

#[test]
fn docs_checks_md_matches_the_registry() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/checks.md");
    let generated = docs::catalog_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/checks.md");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || committed.lines().count().min(generated.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "docs/checks.md is out of date (first difference at line {line}); regenerate it with `{}`",
            docs::REGENERATE
        );
    }
}
