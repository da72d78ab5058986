//! Evidence that a group of Korean sentences and a group of English sentences
//! say the same thing, as a feature vector per bead.
//!
//! Sentence pairs are compared once ([`PairStats`]: how many Korean content
//! words find a translation, a romanization or a transliteration on the
//! English side and vice versa, shared numbers and Latin tokens); a bead's
//! features are sums over its sentence pairs, so scoring a bead costs a few
//! additions however many sentences it merges.

use rustc_hash::FxHashMap;

use crate::numbers;
use crate::romanize;
use crate::romanize::latin::Letters;
use crate::segment::SegmentKind;

use super::Prepared;
use super::model::{BeadClass, FeatureVector, LengthModel, feature_index};
use super::sentence::{EnSentence, KoItem, KoSentence, TextIds};

/// How a Korean sentence and an English sentence relate.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct PairStats {
    /// Weight of the Korean content items that find a counterpart in the
    /// English sentence.
    pub ko_matched: f32,
    /// Weight of the English content words that are the counterpart of a
    /// Korean item.
    pub en_matched: f32,
    /// Which of the first 64 Korean items matched (bit k = item k), so that a
    /// merge bead counts a word matched by two sentences once.
    pub ko_mask: u64,
    /// Which of the first 64 English words matched.
    pub en_mask: u64,
    /// Korean quantities with an equal English quantity.
    pub numbers_matched: u8,
    /// Quantities that look like the same figure but disagree.
    pub numbers_conflicting: u8,
    /// Latin-script tokens on both sides.
    pub latin_shared: u8,
}

/// Matches Korean names and loanwords against English spans, with one
/// prepared matcher per Korean word, the folded letters of each English text,
/// and a memo of results by text id: the same names recur across a
/// document's sentence pairs.
pub(crate) struct NameMatchCache {
    matchers: Vec<Option<romanize::HangulMatcher>>,
    letters: Vec<Option<Letters>>,
    results: FxHashMap<(u32, u32), bool>,
}

impl NameMatchCache {
    /// A cache for a document with `texts` interned texts.
    pub fn new(texts: usize) -> Self {
        NameMatchCache {
            matchers: std::iter::repeat_with(|| None).take(texts).collect(),
            letters: std::iter::repeat_with(|| None).take(texts).collect(),
            results: FxHashMap::default(),
        }
    }

    fn matches(&mut self, texts: &TextIds, item: &KoItem, english: u32) -> bool {
        if let Some(&hit) = self.results.get(&(item.key_id, english)) {
            return hit;
        }
        let (Some(slot), Some(letters)) = (
            self.matchers.get_mut(item.key_id as usize),
            self.letters.get_mut(english as usize),
        ) else {
            return false;
        };
        let matcher = slot.get_or_insert_with(|| romanize::HangulMatcher::new(&item.key));
        let text = texts.texts.get(english as usize).map_or("", String::as_str);
        let letters = letters.get_or_insert_with(|| Letters::new(text));
        let hit = matcher.find_match_in(text, letters).is_some();
        self.results.insert((item.key_id, english), hit);
        hit
    }
}

/// Compares one Korean sentence with one English sentence.
pub(crate) fn pair_stats(
    ko: &KoSentence,
    en: &EnSentence,
    texts: &TextIds,
    names: &mut NameMatchCache,
) -> PairStats {
    let mut en_hit = vec![false; en.words.len()];
    let mut ko_matched = 0f32;
    let mut ko_mask = 0u64;
    for (k, item) in ko.items.iter().enumerate() {
        let mut hit = false;
        for t in &item.translations {
            if let Ok(pos) = en.words.binary_search_by_key(t, |w| w.id) {
                en_hit[pos] = true;
                hit = true;
            }
        }
        if !hit && item.name_like {
            for (text, indices) in &en.names {
                if names.matches(texts, item, *text) {
                    for &k in indices {
                        en_hit[k] = true;
                    }
                    hit = true;
                    break;
                }
            }
            if !hit {
                // Loanwords: 인프라 ↔ infrastructure, in lower case.
                for (k, word) in en.words.iter().enumerate() {
                    if word.text.chars().next().is_some_and(char::is_lowercase)
                        && names.matches(texts, item, word.text_id)
                    {
                        en_hit[k] = true;
                        hit = true;
                        break;
                    }
                }
            }
        }
        if hit {
            ko_matched += item.weight;
            if k < 64 {
                ko_mask |= 1 << k;
            }
        }
    }
    let en_mask = en_hit
        .iter()
        .take(64)
        .enumerate()
        .filter(|(_, h)| **h)
        .fold(0u64, |m, (k, _)| m | (1 << k));
    let latin_shared = count_shared(&ko.latin, &en.latin);
    let (numbers_matched, numbers_conflicting) = if ko.numbers.is_empty() || en.numbers.is_empty() {
        (0, 0)
    } else {
        let comparison = numbers::compare(&ko.numbers, &en.numbers);
        (comparison.matched.len(), comparison.mismatched.len())
    };
    PairStats {
        ko_matched,
        ko_mask,
        en_mask,
        en_matched: en
            .words
            .iter()
            .zip(&en_hit)
            .filter(|(_, h)| **h)
            .map(|(w, _)| w.weight)
            .sum(),
        numbers_matched: numbers_matched.min(255) as u8,
        numbers_conflicting: numbers_conflicting.min(255) as u8,
        latin_shared: latin_shared.min(255) as u8,
    }
}

