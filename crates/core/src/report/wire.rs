//! A [`super::Review`]'s serialised form, which the page's analysis worker sends the page
//! ([`Review::to_wire`]), read back in steps ([`WireReader`]) so that the page can read a large
//! review over several short tasks rather than one long one.
//!
//! The form is a sequence of JSON values, one per line: a header (the counts of what follows and
//! everything small: the overall score, the diagnostics, the checklist's rows and columns), then
//! the findings, the checklist's cells, the scores and the object summaries, each list in chunks
//! of at most [`CHUNK`] items. The lists of check ids that many cells or scores share (a row's
//! checks, the checks that apply to a kind of object) are written once, in the header, and each
//! chunk of cells or scores names each item's list by its place there. Check and checklist-row
//! ids are `&'static str` in the review, so each is read back as the registry's own id; an id the
//! registry does not know is an error.

use std::fmt;

use foldhash::HashMap;
use serde::de::{DeserializeOwned, Deserializer, Error, Visitor};
use serde::{Deserialize, Serialize};

use super::checklist::{self, Cell, Checklist};
use super::score::{self, ObjectScore};
use super::{Counts, ObjectSummary, Review};
use crate::checks::{self, Finding, Level};
use crate::model::ObjectId;
use crate::source::Diagnostic;

/// The most items of one list in one JSON value: small enough that the page reads one in a
/// few milliseconds, large enough that the sequence stays short.
pub const CHUNK: usize = 500;

/// What comes first, written from the review.
#[derive(Serialize)]
struct HeaderOut<'a> {
    findings: usize,
    cells: usize,
    scores: usize,
    objects: usize,
    rows: &'a [&'static str],
    columns: &'a [ObjectId],
    overall_score: f64,
    diagnostics: &'a [Diagnostic],
    counts: Counts,
    lists: &'a [&'a [&'static str]],
}

/// What comes first, as read.
#[derive(Deserialize)]
struct Header {
    findings: usize,
    cells: usize,
    scores: usize,
    objects: usize,
    #[serde(deserialize_with = "ids")]
    rows: Vec<&'static str>,
    columns: Vec<ObjectId>,
    overall_score: f64,
    diagnostics: Vec<Diagnostic>,
    counts: Counts,
    #[serde(deserialize_with = "id_lists")]
    lists: Vec<Vec<&'static str>>,
}

/// The distinct id lists of the cells and scores, each with its place.
#[derive(Default)]
struct ListTable<'r> {
    lists: Vec<&'r [&'static str]>,
    places: HashMap<&'r [&'static str], usize>,
}

impl<'r> ListTable<'r> {
    /// The place of `list`, added if it is new.
    fn place(&mut self, list: &'r [&'static str]) -> usize {
        let lists = &mut self.lists;
        *self.places.entry(list).or_insert_with(|| {
            lists.push(list);
            lists.len() - 1
        })
    }
}

/// A chunk of cells or scores as written: the items (without their lists) and the place of
/// each one's list in the header.
#[derive(Serialize)]
struct ListedOut<'a, T> {
    items: &'a [T],
    lists: &'a [usize],
}

/// A chunk of cells or scores, as read.
#[derive(Deserialize)]
struct Listed<T> {
    items: Vec<T>,
    lists: Vec<usize>,
}

impl Review {
    /// The review as the analysis worker hands it to the page (see the module's documentation).
    pub fn to_wire(&self) -> serde_json::Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut table = ListTable::default();
        let cell_lists: Vec<usize> = (self.checklist.cells.iter())
            .map(|cell| table.place(&cell.checks))
            .collect();
        let score_lists: Vec<usize> = (self.scores.iter())
            .map(|score| table.place(&score.applicable))
            .collect();
        let header = HeaderOut {
            findings: self.findings.len(),
            cells: self.checklist.cells.len(),
            scores: self.scores.len(),
            objects: self.objects.len(),
            rows: &self.checklist.rows,
            columns: &self.checklist.columns,
            overall_score: self.overall_score,
            diagnostics: &self.diagnostics,
            counts: self.counts,
            lists: &table.lists,
        };
        write_line(&mut out, &header)?;
        write_chunks(&mut out, &self.findings)?;
        write_listed_chunks(&mut out, &self.checklist.cells, &cell_lists)?;
        write_listed_chunks(&mut out, &self.scores, &score_lists)?;
        write_chunks(&mut out, &self.objects)?;
        Ok(out)
    }

    /// A review read back from [`Review::to_wire`]'s bytes at once.
    pub fn from_wire(bytes: &[u8]) -> serde_json::Result<Review> {
        let mut reader = WireReader::new(bytes)?;
        while !reader.step(bytes)? {}
        reader.finish()
    }
}

fn write_line(out: &mut Vec<u8>, value: &impl Serialize) -> serde_json::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.push(b'\n');
    Ok(())
}

