//! Evaluation against a gold alignment: strict bead F1 (a bead counts when
//! both its sides equal a gold bead's, null beads included) and link F1 (the
//! (Korean, English) sentence links of non-null beads), the metrics of the
//! Vecalign and Bertalign papers; plus strict F1 split into 1-1 and other
//! beads, because merges and omissions are the hard part.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, InputProblem, Result};

/// A bead as two lists of sentence indices.
pub type IndexBead = (Vec<usize>, Vec<usize>);

/// A gold alignment.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GoldAlignment {
    /// Gold beads in document order.
    pub pairs: Vec<IndexBead>,
    /// The gold Korean sentences, when the file carries them.
    #[serde(default)]
    pub ko: Option<Vec<String>>,
    /// The gold English sentences, when the file carries them.
    #[serde(default)]
    pub en: Option<Vec<String>>,
}

impl GoldAlignment {
    /// Reads a gold file: JSON (`{"pairs": [[[0], [0]], ...], "ko": [...],
    /// "en": [...]}`, the corpus format) or Vecalign's text format, one bead
    /// per line: `[0, 1]:[0]`, `[2]:[]`.
    pub fn load(path: &Path) -> Result<Self> {
        let text = fs::read_to_string(path).map_err(|e| {
            let problem = if e.kind() == std::io::ErrorKind::NotFound {
                InputProblem::NotFound
            } else {
                InputProblem::Unreadable(e)
            };
            Error::input(path, problem)
        })?;
        Self::parse(&text).map_err(|why| {
            Error::input(
                path,
                InputProblem::WrongLanguage(format!("is not a gold alignment: {why}")),
            )
        })
    }

    /// Parses the text of a gold file (see [`GoldAlignment::load`]).
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let trimmed = text.trim_start();
        if trimmed.starts_with('{') {
            return serde_json::from_str(trimmed).map_err(|e| e.to_string());
        }
        let mut pairs = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (ko, en) = line
                .split_once(':')
                .ok_or_else(|| format!("line {}: expected `[ko]:[en]`", n + 1))?;
            let parse = |s: &str| -> std::result::Result<Vec<usize>, String> {
                serde_json::from_str(s.trim()).map_err(|e| format!("line {}: {e}", n + 1))
            };
            pairs.push((parse(ko)?, parse(en)?));
        }
        Ok(GoldAlignment {
            pairs,
            ko: None,
            en: None,
        })
    }
}

/// Precision, recall and F1 of a set of predictions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub predicted: usize,
    pub gold: usize,
    pub correct: usize,
}

impl Prf {
    /// From counts. An empty prediction of an empty gold is perfect.
    pub fn from_counts(correct: usize, predicted: usize, gold: usize) -> Self {
        let precision = if predicted == 0 {
            f64::from(u8::from(gold == 0))
        } else {
            correct as f64 / predicted as f64
        };
        let recall = if gold == 0 {
            f64::from(u8::from(predicted == 0))
        } else {
            correct as f64 / gold as f64
        };
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
            predicted,
            gold,
            correct,
        }
    }

    fn of_sets<T: std::hash::Hash + Eq>(predicted: &HashSet<T>, gold: &HashSet<T>) -> Self {
        Self::from_counts(
            predicted.intersection(gold).count(),
            predicted.len(),
            gold.len(),
        )
    }
}

/// The scores of one alignment against its gold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Strict bead F1.
    pub strict: Prf,
    /// Link F1 over non-null beads.
    pub link: Prf,
    /// Strict F1 restricted to 1-1 beads (predicted and gold).
    pub one_to_one: Prf,
    /// Strict F1 restricted to all other beads: merges, splits, omissions.
    pub other: Prf,
}

fn normalized(bead: &IndexBead) -> IndexBead {
    let (mut k, mut e) = bead.clone();
    k.sort_unstable();
    e.sort_unstable();
    (k, e)
}

fn links(beads: &HashSet<IndexBead>) -> HashSet<(usize, usize)> {
    beads
        .iter()
        .flat_map(|(k, e)| k.iter().flat_map(move |&a| e.iter().map(move |&b| (a, b))))
        .collect()
}

