//! Sentence alignment: which Korean sentences say what which English sentences
//! say.
//!
//! Each sentence is prepared once ([`sentence`]): Korean morphemes with their
//! lexicon translations, English stems, names, numbers, Latin tokens. Sentence
//! pairs are compared once ([`features::PairTable`]); a bead's features are
//! sums over its pairs, scored by a log-linear [`model`] fitted on data. A
//! banded dynamic programme ([`dp`]) finds the best monotonic alignment with
//! 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1 and 1-3 beads, and gives each bead its
//! posterior probability as its score. A second pass can add translations
//! learned from the confident beads ([`learn`]).

pub mod dp;
pub mod eval;
mod features;
pub mod learn;
pub mod model;
mod sentence;
pub mod train;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::lexicon::Lexicon;
use crate::segment::Segment;
use crate::tokenize::{KoreanTokenizer, Morpheme};

use self::dp::{Band, Decoded};
use self::features::{BeadContext, NameMatchCache, PairTable};
use self::model::Model;
use self::sentence::{
    DocVocab, EnSentence, KoSentence, Learned, LearnedTranslations, SurfaceVocab, TextIds,
};

/// The bead types the aligner considers, as (Korean, English) sentence counts.
pub const BEAD_TYPES: [(usize, usize); 8] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
];

/// Half-width of the first band. Translated news stays within a few
/// sentences of the diagonal; the band widens wherever the best path runs
/// along its edge, so a narrow start costs nothing in accuracy and spares
/// the sentence pairs far from the diagonal (their word and name matching
/// is most of the aligner's time).
const INITIAL_BAND_WIDTH: usize = 6;
/// Most DP states a band may hold, whatever the documents' size: memory is
/// about 60 bytes per state (DP) plus 32 per sentence pair, so alignment
/// stays under ~300 MB even for a 20 MB article against a short one.
const MAX_BAND_STATES: usize = 3_000_000;

/// One bead: Korean sentences `ko` correspond to English sentences `en`
/// (0-based indices into each side's segments; one side may be empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bead {
    pub ko: Vec<usize>,
    pub en: Vec<usize>,
    /// Posterior probability that this bead is right, in [0, 1].
    pub score: f64,
}

impl Bead {
    /// The bead type as written in reports: `"2-1"`.
    pub fn bead_type(&self) -> String {
        format!("{}-{}", self.ko.len(), self.en.len())
    }
}

/// The alignment of one article pair: beads in document order, covering every
/// sentence of both sides exactly once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    pub beads: Vec<Bead>,
}

/// Knobs of the aligner.
#[derive(Debug, Clone, Default)]
pub struct AlignOptions {
    /// Run a second pass with translations learned from confident beads. Off
    /// by default: on a single news article the counts are too small to help
    /// (no measurable gain on the dev data) and a wrong association can pull
    /// the alignment off; pooled over a corpus (`koalign batch`) they help.
    pub learn: bool,
}

/// Both sides of a document, prepared for scoring.
pub(crate) struct Prepared {
    pub ko: Vec<KoSentence>,
    pub en: Vec<EnSentence>,
    /// The texts the name matchers compare, by id.
    pub texts: TextIds,
}

/// The sentence aligner. Load once (the lexicons and the Korean dictionary
/// take some milliseconds), then align any number of documents, from any
/// thread.
pub struct Aligner {
    tokenizer: KoreanTokenizer,
    lexicon: &'static Lexicon,
    model: Model,
    pub options: AlignOptions,
}

impl Aligner {
    /// An aligner with the built-in dictionary, lexicon and model.
    pub fn new() -> Result<Self> {
        // The lexicon (parsed and stemmed) and the Korean dictionary load
        // independently: side by side they take the longer of the two, not
        // the sum.
        let tokenizer = std::thread::scope(|scope| {
            scope.spawn(Lexicon::builtin);
            KoreanTokenizer::new()
        })?;
        Ok(Self::with_model(tokenizer, Model::builtin()))
    }

