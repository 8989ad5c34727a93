//! Small text helpers shared by the analyses.

/// The longest strings "did you mean" compares, in characters: Kubernetes names are at most 253
/// characters, and edit distance costs the product of both lengths.
pub const MAX_COMPARED: usize = 256;

/// The Levenshtein distance between two strings, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// The candidate closest to `wanted` if it is one or two edits away ("did you mean …?").
/// Strings longer than [`MAX_COMPARED`] characters are never compared, so the cost stays bounded
/// whatever the input.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_len = wanted.chars().take(MAX_COMPARED + 1).count();
    if wanted_len > MAX_COMPARED {
        return None;
    }
    candidates
        .into_iter()
        .filter(|c| *c != wanted)
        .filter(|c| {
            // Two strings whose lengths differ by more than two are more than two edits apart.
            let len = c.chars().take(MAX_COMPARED + 1).count();
            len <= MAX_COMPARED && len.abs_diff(wanted_len) <= 2
        })
        .map(|c| (edit_distance(wanted, c), c))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, c)| c)
}

/// `a, b, c` with at most `max` items, then a count of the rest (`a, b, and 3 more`).
pub fn first_few<T: AsRef<str>>(items: &[T], max: usize) -> String {
    let shown: Vec<&str> = items.iter().take(max).map(AsRef::as_ref).collect();
    match items.len().saturating_sub(max) {
        0 => shown.join(", "),
        more => format!("{}, and {more} more", shown.join(", ")),
    }
}

/// `text` cut to at most `max` characters, with `…` when something was cut.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// Which of Kubernetes' name formats a name must follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFormat {
    /// An RFC 1123 subdomain (`IsDNS1123Subdomain`): most objects.
    Subdomain,
    /// An RFC 1123 label (`IsDNS1123Label`): namespaces, containers, ports' names aside.
    Label,
    /// An RFC 1035 label (`IsDNS1035Label`): Services.
    Label1035,
}

/// The name the API server validates for an object: a `generateName` (read as the name when
/// there is no `metadata.name`) gets its trailing dash masked, as `MaskTrailingDash` does.
pub fn name_to_validate(object: &crate::Object) -> std::borrow::Cow<'_, str> {
    let generated = object.raw.pointer("/metadata/name").is_none();
    match object.name.strip_suffix('-') {
        Some(stem) if generated => format!("{stem}a").into(),
        _ => object.name.as_str().into(),
    }
}

/// Why `name` is not a valid name of `format`, in the API server's words; empty when it is.
pub fn name_errors(name: &str, format: NameFormat) -> Vec<String> {
    let mut errors = Vec::new();
    let max = match format {
        NameFormat::Subdomain => 253,
        NameFormat::Label | NameFormat::Label1035 => 63,
    };
    if name.len() > max {
        errors.push(format!("must be no more than {max} characters"));
    }
    let label_ok = |label: &str, letter_first: bool| {
        let bytes = label.as_bytes();
        let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
            return false;
        };
        let first_ok = if letter_first {
            first.is_ascii_lowercase()
        } else {
            first.is_ascii_lowercase() || first.is_ascii_digit()
        };
        first_ok
            && (last.is_ascii_lowercase() || last.is_ascii_digit())
            && bytes
                .iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
    };
    let valid = match format {
        NameFormat::Subdomain => name.split('.').all(|l| label_ok(l, false)),
        NameFormat::Label => label_ok(name, false),
        NameFormat::Label1035 => label_ok(name, true),
    };
    if !valid {
        errors.push(match format {
            NameFormat::Subdomain => "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            NameFormat::Label => "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            NameFormat::Label1035 => "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        }.to_owned());
    }
    errors
}

/// Whether `text` matches the glob `pattern`: `**` matches any text, `*` any text without `/`,
/// `?` one character other than `/`; everything else matches itself. A pattern without `/`
/// also matches the last part of a path (`*.test.yaml` matches `deploy/a.test.yaml`), and a
/// pattern naming a folder matches everything under it (`charts/` or `charts`).
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    // One pass per pattern character over the text (`reach[j]`: the pattern so far matches
    // `t[..j]`), so that no pattern can make the match backtrack exponentially.
    fn matches(p: &[char], t: &[char]) -> bool {
        let mut reach = vec![false; t.len() + 1];
        reach[0] = true;
        let mut i = 0;
        while i < p.len() {
            let mut next = vec![false; t.len() + 1];
            if p[i] == '*' {
                let any_text = p.get(i + 1) == Some(&'*');
                let mut open = false;
                for j in 0..=t.len() {
                    if !any_text && j > 0 && t[j - 1] == '/' {
                        open = false;
                    }
                    open |= reach[j];
                    next[j] = open;
                }
                i += if any_text { 2 } else { 1 };
            } else {
                for j in 1..=t.len() {
                    let c = t[j - 1];
                    let fits = if p[i] == '?' { c != '/' } else { c == p[i] };
                    next[j] = reach[j - 1] && fits;
                }
                i += 1;
            }
            reach = next;
        }
        reach[t.len()]
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
        // Many stars against a long name that almost matches: answered in one pass per star,
        // where backtracking would try every split.
        let stars = "*a".repeat(40) + "*b";
        assert!(!glob_matches(&stars, &"a".repeat(4000)));
        assert!(glob_matches(&stars, &("a".repeat(4000) + "b")));
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

    #[test]
    fn names_too_long_to_be_kubernetes_names_are_not_compared() {
        let long_a = "a".repeat(30_000);
        let long_b = format!("{}b", "a".repeat(29_999));
        // Comparing these would cost 9×10⁸ steps; they are skipped instead.
        assert_eq!(closest(&long_a, [long_b.as_str()]), None);
        assert_eq!(closest("web", [long_b.as_str(), "wep"]), Some("wep"));
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("héllo", 2), "hé…");
        assert_eq!(shorten("ab", 2), "ab");
    }

    #[test]
    fn kubernetes_name_formats() {
        assert!(name_errors("web-1.example", NameFormat::Subdomain).is_empty());
        assert!(name_errors("1abc", NameFormat::Label).is_empty());
        assert_eq!(name_errors("1abc", NameFormat::Label1035).len(), 1);
        assert_eq!(name_errors("Web", NameFormat::Subdomain).len(), 1);
        assert_eq!(name_errors("a\nb", NameFormat::Subdomain).len(), 1);
        assert_eq!(name_errors("", NameFormat::Label).len(), 1);
        assert_eq!(name_errors("a.b", NameFormat::Label).len(), 1);
        assert_eq!(
            name_errors(&"a".repeat(254), NameFormat::Subdomain),
            vec!["must be no more than 253 characters".to_owned()]
        );
        assert_eq!(name_errors(&"a".repeat(64), NameFormat::Label).len(), 1);
    }
}
