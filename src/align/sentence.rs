//! What the aligner knows about one sentence: its length, its content words
//! (Korean morphemes with their lexicon translations, English stems), names,
//! Latin-script tokens and numbers. Computed once per sentence.

use rustc_hash::FxHashMap;

use crate::lexicon::{EnVocab, Lexicon, is_stopword, stem_en};

use crate::numbers::{self, Quantity};
use crate::segment::{Segment, SegmentKind};
use crate::tokenize::{EnTokenKind, Morpheme, tokenize_en};

/// A Korean content morpheme.
#[derive(Debug, Clone)]
pub(crate) struct KoItem {
    /// The morpheme's base form (verb stem for inflected forms).
    pub key: String,
    /// English stem ids the lexicons give for it (built-in and learned).
    pub translations: Vec<u32>,
    /// A proper noun or unknown/untranslated word: try romanization and
    /// transliteration against English names and words.
    pub name_like: bool,
    /// The key's id in the document's [`TextIds`].
    pub key_id: u32,
    /// How much a match of this item tells: rarer in the document is more
    /// (set by [`assign_weights`]).
    pub weight: f32,
}

/// A Korean sentence prepared for alignment.
#[derive(Debug, Clone)]
pub(crate) struct KoSentence {
    pub chars: usize,
    pub kind: SegmentKind,
    pub paragraph: usize,
    pub items: Vec<KoItem>,
    /// Sum of the items' weights.
    pub item_weight: f32,
    /// Latin-script tokens (AI, PoC), lowercased and interned in the document's
    /// surface vocabulary.
    pub latin: Vec<u32>,
    pub numbers: Vec<Quantity>,
}

/// An English content word (deduplicated per sentence).
#[derive(Debug, Clone)]
pub(crate) struct EnWord {
    pub id: u32,
    pub text: String,
    /// The text's id in the document's [`TextIds`].
    pub text_id: u32,
    /// See [`KoItem::weight`].
    pub weight: f32,
}

/// An English sentence prepared for alignment.
#[derive(Debug, Clone)]
pub(crate) struct EnSentence {
    pub chars: usize,
    pub kind: SegmentKind,
    pub paragraph: usize,
    /// Content words, sorted by id, one per id.
    pub words: Vec<EnWord>,
    /// Sum of the words' weights.
    pub word_weight: f32,
    /// Runs of capitalised words (names): text id and the indices into `words`.
    pub names: Vec<(u32, Vec<usize>)>,
    /// All word tokens lowercased, interned in the surface vocabulary, sorted.
    pub latin: Vec<u32>,
    pub numbers: Vec<Quantity>,
}

/// Part-of-speech tags (first tag of a morpheme) that carry content.
fn is_content_tag(tag: &str) -> bool {
    matches!(
        tag,
        "NNG" | "NNP" | "NR" | "NP" | "VV" | "VA" | "XR" | "MAG" | "SH" | "UNKNOWN"
    )
}

fn non_space_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The base form of a morpheme: the first element of the analysis for
/// inflected forms (`만났` → `만나`), the surface otherwise.
fn base_form(m: &Morpheme) -> &str {
    let is_inflect = m.features.get(3).is_some_and(|t| t == "Inflect");
    match (is_inflect, m.features.get(6)) {
        (true, Some(expr)) => expr.split('/').next().unwrap_or(&m.surface),
        _ => &m.surface,
    }
}

