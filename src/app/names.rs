//! `koalign names`: the named-entity and name-variant report of an article
//! pair, or of every pair in a corpus directory.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::align::{Aligner, Alignment};
use crate::entities::link::{link_article, link_article_tokenized};
use crate::entities::numbers::reconcile;
use crate::error::{Error, InputProblem, Result};
use crate::report::{self, Article, NamesReport};
use crate::tokenize::Morpheme;

use super::align::{PairDocuments, load_pair};
use super::output::{check_writable, write_output};

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
    /// Number of number pairs that disagree.
    pub number_mismatches: usize,
    /// Notes for stderr.
    pub notes: Vec<String>,
}

/// Entity linking compares every name with every English sentence; beyond
/// this many sentences on a side (ten times a long news article) the
/// entity flags of `align`, `review` and `batch` are skipped, with a note, so
/// that time stays linear in the input.
pub const MAX_LINKED_SENTENCES: usize = 500;

/// Whether a pair is short enough for entity flags ([`MAX_LINKED_SENTENCES`]);
/// the note to print when it is not.
pub fn entity_check_note(pair: &PairDocuments) -> Option<String> {
    let longest = pair.ko.segments.len().max(pair.en.segments.len());
    (longest > MAX_LINKED_SENTENCES).then(|| {
        format!(
            "entity checks (entity-missing, name-variant) skipped: {longest} sentences on one side, \
             more than {MAX_LINKED_SENTENCES}"
        )
    })
}

/// The Korean morphemes of a pair whose entities will be linked, made once
/// for alignment and linking; `None` for a pair too long to link (the
/// aligner then tokenizes one sentence at a time and keeps nothing).
pub fn shared_morphemes(
    aligner: &Aligner,
    pair: &PairDocuments,
) -> Result<Option<Vec<Vec<Morpheme>>>> {
    if entity_check_note(pair).is_some() {
        return Ok(None);
    }
    aligner.tokenize_korean(&pair.ko.segments).map(Some)
}

/// Aligns a pair whose entities will be linked next: the alignment, and the
/// Korean morphemes to hand to [`article_names`] ([`shared_morphemes`]).
pub fn align_for_names(
    aligner: &Aligner,
    pair: &PairDocuments,
) -> Result<(Alignment, Option<Vec<Vec<Morpheme>>>)> {
    let (ko, en) = (&pair.ko.segments, &pair.en.segments);
    let morphemes = shared_morphemes(aligner, pair)?;
    let alignment = aligner.align_with_morphemes(ko, morphemes.as_deref(), en, None)?;
    Ok((alignment, morphemes))
}

/// Aligns a loaded pair and finds its entities and numbers.
pub fn analyze_pair(aligner: &Aligner, id: &str, pair: &PairDocuments) -> Result<Article> {
    let (alignment, morphemes) = align_for_names(aligner, pair)?;
    article_names(aligner, id, pair, &alignment, morphemes.as_deref())
}

/// Finds the entities and numbers of an aligned pair (`morphemes`: the
/// Korean morphemes from [`shared_morphemes`], if the caller has them).
pub fn article_names(
    aligner: &Aligner,
    id: &str,
    pair: &PairDocuments,
    alignment: &Alignment,
    morphemes: Option<&[Vec<Morpheme>]>,
) -> Result<Article> {
    let (ko, en) = (&pair.ko.segments, &pair.en.segments);
    let entities = match morphemes {
        Some(m) => link_article_tokenized(ko, m, en, alignment),
        None => link_article(aligner.tokenizer(), ko, en, alignment)?,
    };
    let numbers = reconcile(&pair.ko.segments, &pair.en.segments, alignment);
    Ok(Article {
        id: id.to_string(),
        entities,
        numbers,
    })
}

/// The article pairs of a corpus directory: sub-directories holding
/// `ko.txt` and `en.txt`, in name order.
pub fn corpus_pairs(dir: &Path) -> Result<Vec<(String, PathBuf, PathBuf)>> {
    if !dir.exists() {
        return Err(Error::input(dir, InputProblem::NotFound));
    }
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: --corpus needs a directory (one folder per article with ko.txt and en.txt)",
            dir.display()
        )));
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| Error::input(dir, InputProblem::Unreadable(e)))?;
    let mut pairs: Vec<(String, PathBuf, PathBuf)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("ko.txt").is_file() && p.join("en.txt").is_file())
        .map(|p| {
            let id = p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            (id, p.join("ko.txt"), p.join("en.txt"))
        })
        .collect();
    pairs.sort();
    if pairs.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no article pairs (folders with ko.txt and en.txt)",
            dir.display()
        )));
    }
    Ok(pairs)
}

/// The id of a single pair: the folder of a `ko.txt`, else the file's name.
fn pair_id(ko: &Path) -> String {
    let stem = ko.file_stem().map(|s| s.to_string_lossy().into_owned());
    match (stem.as_deref(), ko.parent().and_then(Path::file_name)) {
        (Some("ko"), Some(dir)) => dir.to_string_lossy().into_owned(),
        (Some(stem), _) => stem.to_string(),
        _ => ko.display().to_string(),
    }
}

/// Writes a report in a format.
pub fn write_report(
    report: &NamesReport,
    format: NamesFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        NamesFormat::Text => report::text::write_text(report, out),
        NamesFormat::Json => report::json::write_json(report, out),
        NamesFormat::Csv => report::csv::write_csv(report, out),
        NamesFormat::Md => report::md::write_md(report, out),
    }
}

/// Runs `koalign names`.
pub fn run(options: &NamesOptions, out: &mut dyn Write) -> Result<NamesOutcome> {
    if let Some(path) = &options.output {
        check_writable(path)?;
    }
    let mut notes = Vec::new();
    let (articles, corpus) = match &options.input {
        NamesInput::Pair { ko, en } => {
            let pair = load_pair(ko, en, false, options.lang_check)?;
            notes.extend(super::input_notes(&pair.ko));
            notes.extend(super::input_notes(&pair.en));
            let aligner = Aligner::new()?;
            (vec![analyze_pair(&aligner, &pair_id(ko), &pair)?], false)
        }
        NamesInput::Corpus(dir) => {
            let pairs = corpus_pairs(dir)?;
            let aligner = Aligner::new()?;
            let mut articles = Vec::new();
            for (id, ko, en) in pairs {
                // One unreadable pair does not hide the others' report.
                match load_pair(&ko, &en, false, options.lang_check) {
                    Ok(pair) => {
                        notes.extend(super::input_notes(&pair.ko));
                        notes.extend(super::input_notes(&pair.en));
                        articles.push(analyze_pair(&aligner, &id, &pair)?);
                    }
                    Err(err @ Error::Input { .. }) => notes.push(format!("skipped {id}: {err}")),
                    Err(err) => return Err(err),
                }
            }
            if articles.is_empty() {
                return Err(Error::Usage(format!(
                    "{}: no readable article pairs",
                    dir.display()
                )));
            }
            (articles, true)
        }
    };
    let report = report::build(&articles, corpus);
    write_output(options.output.as_deref(), out, |w| {
        write_report(&report, options.format, w)
    })?;
    Ok(NamesOutcome {
        variants: report.variant_count(),
        number_mismatches: report.mismatch_count(),
        notes,
    })
}
