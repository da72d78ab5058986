//! Translations learned from the input itself, in the spirit of hunalign's
//! realign: after a first pass, Korean words that the lexicon does not know
//! and the English words they keep co-occurring with in confident 1-1 beads
//! become translations for a second pass. Over a corpus the counts are pooled,
//! so a term seen in many articles is learned even if each has it once.

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use crate::lexicon::stem_en;

use super::sentence::LearnedTranslations;
use super::{Alignment, Prepared};

/// Beads at least this probable teach translations.
const CONFIDENT: f64 = 0.9;
/// A pair must co-occur at least this often …
const MIN_COOCCURRENCE: u32 = 2;
/// … with a Dice coefficient at least this high.
const MIN_DICE: f64 = 0.6;

/// Co-occurrence counts of (Korean item, English stem) in confident beads.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LearnedLexicon {
    pairs: FxHashMap<String, FxHashMap<String, u32>>,
    ko_counts: FxHashMap<String, u32>,
    en_counts: FxHashMap<String, u32>,
}

impl LearnedLexicon {
    /// Counts the untranslated Korean items and English words of the
    /// confident 1-1 beads of an alignment.
    pub(crate) fn observe(&mut self, prepared: &Prepared, alignment: &Alignment) {
        for bead in &alignment.beads {
            let ([i], [j]) = (bead.ko.as_slice(), bead.en.as_slice()) else {
                continue;
            };
            if bead.score < CONFIDENT {
                continue;
            }
            let (Some(ko), Some(en)) = (prepared.ko.get(*i), prepared.en.get(*j)) else {
                continue;
            };
            let stems: Vec<String> = en.words.iter().map(|w| stem_en(&w.text)).collect();
            for stem in &stems {
                *self.en_counts.entry(stem.clone()).or_default() += 1;
            }
            for item in ko.items.iter().filter(|it| it.translations.is_empty()) {
                *self.ko_counts.entry(item.key.clone()).or_default() += 1;
                let row = self.pairs.entry(item.key.clone()).or_default();
                for stem in &stems {
                    *row.entry(stem.clone()).or_default() += 1;
                }
            }
        }
    }

    /// Adds another lexicon's counts (pooling over a corpus).
    pub fn merge(&mut self, other: &LearnedLexicon) {
        for (ko, row) in &other.pairs {
            let mine = self.pairs.entry(ko.clone()).or_default();
            for (en, n) in row {
                *mine.entry(en.clone()).or_default() += n;
            }
        }
        for (k, n) in &other.ko_counts {
            *self.ko_counts.entry(k.clone()).or_default() += n;
        }
        for (k, n) in &other.en_counts {
            *self.en_counts.entry(k.clone()).or_default() += n;
        }
    }

    /// The learned translations: pairs that co-occur often and exclusively.
    pub(crate) fn translations(&self) -> LearnedTranslations {
        let mut out: LearnedTranslations = FxHashMap::default();
        for (ko, row) in &self.pairs {
            let ko_n = self.ko_counts.get(ko).copied().unwrap_or(0);
            for (en, &both) in row {
                let en_n = self.en_counts.get(en).copied().unwrap_or(0);
                let dice = 2.0 * f64::from(both) / f64::from(ko_n + en_n).max(1.0);
                if both >= MIN_COOCCURRENCE && dice >= MIN_DICE {
                    out.entry(ko.clone()).or_default().push(en.clone());
                }
            }
        }
        out
    }

    /// The translations of a corpus pool, computed once for a whole second
    /// pass: each pair then looks words up in them instead of deriving them
    /// from the pool again (which cost the pool's size for every pair).
    pub fn pooled_translations(&self) -> PooledTranslations {
        PooledTranslations(self.translations())
    }

    /// Number of learned translation pairs.
    pub fn len(&self) -> usize {
        self.translations().values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Translations learned over a corpus ([`LearnedLexicon::pooled_translations`]).
#[derive(Debug, Clone, Default)]
pub struct PooledTranslations(pub(crate) LearnedTranslations);

impl PooledTranslations {
    /// Number of learned translation pairs.
    pub fn len(&self) -> usize {
        self.0.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