    /// An aligner with a given tokenizer and model (for training).
    pub fn with_model(tokenizer: KoreanTokenizer, model: Model) -> Self {
        Aligner {
            tokenizer,
            lexicon: Lexicon::builtin(),
            model,
            options: AlignOptions::default(),
        }
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The Korean tokenizer, shared with other stages.
    pub fn tokenizer(&self) -> &KoreanTokenizer {
        &self.tokenizer
    }

    /// Aligns the segments of a Korean and an English document.
    pub fn align(&self, ko: &[Segment], en: &[Segment]) -> Result<Alignment> {
        self.align_learned(ko, en, None)
    }

    /// Aligns with extra learned translations (e.g. pooled over a corpus).
    pub fn align_learned(
        &self,
        ko: &[Segment],
        en: &[Segment],
        pooled: Option<&learn::LearnedLexicon>,
    ) -> Result<Alignment> {
        let pooled = pooled.map(learn::LearnedLexicon::pooled_translations);
        self.align_with_morphemes(ko, None, en, pooled.as_ref())
    }

    /// The Korean segments' morphemes, one list per segment, for callers that
    /// align and then extract entities: they tokenize once and pass the
    /// morphemes to [`Self::align_with_morphemes`] and the entity linker.
    pub fn tokenize_korean(&self, ko: &[Segment]) -> Result<Vec<Vec<Morpheme>>> {
        ko.iter()
            .map(|s| self.tokenizer.tokenize(&s.text))
            .collect()
    }

    /// [`Self::align_learned`], reading the Korean morphemes from `morphemes`
    /// when given (made by [`Self::tokenize_korean`], one list per segment),
    /// with a corpus pool's translations derived once by the caller
    /// ([`learn::LearnedLexicon::pooled_translations`]).
    pub fn align_with_morphemes(
        &self,
        ko: &[Segment],
        morphemes: Option<&[Vec<Morpheme>]>,
        en: &[Segment],
        pooled: Option<&learn::PooledTranslations>,
    ) -> Result<Alignment> {
        let pooled = pooled.map(|p| &p.0);
        let learned = Learned { own: None, pooled };
        let prepared = self.prepare_with(ko, morphemes, en, learned)?;
        let first = self.decode(&prepared);
        if !self.options.learn {
            return Ok(first);
        }
        let mut observed = learn::LearnedLexicon::default();
        observed.observe(&prepared, &first);
        let own = observed.translations();
        if own.is_empty() && pooled.is_none_or(|p| p.is_empty()) {
            return Ok(first);
        }
        let learned = Learned {
            own: Some(&own),
            pooled,
        };
        let prepared = self.prepare_with(ko, morphemes, en, learned)?;
        Ok(self.decode(&prepared))
    }

    /// The first-pass alignment of a pair together with what it teaches: the
    /// co-occurrence counts of its confident 1-1 beads ([`learn`]), for
    /// pooling over a corpus (`koalign batch` merges them and re-aligns the
    /// unsure pairs with [`Self::align_learned`]). No second pass, whatever
    /// `options.learn` says.
    pub fn align_and_observe(
        &self,
        ko: &[Segment],
        en: &[Segment],
    ) -> Result<(Alignment, learn::LearnedLexicon)> {
        self.align_and_observe_with_morphemes(ko, None, en)
    }

    /// [`Self::align_and_observe`], reading the Korean morphemes from
    /// `morphemes` when given (made by [`Self::tokenize_korean`]).
    pub fn align_and_observe_with_morphemes(
        &self,
        ko: &[Segment],
        morphemes: Option<&[Vec<Morpheme>]>,
        en: &[Segment],
    ) -> Result<(Alignment, learn::LearnedLexicon)> {
        let prepared = self.prepare_with(ko, morphemes, en, Learned::default())?;
        let alignment = self.decode(&prepared);
        let mut learned = learn::LearnedLexicon::default();
        learned.observe(&prepared, &alignment);
        Ok((alignment, learned))
    }

    /// Prepares both sides. Korean sentences are tokenized one at a time and
    /// their morphemes dropped once read, so memory does not grow with the
    /// morphemes of the whole document.
    pub(crate) fn prepare(
        &self,
        ko: &[Segment],
        en: &[Segment],
        learned: Option<&LearnedTranslations>,
    ) -> Result<Prepared> {
        let learned = Learned {
            own: learned,
            pooled: None,
        };
        self.prepare_with(ko, None, en, learned)
    }

    /// [`Self::prepare`], reading the Korean morphemes from `morphemes` when
    /// given (one list per segment) instead of tokenizing.
    fn prepare_with(
        &self,
        ko: &[Segment],
        morphemes: Option<&[Vec<Morpheme>]>,
        en: &[Segment],
        learned: Learned<'_>,
    ) -> Result<Prepared> {
        let mut surfaces = SurfaceVocab::default();
        let mut vocab = DocVocab::new(self.lexicon.vocab());
        let mut texts = TextIds::default();
        let mut ko_sentences: Vec<KoSentence> = Vec::with_capacity(ko.len());
        for (i, s) in ko.iter().enumerate() {
            let tokenized;
            let morphemes = match morphemes.and_then(|m| m.get(i)) {
                Some(given) => given.as_slice(),
                None => {
                    tokenized = self.tokenizer.tokenize(&s.text)?;
                    tokenized.as_slice()
                }
            };
            ko_sentences.push(sentence::prepare_ko(
                s,
                morphemes,
                self.lexicon,
                learned,
                &mut vocab,
                &mut surfaces,
                &mut texts,
            ));
        }
        let mut en: Vec<EnSentence> = en
            .iter()
            .map(|s| sentence::prepare_en(s, &mut vocab, &mut surfaces, &mut texts))
            .collect();
        sentence::assign_weights(&mut ko_sentences, &mut en);
        Ok(Prepared {
            ko: ko_sentences,
            en,
            texts,
        })
    }

    /// Finds the alignment in a band around the diagonal that is re-centred
    /// and widened while the best path runs along its edge (a path that
    /// stays clear of the edge is the full table's path in practice: the
    /// same beads on every dev case).
    pub(crate) fn decode(&self, prepared: &Prepared) -> Alignment {
        let (n, m) = (prepared.ko.len(), prepared.en.len());
        let mut names = NameMatchCache::new(prepared.texts.texts.len());
        // A band's states grow with its half-width times the longer side.
        let max_width = (MAX_BAND_STATES / (2 * (n.max(m) + 1))).max(2);
        let mut width = INITIAL_BAND_WIDTH.min(max_width);
        let mut band = Band::diagonal(n, m, width);
        loop {
            let decoded = self.decode_in_band(prepared, &band, &mut names);
            if !decoded.touches_edge || width * 2 > max_width {
                return to_alignment(&decoded);
            }
            width *= 2;
            let wider = Band::around(&path_centre(&decoded, n), width, m);
            if wider.states() > MAX_BAND_STATES {
                return to_alignment(&decoded);
            }
            band = wider;
        }
    }

    fn decode_in_band(
        &self,
        prepared: &Prepared,
        band: &Band,
        names: &mut NameMatchCache,
    ) -> Decoded {
        let (n, m) = (prepared.ko.len(), prepared.en.len());
        let pairs = PairTable::compute(prepared, &pair_ranges(band, n, m), names);
        let context = BeadContext {
            ko: &prepared.ko,
            en: &prepared.en,
            pairs: &pairs,
            length: &self.model.length,
        };
        let weights = &self.model.weights;
        dp::decode(n, m, band, &mut |i, j, a, b| {
            context.features(i, j, a, b).dot(weights)
        })
    }
}

/// One bead's evidence: every non-zero feature with its value and its
/// contribution (value × weight) to the bead's score.
#[derive(Debug, Clone, Serialize)]
pub struct BeadExplanation {
    pub bead: Bead,
    pub features: Vec<(String, f64, f64)>,
}

impl Aligner {
    /// Aligns (first pass only) and explains each bead's score, for
    /// understanding why the model chose a bead.
    pub fn explain(&self, ko: &[Segment], en: &[Segment]) -> Result<Vec<BeadExplanation>> {
        let prepared = self.prepare(ko, en, None)?;
        let alignment = self.decode(&prepared);
        let (n, m) = (prepared.ko.len(), prepared.en.len());
        let mut names = NameMatchCache::new(prepared.texts.texts.len());
        let pairs =
            PairTable::compute(&prepared, &pair_ranges(&Band::full(n, m), n, m), &mut names);
        let context = BeadContext {
            ko: &prepared.ko,
            en: &prepared.en,
            pairs: &pairs,
            length: &self.model.length,
        };
        let names = model::feature_index::names();
        let (mut i, mut j) = (0, 0);
        let mut explained = Vec::with_capacity(alignment.beads.len());
        for bead in alignment.beads {
            let f = context.features(i, j, bead.ko.len(), bead.en.len());
            i += bead.ko.len();
            j += bead.en.len();
            let features =
                f.0.iter()
                    .zip(&self.model.weights)
                    .zip(&names)
                    .filter(|((v, _), _)| **v != 0.0)
                    .map(|((v, w), name)| (name.clone(), *v, v * w))
                    .collect();
            explained.push(BeadExplanation { bead, features });
        }
        Ok(explained)
    }
}

/// The sentence pairs a band's beads can touch: row `i` needs English
/// sentences from the band's lower edge two rows up to its upper edge plus two.
pub(crate) fn pair_ranges(band: &Band, n: usize, m: usize) -> Vec<(usize, usize)> {
    (0..n)
        .map(|i| {
            let lo = band.lo[i.saturating_sub(2)];
            let hi = (band.hi[i] + 2).min(m.saturating_sub(1));
            if m == 0 { (1, 0) } else { (lo.min(hi), hi) }
        })
        .collect()
}

/// One English position per Korean position along a decoded path.
fn path_centre(decoded: &Decoded, n: usize) -> Vec<usize> {
    let mut centre = vec![0; n + 1];
    let mut last = 0;
    for bead in &decoded.path {
        for di in 0..=bead.ko {
            centre[bead.i + di] = bead.j + if di == bead.ko { bead.en } else { 0 };
        }
        last = bead.j + bead.en;
    }
    centre[n] = last;
    centre
}

fn to_alignment(decoded: &Decoded) -> Alignment {
    let beads = decoded
        .path
        .iter()
        .zip(&decoded.posteriors)
        .map(|(b, &p)| Bead {
            ko: (b.i..b.i + b.ko).collect(),
            en: (b.j..b.j + b.en).collect(),
            score: p,
        })
        .collect();
    Alignment { beads }
}

#[cfg(test)]
mod tests;
