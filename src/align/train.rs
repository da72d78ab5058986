//! Fitting the aligner's weights on gold alignments.
//!
//! The model is a semi-Markov conditional random field over beads: the
//! probability of an alignment is proportional to the exponential of the sum of
//! its beads' scores. Training maximises the log-likelihood of the gold
//! alignments (gradient: gold features minus expected features, from
//! forward-backward) with an L2 penalty, by Adam. Because the model is trained
//! for likelihood, its bead posteriors are calibrated probabilities, which is
//! what the reported scores are.

use serde::Serialize;

use crate::error::Result;
use crate::segment::Segment;

use super::dp::{self, Band};
use super::features::{BeadContext, NameMatchCache, PairTable};
use super::model::{FeatureVector, LengthModel, Model, feature_index};
use super::{Aligner, BEAD_TYPES, Prepared, pair_ranges};

/// One training document: both sides' segments and the gold beads.
pub struct Case {
    pub name: String,
    pub ko: Vec<Segment>,
    pub en: Vec<Segment>,
    pub gold: Vec<(Vec<usize>, Vec<usize>)>,
}

/// Settings of [`fit`].
#[derive(Debug, Clone, Serialize)]
pub struct TrainOptions {
    pub iterations: usize,
    pub learning_rate: f64,
    /// L2 penalty per document.
    pub l2: f64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            iterations: 800,
            learning_rate: 0.05,
            l2: 0.002,
        }
    }
}

/// A document with every bead's features precomputed.
struct TrainingDoc {
    n: usize,
    m: usize,
    band: Band,
    /// Features per (state i, state j, bead type), flattened; `None` outside.
    features: Vec<Option<FeatureVector>>,
    gold_features: FeatureVector,
}

impl TrainingDoc {
    fn slot(&self, i: usize, j: usize, t: usize) -> usize {
        (i * (self.m + 1) + j) * BEAD_TYPES.len() + t
    }
}

fn type_index(a: usize, b: usize) -> Option<usize> {
    BEAD_TYPES.iter().position(|&t| t == (a, b))
}

/// Estimates the Gale–Church length model from gold 1-1 beads.
fn estimate_length(prepared: &[(Prepared, &Case)]) -> LengthModel {
    let mut pairs = Vec::new();
    for (p, case) in prepared {
        for (k, e) in &case.gold {
            if let ([i], [j]) = (k.as_slice(), e.as_slice())
                && let (Some(ko), Some(en)) = (p.ko.get(*i), p.en.get(*j))
                && ko.chars > 0
            {
                pairs.push((ko.chars as f64, en.chars as f64));
            }
        }
    }
    let (sum_k, sum_e): (f64, f64) = pairs
        .iter()
        .fold((0.0, 0.0), |(a, b), (k, e)| (a + k, b + e));
    if sum_k == 0.0 {
        return Model::untrained().length;
    }
    let ratio = sum_e / sum_k;
    let variance = pairs
        .iter()
        .map(|(k, e)| (e - ratio * k).powi(2))
        .sum::<f64>()
        / sum_k;
    LengthModel { ratio, variance }
}

/// What [`fit`] did, for the log.
#[derive(Debug, Clone, Serialize)]
pub struct TrainReport {
    pub documents: usize,
    pub skipped: Vec<String>,
    pub final_log_likelihood: f64,
    /// Mean log-likelihood every 100 steps.
    pub history: Vec<f64>,
    pub length: LengthModel,
}

