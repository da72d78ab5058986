//! `koalign review`: the side-by-side HTML review page of an article pair, or
//! a small site (index + one page per pair) for a corpus directory.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use askama::Template;

use crate::align::Aligner;
use crate::error::{Error, Result};
use crate::export::BeadRecord;
use crate::export::html::{
    BeadHighlights, IndexEntry, IndexPage, entity_highlights, name_lines, review_page,
};
use crate::report::{self, Article};
use crate::review::ReviewOptions;

use super::align::{PairDocuments, load_pair, reviewed_records};
use super::names::{align_for_names, article_names, corpus_pairs, entity_check_note};
use super::output::{check_overwrite, write_output};

/// What to review.
#[derive(Debug, Clone)]
pub enum ReviewInput {
    Pair {
        ko: PathBuf,
        en: PathBuf,
    },
    /// A directory of pairs in the layout of `corpus/` (`NAME/ko.txt`, `NAME/en.txt`).
    Corpus(PathBuf),
}

/// Options of `koalign review`.
#[derive(Debug, Clone)]
pub struct ReviewCommandOptions {
    pub input: ReviewInput,
    /// The HTML file (pair; standard output when absent) or directory (corpus).
    pub output: Option<PathBuf>,
    pub review: ReviewOptions,
    pub lang_check: bool,
    pub learn: bool,
    /// Replace an existing output file (pair mode).
    pub force: bool,
}

fn render(template: &impl Template) -> Result<String> {
    template
        .render()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// One reviewed pair: its page, records and names.
struct ReviewedPair {
    html: String,
    records: Vec<BeadRecord>,
    /// None when the pair is too long for entity checks.
    article: Option<Article>,
    notes: Vec<String>,
}

/// Aligns, links names in and reviews one pair.
fn review_pair(
    aligner: &Aligner,
    pair: &PairDocuments,
    title: &str,
    options: &ReviewCommandOptions,
) -> Result<ReviewedPair> {
    let (alignment, morphemes) = align_for_names(aligner, pair)?;
    let skipped = entity_check_note(pair);
    let article = match skipped {
        Some(_) => None,
        None => Some(article_names(
            aligner,
            title,
            pair,
            &alignment,
            morphemes.as_deref(),
        )?),
    };
    let names = report::build(article.as_slice(), false);
    let records = reviewed_records(aligner, pair, &alignment, Some(&names), &options.review);
    let highlights: Vec<BeadHighlights> = records
        .iter()
        .map(|r| entity_highlights(&names, r))
        .collect();
    let page = review_page(
        title,
        &file_name(&pair.ko.source.path),
        &file_name(&pair.en.source.path),
        &records,
        &highlights,
        name_lines(&names),
        options.review.min_score,
    );
    Ok(ReviewedPair {
        html: render(&page)?,
        records,
        article,
        notes: skipped.into_iter().collect(),
    })
}

/// Runs `koalign review`; returns notes for stderr.
pub fn run(options: &ReviewCommandOptions, stdout: &mut dyn Write) -> Result<Vec<String>> {
    let mut aligner = Aligner::new()?;
    aligner.options.learn = options.learn;
    match &options.input {
        ReviewInput::Pair { ko, en } => {
            if let Some(path) = &options.output {
                check_overwrite(path, options.force)?;
            }
            let pair = load_pair(ko, en, false, options.lang_check)?;
            let title = format!("{} ↔ {}", file_name(ko), file_name(en));
            let reviewed = review_pair(&aligner, &pair, &title, options)?;
            write_output(options.output.as_deref(), stdout, |out| {
                out.write_all(reviewed.html.as_bytes())
            })?;
            let mut notes = reviewed.notes;
            notes.extend(super::input_notes(&pair.ko));
            notes.extend(super::input_notes(&pair.en));
            Ok(notes)
        }
        ReviewInput::Corpus(dir) => {
            let out_dir = options
                .output
                .clone()
                .ok_or_else(|| Error::Usage("--corpus needs -o DIR for the site".into()))?;
            fs::create_dir_all(&out_dir).map_err(|source| Error::Output {
                path: out_dir.clone(),
                source,
            })?;
            let mut pages = Vec::new();
            let mut articles = Vec::new();
            let mut notes = Vec::new();
            for (name, ko, en) in corpus_pairs(dir)? {
                let pair = match load_pair(&ko, &en, false, options.lang_check) {
                    Ok(pair) => pair,
                    Err(err) => {
                        notes.push(format!("skipped {name}: {err}"));
                        continue;
                    }
                };
                let ReviewedPair {
                    html,
                    records,
                    article,
                    notes: pair_notes,
                } = review_pair(&aligner, &pair, &name, options)?;
                articles.extend(article);
                notes.extend(pair_notes.into_iter().map(|n| format!("{name}: {n}")));
                let href = format!("{name}.html");
                write_output(Some(&out_dir.join(&href)), stdout, |out| {
                    out.write_all(html.as_bytes())
                })?;
                let mut kinds: Vec<&str> = records.iter().flat_map(|r| r.flag_names()).collect();
                kinds.sort_unstable();
                kinds.dedup();
                pages.push(IndexEntry {
                    name,
                    href,
                    beads: records.len(),
                    flagged: records.iter().filter(|r| !r.flags.is_empty()).count(),
                    flags: kinds.join(", "),
                });
            }
            let index = IndexPage {
                title: file_name(dir),
                version: env!("CARGO_PKG_VERSION"),
                pages,
                // Variants across the corpus: one person spelt one way in
                // one article and another way in the next.
                name_lines: name_lines(&report::build(&articles, true)),
            };
            let html = render(&index)?;
            write_output(Some(&out_dir.join("index.html")), stdout, |out| {
                out.write_all(html.as_bytes())
            })?;
            Ok(notes)
        }
    }
}
