//! `koalign align`: aligns a Korean and an English article.

use std::io::Write;
use std::path::PathBuf;

use crate::align::{Aligner, Alignment};
use crate::document::{Document, LangChoice, Segmentation};
use crate::error::{Error, InputProblem, Result};
use crate::export::records::{write_jsonl, write_tsv};
use crate::export::text::write_side_by_side;
use crate::export::tmx::{TmxOptions, write_tmx};
use crate::export::xliff::{XliffOptions, write_xliff};
use crate::export::{self, BeadRecord};
use crate::lang::{self, Lang};
use crate::report::{self, NamesReport};
use crate::review::{self, ReviewOptions};

use super::output::{check_overwrite, check_writable, write_output};

/// Output format of `koalign align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlignFormat {
    Text,
    Jsonl,
    Tsv,
    Tmx,
    Xliff,
}

/// How the exports are written (language tags, what to keep, review thresholds).
#[derive(Debug, Clone)]
pub struct ExportSettings {
    /// Width of the text view.
    pub width: usize,
    /// Language tag of the Korean side in TMX and XLIFF.
    pub ko_lang: String,
    /// Language tag of the English side in TMX and XLIFF.
    pub en_lang: String,
    /// Keep 1-0 and 0-1 beads in TMX, as single-`tuv` units.
    pub tmx_keep_unaligned: bool,
    pub review: ReviewOptions,
}

impl Default for ExportSettings {
    fn default() -> Self {
        ExportSettings {
            width: 100,
            ko_lang: "ko-KR".into(),
            en_lang: "en-US".into(),
            tmx_keep_unaligned: false,
            review: ReviewOptions::default(),
        }
    }
}

/// Options of `koalign align`.
#[derive(Debug, Clone)]
pub struct AlignOptions {
    pub ko_file: PathBuf,
    pub en_file: PathBuf,
    pub format: AlignFormat,
    pub output: Option<PathBuf>,
    /// Input is one segment per line.
    pub segmented: bool,
    /// Check that the Korean file is Korean and the English file English.
    pub lang_check: bool,
    /// Run the second pass with translations learned from the input.
    pub learn: bool,
    pub export: ExportSettings,
    /// Replace an existing output file.
    pub force: bool,
    /// Refuse inputs with more sentences than this on a side.
    pub max_sentences: usize,
}

/// Default of `--max-sentences`: far beyond any article, small enough to fail
/// fast on input that is not an article (a log file, a whole archive).
pub const DEFAULT_MAX_SENTENCES: usize = 200_000;

/// Checks a loaded pair against the size limit, and notes a pair whose sides
/// are wildly different in length (it aligns, but mostly as omissions).
pub fn check_pair_size(pair: &PairDocuments, max_sentences: usize) -> Result<Vec<String>> {
    for doc in [&pair.ko, &pair.en] {
        if doc.segments.len() > max_sentences {
            return Err(Error::input(
                &doc.source.path,
                InputProblem::WrongLanguage(format!(
                    "has {} sentences, more than --max-sentences {max_sentences}",
                    doc.segments.len()
                )),
            ));
        }
    }
    let (k, e) = (
        pair.ko.source.text.len().max(1),
        pair.en.source.text.len().max(1),
    );
    let mut notes = Vec::new();
    if k > 50 * e || e > 50 * k {
        let (long, short) = if k > e {
            (&pair.ko, &pair.en)
        } else {
            (&pair.en, &pair.ko)
        };
        notes.push(format!(
            "warning: {} is more than 50 times longer than {}; most of it will align as omissions",
            long.source.path.display(),
            short.source.path.display()
        ));
    }
    Ok(notes)
}

/// Both documents of a pair, loaded and checked.
pub struct PairDocuments {
    pub ko: Document,
    pub en: Document,
}

/// Loads a Korean and an English file, with a hint when they look swapped.
pub fn load_pair(
    ko_file: &std::path::Path,
    en_file: &std::path::Path,
    segmented: bool,
    lang_check: bool,
) -> Result<PairDocuments> {
    let segmentation = if segmented {
        Segmentation::Lines
    } else {
        Segmentation::Sentences
    };
    let choice = |lang| {
        if lang_check {
            LangChoice::Expect(lang)
        } else {
            LangChoice::Assume(lang)
        }
    };
    let load = |path: &std::path::Path, lang: Lang| {
        Document::load(path, choice(lang), segmentation)
            .map_err(|err| swapped_hint(err, ko_file, en_file))
    };
    Ok(PairDocuments {
        ko: load(ko_file, Lang::Ko)?,
        en: load(en_file, Lang::En)?,
    })
}

