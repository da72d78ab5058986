//! `koalign names`: the named-entity and name-variant report of an article
//! pair, or of every pair in a corpus directory.

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};

/// Output format of `koalign names`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamesFormat {
    /// A readable report for a terminal, variants first.
    Text,
    /// `{"entities": [...], "numbers": [...]}`.
    Json,
    /// One row per (entity, English form).
    Csv,
    /// Markdown, for pasting into a review ticket.
    Md,
}

/// What `koalign names` reports on.
#[derive(Debug, Clone)]
pub enum NamesInput {
    /// One article pair.
    Pair { ko: PathBuf, en: PathBuf },
    /// Every pair in a directory with the layout of `corpus/`.
    Corpus(PathBuf),
}

/// Options of `koalign names`.
#[derive(Debug, Clone)]
pub struct NamesOptions {
    pub input: NamesInput,
    pub format: NamesFormat,
    pub output: Option<PathBuf>,
    pub lang_check: bool,
}

/// What the run found, for the exit code (`--fail-on-variants`).
#[derive(Debug, Clone, Default)]
pub struct NamesOutcome {
    /// Number of entities flagged as variants.
    pub variants: usize,
    /// Notes for stderr.
    pub notes: Vec<String>,
}

/// Runs `koalign names`.
pub fn run(options: &NamesOptions, out: &mut dyn Write) -> Result<NamesOutcome> {
    let _ = (options, out);
    Err(Error::Usage("koalign names is being built".into()))
}