fn count_shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Pair statistics for every sentence pair a band can use, stored row by row.
pub(crate) struct PairTable {
    offsets: Vec<usize>,
    lo: Vec<usize>,
    hi: Vec<usize>,
    stats: Vec<PairStats>,
}

impl PairTable {
    /// Computes the pairs `(i, j)` with `j` in `ranges[i]` (inclusive).
    pub fn compute(
        prepared: &Prepared,
        ranges: &[(usize, usize)],
        names: &mut NameMatchCache,
    ) -> Self {
        let (ko, en) = (&prepared.ko, &prepared.en);
        let mut offsets = Vec::with_capacity(ko.len());
        let (mut lo, mut hi) = (Vec::with_capacity(ko.len()), Vec::with_capacity(ko.len()));
        let mut stats = Vec::new();
        for (i, k) in ko.iter().enumerate() {
            let (l, h) = ranges.get(i).copied().unwrap_or((1, 0));
            offsets.push(stats.len());
            lo.push(l);
            hi.push(h);
            for e in en.iter().take(h + 1).skip(l) {
                stats.push(pair_stats(k, e, &prepared.texts, names));
            }
        }
        PairTable {
            offsets,
            lo,
            hi,
            stats,
        }
    }

    /// The statistics of a pair (all zero outside the computed ranges).
    pub fn get(&self, i: usize, j: usize) -> PairStats {
        match (self.lo.get(i), self.hi.get(i)) {
            (Some(&l), Some(&h)) if j >= l && j <= h => self.stats[self.offsets[i] + (j - l)],
            _ => PairStats::default(),
        }
    }
}

/// Everything needed to compute a bead's features in a document.
pub(crate) struct BeadContext<'a> {
    pub ko: &'a [KoSentence],
    pub en: &'a [EnSentence],
    pub pairs: &'a PairTable,
    pub length: &'a LengthModel,
}

/// The weight one sentence gets matched by several sentences together: from
/// the union of their match masks (exact) when it has at most 64 content
/// words, else the capped sum of their matched weights.
fn union_weight(
    weights: impl Iterator<Item = f32> + Clone,
    total: f32,
    parts: &[(f32, u64)],
) -> f32 {
    let count = weights.clone().count();
    if count <= 64 {
        let mask = parts.iter().fold(0u64, |m, &(_, p)| m | p);
        weights
            .enumerate()
            .filter(|(k, _)| mask & (1 << k) != 0)
            .map(|(_, w)| w)
            .sum()
    } else {
        parts.iter().map(|&(w, _)| w).sum::<f32>().min(total)
    }
}

/// Coverage of one sentence by several others together, minus its coverage by
/// the best single one of them.
fn gain(all: f32, per_part: &[(f32, u64)], total: f32) -> f64 {
    if total <= 0.0 {
        return 0.0;
    }
    let best = per_part
        .iter()
        .map(|&(w, _)| w)
        .fold(0.0f32, f32::max)
        .min(total);
    f64::from((all.min(total) - best).max(0.0) / total)
}

/// Share of a sentence's item weight that the other side matches.
fn coverage(matched: f32, total: f32) -> Option<f64> {
    (total > 0.0).then(|| f64::from(matched.min(total) / total))
}