fn write_chunks<T: Serialize>(out: &mut Vec<u8>, items: &[T]) -> serde_json::Result<()> {
    items
        .chunks(CHUNK)
        .try_for_each(|chunk| write_line(out, &chunk))
}

/// Like [`write_chunks`], with the place of each item's list (see [`ListedOut`]).
fn write_listed_chunks<T: Serialize>(
    out: &mut Vec<u8>,
    items: &[T],
    lists: &[usize],
) -> serde_json::Result<()> {
    (items.chunks(CHUNK))
        .zip(lists.chunks(CHUNK))
        .try_for_each(|(items, lists)| write_line(out, &ListedOut { items, lists }))
}

/// A review being read from [`Review::to_wire`]'s bytes a chunk at a time: [`WireReader::step`]
/// reads one, [`WireReader::finish`] gives the review once every one is read. The reader does
/// not hold the bytes: each call is given the same ones.
pub struct WireReader {
    header: Header,
    /// Where the next chunk starts.
    offset: usize,
    findings: Vec<Finding>,
    cells: Vec<Cell>,
    scores: Vec<ObjectScore>,
    objects: Vec<ObjectSummary>,
}

impl WireReader {
    /// Reads the header.
    pub fn new(bytes: &[u8]) -> serde_json::Result<WireReader> {
        let (header, offset) = next_value::<Header>(bytes, 0)?;
        Ok(WireReader {
            header,
            offset,
            findings: Vec::new(),
            cells: Vec::new(),
            scores: Vec::new(),
            objects: Vec::new(),
        })
    }

    /// Reads the next chunk; `true` once everything is read.
    pub fn step(&mut self, bytes: &[u8]) -> serde_json::Result<bool> {
        let h = &self.header;
        let offset = self.offset;
        self.offset = if self.findings.len() < h.findings {
            extend(&mut self.findings, h.findings, bytes, offset)?
        } else if self.cells.len() < h.cells {
            let set = |cell: &mut Cell, checks| cell.checks = checks;
            extend_listed(&mut self.cells, h.cells, &h.lists, set, bytes, offset)?
        } else if self.scores.len() < h.scores {
            let set = |score: &mut ObjectScore, applicable| score.applicable = applicable;
            extend_listed(&mut self.scores, h.scores, &h.lists, set, bytes, offset)?
        } else if self.objects.len() < h.objects {
            extend(&mut self.objects, h.objects, bytes, offset)?
        } else {
            return Ok(true);
        };
        Ok(self.is_read())
    }

    /// Whether every list holds as many items as the header says.
    fn is_read(&self) -> bool {
        let h = &self.header;
        (
            self.findings.len(),
            self.cells.len(),
            self.scores.len(),
            self.objects.len(),
        ) == (h.findings, h.cells, h.scores, h.objects)
    }

    /// The review, once [`WireReader::step`] has said everything is read.
    pub fn finish(self) -> serde_json::Result<Review> {
        if !self.is_read() {
            return Err(serde_json::Error::custom(
                "the review is not read to its end",
            ));
        }
        let h = self.header;
        Ok(Review {
            findings: self.findings,
            checklist: Checklist::assemble(h.rows, h.columns, self.cells),
            scores: self.scores,
            overall_score: h.overall_score,
            formula: score::FORMULA,
            objects: self.objects,
            diagnostics: h.diagnostics,
            counts: h.counts,
        })
    }
}

/// The JSON value starting at `offset` (after any blank), and where the next one starts.
fn next_value<T: DeserializeOwned>(bytes: &[u8], offset: usize) -> serde_json::Result<(T, usize)> {
    let rest = bytes.get(offset..).unwrap_or_default();
    let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<T>();
    let value = values
        .next()
        .unwrap_or_else(|| Err(serde_json::Error::custom("the review ends early")))?;
    Ok((value, offset + values.byte_offset()))
}

/// Reads the chunk at `offset` onto `items`, which are to number `total`; where the next starts.
fn extend<T: DeserializeOwned>(
    items: &mut Vec<T>,
    total: usize,
    bytes: &[u8],
    offset: usize,
) -> serde_json::Result<usize> {
    let (chunk, next) = next_value::<Vec<T>>(bytes, offset)?;
    append(items, total, chunk)?;
    Ok(next)
}

