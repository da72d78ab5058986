//! The aligner's scoring model: a log-linear score over bead features, with
//! weights fitted on aligned news articles (see `train.rs` and
//! `examples/train_aligner.rs`) and stored in `dictionaries/model/aligner.json`.
//!
//! Features come in blocks: a bias per bead type, one block of evidence
//! features per class of aligned bead (1-1, 2-1/1-2, larger), and one block
//! for each kind of null bead (1-0, 0-1), so that, say, lexical coverage can
//! weigh differently for a merge than for a 1-1.

use serde::{Deserialize, Serialize};

use super::BEAD_TYPES;

/// Names of the evidence features of an aligned bead, in block order.
pub const ALIGNED_FEATURES: [&str; 18] = [
    "length_log_density",
    "lexical_f1",
    "lexical_weaker_side",
    "lexical_none",
    "weakest_sentence_coverage",
    "orphan_sentences",
    "numbers_matched",
    "numbers_unmatched",
    "numbers_conflicting",
    "latin_shared",
    "off_diagonal",
    "kind_mismatch",
    "cross_pair_share",
    "lexical_shortfall",
    "crosses_paragraph",
    "merge_gain",
    "weakest_sentence_shortfall",
    "merge_adds_nothing",
];

/// Names of the features of a null bead (1-0 or 0-1).
pub const NULL_FEATURES: [&str; 5] = [
    "log_length",
    "is_credit_or_byline",
    "is_title",
    "best_nearby_coverage",
    "no_content_words",
];

/// Groups of bead types that share a block of weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BeadClass {
    OneToOne,
    Merge,
    Large,
    KoOnly,
    EnOnly,
}

impl BeadClass {
    /// The class of a bead type; `None` for types the aligner does not use.
    pub fn of(ko: usize, en: usize) -> Option<Self> {
        Some(match (ko, en) {
            (1, 1) => BeadClass::OneToOne,
            (1, 0) => BeadClass::KoOnly,
            (0, 1) => BeadClass::EnOnly,
            (2, 1) | (1, 2) => BeadClass::Merge,
            (2, 2) | (3, 1) | (1, 3) => BeadClass::Large,
            _ => return None,
        })
    }
}

/// Where each feature lives in the vector.
pub mod feature_index {
    use super::{ALIGNED_FEATURES, BEAD_TYPES, BeadClass, NULL_FEATURES};

    const ALIGNED_START: usize = BEAD_TYPES.len();
    const NULL_START: usize = ALIGNED_START + 3 * ALIGNED_FEATURES.len();
    /// Length of the feature vector.
    pub const LEN: usize = NULL_START + 2 * NULL_FEATURES.len();

    /// The bias feature of a bead type.
    pub fn bias(ko: usize, en: usize) -> usize {
        BEAD_TYPES.iter().position(|&t| t == (ko, en)).unwrap_or(0)
    }

    /// Evidence feature `k` of an aligned bead class.
    pub fn aligned(class: BeadClass, k: usize) -> usize {
        let block = match class {
            BeadClass::OneToOne => 0,
            BeadClass::Merge => 1,
            _ => 2,
        };
        ALIGNED_START + block * ALIGNED_FEATURES.len() + k
    }

    /// Feature `k` of a null bead class.
    pub fn null(class: BeadClass, k: usize) -> usize {
        let block = usize::from(class == BeadClass::EnOnly);
        NULL_START + block * NULL_FEATURES.len() + k
    }

    /// Human-readable names of all features, in order.
    pub fn names() -> Vec<String> {
        let mut names: Vec<String> = BEAD_TYPES
            .iter()
            .map(|(a, b)| format!("bias_{a}-{b}"))
            .collect();
        for class in ["1-1", "merge", "large"] {
            names.extend(ALIGNED_FEATURES.iter().map(|f| format!("{class}.{f}")));
        }
        for class in ["1-0", "0-1"] {
            names.extend(NULL_FEATURES.iter().map(|f| format!("{class}.{f}")));
        }
        names
    }
}

/// A bead's features.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeatureVector(pub [f64; feature_index::LEN]);

impl FeatureVector {
    pub fn zeros() -> Self {
        FeatureVector([0.0; feature_index::LEN])
    }

    pub fn set(&mut self, index: usize, value: f64) {
        if let Some(slot) = self.0.get_mut(index) {
            *slot = if value.is_finite() { value } else { 0.0 };
        }
    }

