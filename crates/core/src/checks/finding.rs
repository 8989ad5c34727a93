//! What a check reports.

use serde::{Deserialize, Serialize};

use super::Check;
use crate::model::{Object, ObjectId};
use crate::source::Location;

/// How serious a finding is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Level {
    /// It will not work, or the API server rejects it.
    Error,
    /// A real risk.
    Warning,
    /// Advice, or a topic to learn about; it does not lower the score.
    Info,
}

impl Level {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The level named `error`, `warning` or `info`.
    pub fn parse(text: &str) -> Option<Level> {
        text.parse().ok()
    }
}

/// One problem found by a check in one object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The check's id.
    #[serde(deserialize_with = "crate::report::wire::id")]
    pub check: crate::report::wire::StaticId,
    /// How serious it is.
    pub severity: Level,
    /// The object it is about.
    pub object: ObjectId,
    /// The container it is about, where there is one.
    pub container: Option<String>,
    /// The field it points at.
    #[serde(flatten)]
    pub location: Location,
    /// What is wrong, concrete and naming values, lowercase, no trailing period.
    pub message: String,
    /// A one-line remediation for this finding.
    pub help: Option<String>,
    /// Why it is suppressed, when an annotation silences it.
    pub suppressed: Option<String>,
}

impl Finding {
    /// A finding of `check` about `object`, pointing at the field at `path` (see
    /// [`Object::locate`]), with the check's default severity.
    pub fn new(check: &Check, object: &Object, path: &str, message: impl Into<String>) -> Finding {
        Finding {
            check: check.id,
            severity: check.severity,
            object: object.id.clone(),
            container: None,
            location: object.locate(path),
            message: message.into(),
            help: None,
            suppressed: None,
        }
    }

    /// The same finding, pointing at `location` instead.
    #[must_use]
    pub fn at(mut self, location: Location) -> Finding {
        self.location = location;
        self
    }

    /// The same finding, about the named container.
    #[must_use]
    pub fn container(mut self, name: &str) -> Finding {
        self.container = Some(name.to_owned());
        self
    }

    /// The same finding, with another severity.
    #[must_use]
    pub fn severity(mut self, level: Level) -> Finding {
        self.severity = level;
        self
    }

    /// The same finding, with a one-line remediation.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    /// Whether an annotation silences it.
    pub fn is_suppressed(&self) -> bool {
        self.suppressed.is_some()
    }
}