/// Like [`extend`], for a chunk of cells or scores: `set` gives each item its list.
fn extend_listed<T: DeserializeOwned>(
    items: &mut Vec<T>,
    total: usize,
    lists: &[Vec<&'static str>],
    set: impl Fn(&mut T, Vec<&'static str>),
    bytes: &[u8],
    offset: usize,
) -> serde_json::Result<usize> {
    let (mut chunk, next) = next_value::<Listed<T>>(bytes, offset)?;
    if chunk.lists.len() != chunk.items.len() {
        return Err(serde_json::Error::custom(
            "the review's parts do not add up",
        ));
    }
    for (item, &place) in chunk.items.iter_mut().zip(&chunk.lists) {
        let list = lists.get(place).ok_or_else(|| {
            serde_json::Error::custom(format!("the review names list {place}, which it lacks"))
        })?;
        set(item, list.clone());
    }
    append(items, total, std::mem::take(&mut chunk.items))?;
    Ok(next)
}

/// Adds a chunk to `items`, which are to number `total`.
fn append<T>(items: &mut Vec<T>, total: usize, chunk: Vec<T>) -> serde_json::Result<()> {
    if chunk.is_empty() || chunk.len() > total - items.len() {
        return Err(serde_json::Error::custom(
            "the review's parts do not add up",
        ));
    }
    items.extend(chunk);
    Ok(())
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

/// Lists of ids.
fn id_lists<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<&'static str>>, D::Error> {
    let lists = Vec::<Vec<Id>>::deserialize(d)?;
    Ok(lists
        .into_iter()
        .map(|ids| ids.into_iter().map(|Id(id)| id).collect())
        .collect())
}

/// A list of ids, each with a level.
pub(crate) fn ids_with_levels<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<(&'static str, Level)>, D::Error> {
    let ids = Vec::<(Id, Level)>::deserialize(d)?;
    Ok(ids.into_iter().map(|(Id(id), level)| (id, level)).collect())
}

#[cfg(test)]
mod tests {
    use super::{CHUNK, WireReader};
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
    fn a_large_review_reads_back_a_chunk_at_a_time() {
        let (mut review, _) = feastflow();
        let one = review.findings.clone();
        while review.findings.len() <= 2 * CHUNK {
            review.findings.extend(one.iter().cloned());
        }
        let bytes = review.to_wire().unwrap();
        let mut reader = WireReader::new(&bytes).unwrap();
        let mut steps = 1;
        while !reader.step(&bytes).unwrap() {
            steps += 1;
        }
        // Three chunks of findings, and one of each other list.
        assert_eq!(steps, 3 + 3, "{steps} steps");
        assert!(reader.step(&bytes).unwrap(), "nothing is left to read");
        assert_eq!(reader.finish().unwrap(), review);
    }

    #[test]
    fn a_review_cut_short_is_refused() {
        let (_, json) = feastflow();
        let cut = &json.as_bytes()[..json.len() - 40];
        let error = Review::from_wire(cut).unwrap_err();
        assert!(error.is_eof() || error.is_syntax(), "{error}");
        let lines: Vec<&str> = json.lines().collect();
        let without_last = lines[..lines.len() - 1].join("\n");
        let error = Review::from_wire(without_last.as_bytes()).unwrap_err();
        assert!(
            error.to_string().contains("the review ends early"),
            "{error}"
        );
        let mut reader = WireReader::new(without_last.as_bytes()).unwrap();
        while reader.step(without_last.as_bytes()).is_ok_and(|done| !done) {}
        let error = reader.finish().unwrap_err();
        assert!(error.to_string().contains("not read to its end"), "{error}");
    }

    #[test]
    fn a_chunk_longer_than_its_header_says_is_refused() {
        let (review, json) = feastflow();
        let count = format!("\"findings\":{},", review.findings.len());
        let fewer = json.replacen(
            &count,
            &format!("\"findings\":{},", review.findings.len() - 1),
            1,
        );
        assert_ne!(fewer, json);
        let error = Review::from_wire(fewer.as_bytes()).unwrap_err();
        assert!(error.to_string().contains("do not add up"), "{error}");
    }

    #[test]
    fn the_lists_cells_and_scores_share_are_written_once() {
        let (review, json) = feastflow();
        let header: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
        let mut distinct: Vec<&[&str]> = (review.checklist.cells.iter())
            .map(|cell| &cell.checks[..])
            .chain(review.scores.iter().map(|score| &score.applicable[..]))
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        let written = header["lists"].as_array().unwrap();
        assert_eq!(written.len(), distinct.len());
        assert!(written.len() < review.checklist.cells.len() + review.scores.len());
        let applicable = review.scores[0].applicable.join("\",\"");
        assert_eq!(json.matches(&applicable).count(), 1, "once, in the header");
    }

    #[test]
    fn a_list_the_header_lacks_is_refused() {
        let (_, json) = feastflow();
        let header: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
        let lists = serde_json::to_string(&header["lists"]).unwrap();
        let tampered = json.replacen(&format!("\"lists\":{lists}"), "\"lists\":[]", 1);
        assert_ne!(tampered, json);
        let error = Review::from_wire(tampered.as_bytes()).unwrap_err();
        assert!(
            error.to_string().contains("names list 0, which it lacks"),
            "{error}"
        );
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
