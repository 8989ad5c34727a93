//! Telling credentials from ordinary settings, by name and by value.

/// Words that, in a variable or key name, say the value is a credential.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "pwd",
    "passphrase",
    "secret",
    "secrets",
    "token",
    "apikey",
    "credential",
    "credentials",
    "privatekey",
    "accesskey",
    "secretkey",
];

/// Pairs of words that, next to each other, name a credential (`API_KEY`, `private-key`).
const SECRET_PAIRS: &[(&str, &str)] = &[
    ("api", "key"),
    ("private", "key"),
    ("access", "key"),
    ("signing", "key"),
    ("encryption", "key"),
    ("master", "key"),
    ("key", "content"),
    ("key", "data"),
    ("key", "pem"),
    ("secret", "key"),
];

/// Words that, before a final `key`, say it is not a credential (`CACHE_KEY`, `SORT_KEY`).
const ORDINARY_KEYS: &[&str] = &[
    "cache",
    "partition",
    "sort",
    "routing",
    "idempotency",
    "primary",
    "foreign",
    "lookup",
    "hash",
    "shard",
    "public",
    "map",
    "object",
    "ssh",
    "group",
    "label",
    "config",
    "metric",
    "redis",
];

/// Words that, in a name, say the value is *about* a credential rather than the credential itself
/// (`DB_PASSWORD_FILE`, `TOKEN_TTL`, `AWS_ACCESS_KEY_ID`, `PASSWORD_MIN_LENGTH`).
const NOT_SECRET_WORDS: &[&str] = &[
    "file",
    "path",
    "dir",
    "name",
    "ref",
    "url",
    "uri",
    "endpoint",
    "host",
    "port",
    "id",
    "user",
    "username",
    "length",
    "len",
    "min",
    "max",
    "expiry",
    "expires",
    "expiration",
    "ttl",
    "timeout",
    "lifetime",
    "type",
    "algorithm",
    "header",
    "issuer",
    "audience",
    "enabled",
    "enable",
    "disabled",
    "required",
    "policy",
    "mode",
];

/// The lowercase words of a name: `dbPassword_FILE` → `db`, `password`, `file`.
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether a variable or key name says its value is a credential (`DB_PASSWORD`, `apiKey`,
/// `GITHUB_TOKEN`), and not a setting about one (`DB_PASSWORD_FILE`, `TOKEN_TTL`).
pub(crate) fn is_secret_name(name: &str) -> bool {
    let words = words(name);
    // A name ending in `key` after a qualifier names a key (`AZURE_BATCH_KEY`, `STRIPE_KEY`),
    // unless the qualifier says it is an ordinary one (`CACHE_KEY`).
    let final_key = match words.as_slice() {
        [.., before, last] if last == "key" => !ORDINARY_KEYS.contains(&before.as_str()),
        _ => false,
    };
    let secret = final_key
        || words.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|p| SECRET_PAIRS.contains(&(p[0].as_str(), p[1].as_str())));
    secret && !words.iter().any(|w| NOT_SECRET_WORDS.contains(&w.as_str()))
}

/// Whether a value written next to a secret-like name is a literal credential: not empty, not a
/// boolean, not a file path and not a `$(OTHER_VAR)` reference.
pub(crate) fn is_literal_value(value: &str) -> bool {
    let value = value.trim();
    let reference = value.starts_with("$(") && value.ends_with(')') && !value[2..].contains("$(");
    !(value.is_empty()
        || reference
        || value.starts_with('/')
        || matches!(value.to_ascii_lowercase().as_str(), "true" | "false"))
}

/// What kind of credential a value holds, whatever its name: a private key, a URL with a
/// password, a cloud or SaaS token.
pub(crate) fn credential_in_value(value: &str) -> Option<&'static str> {
    if value.contains("-----BEGIN") && value.contains("PRIVATE KEY-----") {
        return Some("a private key");
    }
    if url_has_password(value) {
        return Some("a URL with an embedded password");
    }
    let tokens =
        value.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'));
    for token in tokens {
        let upper_alnum = |s: &str| {
            s.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        };
        if token.len() == 20
            && (token.starts_with("AKIA") || token.starts_with("ASIA"))
            && upper_alnum(token)
        {
            return Some("an AWS access key id");
        }
        if ["ghp_", "gho_", "ghs_", "ghu_", "github_pat_"]
            .iter()
            .any(|p| token.starts_with(p) && token.len() > p.len() + 20)
        {
            return Some("a GitHub token");
        }
        if ["xoxb-", "xoxp-", "xoxa-"]
            .iter()
            .any(|p| token.starts_with(p) && token.len() > p.len() + 10)
        {
            return Some("a Slack token");
        }
        if token.starts_with("eyJ")
            && token.split('.').filter(|p| !p.is_empty()).count() == 3
            && token.len() > 30
        {
            return Some("a JSON Web Token");
        }
    }
    None
}

/// Whether the value holds a URL like `postgres://user:pa55@db:5432/app`.
fn url_has_password(value: &str) -> bool {
    value.match_indices("://").any(|(i, _)| {
        let rest = &value[i + 3..];
        let authority = rest
            .split(['/', '?', '#', ' ', '"', '\''])
            .next()
            .unwrap_or_default();
        let Some((userinfo, _host)) = authority.rsplit_once('@') else {
            return false;
        };
        let Some((_user, password)) = userinfo.split_once(':') else {
            return false;
        };
        !password.is_empty() && !password.starts_with("$(") && !password.starts_with("${")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names_are_told_from_settings_about_secrets() {
        for name in [
            "DB_PASSWORD",
            "dbPassword",
            "GITHUB_TOKEN",
            "API_KEY",
            "apiKey",
            "AWS_SECRET_ACCESS_KEY",
            "SECRET_KEY_BASE",
            "private-key",
            "AZURE_BATCH_KEY",
            "OCI_CLI_KEY_CONTENT",
            "SLACK_TOKEN",
            "CLIENT_SECRET",
            "SMTP_PASS",
        ] {
            assert!(is_secret_name(name), "{name} should look secret");
        }
        for name in [
            "DB_PASSWORD_FILE",
            "TOKEN_TTL",
            "JWT_EXPIRES_IN",
            "AWS_ACCESS_KEY_ID",
            "PASSWORD_MIN_LENGTH",
            "PASSTHROUGH",
            "DB_USER",
            "KEYCLOAK_URL",
            "TOKEN_URL",
            "CACHE_KEY",
            "KEY",
        ] {
            assert!(!is_secret_name(name), "{name} should not look secret");
        }
    }

    #[test]
    fn credentials_are_recognised_in_values() {
        assert_eq!(
            credential_in_value("postgres://app:s3cret@db:5432/app"),
            Some("a URL with an embedded password")
        );
        assert_eq!(credential_in_value("postgres://app@db:5432/app"), None);
        assert_eq!(
            credential_in_value("postgres://app:$(DB_PASSWORD)@db/app"),
            None
        );
        assert_eq!(
            credential_in_value("AKIAIOSFODNN7EXAMPLE"),
            Some("an AWS access key id")
        );
        assert_eq!(
            credential_in_value(
                "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----"
            ),
            Some("a private key")
        );
        assert_eq!(credential_in_value("http://feastflow-backend:5000"), None);
        assert_eq!(credential_in_value("info"), None);
    }

    #[test]
    fn literal_values_exclude_references_paths_and_flags() {
        assert!(is_literal_value("hunter2"));
        assert!(!is_literal_value(""));
        assert!(!is_literal_value("$(DB_PASSWORD)"));
        assert!(!is_literal_value("/run/secrets/db"));
        assert!(!is_literal_value("true"));
    }
}