impl BeadContext<'_> {
    /// The features of the bead Korean `i..i+a` ↔ English `j..j+b`.
    pub fn features(&self, i: usize, j: usize, a: usize, b: usize) -> FeatureVector {
        let mut f = FeatureVector::zeros();
        let Some(class) = BeadClass::of(a, b) else {
            return f;
        };
        f.set(feature_index::bias(a, b), 1.0);
        match class {
            BeadClass::KoOnly | BeadClass::EnOnly => self.null_features(&mut f, class, i, j),
            _ => self.aligned_features(&mut f, class, i, j, a, b),
        }
        f
    }

    fn null_features(&self, f: &mut FeatureVector, class: BeadClass, i: usize, j: usize) {
        let ko_side = class == BeadClass::KoOnly;
        let (chars, kind, weight) = if ko_side {
            let s = &self.ko[i];
            (s.chars, s.kind, s.item_weight)
        } else {
            let s = &self.en[j];
            (s.chars, s.kind, s.word_weight)
        };
        // How well the lone sentence is matched by a nearby sentence of the
        // other side: a sentence translated next door is not an omission.
        let nearby = if ko_side {
            (j.saturating_sub(2)..(j + 2).min(self.en.len()))
                .filter_map(|jj| coverage(self.pairs.get(i, jj).ko_matched, weight))
                .fold(0.0, f64::max)
        } else {
            (i.saturating_sub(2)..(i + 2).min(self.ko.len()))
                .filter_map(|ii| coverage(self.pairs.get(ii, j).en_matched, weight))
                .fold(0.0, f64::max)
        };
        let furniture = matches!(kind, SegmentKind::Byline | SegmentKind::Credit);
        let values = [
            (1.0 + chars as f64).ln(),
            f64::from(u8::from(furniture)),
            f64::from(u8::from(kind == SegmentKind::Title)),
            nearby,
            f64::from(u8::from(weight == 0.0)),
        ];
        for (k, v) in values.into_iter().enumerate() {
            f.set(feature_index::null(class, k), v);
        }
    }

    fn aligned_features(
        &self,
        f: &mut FeatureVector,
        class: BeadClass,
        i: usize,
        j: usize,
        a: usize,
        b: usize,
    ) {
        let ko = &self.ko[i..i + a];
        let en = &self.en[j..j + b];
        let ko_chars: usize = ko.iter().map(|s| s.chars).sum();
        let en_chars: usize = en.iter().map(|s| s.chars).sum();

        // Lexical coverage of each side by the other, and of each sentence.
        // For a merge, also what its extra sentences add: the single side's
        // coverage by all of the other side minus its coverage by the best one
        // sentence (a sentence absorbed without being translated adds nothing).
        let mut merge_gain = 0.0;
        let mut min_part: Option<f64> = None;
        let mut orphans = 0usize;
        let mut note_part = |hit: f32, total: f32| {
            if let Some(c) = coverage(hit, total) {
                min_part = Some(min_part.map_or(c, |m: f64| m.min(c)));
                if c == 0.0 {
                    orphans += 1;
                }
            }
        };
        let (mut ko_hit, mut ko_total) = (0f32, 0f32);
        let mut ko_parts: Vec<(f32, u64)> = Vec::with_capacity(3);
        for (di, s) in ko.iter().enumerate() {
            ko_parts.clear();
            ko_parts.extend((0..b).map(|dj| {
                let p = self.pairs.get(i + di, j + dj);
                (p.ko_matched, p.ko_mask)
            }));
            let hit = union_weight(s.items.iter().map(|it| it.weight), s.item_weight, &ko_parts);
            ko_hit += hit.min(s.item_weight);
            ko_total += s.item_weight;
            note_part(hit, s.item_weight);
            if a == 1 && b > 1 {
                merge_gain = gain(hit, &ko_parts, s.item_weight);
            }
        }
        // In a true 2-2 bead the sentences cross-translate; two 1-1 beads
        // side by side match only on the diagonal.
        let (mut cross, mut all) = (0f32, 0f32);
        if a == 2 && b == 2 {
            for di in 0..2 {
                for dj in 0..2 {
                    let p = self.pairs.get(i + di, j + dj);
                    let w = p.ko_matched + p.en_matched;
                    all += w;
                    if di != dj {
                        cross += w;
                    }
                }
            }
        }
        let cross_share = if all > 0.0 {
            f64::from(cross / all)
        } else {
            0.0
        };
        let (mut en_hit, mut en_total) = (0f32, 0f32);
        let (mut nums_matched, mut nums_conflicting, mut latin_shared) = (0usize, 0usize, 0usize);
        let mut en_parts: Vec<(f32, u64)> = Vec::with_capacity(3);
        for (dj, s) in en.iter().enumerate() {
            en_parts.clear();
            for di in 0..a {
                let p = self.pairs.get(i + di, j + dj);
                en_parts.push((p.en_matched, p.en_mask));
                nums_matched += p.numbers_matched as usize;
                nums_conflicting += p.numbers_conflicting as usize;
                latin_shared += p.latin_shared as usize;
            }
            let hit = union_weight(s.words.iter().map(|w| w.weight), s.word_weight, &en_parts);
            en_hit += hit.min(s.word_weight);
            en_total += s.word_weight;
            note_part(hit, s.word_weight);
            if b == 1 && a > 1 {
                merge_gain = gain(hit, &en_parts, s.word_weight);
            }
        }
        let ko_cov = coverage(ko_hit, ko_total);
        let en_cov = coverage(en_hit, en_total);
        let lex_f = match (ko_cov, en_cov) {
            (Some(k), Some(e)) if k + e > 0.0 => 2.0 * k * e / (k + e),
            _ => 0.0,
        };
        let lex_min_side = match (ko_cov, en_cov) {
            (Some(k), Some(e)) => k.min(e),
            _ => 0.0,
        };
        let lex_none = ko_total + en_total == 0.0;

        let ko_nums: usize = ko.iter().map(|s| s.numbers.len()).sum();
        let en_nums: usize = en.iter().map(|s| s.numbers.len()).sum();
        let most_nums = ko_nums.max(en_nums);
        let num_match = if ko_nums > 0 && en_nums > 0 {
            nums_matched.min(ko_nums.min(en_nums)) as f64 / most_nums as f64
        } else {
            0.0
        };
        let num_unmatched = if most_nums > 0 { 1.0 - num_match } else { 0.0 };

        // Share of the Korean side's Latin tokens (AI, PoC) found in the English.
        let ko_latin: usize = ko.iter().map(|s| s.latin.len()).sum();
        let latin = if ko_latin > 0 {
            latin_shared.min(ko_latin) as f64 / ko_latin as f64
        } else {
            0.0
        };

        let n = self.ko.len().max(1) as f64;
        let m = self.en.len().max(1) as f64;
        let diag = ((i as f64 + a as f64 / 2.0) / n - (j as f64 + b as f64 / 2.0) / m).abs();

        let crosses_paragraph = ko.windows(2).any(|w| w[0].paragraph != w[1].paragraph)
            || en.windows(2).any(|w| w[0].paragraph != w[1].paragraph);
        let ko_title = ko.iter().any(|s| s.kind == SegmentKind::Title);
        let en_title = en.iter().any(|s| s.kind == SegmentKind::Title);
        let ko_credit = ko
            .iter()
            .any(|s| matches!(s.kind, SegmentKind::Credit | SegmentKind::Byline));
        let en_credit = en
            .iter()
            .any(|s| matches!(s.kind, SegmentKind::Credit | SegmentKind::Byline));
        let kind_mismatch =
            f64::from(u8::from(ko_title != en_title)) + f64::from(u8::from(ko_credit != en_credit));

        let values = [
            self.length.log_density(ko_chars, en_chars),
            lex_f,
            lex_min_side,
            f64::from(u8::from(lex_none)),
            min_part.unwrap_or(lex_f),
            orphans as f64,
            num_match,
            num_unmatched,
            f64::from(u8::from(nums_conflicting > 0)),
            latin,
            diag,
            kind_mismatch,
            cross_share,
            // Below a fifth of coverage, evidence falls off a cliff.
            ((0.2 - lex_f) / 0.2).max(0.0),
            f64::from(u8::from(crosses_paragraph)),
            merge_gain,
            ((0.25 - min_part.unwrap_or(lex_f)) / 0.25).max(0.0),
            // A sentence merged in that adds no new match on the other side
            // is more likely left untranslated next to a 1-1 than merged.
            if a != b && a.min(b) == 1 {
                ((0.05 - merge_gain) / 0.05).max(0.0)
            } else {
                0.0
            },
        ];
        for (k, v) in values.into_iter().enumerate() {
            f.set(feature_index::aligned(class, k), v);
        }
    }
}
