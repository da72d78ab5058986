//! `koalign review`: the side-by-side HTML review page of an article pair, or
//! a small site (index + one page per pair) for a corpus directory.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use askama::Template;

use crate::align::Aligner;
use crate::error::{Error, InputProblem, Result};
use crate::export::BeadRecord;
use crate::export::html::{IndexEntry, IndexPage, review_page};
use crate::review::ReviewOptions;

use super::align::{PairDocuments, load_pair, reviewed_records};
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

/// Aligns and reviews one pair; returns its page and records.
fn review_pair(
    aligner: &Aligner,
    pair: &PairDocuments,
    title: &str,
    options: &ReviewCommandOptions,
) -> Result<(String, Vec<BeadRecord>)> {
    let alignment = aligner.align(&pair.ko.segments, &pair.en.segments)?;
    let records = reviewed_records(aligner, pair, &alignment, &options.review);
    let page = review_page(
        title,
        &file_name(&pair.ko.source.path),
        &file_name(&pair.en.source.path),
        &records,
        &[],
        Vec::new(),
        options.review.min_score,
    );
    Ok((render(&page)?, records))
}

/// The pairs of a corpus directory: (name, ko file, en file).
pub fn corpus_pairs(dir: &Path) -> Result<Vec<(String, PathBuf, PathBuf)>> {
    let entries = fs::read_dir(dir).map_err(|e| Error::input(dir, InputProblem::Unreadable(e)))?;
    let mut pairs: Vec<(String, PathBuf, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("ko.txt").is_file() && p.join("en.txt").is_file())
        .map(|p| (file_name(&p), p.join("ko.txt"), p.join("en.txt")))
        .collect();
    pairs.sort();
    if pairs.is_empty() {
        return Err(Error::input(
            dir,
            InputProblem::WrongLanguage("has no NAME/ko.txt + NAME/en.txt pairs".into()),
        ));
    }
    Ok(pairs)
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
            let (html, _) = review_pair(&aligner, &pair, &title, options)?;
            write_output(options.output.as_deref(), stdout, |out| {
                out.write_all(html.as_bytes())
            })?;
            let mut notes = super::input_notes(&pair.ko);
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
            let mut notes = Vec::new();
            for (name, ko, en) in corpus_pairs(dir)? {
                let pair = match load_pair(&ko, &en, false, options.lang_check) {
                    Ok(pair) => pair,
                    Err(err) => {
                        notes.push(format!("skipped {name}: {err}"));
                        continue;
                    }
                };
                let (html, records) = review_pair(&aligner, &pair, &name, options)?;
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
                name_lines: Vec::new(),
            };
            let html = render(&index)?;
            write_output(Some(&out_dir.join("index.html")), stdout, |out| {
                out.write_all(html.as_bytes())
            })?;
            Ok(notes)
        }
    }
}
