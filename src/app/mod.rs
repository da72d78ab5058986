//! The commands of the `koalign` binary, as library functions: each takes a
//! typed options struct and a writer, so the binary only parses arguments and
//! tests can run a command without a process.

pub mod align;
pub mod batch;
pub mod eval;
pub mod names;
pub mod output;
pub mod review;
pub mod romanize;
pub mod segment;
pub mod tokenize;

use std::path::Path;

use crate::document::{Document, LangChoice, Segmentation};
use crate::error::Result;
use crate::lang::Lang;

/// Loads a document for a one-file command: `--lang` given means "assume it"
/// (the user knows better), otherwise the language is detected.
pub(crate) fn load_single(path: &Path, lang: Option<Lang>) -> Result<Document> {
    let choice = match lang {
        Some(lang) => LangChoice::Assume(lang),
        None => LangChoice::Detect,
    };
    Document::load(path, choice, Segmentation::Sentences)
}

/// Notes about the input (e.g. it was decoded from EUC-KR), for stderr.
pub fn input_notes(doc: &Document) -> Vec<String> {
    doc.source
        .notes
        .iter()
        .map(|note| format!("{}: {note}", doc.source.path.display()))
        .collect()
}
