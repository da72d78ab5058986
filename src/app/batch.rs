//! `koalign batch`: aligns a whole corpus of article pairs, in parallel, or
//! streams JSON Lines pairs from standard input to standard output.

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};

use super::align::{AlignFormat, ExportSettings};

/// Where the pairs come from.
#[derive(Debug, Clone)]
pub enum BatchInput {
    /// A directory: `NAME.ko.txt` + `NAME.en.txt`, or `NAME/ko.txt` + `NAME/en.txt`.
    Directory(PathBuf),
    /// A JSON Lines manifest: `{"id": ..., "ko": PATH_OR_TEXT, "en": PATH_OR_TEXT}`.
    Manifest(PathBuf),
    /// JSON Lines pairs with the texts on standard input; one JSON line per
    /// pair on standard output, in input order.
    Stdin,
}

/// Options of `koalign batch`.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub input: BatchInput,
    /// Where the per-pair files, the name report and the summary go (not used
    /// when streaming).
    pub output_dir: Option<PathBuf>,
    pub format: AlignFormat,
    pub export: ExportSettings,
    /// Worker threads (default: the number of cores).
    pub jobs: Option<usize>,
    /// No progress bar, no per-pair log.
    pub quiet: bool,
    /// Skip pairs whose output file already exists.
    pub resume: bool,
    /// Pool translations learned from confident beads over the corpus and
    /// re-align the low-confidence pairs with them.
    pub learn: bool,
    pub lang_check: bool,
}

/// What a batch run did, for the exit code and stderr.
#[derive(Debug, Clone, Default)]
pub struct BatchOutcome {
    pub pairs: usize,
    pub failures: usize,
    pub notes: Vec<String>,
}

/// Runs `koalign batch`.
pub fn run(options: &BatchOptions, stdout: &mut dyn Write) -> Result<BatchOutcome> {
    let _ = (options, stdout);
    Err(Error::Usage("koalign batch is being built".into()))
}