/// Adds "did you swap the files?" to a wrong-language error when the other
/// file is in the language this one should have been.
fn swapped_hint(err: Error, ko_file: &std::path::Path, en_file: &std::path::Path) -> Error {
    let Error::Input {
        path,
        problem: InputProblem::WrongLanguage(message),
    } = err
    else {
        return err;
    };
    let other = if path == ko_file { en_file } else { ko_file };
    let other_lang = crate::input::read_file(other)
        .ok()
        .and_then(|s| lang::detect(&s.text));
    let expected_here = if path == ko_file { Lang::Ko } else { Lang::En };
    let hint = if other_lang == Some(expected_here) {
        " — the files look swapped: give the Korean file first, then the English one"
    } else {
        " (use --no-lang-check to align anyway)"
    };
    Error::input(
        path,
        InputProblem::WrongLanguage(format!("{message}{hint}")),
    )
}

/// Runs `koalign align`; returns notes for stderr.
pub fn run(options: &AlignOptions, stdout: &mut dyn Write) -> Result<Vec<String>> {
    if let Some(path) = &options.output {
        check_writable(path)?;
        check_overwrite(path, options.force)?;
    }
    let pair = load_pair(
        &options.ko_file,
        &options.en_file,
        options.segmented,
        options.lang_check,
    )?;
    let mut notes = check_pair_size(&pair, options.max_sentences)?;
    let mut aligner = Aligner::new()?;
    aligner.options.learn = options.learn;
    let (alignment, morphemes) = super::names::align_for_names(&aligner, &pair)?;
    let names = match super::names::entity_check_note(&pair) {
        Some(note) => {
            notes.push(note);
            None
        }
        None => {
            let article =
                super::names::article_names(&aligner, "", &pair, &alignment, morphemes.as_deref())?;
            Some(report::build(&[article], false))
        }
    };
    let records = reviewed_records(
        &aligner,
        &pair,
        &alignment,
        names.as_ref(),
        &options.export.review,
    );
    write_records(
        &pair,
        &records,
        options.format,
        &options.export,
        options.output.as_deref(),
        stdout,
    )?;
    notes.extend(super::input_notes(&pair.ko));
    notes.extend(super::input_notes(&pair.en));
    Ok(notes)
}

/// The records of an alignment with their review flags; the entity flags
/// come from the pair's name report when there is one.
pub fn reviewed_records(
    aligner: &Aligner,
    pair: &PairDocuments,
    alignment: &Alignment,
    names: Option<&NamesReport>,
    review_options: &ReviewOptions,
) -> Vec<BeadRecord> {
    let mut records = export::records(alignment, &pair.ko.segments, &pair.en.segments);
    for record in &mut records {
        let entities = names.map(|report| review::entities::bead_entities(report, record));
        record.flags = review::flag_bead(
            record,
            &aligner.model().length,
            entities.as_ref(),
            review_options,
        );
    }
    records
}

/// Writes records in a format.
pub fn write_records(
    pair: &PairDocuments,
    records: &[BeadRecord],
    format: AlignFormat,
    settings: &ExportSettings,
    output: Option<&std::path::Path>,
    stdout: &mut dyn Write,
) -> Result<()> {
    write_output(output, stdout, |out| match format {
        AlignFormat::Text => write_side_by_side(records, settings.width, out),
        AlignFormat::Jsonl => write_jsonl(records, out),
        AlignFormat::Tsv => write_tsv(records, out),
        AlignFormat::Tmx => {
            let options = TmxOptions {
                ko_lang: settings.ko_lang.clone(),
                en_lang: settings.en_lang.clone(),
                keep_unaligned: settings.tmx_keep_unaligned,
            };
            write_tmx(records, &options, out)
        }
        AlignFormat::Xliff => {
            let original = pair.ko.source.path.file_name().map_or_else(
                || "ko.txt".to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let options = XliffOptions {
                ko_lang: settings.ko_lang.clone(),
                en_lang: settings.en_lang.clone(),
                original,
            };
            write_xliff(records, &options, out)
        }
    })
}
