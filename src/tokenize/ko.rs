//! Korean morphological analysis with lindera and the embedded mecab-ko-dic.
//!
//! The dictionary is loaded once per [`KoreanTokenizer`] (tens of
//! milliseconds; the data is used in place) and the tokenizer is shared by
//! reference across threads.

use std::borrow::Cow;

use lindera::dictionary::DictionaryBuilder;
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use serde::Serialize;

use crate::error::{Error, Result};

/// MeCab's limit on grouping unknown characters into one word: without it a
/// long unbroken Hangul run becomes a single unknown token.
const MAX_UNKNOWN_GROUPING: usize = 24;

/// The user dictionary (`dictionaries/ko-user.csv`): words mecab-ko-dic splits
/// so that a following particle is swallowed (부성장과 → 부성 + 장과), in the
/// full mecab-ko-dic row format; `#` comment lines are stripped before lindera
/// reads it.
const USER_DICTIONARY: &str = include_str!("../../dictionaries/ko-user.csv");

/// One morpheme of Korean text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Morpheme {
    /// The text as it appears (a slice of the input).
    pub surface: String,
    /// Byte span in the tokenized text.
    pub start: usize,
    pub end: usize,
    /// mecab-ko-dic part-of-speech tag: `NNP`, `NNG`, `VV+EP`, `SN`, `SL`, ...
    /// (`UNKNOWN` for Hangul the dictionary does not know).
    pub pos: String,
    /// The remaining dictionary fields: meaning class (`인명`, `지명`, `단체`),
    /// final consonant flag, reading, type (`Compound`, `Inflect`), first and
    /// last tags, expression; `*` where empty.
    pub features: Vec<String>,
}

impl Morpheme {
    /// The meaning class of a proper noun (`인명` person, `지명` place,
    /// `단체` organisation), if the dictionary gives one.
    pub fn semantic_class(&self) -> Option<&str> {
        self.features
            .first()
            .map(String::as_str)
            .filter(|s| *s != "*")
    }

    /// Whether this is a noun (common, proper, dependent, numeral-noun).
    pub fn is_noun(&self) -> bool {
        self.pos.starts_with("NN") || self.pos == "NP" || self.pos == "NR"
    }

    /// The feature fields joined with commas, as MeCab prints them.
    pub fn feature_string(&self) -> String {
        self.features.join(",")
    }
}

/// A Korean tokenizer over the embedded dictionary.
#[derive(Clone)]
pub struct KoreanTokenizer {
    segmenter: Segmenter,
}

impl KoreanTokenizer {
    /// Loads the embedded dictionary.
    pub fn new() -> Result<Self> {
        let dictionary = koalign_ko_dic::load().map_err(|e| Error::Dictionary(e.to_string()))?;
        let rows: String = USER_DICTIONARY
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .flat_map(|line| [line, "\n"])
            .collect();
        let user_dictionary = DictionaryBuilder::new(dictionary.metadata.as_ref().clone())
            .build_user_dict_from_reader(rows.as_bytes())
            .map_err(|e| Error::Dictionary(format!("dictionaries/ko-user.csv: {e}")))?;
        let segmenter = Segmenter::new(Mode::Normal, dictionary, Some(user_dictionary))
            .max_grouping_len(Some(MAX_UNKNOWN_GROUPING));
        Ok(KoreanTokenizer { segmenter })
    }

    /// Splits a text into morphemes; whitespace is dropped, spans are kept.
    pub fn tokenize(&self, text: &str) -> Result<Vec<Morpheme>> {
        let tokens = self
            .segmenter
            .segment(Cow::Borrowed(text))
            .map_err(|e| Error::Dictionary(e.to_string()))?;
        Ok(tokens
            .into_iter()
            .map(|mut token| {
                let mut details = token.details_iter();
                let pos = details.next().unwrap_or("UNKNOWN").to_string();
                let features = details.map(str::to_string).collect();
                Morpheme {
                    surface: token.surface.to_string(),
                    start: token.byte_start,
                    end: token.byte_end,
                    pos,
                    features,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static TOKENIZER: LazyLock<KoreanTokenizer> =
        LazyLock::new(|| KoreanTokenizer::new().expect("embedded dictionary"));

    #[test]
    fn person_name_is_nnp_with_its_class() {
        let text = "강기정 광주시장은 24일 항저우에서 루산 부성장을 만났다.";
        let morphemes = TOKENIZER.tokenize(text).unwrap();
        let kang = &morphemes[0];
        assert_eq!(kang.surface, "강기정");
        assert_eq!(kang.pos, "NNP");
        assert_eq!(kang.semantic_class(), Some("인명"));
        for m in &morphemes {
            assert_eq!(&text[m.start..m.end], m.surface);
        }
        assert!(morphemes.iter().any(|m| m.surface == "24" && m.pos == "SN"));
    }

    #[test]
    fn user_dictionary_keeps_titles_whole() {
        let surfaces = |text: &str| -> Vec<String> {
            TOKENIZER
                .tokenize(text)
                .unwrap()
                .into_iter()
                .map(|m| m.surface)
                .collect()
        };
        assert_eq!(surfaces("루산 부성장과"), ["루산", "부성장", "과"]);
        assert_eq!(surfaces("본부장이"), ["본부장", "이"]);
    }

    #[test]
    fn long_unknown_runs_are_cut() {
        let text = "햏".repeat(100);
        let morphemes = TOKENIZER.tokenize(&text).unwrap();
        assert!(morphemes.len() > 1);
        assert!(
            morphemes
                .iter()
                .all(|m| m.surface.chars().count() <= MAX_UNKNOWN_GROUPING + 1)
        );
    }
}
