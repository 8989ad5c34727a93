//! Small text helpers shared by the analyses.

/// The Levenshtein distance between two strings, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// The candidate closest to `wanted` if it is one or two edits away ("did you mean …?").
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .filter(|c| *c != wanted)
        .map(|c| (edit_distance(wanted, c), c))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, c)| c)
}

/// Whether `text` matches the glob `pattern`: `**` matches any text, `*` any text without `/`,
/// `?` one character other than `/`; everything else matches itself. A pattern without `/`
/// also matches the last part of a path (`*.test.yaml` matches `deploy/a.test.yaml`), and a
/// pattern naming a folder matches everything under it (`charts/` or `charts`).
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    fn matches(p: &[char], t: &[char]) -> bool {
        match p {
            [] => t.is_empty(),
            ['*', '*', rest @ ..] => (0..=t.len()).any(|i| matches(rest, &t[i..])),
            ['*', rest @ ..] => (0..=t.len())
                .take_while(|&i| i == 0 || t[i - 1] != '/')
                .any(|i| matches(rest, &t[i..])),
            ['?', rest @ ..] => t.first().is_some_and(|c| *c != '/') && matches(rest, &t[1..]),
            [c, rest @ ..] => t.first() == Some(c) && matches(rest, &t[1..]),
        }
    }
    let pattern = pattern.trim_end_matches('/');
    if pattern.is_empty() {
        return false;
    }
    let p: Vec<char> = pattern.chars().collect();
    let under = format!("{pattern}/**");
    let u: Vec<char> = under.chars().collect();
    let t: Vec<char> = text.chars().collect();
    if matches(&p, &t) || matches(&u, &t) {
        return true;
    }
    if !pattern.contains('/') {
        let last: Vec<char> = text.rsplit('/').next().unwrap_or(text).chars().collect();
        return matches(&p, &last) || text.split('/').any(|part| part == pattern);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_names_folders_and_last_parts() {
        assert!(glob_matches("*.test.yaml", "deploy/web.test.yaml"));
        assert!(glob_matches("charts/", "charts/web/values.yaml"));
        assert!(glob_matches("charts", "charts/web/values.yaml"));
        assert!(glob_matches("deploy/*.yaml", "deploy/web.yaml"));
        assert!(!glob_matches("deploy/*.yaml", "deploy/sub/web.yaml"));
        assert!(glob_matches("deploy/**/*.yaml", "deploy/sub/web.yaml"));
        assert!(!glob_matches("*.json", "deploy/web.yaml"));
        assert!(!glob_matches("", "web.yaml"));
    }

    #[test]
    fn distances_and_suggestions() {
        assert_eq!(edit_distance("feastflow-backend", "feastflow-backnd"), 1);
        assert_eq!(
            closest(
                "feastflow-backnd",
                ["feastflow-backend", "feastflow-frontend"]
            ),
            Some("feastflow-backend")
        );
        assert_eq!(closest("postgres", ["feastflow-backend"]), None);
    }
}
