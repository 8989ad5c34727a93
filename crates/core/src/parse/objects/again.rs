//! Reading a file again after an edit: each document's text and place are remembered, and a
//! document the edit did not touch keeps its objects and problems.

use foldhash::HashMap;

use super::{FileObjects, ParseOptions, read_document};
use crate::parse::yaml::{Chunk, RawDocument, read_chunk, split_documents};
use crate::source::{Diagnostic, Location, SourceFile};

/// A file as it was read: its name, the options, and each of its pieces.
#[derive(Debug, Clone)]
pub(super) struct ReadFile {
    name: String,
    options: ParseOptions,
    pieces: Vec<ReadPiece>,
}

/// One piece of a file (a document, or nothing but comments) and what it gave: the next reading
/// keeps its objects and problems when the piece's text, its place and its document number are
/// the same.
#[derive(Debug, Clone)]
struct ReadPiece {
    text: String,
    first_line: usize,
    first_column: usize,
    /// The number of the document it is, if it holds one.
    index: Option<usize>,
    objects: usize,
    diagnostics: usize,
}

/// Where a piece of a file is: its first line, first column and document number. Pieces do not
/// overlap, so at most one piece of a reading is at a place; it is kept when its text is the same
/// too (compared, not hashed: hashing every piece's text cost as much as comparing it).
type PiecePlace = (usize, usize, Option<usize>);

/// A piece of the last reading (its place in `pieces`), with where its objects and problems
/// start in it.
#[derive(Debug, Clone, Copy)]
struct KeptPiece {
    piece: usize,
    objects: usize,
    diagnostics: usize,
}

impl ReadFile {
    /// Each piece by its place.
    fn kept(&self) -> HashMap<PiecePlace, KeptPiece> {
        let (mut objects, mut diagnostics) = (0, 0);
        self.pieces
            .iter()
            .enumerate()
            .map(|(i, piece)| {
                let place = (piece.first_line, piece.first_column, piece.index);
                let kept = KeptPiece {
                    piece: i,
                    objects,
                    diagnostics,
                };
                objects += piece.objects;
                diagnostics += piece.diagnostics;
                (place, kept)
            })
            .collect()
    }
}

/// Reads one file's documents into objects, keeping from `previous` (the last reading of a file
/// of the same name, with the same options) each document whose text and place did not change:
/// an edit reads again only the documents it touched. The result is what [`parse_file`] gives.
///
/// [`parse_file`]: super::parse_file
pub fn parse_file_again(
    file: &SourceFile,
    options: &ParseOptions,
    previous: &FileObjects,
) -> FileObjects {
    let mut reading = FileReading::default();
    reading.advance(file, options, previous, usize::MAX);
    reading.finish(file, options)
}

/// A file read a few documents at a time: what is read so far and where to go on.
#[derive(Debug, Clone, Default)]
pub(crate) struct FileReading {
    part: FileObjects,
    pieces: Vec<ReadPiece>,
    /// The documents read so far (pieces that hold one).
    documents: usize,
    /// The bytes of text gone through so far.
    pub(crate) bytes: usize,
    /// Where each piece of the file is (found on the first call, so later ones do not cut the
    /// file again): its byte range, first line and first column.
    places: Option<Vec<(std::ops::Range<usize>, usize, usize)>>,
    /// The pieces of the last reading that may be kept, by place (also found on the first call).
    kept: Option<HashMap<PiecePlace, KeptPiece>>,
}

impl FileReading {
    /// Reads on from where the last call stopped, as [`parse_file_again`] would, until the
    /// documents read (not kept from `previous`) pass `budget` bytes of text; whether the file
    /// is read to its end.
    pub(crate) fn advance(
        &mut self,
        file: &SourceFile,
        options: &ParseOptions,
        previous: &FileObjects,
        budget: usize,
    ) -> bool {
        let last = previous
            .read
            .as_ref()
            .filter(|read| read.name == file.name && read.options == *options);
        let kept = self
            .kept
            .get_or_insert_with(|| last.map(ReadFile::kept).unwrap_or_default());
        let places = self.places.get_or_insert_with(|| {
            let start = file.text.as_ptr() as usize;
            split_documents(&file.text)
                .iter()
                .map(|chunk| {
                    let from = chunk.text.as_ptr() as usize - start;
                    (
                        from..from + chunk.text.len(),
                        chunk.first_line,
                        chunk.first_column,
                    )
                })
                .collect()
        });
        let mut spent = 0;
        for (range, first_line, first_column) in places.iter().skip(self.pieces.len()) {
            if spent >= budget {
                return false;
            }
            let chunk = Chunk {
                text: file.text.get(range.clone()).unwrap_or_default(),
                first_line: *first_line,
                first_column: *first_column,
            };
            let part = &mut self.part;
            let (objects_before, diagnostics_before) = (part.objects.len(), part.diagnostics.len());
            let documents = self.documents;
            let keep = |index| {
                let kept = kept.get(&(chunk.first_line, chunk.first_column, index))?;
                let piece = last?.pieces.get(kept.piece)?;
                (piece.text == chunk.text).then_some((kept, piece))
            };
            // A piece holding a document keeps its number; one holding nothing has none.
            let index = match keep(Some(documents)).or_else(|| keep(None)) {
                Some((kept, piece)) => {
                    part.objects.extend_from_slice(
                        &previous.objects[kept.objects..kept.objects + piece.objects],
                    );
                    part.diagnostics.extend_from_slice(
                        &previous.diagnostics
                            [kept.diagnostics..kept.diagnostics + piece.diagnostics],
                    );
                    piece.index
                }
                None => {
                    spent += chunk.text.len();
                    let doc = read_chunk(&chunk, documents);
                    part.documents_read += usize::from(doc.is_some());
                    doc.map(|doc| {
                        let index = doc.index;
                        read_raw_document(&file.name, doc, options, part);
                        index
                    })
                }
            };
            self.documents += usize::from(index.is_some());
            self.bytes += chunk.text.len();
            self.pieces.push(ReadPiece {
                text: chunk.text.to_owned(),
                first_line: chunk.first_line,
                first_column: chunk.first_column,
                index,
                objects: part.objects.len() - objects_before,
                diagnostics: part.diagnostics.len() - diagnostics_before,
            });
        }
        true
    }

    /// What was read, remembering each piece for the next reading.
    pub(crate) fn finish(self, file: &SourceFile, options: &ParseOptions) -> FileObjects {
        let mut part = self.part;
        part.read = Some(ReadFile {
            name: file.name.clone(),
            options: options.clone(),
            pieces: self.pieces,
        });
        part
    }
}

/// Adds one document's objects and problems to `part`.
fn read_raw_document(file: &str, doc: RawDocument, options: &ParseOptions, part: &mut FileObjects) {
    for problem in doc.problems {
        part.diagnostics.push(Diagnostic::error(
            Location::new(file, problem.pos),
            problem.message,
        ));
    }
    match doc.result {
        Ok(node) => read_document(
            file,
            doc.index,
            node,
            options,
            &mut part.objects,
            &mut part.diagnostics,
        ),
        Err(err) => part.diagnostics.push(Diagnostic::error(
            Location::new(file, err.pos),
            format!("YAML syntax error: {}", err.message),
        )),
    }
}
