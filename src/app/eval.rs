//! `koalign eval`: scores alignments against gold alignments.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::align::Aligner;
use crate::align::eval::{
    GoldAlignment, IndexBead, Prf, Scores, gold_texts, score_indices, score_texts,
};
use crate::error::{Error, InputProblem, Result};
use crate::export;

use super::align::load_pair;

/// What to evaluate.
#[derive(Debug, Clone)]
pub enum EvalTarget {
    /// A prediction file (`koalign align --format jsonl` output).
    Predictions(PathBuf),
    /// Align these files now.
    Files { ko: PathBuf, en: PathBuf },
    /// Every case folder in a directory (`ko.txt`, `en.txt`, `ko.sents`,
    /// `en.sents`, `gold.json`), the layout of `corpus/`.
    Cases(PathBuf),
}

/// Output format of `koalign eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvalFormat {
    Text,
    Json,
}

/// Options of `koalign eval`.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    pub gold: Option<PathBuf>,
    pub target: EvalTarget,
    /// Align the gold sentences (`ko.sents`/`en.sents`, or the files as one
    /// segment per line) instead of segmenting the texts.
    pub segmented: bool,
    pub learn: bool,
    pub format: EvalFormat,
}

/// The scores of one case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseReport {
    pub case: String,
    /// Index-based scores (same segmentation as the gold).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scores: Option<Scores>,
    /// Text-based strict F1 (own segmentation; beads compared by their texts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_to_end: Option<Prf>,
}

/// The report of `koalign eval`.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub cases: Vec<CaseReport>,
    /// Macro averages of F1 over cases.
    pub mean: MeanScores,
}

/// Macro-averaged F1 values.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MeanScores {
    pub cases: usize,
    pub strict_f1: Option<f64>,
    pub link_f1: Option<f64>,
    pub one_to_one_f1: Option<f64>,
    pub other_f1: Option<f64>,
    pub end_to_end_f1: Option<f64>,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let v: Vec<f64> = values.collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

impl MeanScores {
    fn of(cases: &[CaseReport]) -> Self {
        let scores = || cases.iter().filter_map(|c| c.scores);
        MeanScores {
            cases: cases.len(),
            strict_f1: mean(scores().map(|s| s.strict.f1)),
            link_f1: mean(scores().map(|s| s.link.f1)),
            one_to_one_f1: mean(
                scores()
                    .filter(|s| s.one_to_one.gold > 0)
                    .map(|s| s.one_to_one.f1),
            ),
            other_f1: mean(scores().filter(|s| s.other.gold > 0).map(|s| s.other.f1)),
            end_to_end_f1: mean(cases.iter().filter_map(|c| c.end_to_end).map(|p| p.f1)),
        }
    }
}

fn beads_of(alignment: &crate::align::Alignment) -> Vec<IndexBead> {
    alignment
        .beads
        .iter()
        .map(|b| (b.ko.clone(), b.en.clone()))
        .collect()
}

/// Aligns one pair of files and scores it against a gold alignment.
fn evaluate_files(
    aligner: &Aligner,
    name: &str,
    ko: &Path,
    en: &Path,
    gold: &GoldAlignment,
    segmented: bool,
) -> Result<CaseReport> {
    let pair = load_pair(ko, en, segmented, false)?;
    let alignment = aligner.align(&pair.ko.segments, &pair.en.segments)?;
    let scores = segmented.then(|| score_indices(&beads_of(&alignment), &gold.pairs));
    let end_to_end = match (&gold.ko, &gold.en, segmented) {
        (Some(gk), Some(ge), false) => {
            let records = export::records(&alignment, &pair.ko.segments, &pair.en.segments);
            let predicted: Vec<(String, String)> = records
                .into_iter()
                .map(|r| (r.ko_text, r.en_text))
                .collect();
            Some(score_texts(&predicted, &gold_texts(&gold.pairs, gk, ge)))
        }
        _ => None,
    };
    let scores = match (scores, end_to_end) {
        (None, None) => Some(score_indices(&beads_of(&alignment), &gold.pairs)),
        (s, _) => s,
    };
    Ok(CaseReport {
        case: name.to_string(),
        scores,
        end_to_end,
    })
}