/// Fits a model on the cases, starting from `start`.
pub fn fit(
    aligner: &Aligner,
    cases: &[Case],
    start: &Model,
    options: &TrainOptions,
) -> Result<(Model, TrainReport)> {
    let mut prepared = Vec::new();
    let mut skipped = Vec::new();
    for case in cases {
        if case
            .gold
            .iter()
            .any(|(k, e)| type_index(k.len(), e.len()).is_none())
        {
            skipped.push(format!("{}: gold bead type outside the model", case.name));
            continue;
        }
        prepared.push((aligner.prepare(&case.ko, &case.en, None)?, case));
    }
    let length = estimate_length(&prepared);
    let docs: Vec<TrainingDoc> = prepared
        .iter()
        .map(|(p, case)| training_doc(p, case, &length))
        .collect();

    let mut weights = start.weights.clone();
    let dims = weights.len();
    let (mut m1, mut m2) = (vec![0.0; dims], vec![0.0; dims]);
    let (beta1, beta2, eps) = (0.9, 0.999, 1e-8);
    let mut log_likelihood = 0.0;
    let mut history = Vec::new();
    for step in 1..=options.iterations {
        let (ll, gradient) = objective(&docs, &weights, options.l2);
        log_likelihood = ll;
        if step % 100 == 0 {
            history.push(ll);
        }
        for d in 0..dims {
            m1[d] = beta1 * m1[d] + (1.0 - beta1) * gradient[d];
            m2[d] = beta2 * m2[d] + (1.0 - beta2) * gradient[d] * gradient[d];
            let m_hat = m1[d] / (1.0 - beta1.powi(step as i32));
            let v_hat = m2[d] / (1.0 - beta2.powi(step as i32));
            weights[d] += options.learning_rate * m_hat / (v_hat.sqrt() + eps);
        }
    }
    let model = Model {
        features: feature_index::names(),
        weights,
        length,
        trained_on: String::new(),
    };
    let report = TrainReport {
        documents: docs.len(),
        skipped,
        final_log_likelihood: log_likelihood,
        history,
        length,
    };
    Ok((model, report))
}

fn training_doc(prepared: &Prepared, case: &Case, length: &LengthModel) -> TrainingDoc {
    let (n, m) = (prepared.ko.len(), prepared.en.len());
    let band = Band::full(n, m);
    let mut names = NameMatchCache::new(prepared.texts.texts.len());
    let pairs = PairTable::compute(prepared, &pair_ranges(&band, n, m), &mut names);
    let context = BeadContext {
        ko: &prepared.ko,
        en: &prepared.en,
        pairs: &pairs,
        length,
    };
    let mut doc = TrainingDoc {
        n,
        m,
        band,
        features: vec![None; (n + 1) * (m + 1) * BEAD_TYPES.len()],
        gold_features: FeatureVector::zeros(),
    };
    for i in 0..=n {
        for j in 0..=m {
            for (t, &(a, b)) in BEAD_TYPES.iter().enumerate() {
                if i + a <= n && j + b <= m {
                    let slot = doc.slot(i, j, t);
                    doc.features[slot] = Some(context.features(i, j, a, b));
                }
            }
        }
    }
    let (mut i, mut j) = (0, 0);
    for (k, e) in &case.gold {
        let f = context.features(i, j, k.len(), e.len());
        for (g, v) in doc.gold_features.0.iter_mut().zip(f.0) {
            *g += v;
        }
        i += k.len();
        j += e.len();
    }
    doc
}

/// Mean log-likelihood over documents minus the L2 penalty, and its gradient.
fn objective(docs: &[TrainingDoc], weights: &[f64], l2: f64) -> (f64, Vec<f64>) {
    let dims = weights.len();
    let mut gradient = vec![0.0; dims];
    let mut total = 0.0;
    for doc in docs {
        let mut expected = vec![0.0; dims];
        let log_z = dp::marginals(
            doc.n,
            doc.m,
            &doc.band,
            &mut |i, j, a, b| {
                type_index(a, b)
                    .and_then(|t| doc.features[doc.slot(i, j, t)])
                    .map_or(f64::NEG_INFINITY, |f| f.dot(weights))
            },
            &mut |i, j, a, b, p| {
                if let Some(f) = type_index(a, b).and_then(|t| doc.features[doc.slot(i, j, t)]) {
                    for (e, v) in expected.iter_mut().zip(f.0) {
                        *e += p * v;
                    }
                }
            },
        );
        total += doc.gold_features.dot(weights) - log_z;
        for d in 0..dims {
            gradient[d] += doc.gold_features.0[d] - expected[d];
        }
    }
    let count = docs.len().max(1) as f64;
    let penalty: f64 = weights.iter().map(|w| w * w).sum::<f64>() * l2 / 2.0;
    for d in 0..dims {
        gradient[d] = gradient[d] / count - l2 * weights[d];
    }
    (total / count - penalty, gradient)
}