/// Parts of a compound noun (`광주시` → `광주`, `시`) from its analysis.
fn compound_parts(m: &Morpheme) -> Vec<&str> {
    let is_compound = m.features.get(3).is_some_and(|t| t == "Compound");
    match (is_compound, m.features.get(6)) {
        (true, Some(expr)) => expr
            .split('+')
            .filter_map(|part| part.split('/').next())
            .filter(|p| !p.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

/// Texts compared by the name matchers (Korean items, English names and
/// words), interned per document so that results can be memoised by id.
#[derive(Debug, Default, Clone)]
pub(crate) struct TextIds {
    ids: FxHashMap<String, u32>,
    pub texts: Vec<String>,
}

impl TextIds {
    pub fn intern(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.texts.len() as u32;
        self.ids.insert(text.to_string(), id);
        self.texts.push(text.to_string());
        id
    }
}

/// Interned lowercase surface forms (for Latin tokens shared by both sides).
#[derive(Debug, Default, Clone)]
pub(crate) struct SurfaceVocab {
    ids: FxHashMap<String, u32>,
}

impl SurfaceVocab {
    pub fn intern(&mut self, word: &str) -> u32 {
        let lower = word.to_lowercase();
        let next = self.ids.len() as u32;
        *self.ids.entry(lower).or_insert(next)
    }
}

/// English stem ids for one document: the lexicon's vocabulary (shared,
/// read-only) plus the document's other words, numbered after it.
pub(crate) struct DocVocab<'a> {
    base: &'a EnVocab,
    extra: FxHashMap<String, u32>,
}

impl<'a> DocVocab<'a> {
    pub fn new(base: &'a EnVocab) -> Self {
        DocVocab {
            base,
            extra: FxHashMap::default(),
        }
    }

    pub fn intern(&mut self, stem: &str) -> u32 {
        if let Some(id) = self.base.get(stem) {
            return id;
        }
        let next = (self.base.len() + self.extra.len()) as u32;
        *self.extra.entry(stem.to_string()).or_insert(next)
    }
}

/// Extra translations learned from the documents themselves (see `learn`):
/// Korean item → English stems.
pub(crate) type LearnedTranslations = FxHashMap<String, Vec<String>>;

/// The learned translations a document is prepared with: its own (from its
/// first pass) and the corpus's, looked up side by side rather than merged,
/// so that a corpus pool is never copied per document.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Learned<'a> {
    pub own: Option<&'a LearnedTranslations>,
    pub pooled: Option<&'a LearnedTranslations>,
}

impl<'a> Learned<'a> {
    /// The English stems learned for a Korean item, from both sources.
    fn get(&self, key: &str) -> impl Iterator<Item = &'a String> + use<'a> {
        let own = self.own.and_then(|l| l.get(key));
        let pooled = self.pooled.and_then(|l| l.get(key));
        own.into_iter().chain(pooled).flatten()
    }
}

/// The longest run of two or three adjacent morphemes at the start of `run`
/// whose joined surface is a lexicon entry, with its length.
fn longest_known_run(run: &[Morpheme], lexicon: &Lexicon) -> Option<(String, usize)> {
    for len in (2..=3.min(run.len())).rev() {
        let adjacent = run[..len].windows(2).all(|w| w[0].end == w[1].start);
        if !adjacent {
            continue;
        }
        let joined: String = run[..len].iter().map(|m| m.surface.as_str()).collect();
        if lexicon.contains(&joined) {
            return Some((joined, len));
        }
    }
    None
}

/// Builds a Korean sentence from its morphemes.
pub(crate) fn prepare_ko(
    segment: &Segment,
    morphemes: &[Morpheme],
    lexicon: &Lexicon,
    learned: Learned<'_>,
    vocab: &mut DocVocab<'_>,
    surfaces: &mut SurfaceVocab,
    texts: &mut TextIds,
) -> KoSentence {
    let mut items: Vec<KoItem> = Vec::new();
    let mut latin = Vec::new();
    let mut push = |key: &str, tag: &str, items: &mut Vec<KoItem>| {
        let mut translations = lexicon.translations(key).to_vec();
        // Learned lists come out of hash maps in any order; intern them
        // sorted so that stem ids, and so the scores, do not vary by run.
        let mut extra: Vec<&String> = learned.get(key).collect();
        extra.sort_unstable();
        extra.dedup();
        translations.extend(extra.into_iter().map(|stem| vocab.intern(stem)));
        let hangul = key.chars().any(crate::lang::is_hangul);
        let name_like = hangul
            && (tag == "NNP" || tag == "UNKNOWN" || (tag == "NNG" && translations.is_empty()));
        if translations.is_empty() && !name_like {
            return;
        }
        if items.iter().any(|it| it.key == key) {
            return;
        }
        items.push(KoItem {
            key: key.to_string(),
            translations,
            name_like,
            key_id: texts.intern(key),
            weight: 1.0,
        });
    };
    // Fixed terms the analyser splits (정상+회담, 부성+장): the longest run of up
    // to three adjacent morphemes (no space between) that the lexicon knows.
    let mut skip_until = 0;
    for (k, m) in morphemes.iter().enumerate() {
        if k < skip_until {
            continue;
        }
        if let Some((joined, len)) = longest_known_run(&morphemes[k..], lexicon) {
            push(&joined, "NNG", &mut items);
            skip_until = k + len;
            continue;
        }
        let tag = m.pos.split('+').next().unwrap_or("");
        if tag == "SL" {
            latin.push(surfaces.intern(&m.surface));
            continue;
        }
        if !is_content_tag(tag) {
            continue;
        }
        let key = base_form(m);
        let parts = compound_parts(m);
        if parts.is_empty() || !lexicon.translations(key).is_empty() {
            push(key, tag, &mut items);
        } else {
            for part in parts {
                push(part, tag, &mut items);
            }
        }
    }
    latin.sort_unstable();
    latin.dedup();
    KoSentence {
        chars: non_space_chars(&segment.text),
        kind: segment.kind,
        paragraph: segment.paragraph,
        item_weight: 0.0,
        items,
        latin,
        numbers: numbers::extract_ko(&segment.text),
    }
}

/// Builds an English sentence.
pub(crate) fn prepare_en(
    segment: &Segment,
    vocab: &mut DocVocab<'_>,
    surfaces: &mut SurfaceVocab,
    texts: &mut TextIds,
) -> EnSentence {
    let tokens = tokenize_en(&segment.text);
    let mut words: Vec<EnWord> = Vec::new();
    let mut latin = Vec::new();
    // Capitalised runs: (start token index, texts).
    let mut runs: Vec<Vec<(u32, String)>> = Vec::new();
    let mut current: Vec<(u32, String)> = Vec::new();
    for token in &tokens {
        let is_word = matches!(token.kind, EnTokenKind::Word | EnTokenKind::Acronym);
        if !is_word {
            if token.kind != EnTokenKind::Possessive && !current.is_empty() {
                runs.push(std::mem::take(&mut current));
            }
            continue;
        }
        latin.push(surfaces.intern(&token.text));
        let lower = token.text.to_lowercase();
        let capitalised = token.text.chars().next().is_some_and(char::is_uppercase);
        if is_stopword(&lower) {
            if !current.is_empty() && !matches!(lower.as_str(), "of" | "the" | "de") {
                runs.push(std::mem::take(&mut current));
            }
            continue;
        }
        let id = vocab.intern(&stem_en(&token.text));
        if !words.iter().any(|w| w.id == id) {
            words.push(EnWord {
                id,
                text: token.text.clone(),
                text_id: texts.intern(&token.text),
                weight: 1.0,
            });
        }
        if capitalised {
            current.push((id, token.text.clone()));
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    words.sort_unstable_by_key(|w| w.id);
    let index_of = |id: u32, words: &[EnWord]| words.binary_search_by_key(&id, |w| w.id).ok();
    // Name candidates: every sub-run of one to three capitalised words.
    let mut names = Vec::new();
    for run in &runs {
        for len in 1..=run.len().min(3) {
            for start in 0..=run.len() - len {
                let part = &run[start..start + len];
                let text = part
                    .iter()
                    .map(|(_, t)| t.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let indices = part
                    .iter()
                    .filter_map(|(id, _)| index_of(*id, &words))
                    .collect();
                names.push((texts.intern(&text), indices));
            }
        }
    }
    latin.sort_unstable();
    latin.dedup();
    EnSentence {
        chars: non_space_chars(&segment.text),
        kind: segment.kind,
        paragraph: segment.paragraph,
        word_weight: 0.0,
        words,
        names,
        latin,
        numbers: numbers::extract_en(&segment.text),
    }
}

/// Inverse document frequency over the sentences of one side: a word that
/// occurs in every sentence (the article's topic) says little about which
/// sentence corresponds to which; a rare one says a lot.
fn idf(sentences: usize, frequency: usize) -> f32 {
    (1.0 + sentences as f32 / frequency.max(1) as f32).ln()
}

/// Sets every item's and word's weight from its document frequency, and
/// each sentence's total.
pub(crate) fn assign_weights(ko: &mut [KoSentence], en: &mut [EnSentence]) {
    let mut ko_df: FxHashMap<String, usize> = FxHashMap::default();
    for s in ko.iter() {
        for item in &s.items {
            *ko_df.entry(item.key.clone()).or_default() += 1;
        }
    }
    let n = ko.len();
    for s in ko.iter_mut() {
        for item in &mut s.items {
            item.weight = idf(n, ko_df.get(&item.key).copied().unwrap_or(1));
        }
        s.item_weight = s.items.iter().map(|i| i.weight).sum();
    }
    let mut en_df: FxHashMap<u32, usize> = FxHashMap::default();
    for s in en.iter() {
        for word in &s.words {
            *en_df.entry(word.id).or_default() += 1;
        }
    }
    let m = en.len();
    for s in en.iter_mut() {
        for word in &mut s.words {
            word.weight = idf(m, en_df.get(&word.id).copied().unwrap_or(1));
        }
        s.word_weight = s.words.iter().map(|w| w.weight).sum();
    }
}