/// Scores predicted beads against gold beads by sentence indices.
pub fn score_indices(predicted: &[IndexBead], gold: &[IndexBead]) -> Scores {
    let p: HashSet<IndexBead> = predicted.iter().map(normalized).collect();
    let g: HashSet<IndexBead> = gold.iter().map(normalized).collect();
    let is_one = |b: &IndexBead| b.0.len() == 1 && b.1.len() == 1;
    let split = |set: &HashSet<IndexBead>, one: bool| -> HashSet<IndexBead> {
        set.iter().filter(|b| is_one(b) == one).cloned().collect()
    };
    let typed = |one: bool| {
        let (pt, gt) = (split(&p, one), split(&g, one));
        Prf::from_counts(
            pt.intersection(&g).count().min(pt.len()),
            pt.len(),
            gt.len(),
        )
        .with_recall_counted(gt.intersection(&p).count())
    };
    Scores {
        strict: Prf::of_sets(&p, &g),
        link: Prf::of_sets(&links(&p), &links(&g)),
        one_to_one: typed(true),
        other: typed(false),
    }
}

impl Prf {
    /// Recomputes recall (and F1) with the number of gold items found, when
    /// precision and recall count against different sets.
    fn with_recall_counted(self, gold_found: usize) -> Self {
        let recall = if self.gold == 0 {
            f64::from(u8::from(self.predicted == 0))
        } else {
            gold_found as f64 / self.gold as f64
        };
        let f1 = if self.precision + recall == 0.0 {
            0.0
        } else {
            2.0 * self.precision * recall / (self.precision + recall)
        };
        Prf { recall, f1, ..self }
    }
}

fn squash(text: &str) -> String {
    crate::normalize::to_nfc(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Strict F1 by bead texts, for alignments of differently segmented text: a
/// bead counts when both its texts (sentences joined by a space, whitespace
/// squashed) equal a gold bead's.
pub fn score_texts(predicted: &[(String, String)], gold: &[(String, String)]) -> Prf {
    let p: HashSet<(String, String)> = predicted
        .iter()
        .map(|(k, e)| (squash(k), squash(e)))
        .collect();
    let g: HashSet<(String, String)> = gold.iter().map(|(k, e)| (squash(k), squash(e))).collect();
    Prf::of_sets(&p, &g)
}

/// The texts of gold beads, given the gold sentences.
pub fn gold_texts(gold: &[IndexBead], ko: &[String], en: &[String]) -> Vec<(String, String)> {
    let join = |idx: &[usize], sents: &[String]| {
        idx.iter()
            .filter_map(|&i| sents.get(i).map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    };
    gold.iter()
        .map(|(k, e)| (join(k, ko), join(e, en)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(k: &[usize], e: &[usize]) -> IndexBead {
        (k.to_vec(), e.to_vec())
    }

    #[test]
    fn perfect_and_partial_alignments() {
        let gold = vec![b(&[0], &[0]), b(&[1, 2], &[1]), b(&[3], &[])];
        let s = score_indices(&gold, &gold);
        assert_eq!(s.strict.f1, 1.0);
        assert_eq!(s.link.f1, 1.0);
        let pred = vec![b(&[0], &[0]), b(&[1], &[1]), b(&[2], &[]), b(&[3], &[])];
        let s = score_indices(&pred, &gold);
        assert!((s.strict.precision - 2.0 / 4.0).abs() < 1e-12);
        assert!((s.strict.recall - 2.0 / 3.0).abs() < 1e-12);
        // Links: gold {(0,0),(1,1),(2,1)}, predicted {(0,0),(1,1)}.
        assert!((s.link.precision - 1.0).abs() < 1e-12);
        assert!((s.link.recall - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.one_to_one.correct, 1);
        assert_eq!(s.other.gold, 2);
        assert!((s.other.recall - 0.5).abs() < 1e-12);
    }

    #[test]
    fn vecalign_format_is_parsed() {
        let gold = GoldAlignment::parse("[0]:[0]\n[1, 2]:[1]\n[3]:[]\n").unwrap();
        assert_eq!(
            gold.pairs,
            vec![b(&[0], &[0]), b(&[1, 2], &[1]), b(&[3], &[])]
        );
        assert!(GoldAlignment::parse("nonsense").is_err());
    }

    #[test]
    fn text_scoring_ignores_whitespace_differences() {
        let gold = vec![("가 나".to_string(), "A  B".to_string())];
        let pred = vec![("가  나".to_string(), "A B".to_string())];
        assert_eq!(score_texts(&pred, &gold).f1, 1.0);
    }
}
