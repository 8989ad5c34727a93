use super::*;

#[test]
fn ids_are_unique_kebab_case_and_documented() {
    let mut seen = std::collections::BTreeSet::new();
    let mut problems = Vec::new();
    for check in ALL {
        if !seen.insert(check.id) {
            problems.push(format!("{}: duplicate id", check.id));
        }
        let kebab = check.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !kebab || check.id.starts_with('-') || check.id.ends_with('-') {
            problems.push(format!("{}: id is not kebab-case", check.id));
        }
        for heading in ["## What it does", "## Why is this bad?", "## Example", "## Fix"] {
            if !check.docs.contains(heading) {
                problems.push(format!("{}: docs lack `{heading}`", check.id));
            }
        }
        if check.summary.ends_with('.') || check.summary.chars().next().is_some_and(char::is_uppercase) {
            problems.push(format!("{}: summary must be lowercase with no trailing period", check.id));
        }
    }
    assert!(problems.is_empty(), "{} registry problems:\n{}", problems.len(), problems.join("\n"));
}