/// Byte spans of gold sentences in their text, found in order (gold sentences
/// are verbatim substrings). `None` when one cannot be found.
pub fn locate(text: &str, sentences: &[String]) -> Option<Vec<(usize, usize)>> {
    let mut pos = 0;
    let mut spans = Vec::with_capacity(sentences.len());
    for s in sentences {
        let found = text.get(pos..)?.find(s.as_str())? + pos;
        spans.push((found, found + s.len()));
        pos = found + s.len();
    }
    Some(spans)
}

/// Projects gold beads onto a different segmentation of the same texts: each
/// segment goes to the gold sentence it overlaps most, and a gold bead takes
/// the segments of its sentences. Used to train and evaluate on koalign's own
/// segmentation. `None` when some segment overlaps no gold sentence.
pub fn project_gold(
    gold: &[(Vec<usize>, Vec<usize>)],
    ko_gold_spans: &[(usize, usize)],
    en_gold_spans: &[(usize, usize)],
    ko_segments: &[Segment],
    en_segments: &[Segment],
) -> Option<Vec<(Vec<usize>, Vec<usize>)>> {
    fn owner(spans: &[(usize, usize)], start: usize, end: usize) -> Option<usize> {
        spans
            .iter()
            .enumerate()
            .map(|(k, &(s, e))| (k, end.min(e).saturating_sub(start.max(s))))
            .filter(|&(_, overlap)| overlap > 0)
            .max_by_key(|&(_, overlap)| overlap)
            .map(|(k, _)| k)
    }
    let ko_owner: Vec<usize> = ko_segments
        .iter()
        .map(|s| owner(ko_gold_spans, s.start, s.end))
        .collect::<Option<_>>()?;
    let en_owner: Vec<usize> = en_segments
        .iter()
        .map(|s| owner(en_gold_spans, s.start, s.end))
        .collect::<Option<_>>()?;
    let mut projected = Vec::new();
    for (k, e) in gold {
        let ko: Vec<usize> = (0..ko_segments.len())
            .filter(|&i| k.contains(&ko_owner[i]))
            .collect();
        let en: Vec<usize> = (0..en_segments.len())
            .filter(|&j| e.contains(&en_owner[j]))
            .collect();
        if !ko.is_empty() || !en.is_empty() {
            projected.push((ko, en));
        }
    }
    // The projection must still be a monotonic cover of both sides.
    let (mut next_ko, mut next_en) = (0, 0);
    for (k, e) in &projected {
        for &i in k {
            if i != next_ko {
                return None;
            }
            next_ko += 1;
        }
        for &j in e {
            if j != next_en {
                return None;
            }
            next_en += 1;
        }
    }
    (next_ko == ko_segments.len() && next_en == en_segments.len()).then_some(projected)
}

/// Lexical evidence on gold beads, for tuning the lexicon: how much of each
/// side's content weight finds a counterpart, on gold 1-1 beads and on the
/// neighbouring wrong pairs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EvidenceReport {
    pub gold_pairs: usize,
    pub gold_ko_coverage: f64,
    pub gold_en_coverage: f64,
    pub wrong_pairs: usize,
    pub wrong_ko_coverage: f64,
    pub wrong_en_coverage: f64,
    /// Korean content items without any lexicon translation (share of items).
    pub untranslated_items: f64,
    /// The most frequent untranslated Korean items.
    pub top_untranslated: Vec<(String, usize)>,
}

