//! The Korean–English news lexicon and the English word normalization the
//! aligner matches against it.
//!
//! The lexicon (`dictionaries/lexicon/ko-en-news.tsv`, with the fixed
//! translations of `dictionaries/gazetteer/`) maps a Korean morpheme (noun,
//! verb stem) to English words. English words are compared as Porter2 stems
//! ("announced", "announcement" → "announc"), each interned to a `u32` id so
//! that the aligner's inner loop compares integers.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::data::data_lines as rules_data_lines;

/// English function words: never lexical evidence.
static STOPWORDS: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
    rules_data_lines(include_str!("../dictionaries/english/stopwords.txt"), false).collect()
});

/// Whether a lowercase English word is a function word.
pub fn is_stopword(lowercase: &str) -> bool {
    STOPWORDS.contains(lowercase)
}

/// The comparison form of an English word: lowercase, possessive and
/// typographic apostrophes removed, Porter2-stemmed.
pub fn stem_en(word: &str) -> String {
    // Stemming costs thousands of instructions a word, and a corpus repeats
    // its words: each thread remembers the first `STEM_CACHE_LIMIT` it saw.
    thread_local! {
        static STEMMER: Stemmer = Stemmer::create(Algorithm::English);
        static STEMS: RefCell<FxHashMap<String, String>> = RefCell::default();
    }
    if let Some(stem) = STEMS.with(|stems| stems.borrow().get(word).cloned()) {
        return stem;
    }
    let lower = word
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .replace('’', "'")
        .to_lowercase();
    let stem = STEMMER.with(|s| s.stem(&lower).into_owned());
    STEMS.with(|stems| {
        let mut stems = stems.borrow_mut();
        if stems.len() < STEM_CACHE_LIMIT {
            stems.insert(word.to_string(), stem.clone());
        }
    });
    stem
}

/// Words whose stems one thread remembers (about 3 MB).
const STEM_CACHE_LIMIT: usize = 32_768;

/// Interned English stems: a stable id per stem.
#[derive(Debug, Default, Clone)]
pub struct EnVocab {
    ids: FxHashMap<String, u32>,
}

impl EnVocab {
    /// The id of a stem, adding it when new.
    pub fn intern(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.ids.get(stem) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(stem.to_string(), id);
        id
    }

    /// The id of a stem, if known.
    pub fn get(&self, stem: &str) -> Option<u32> {
        self.ids.get(stem).copied()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// Korean morpheme → English stem ids.
#[derive(Debug, Clone)]
pub struct Lexicon {
    entries: FxHashMap<String, Vec<u32>>,
    vocab: EnVocab,
}

/// The files the built-in lexicon is made of: (name, contents, column of the
/// English forms).
const LEXICON_FILES: [(&str, &str); 6] = [
    (
        "lexicon/ko-en-news.tsv",
        include_str!("../dictionaries/lexicon/ko-en-news.tsv"),
    ),
    (
        "lexicon/ko-en-general.tsv",
        include_str!("../dictionaries/lexicon/ko-en-general.tsv"),
    ),
    (
        "gazetteer/places.tsv",
        include_str!("../dictionaries/gazetteer/places.tsv"),
    ),
    (
        "gazetteer/organizations.tsv",
        include_str!("../dictionaries/gazetteer/organizations.tsv"),
    ),
    (
        "gazetteer/titles.tsv",
        include_str!("../dictionaries/gazetteer/titles.tsv"),
    ),
    (
        "gazetteer/name-parts.tsv",
        include_str!("../dictionaries/gazetteer/name-parts.tsv"),
    ),
];

static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon = Lexicon::empty();
    for (_, contents) in LEXICON_FILES {
        lexicon.add_tsv(contents);
    }
    lexicon
});

impl Lexicon {
    /// A lexicon with no entries.
    pub fn empty() -> Self {
        Lexicon {
            entries: FxHashMap::default(),
            vocab: EnVocab::default(),
        }
    }

    /// The lexicon built from `dictionaries/`, parsed once per process.
    pub fn builtin() -> &'static Lexicon {
        &BUILTIN
    }

    /// Adds the rows of a `ko<TAB>en|en|...[<TAB>...]` file (header row and
    /// `#` comments skipped). Multi-word English forms add each content word.
    pub fn add_tsv(&mut self, contents: &'static str) {
        for line in rules_data_lines(contents, true) {
            let mut cols = line.split('\t');
            let (Some(ko), Some(en)) = (cols.next(), cols.next()) else {
                continue;
            };
            for form in en.split('|') {
                self.add(ko.trim(), form.trim());
            }
        }
    }

    /// Adds one translation pair.
    pub fn add(&mut self, ko: &str, en: &str) {
        if ko.is_empty() {
            return;
        }
        let ids: Vec<u32> = en
            .split(|c: char| c.is_whitespace() || c == '/')
            .filter(|w| !w.is_empty() && !is_stopword(&w.to_lowercase()))
            .map(|w| self.vocab.intern(&stem_en(w)))
            .collect();
        let entry = self.entries.entry(ko.to_string()).or_default();
        for id in ids {
            if !entry.contains(&id) {
                entry.push(id);
            }
        }
    }

    /// Whether the lexicon has an entry for this Korean form.
    pub fn contains(&self, ko: &str) -> bool {
        self.entries.contains_key(ko)
    }

    /// English stem ids of a Korean morpheme (empty when unknown).
    pub fn translations(&self, ko: &str) -> &[u32] {
        self.entries.get(ko).map_or(&[], Vec::as_slice)
    }

    /// The stem vocabulary the translations refer to.
    pub fn vocab(&self) -> &EnVocab {
        &self.vocab
    }

    /// Number of Korean entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A remembered stem is the one the stemmer gives.
    #[test]
    fn remembered_stems_are_the_stemmers() {
        let stemmer = Stemmer::create(Algorithm::English);
        for word in [
            "Announced",
            "cities",
            "Korea's",
            "mayor’s",
            "running",
            "Gwangju",
        ] {
            let lower = word
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .replace('’', "'")
                .to_lowercase();
            let direct = stemmer.stem(&lower).into_owned();
            assert_eq!(stem_en(word), direct, "{word}");
            assert_eq!(stem_en(word), direct, "{word}, remembered");
        }
    }

    #[test]
    fn stems_conflate_inflections() {
        assert_eq!(stem_en("announced"), stem_en("announcement"));
        assert_eq!(stem_en("Cities"), stem_en("city"));
        assert_eq!(stem_en("Korea's"), stem_en("Korea"));
    }

    #[test]
    fn builtin_lexicon_translates_news_words() {
        let lexicon = Lexicon::builtin();
        assert!(lexicon.len() > 1000);
        let mayor = lexicon.vocab().get(&stem_en("mayor")).unwrap();
        assert!(lexicon.translations("시장").contains(&mayor));
        let china = lexicon.vocab().get(&stem_en("China")).unwrap();
        assert!(lexicon.translations("중국").contains(&china));
        assert!(lexicon.translations("없는말").is_empty());
    }

    #[test]
    fn stopwords_are_known() {
        assert!(is_stopword("the"));
        assert!(!is_stopword("mayor"));
    }
}
