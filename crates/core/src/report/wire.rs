//! A [`super::Review`]'s serialised form, which the page's analysis worker sends the page: JSON
//! in UTF-8 bytes ([`Review::to_wire`], [`Review::from_wire`]). Check and checklist-row ids are
//! `&'static str` in the review, so each is read back as the registry's own id; an id the
//! registry does not know is an error.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, Error, Visitor};

use super::Review;
use super::checklist::{self, Cell, Checklist};
use crate::checks::{self, Level};
use crate::model::ObjectId;

impl Review {
    /// The review as the analysis worker hands it to the page: JSON in UTF-8 bytes.
    pub fn to_wire(&self) -> serde_json::Result<Vec<u8>> {
        serde_json::to_vec(self)
    }

    /// A review read back from [`Review::to_wire`]'s bytes.
    pub fn from_wire(bytes: &[u8]) -> serde_json::Result<Review> {
        serde_json::from_slice(bytes)
    }
}

/// A `&'static str` that serde does not try to borrow from its input (it would for the type
/// written out): the fields of this type read back through [`id`].
pub(crate) type StaticId = &'static str;

/// The registry's id equal to `id`: a check's or a checklist row's.
fn known(id: &str) -> Option<&'static str> {
    checks::by_id(id)
        .map(|check| check.id)
        .or_else(|| checklist::row(id).map(|row| row.id))
}

fn read<E: Error>(id: &str) -> Result<&'static str, E> {
    known(id).ok_or_else(|| E::custom(format!("unknown check or checklist row `{id}`")))
}

/// Reads an id as the registry's, straight from the JSON's text (no copy of it is made).
struct IdVisitor;

impl Visitor<'_> for IdVisitor {
    type Value = &'static str;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a check or checklist row id")
    }

    fn visit_str<E: Error>(self, id: &str) -> Result<&'static str, E> {
        read(id)
    }
}

/// An id in a list.
struct Id(&'static str);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
        d.deserialize_str(IdVisitor).map(Id)
    }
}

/// One id.
pub(crate) fn id<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    d.deserialize_str(IdVisitor)
}

/// A list of ids.
pub(crate) fn ids<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
    let ids = Vec::<Id>::deserialize(d)?;
    Ok(ids.into_iter().map(|Id(id)| id).collect())
}

/// A list of ids, each with a level.
pub(crate) fn ids_with_levels<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<(&'static str, Level)>, D::Error> {
    let ids = Vec::<(Id, Level)>::deserialize(d)?;
    Ok(ids.into_iter().map(|(Id(id), level)| (id, level)).collect())
}

/// A checklist as serialised: its index of columns is rebuilt on reading.
#[derive(Deserialize)]
pub(crate) struct ChecklistParts {
    #[serde(deserialize_with = "ids")]
    rows: Vec<&'static str>,
    columns: Vec<ObjectId>,
    cells: Vec<Cell>,
}

impl From<ChecklistParts> for Checklist {
    fn from(parts: ChecklistParts) -> Checklist {
        Checklist::assemble(parts.rows, parts.columns, parts.cells)
    }
}

#[cfg(test)]
mod tests {
    use crate::Model;
    use crate::checks::Settings;
    use crate::report::Review;
    use crate::samples::Sample;

    #[test]
    fn a_review_reads_back_as_it_was() {
        let model = Model::from_files(Sample::FeastFlow.files());
        let mut settings = Settings::default();
        let opt_in = crate::checks::ALL
            .iter()
            .find(|c| !c.enabled_by_default)
            .unwrap();
        settings.enabled.insert(opt_in.id.to_owned());
        let review = Review::build(&model, &settings);
        assert!(!review.checklist.cells.is_empty() && !review.findings.is_empty());
        let back = Review::from_wire(&review.to_wire().unwrap()).unwrap();
        assert_eq!(back, review);
        let row = review.checklist.rows[0];
        let column = review.checklist.columns[0].as_str();
        assert_eq!(
            back.checklist.cell(row, column),
            review.checklist.cell(row, column)
        );
    }

    /// FeastFlow's review and its JSON.
    fn feastflow() -> (Review, String) {
        let model = Model::from_files(Sample::FeastFlow.files());
        let review = Review::build(&model, &Settings::default());
        let json = String::from_utf8(review.to_wire().unwrap()).unwrap();
        (review, json)
    }

    #[test]
    fn an_unknown_check_id_is_refused() {
        let (review, json) = feastflow();
        let check = review.findings[0].check;
        let tampered = json.replacen(
            &format!("\"check\":\"{check}\""),
            "\"check\":\"no-such-check\"",
            1,
        );
        let error = Review::from_wire(tampered.as_bytes()).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("unknown check or checklist row `no-such-check`"),
            "{error}"
        );
    }

    #[test]
    fn an_id_written_with_escapes_reads_as_the_registrys() {
        let (review, json) = feastflow();
        let check = review.findings[0].check;
        let escaped: String = check
            .chars()
            .map(|c| format!("\\u{:04x}", c as u32))
            .collect();
        let written = json.replace(&format!("\"{check}\""), &format!("\"{escaped}\""));
        assert_ne!(written, json);
        let back = Review::from_wire(written.as_bytes()).unwrap();
        assert_eq!(back, review);
        assert!(std::ptr::eq(back.findings[0].check, check));
    }
}
