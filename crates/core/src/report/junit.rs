//! The review as JUnit XML, for CI test dashboards.
//!
//! One `<testsuite>` per object; one `<testcase>` per enabled check that applies to it (as the
//! scores count them: see each check's [`Scope`](crate::checks::Scope)). An unsuppressed error or
//! warning finding is a `<failure>` (its `type` is the severity); info findings leave the test
//! passing and are listed in `<system-out>`; a check silenced by an annotation is `<skipped>` with
//! the reason.

use std::collections::HashMap;

use super::Review;
use crate::checks::{Finding, Level};
use crate::model::ObjectId;

/// `text` escaped for XML attributes and text; characters XML 1.0 forbids are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn line(f: &Finding) -> String {
    let container = f
        .container
        .as_deref()
        .map(|c| format!(" (container {c})"))
        .unwrap_or_default();
    format!("{}: {}{container}", f.location, f.message)
}

/// The JUnit XML document.
pub fn render(review: &Review) -> String {
    let mut suites = String::new();
    let (mut all_tests, mut all_failures, mut all_skipped) = (0, 0, 0);
    // The findings and the file of each object, gathered once rather than searched per object.
    let mut findings_of: HashMap<&ObjectId, Vec<&Finding>> = HashMap::new();
    for f in &review.findings {
        findings_of.entry(&f.object).or_default().push(f);
    }
    let mut file_of: HashMap<&ObjectId, &str> = HashMap::new();
    for o in &review.objects {
        file_of.entry(&o.id).or_insert(o.file.as_str());
    }
    for score in &review.scores {
        let on_object: Vec<&Finding> = findings_of.get(&score.object).cloned().unwrap_or_default();
        let file = file_of.get(&score.object).copied().unwrap_or("");
        let (mut failures, mut skipped) = (0, 0);
        let mut cases = String::new();
        for id in &score.applicable {
            let mine: Vec<&&Finding> = on_object.iter().filter(|f| f.check == *id).collect();
            let failing: Vec<&&&Finding> = mine
                .iter()
                .filter(|f| {
                    !f.is_suppressed() && matches!(f.severity, Level::Error | Level::Warning)
                })
                .collect();
            let infos: Vec<&&&Finding> = mine
                .iter()
                .filter(|f| !f.is_suppressed() && f.severity == Level::Info)
                .collect();
            let silenced: Vec<&&&Finding> = mine.iter().filter(|f| f.is_suppressed()).collect();
            cases.push_str(&format!(
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\">",
                escape(id),
                escape(score.object.as_str()),
                escape(file)
            ));
            if let Some(first) = failing.first() {
                failures += 1;
                let strongest = failing
                    .iter()
                    .map(|f| f.severity)
                    .min()
                    .unwrap_or(Level::Warning);
                let body: Vec<String> = failing.iter().map(|f| line(f)).collect();
                cases.push_str(&format!(
                    "\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    ",
                    strongest.as_str(),
                    escape(&first.message),
                    escape(&body.join("\n"))
                ));
            } else if !infos.is_empty() {
                let body: Vec<String> =
                    infos.iter().map(|f| format!("info: {}", line(f))).collect();
                cases.push_str(&format!(
                    "\n      <system-out>{}</system-out>\n    ",
                    escape(&body.join("\n"))
                ));
            } else if let Some(first) = silenced.first() {
                skipped += 1;
                cases.push_str(&format!(
                    "\n      <skipped message=\"{}\"/>\n    ",
                    escape(&format!(
                        "silenced by {}",
                        first.suppressed.as_deref().unwrap_or("an annotation")
                    ))
                ));
            }
            cases.push_str("</testcase>\n");
        }
        let tests = score.applicable.len();
        all_tests += tests;
        all_failures += failures;
        all_skipped += skipped;
        suites.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n{cases}  </testsuite>\n",
            escape(score.object.as_str())
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"manifesto\" tests=\"{all_tests}\" failures=\"{all_failures}\" errors=\"0\" skipped=\"{all_skipped}\">\n{suites}</testsuites>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{1}e"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;e"
        );
    }
}