    pub fn dot(&self, weights: &[f64]) -> f64 {
        self.0.iter().zip(weights).map(|(f, w)| f * w).sum()
    }
}

/// Gale–Church length model for Korean vs English: an English sentence has
/// about `ratio` times the (non-space) characters of its Korean translation,
/// with variance `variance` per Korean character. Estimated from data.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LengthModel {
    pub ratio: f64,
    pub variance: f64,
}

impl LengthModel {
    /// Log density (up to a constant) of the length difference, as in
    /// Gale and Church (1993), floored so one wild bead cannot dominate.
    pub fn log_density(&self, ko_chars: usize, en_chars: usize) -> f64 {
        let delta = self.delta(ko_chars, en_chars);
        (-0.5 * delta * delta).max(-50.0)
    }

    /// The standardised length difference: how many standard deviations the
    /// English length is from what the Korean length predicts.
    pub fn delta(&self, ko_chars: usize, en_chars: usize) -> f64 {
        let (k, e) = (ko_chars as f64, en_chars as f64);
        let mean = (k + e / self.ratio) / 2.0;
        (e - self.ratio * k) / (self.variance * mean.max(1.0)).sqrt()
    }
}

/// The fitted model.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
    /// Names of the features, to check the file matches this code.
    pub features: Vec<String>,
    pub weights: Vec<f64>,
    pub length: LengthModel,
    /// What the model was trained on, and how well it did (informational).
    #[serde(default)]
    pub trained_on: String,
}

impl Model {
    /// The model shipped in `dictionaries/model/aligner.json`.
    pub fn builtin() -> Self {
        serde_json::from_str::<Model>(include_str!("../../dictionaries/model/aligner.json"))
            .ok()
            .filter(|m| {
                m.features == feature_index::names() && m.weights.len() == feature_index::LEN
            })
            .unwrap_or_else(Model::untrained)
    }

    /// Hand-set starting weights, used to bootstrap training (and as a
    /// fallback if the shipped file does not match this build's features).
    pub fn untrained() -> Self {
        let mut weights = vec![0.0; feature_index::LEN];
        for (t, &(a, b)) in BEAD_TYPES.iter().enumerate() {
            weights[t] = match (a, b) {
                (1, 1) => 0.0,
                (1, 0) | (0, 1) => -2.0,
                (2, 1) | (1, 2) => -2.5,
                _ => -4.0,
            };
        }
        let by_name = |name: &str| {
            ALIGNED_FEATURES
                .iter()
                .position(|f| *f == name)
                .unwrap_or(0)
        };
        for class in [BeadClass::OneToOne, BeadClass::Merge, BeadClass::Large] {
            for (name, w) in [
                ("length_log_density", 0.5),
                ("lexical_f1", 4.0),
                ("weakest_sentence_coverage", 1.0),
                ("orphan_sentences", -1.0),
                ("numbers_matched", 2.0),
                ("numbers_conflicting", -1.0),
                ("latin_shared", 1.0),
                ("off_diagonal", -3.0),
                ("kind_mismatch", -1.0),
            ] {
                weights[feature_index::aligned(class, by_name(name))] = w;
            }
        }
        Model {
            features: feature_index::names(),
            weights,
            length: LengthModel {
                ratio: 2.5,
                variance: 6.0,
            },
            trained_on: "untrained starting point".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_layout_is_consistent() {
        assert_eq!(feature_index::names().len(), feature_index::LEN);
        let last_aligned = ALIGNED_FEATURES.len() - 1;
        assert_eq!(
            feature_index::aligned(BeadClass::Large, last_aligned) + 1,
            feature_index::null(BeadClass::KoOnly, 0)
        );
        assert_eq!(
            feature_index::null(BeadClass::EnOnly, NULL_FEATURES.len() - 1) + 1,
            feature_index::LEN
        );
    }

    #[test]
    fn length_density_peaks_at_the_expected_ratio() {
        let model = LengthModel {
            ratio: 2.5,
            variance: 6.0,
        };
        assert!(model.log_density(40, 100) > model.log_density(40, 60));
        assert!(model.log_density(40, 100) > model.log_density(40, 160));
        assert!(model.log_density(0, 500) >= -50.0);
    }

    #[test]
    fn builtin_model_matches_the_feature_layout() {
        let model = Model::builtin();
        assert_eq!(model.weights.len(), feature_index::LEN);
    }
}
