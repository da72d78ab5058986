//! The run's summary, `OUTDIR/summary.json`: pairs aligned, failed and
//! skipped, sentences, beads by type, review flags by kind, what corpus
//! learning did, every failure with its id and reason, and the time taken.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::align::BEAD_TYPES;
use crate::review::FlagKind;

use super::work::PairStats;

/// File name of the summary in the output directory.
pub const SUMMARY_FILE: &str = "summary.json";

/// A pair that could not be aligned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub id: String,
    pub reason: String,
    /// Position in the input (0-based), for ordering.
    #[serde(skip)]
    pub index: usize,
}

/// Pair counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PairCounts {
    /// Entries in the input.
    pub total: usize,
    pub aligned: usize,
    pub failed: usize,
    /// Skipped by `--resume` (their output already existed).
    pub skipped: usize,
}

/// Sentence counts of the aligned pairs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SentenceCounts {
    pub ko: usize,
    pub en: usize,
}

/// What corpus-level learning did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Learning {
    pub enabled: bool,
    /// Translations learned from the confident beads of the whole corpus.
    pub translations: usize,
    /// Pairs with a bead below the re-alignment threshold, aligned again with
    /// the pooled translations.
    pub realigned_pairs: usize,
}

/// The name report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NamesSummary {
    pub report: Option<String>,
    pub entities: usize,
    /// Entities with two or more different English spellings.
    pub variants: usize,
    pub number_mismatches: usize,
}

/// Timing.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Timing {
    pub seconds: f64,
    pub pairs_per_second: f64,
    pub sentences_per_second: f64,
    pub jobs: usize,
}

/// The whole summary.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub koalign: &'static str,
    pub input: String,
    pub output_dir: String,
    pub format: &'static str,
    pub pairs: PairCounts,
    pub sentences: SentenceCounts,
    /// Beads by type (`1-1`, `2-1`, ...), and `total`.
    pub beads: BTreeMap<String, usize>,
    /// Review flags by kind (`omission`, `number-mismatch`, ...).
    pub flags: BTreeMap<&'static str, usize>,
    pub learning: Learning,
    pub names: NamesSummary,
    pub failures: Vec<Failure>,
    pub time: Timing,
}

impl Summary {
    pub fn new(input: String, output_dir: String, format: &'static str) -> Self {
        let mut beads: BTreeMap<String, usize> = BEAD_TYPES
            .iter()
            .map(|(a, b)| (format!("{a}-{b}"), 0))
            .collect();
        beads.insert("total".into(), 0);
        Summary {
            koalign: env!("CARGO_PKG_VERSION"),
            input,
            output_dir,
            format,
            pairs: PairCounts::default(),
            sentences: SentenceCounts::default(),
            beads,
            flags: FlagKind::ALL.iter().map(|k| (k.as_str(), 0)).collect(),
            learning: Learning::default(),
            names: NamesSummary::default(),
            failures: Vec::new(),
            time: Timing::default(),
        }
    }

    /// Counts an aligned pair.
    pub fn add(&mut self, stats: &PairStats) {
        self.pairs.aligned += 1;
        self.sentences.ko += stats.ko_sentences;
        self.sentences.en += stats.en_sentences;
        for ((a, b), n) in BEAD_TYPES.iter().zip(stats.beads) {
            *self.beads.entry(format!("{a}-{b}")).or_default() += n;
            *self.beads.entry("total".into()).or_default() += n;
        }
        for (kind, n) in FlagKind::ALL.iter().zip(stats.flags) {
            *self.flags.entry(kind.as_str()).or_default() += n;
        }
        if stats.realigned {
            self.learning.realigned_pairs += 1;
        }
    }

    /// Records a failed pair.
    pub fn fail(&mut self, index: usize, id: &str, reason: &str) {
        self.pairs.failed += 1;
        self.failures.push(Failure {
            id: id.to_string(),
            reason: reason.to_string(),
            index,
        });
    }

    /// Sets the timing and puts the failures in input order.
    pub fn finish(&mut self, seconds: f64, jobs: usize) {
        self.failures.sort_by_key(|f| f.index);
        let per_second = |n: usize| {
            if seconds > 0.0 {
                n as f64 / seconds
            } else {
                0.0
            }
        };
        self.time = Timing {
            seconds,
            pairs_per_second: per_second(self.pairs.aligned),
            sentences_per_second: per_second(self.sentences.ko + self.sentences.en),
            jobs,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up() {
        let mut summary = Summary::new("in".into(), "out".into(), "jsonl");
        let mut stats = PairStats {
            ko_sentences: 3,
            en_sentences: 2,
            ..PairStats::default()
        };
        stats.beads[0] = 1; // 1-1
        stats.beads[3] = 1; // 2-1
        stats.flags[0] = 2;
        summary.add(&stats);
        summary.add(&stats);
        summary.fail(5, "b", "ko: is empty");
        summary.fail(1, "a", "no English file");
        summary.finish(2.0, 2);
        assert_eq!(summary.pairs.aligned, 2);
        assert_eq!(summary.beads["1-1"], 2);
        assert_eq!(summary.beads["2-1"], 2);
        assert_eq!(summary.beads["total"], 4);
        assert_eq!(summary.flags["omission"], 4);
        assert_eq!(summary.failures[0].id, "a");
        assert_eq!(summary.time.pairs_per_second, 1.0);
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["failures"][1]["reason"], "ko: is empty");
        assert!(json["failures"][0].get("index").is_none());
    }
}