fn evaluate_predictions(path: &Path, gold: &GoldAlignment) -> Result<CaseReport> {
    let text =
        fs::read_to_string(path).map_err(|e| Error::input(path, InputProblem::Unreadable(e)))?;
    let mut beads = Vec::new();
    let mut texts = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| {
            Error::input(
                path,
                InputProblem::WrongLanguage(format!("line {}: not JSON: {e}", n + 1)),
            )
        })?;
        let indices = |field: &str| -> Vec<usize> {
            value[field]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_u64().map(|x| x as usize))
                        .collect()
                })
                .unwrap_or_default()
        };
        beads.push((indices("ko"), indices("en")));
        if let (Some(k), Some(e)) = (value["ko_text"].as_str(), value["en_text"].as_str()) {
            texts.push((k.to_string(), e.to_string()));
        }
    }
    let end_to_end = match (&gold.ko, &gold.en) {
        (Some(gk), Some(ge)) if texts.len() == beads.len() => {
            Some(score_texts(&texts, &gold_texts(&gold.pairs, gk, ge)))
        }
        _ => None,
    };
    Ok(CaseReport {
        case: path.display().to_string(),
        scores: Some(score_indices(&beads, &gold.pairs)),
        end_to_end,
    })
}

fn case_dirs(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = fs::read_dir(dir).map_err(|e| Error::input(dir, InputProblem::Unreadable(e)))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("gold.json").is_file())
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        return Err(Error::input(
            dir,
            InputProblem::WrongLanguage("has no case folders with a gold.json".into()),
        ));
    }
    Ok(dirs)
}

/// Runs `koalign eval`.
pub fn evaluate(options: &EvalOptions) -> Result<EvalReport> {
    let aligner = || -> Result<Aligner> {
        let mut a = Aligner::new()?;
        a.options.learn = options.learn;
        Ok(a)
    };
    let cases = match &options.target {
        EvalTarget::Cases(dir) => {
            let aligner = aligner()?;
            let mut cases = Vec::new();
            for case in case_dirs(dir)? {
                let gold = GoldAlignment::load(&case.join("gold.json"))?;
                let name = case
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let (ko, en) = if options.segmented {
                    (case.join("ko.sents"), case.join("en.sents"))
                } else {
                    (case.join("ko.txt"), case.join("en.txt"))
                };
                cases.push(evaluate_files(
                    &aligner,
                    &name,
                    &ko,
                    &en,
                    &gold,
                    options.segmented,
                )?);
            }
            cases
        }
        EvalTarget::Files { ko, en } => {
            let gold = load_gold(options)?;
            vec![evaluate_files(
                &aligner()?,
                &ko.display().to_string(),
                ko,
                en,
                &gold,
                options.segmented,
            )?]
        }
        EvalTarget::Predictions(path) => vec![evaluate_predictions(path, &load_gold(options)?)?],
    };
    let mean = MeanScores::of(&cases);
    Ok(EvalReport { cases, mean })
}

fn load_gold(options: &EvalOptions) -> Result<GoldAlignment> {
    let path = options.gold.as_ref().ok_or_else(|| {
        Error::Usage("--gold GOLD is required unless --cases DIR is given".into())
    })?;
    GoldAlignment::load(path)
}

fn fmt_f1(value: Option<f64>) -> String {
    value.map_or("-".to_string(), |v| format!("{v:.4}"))
}

/// Runs `koalign eval` and writes its report.
pub fn run(options: &EvalOptions, out: &mut dyn Write) -> Result<()> {
    let report = evaluate(options)?;
    match options.format {
        EvalFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::other)?;
            writeln!(out)?;
        }
        EvalFormat::Text => {
            writeln!(
                out,
                "case\tstrict_f1\tlink_f1\t1-1_f1\tother_f1\tend_to_end_f1"
            )?;
            for c in &report.cases {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    c.case,
                    fmt_f1(c.scores.map(|s| s.strict.f1)),
                    fmt_f1(c.scores.map(|s| s.link.f1)),
                    fmt_f1(
                        c.scores
                            .filter(|s| s.one_to_one.gold > 0)
                            .map(|s| s.one_to_one.f1)
                    ),
                    fmt_f1(c.scores.filter(|s| s.other.gold > 0).map(|s| s.other.f1)),
                    fmt_f1(c.end_to_end.map(|p| p.f1)),
                )?;
            }
            let m = &report.mean;
            writeln!(
                out,
                "MEAN ({} cases)\t{}\t{}\t{}\t{}\t{}",
                m.cases,
                fmt_f1(m.strict_f1),
                fmt_f1(m.link_f1),
                fmt_f1(m.one_to_one_f1),
                fmt_f1(m.other_f1),
                fmt_f1(m.end_to_end_f1)
            )?;
        }
    }
    Ok(())
}
