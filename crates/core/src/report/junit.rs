//! The review as JUnit XML, for CI test dashboards, written with `quick-junit`.
//!
//! One `<testsuite>` per object; one `<testcase>` per enabled check that applies to it (as the
//! scores count them: see each check's [`Scope`](crate::checks::Scope)). An unsuppressed error or
//! warning finding is a `<failure>` (its `type` is the severity); info findings leave the test
//! passing and are listed in `<system-out>`; a check silenced by an annotation is `<skipped>` with
//! the reason.

use foldhash::{HashMap, HashMapExt};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite, XmlString};

use super::Review;
use crate::checks::{Finding, Level};
use crate::model::ObjectId;

/// `text` fit for XML: `quick-junit` drops control characters, and this drops the two
/// noncharacters XML 1.0 also forbids.
fn xml(text: &str) -> XmlString {
    XmlString::new(text.replace(['\u{fffe}', '\u{ffff}'], ""))
}

fn line(f: &Finding) -> String {
    let container = f
        .container
        .as_deref()
        .map(|c| format!(" (container {c})"))
        .unwrap_or_default();
    format!("{}: {}{container}", f.location, f.message)
}

/// The test case of one check on one object, given that check's findings there.
fn test_case(check: &str, object: &ObjectId, file: &str, mine: &[&Finding]) -> TestCase {
    let open = |f: &&&Finding| !f.is_suppressed();
    let failing: Vec<&&Finding> = mine
        .iter()
        .filter(open)
        .filter(|f| matches!(f.severity, Level::Error | Level::Warning))
        .collect();
    let infos: Vec<String> = mine
        .iter()
        .filter(open)
        .filter(|f| f.severity == Level::Info)
        .map(|f| format!("info: {}", line(f)))
        .collect();
    let silenced = mine.iter().find(|f| f.is_suppressed());
    let status = if let Some(first) = failing.first() {
        let strongest = failing
            .iter()
            .map(|f| f.severity)
            .min()
            .unwrap_or(Level::Warning);
        let body: Vec<String> = failing.iter().map(|f| line(f)).collect();
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        status
            .set_type(strongest.as_str())
            .set_message(xml(&first.message))
            .set_description(xml(&body.join("\n")));
        status
    } else if let Some(first) = silenced.filter(|_| infos.is_empty()) {
        let mut status = TestCaseStatus::skipped();
        status.set_message(xml(&format!(
            "silenced by {}",
            first.suppressed.as_deref().unwrap_or("an annotation")
        )));
        status
    } else {
        TestCaseStatus::success()
    };
    let mut case = TestCase::new(xml(check), status);
    case.set_classname(xml(object.as_str()));
    case.extra.insert("file".into(), xml(file));
    if failing.is_empty() && !infos.is_empty() {
        case.set_system_out(xml(&infos.join("\n")));
    }
    case
}

/// The JUnit XML document.
pub fn render(review: &Review) -> String {
    // The findings and the file of each object, gathered once rather than searched per object.
    let mut findings_of: HashMap<&ObjectId, Vec<&Finding>> = HashMap::new();
    for f in &review.findings {
        findings_of.entry(&f.object).or_default().push(f);
    }
    let mut file_of: HashMap<&ObjectId, &str> = HashMap::new();
    for o in &review.objects {
        file_of.entry(&o.id).or_insert(o.file.as_str());
    }
    let mut report = Report::new("manifesto");
    for score in &review.scores {
        let on_object = findings_of
            .get(&score.object)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let file = file_of.get(&score.object).copied().unwrap_or("");
        let mut suite = TestSuite::new(xml(score.object.as_str()));
        for id in &score.applicable {
            let mine: Vec<&Finding> = on_object
                .iter()
                .copied()
                .filter(|f| f.check == *id)
                .collect();
            suite.add_test_case(test_case(id, &score.object, file, &mine));
        }
        report.add_test_suite(suite);
    }
    // Writing to memory cannot fail.
    report.to_string().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Settings;
    use crate::{Model, SourceFile};

    fn junit(yaml: &str) -> String {
        let model = Model::from_files(vec![SourceFile::new("web.yaml", yaml)]);
        Review::build(&model, &Settings::default()).to_junit()
    }

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        let text = junit(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  containers:\n  - name: app\n    image: \"a<b&'c\\x01\\uFFFE:latest\"\n",
        );
        assert!(text.contains("a&lt;b&amp;&apos;c:latest"), "{text}");
        assert!(
            !text.contains('\u{1}') && !text.contains('\u{fffe}'),
            "{text}"
        );
    }

    #[test]
    fn a_failure_carries_its_severity_message_and_every_finding() {
        let text = junit(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  containers:\n  - name: app\n    image: nginx:latest\n",
        );
        assert!(text.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"manifesto\" "
        ));
        let case = text
            .find("<testcase name=\"image-tag-mutable\" classname=\"Pod/shop/web\" file=\"web.yaml\">")
            .expect("the tag check's case");
        let rest = &text[case..];
        let failure = &rest[..rest.find("</testcase>").expect("closed")];
        assert!(failure.contains("<failure message=\""), "{failure}");
        assert!(failure.contains("type=\"error\">web.yaml:7:"), "{failure}");
        assert!(failure.contains("(container app)</failure>"), "{failure}");
    }
}