/// Measures the lexical evidence of the cases (see [`EvidenceReport`]).
pub fn evidence_report(aligner: &Aligner, cases: &[Case]) -> Result<EvidenceReport> {
    let mut report = EvidenceReport::default();
    let mut untranslated: std::collections::HashMap<String, usize> = Default::default();
    let (mut items, mut bare) = (0usize, 0usize);
    for case in cases {
        let p = aligner.prepare(&case.ko, &case.en, None)?;
        for s in &p.ko {
            for item in &s.items {
                items += 1;
                if item.translations.is_empty() {
                    bare += 1;
                    *untranslated.entry(item.key.clone()).or_default() += 1;
                }
            }
        }
        let mut names = NameMatchCache::new(p.texts.texts.len());
        for (k, e) in &case.gold {
            let ([i], [j]) = (k.as_slice(), e.as_slice()) else {
                continue;
            };
            for (jj, gold) in [(*j, true), (j + 1, false), (j.wrapping_sub(1), false)] {
                let (Some(ko), Some(en)) = (p.ko.get(*i), p.en.get(jj)) else {
                    continue;
                };
                if ko.item_weight == 0.0 || en.word_weight == 0.0 {
                    continue;
                }
                let stats = super::features::pair_stats(ko, en, &p.texts, &mut names);
                let kc = f64::from(stats.ko_matched / ko.item_weight);
                let ec = f64::from(stats.en_matched / en.word_weight);
                if gold {
                    report.gold_pairs += 1;
                    report.gold_ko_coverage += kc;
                    report.gold_en_coverage += ec;
                } else {
                    report.wrong_pairs += 1;
                    report.wrong_ko_coverage += kc;
                    report.wrong_en_coverage += ec;
                }
            }
        }
    }
    let g = report.gold_pairs.max(1) as f64;
    let w = report.wrong_pairs.max(1) as f64;
    report.gold_ko_coverage /= g;
    report.gold_en_coverage /= g;
    report.wrong_ko_coverage /= w;
    report.wrong_en_coverage /= w;
    report.untranslated_items = bare as f64 / items.max(1) as f64;
    let mut top: Vec<(String, usize)> = untranslated.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(80);
    report.top_untranslated = top;
    Ok(report)
}

/// Training cases with omissions added: copies of `case` where one side of a
/// few 1-1 beads is deleted, so that bead becomes a 1-0 or 0-1. Real articles
/// omit sentences less often than they split them, and without such examples
/// the model learns to absorb an untranslated sentence into a neighbouring
/// merge. Deterministic for a given `seed`.
pub fn with_omissions(case: &Case, variants: usize, seed: u64) -> Vec<Case> {
    let mut state = seed ^ 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let candidates: Vec<usize> = case
        .gold
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, (k, e))| k.len() == 1 && e.len() == 1)
        .map(|(n, _)| n)
        .collect();
    let mut out = Vec::new();
    for v in 0..variants {
        if candidates.is_empty() {
            break;
        }
        let drops = 1 + (next() % 2) as usize;
        let mut chosen: Vec<(usize, bool)> = (0..drops)
            .map(|_| {
                let bead = candidates[(next() % candidates.len() as u64) as usize];
                (bead, next() % 2 == 0)
            })
            .collect();
        chosen.sort_unstable();
        chosen.dedup_by_key(|c| c.0);
        let mut drop_ko = Vec::new();
        let mut drop_en = Vec::new();
        let mut gold = Vec::new();
        for (n, (k, e)) in case.gold.iter().enumerate() {
            match chosen.iter().find(|c| c.0 == n) {
                Some(&(_, true)) => {
                    drop_en.extend(e.iter().copied());
                    gold.push((k.clone(), Vec::new()));
                }
                Some(&(_, false)) => {
                    drop_ko.extend(k.iter().copied());
                    gold.push((Vec::new(), e.clone()));
                }
                None => gold.push((k.clone(), e.clone())),
            }
        }
        let renumber = |indices: &[usize], dropped: &[usize]| -> Vec<usize> {
            indices
                .iter()
                .filter(|i| !dropped.contains(i))
                .map(|&i| i - dropped.iter().filter(|&&d| d < i).count())
                .collect()
        };
        let gold = gold
            .iter()
            .map(|(k, e)| (renumber(k, &drop_ko), renumber(e, &drop_en)))
            .filter(|(k, e)| !k.is_empty() || !e.is_empty())
            .collect();
        let keep = |segments: &[Segment], dropped: &[usize]| -> Vec<Segment> {
            segments
                .iter()
                .enumerate()
                .filter(|(i, _)| !dropped.contains(i))
                .map(|(_, s)| s.clone())
                .collect()
        };
        out.push(Case {
            name: format!("{} (omissions {v})", case.name),
            ko: keep(&case.ko, &drop_ko),
            en: keep(&case.en, &drop_en),
            gold,
        });
    }
    out
}
