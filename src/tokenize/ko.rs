//! Korean morphological analysis with lindera and the embedded mecab-ko-dic.
//!
//! The dictionary is loaded once per [`KoreanTokenizer`] (a few
//! milliseconds: the data is used in place, and the left-space penalty is
//! already in its connection costs) and the tokenizer is shared by reference
//! across threads.

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
        Self::over(dictionary)
    }

    /// A tokenizer over `dictionary` with our user dictionary. The left-space
    /// penalty is in the embedded dictionary's connection costs (see
    /// `koalign_ko_dic::space_penalty`), so lindera builds no table for it.
    fn over(dictionary: lindera::dictionary::Dictionary) -> Result<Self> {
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
    use std::path::Path;
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

    /// Particles and endings written after a space, where the left-space
    /// penalty decides the reading.
    const SPACED: &[&str] = &[
        "서울 시 에서 열렸다.",
        "학교 에 가 서 공부 했 다.",
        "그 는 집 으로 돌아갔 고 나 는 남았 다.",
        "  는 을 를 이 가 의\t\t와 과 도 만",
        "한국 이 다 . 사실 입니다 였 다",
        "위원장 은  회의 에서 \"예산 을\" 말했 다.",
    ];

    fn tokens(tokenizer: &KoreanTokenizer, text: &str) -> Vec<Morpheme> {
        text.lines()
            .flat_map(|line| tokenizer.tokenize(line).unwrap())
            .collect()
    }

    /// The penalty baked into the connection costs tokenizes as lindera's own
    /// table does: on the spaced particles above, on the bundled corpus and,
    /// when `../shared` is there, on the NTREX articles.
    #[test]
    fn baked_space_penalty_tokenizes_as_linderas_table() {
        let (dictionary, rules) = koalign_ko_dic::load_unbaked()
            .expect("dictionary")
            .expect("a baked penalty");
        let unpenalized = KoreanTokenizer::over(dictionary).unwrap();
        let mut runtime = unpenalized.clone();
        runtime.segmenter.set_space_penalty(Some(rules)).unwrap();

        let mut texts: Vec<String> = SPACED.iter().map(|s| s.to_string()).collect();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("corpus")];
        let ntrex = root.join("../shared/data/ntrex128-koen-dev/cases");
        if ntrex.is_dir() {
            dirs.push(ntrex);
        } else {
            eprintln!("SKIPPED the NTREX articles: ../shared/data not found");
        }
        for dir in dirs {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let ko = entry.unwrap().path().join("ko.txt");
                if let Ok(text) = std::fs::read_to_string(&ko) {
                    texts.push(text);
                }
            }
        }
        assert!(texts.len() > SPACED.len() + 10);
        for text in &texts {
            assert_eq!(tokens(&TOKENIZER, text), tokens(&runtime, text), "{text}");
        }
        // The texts exercise the penalty: without it some readings change.
        assert!(
            SPACED
                .iter()
                .any(|text| tokens(&unpenalized, text) != tokens(&runtime, text))
        );
    }

    /// Our user dictionary's rows carry MeCab's context ids; the baked penalty
    /// charges by left id, so each row's left id must carry its tag's penalty.
    #[test]
    fn user_dictionary_rows_agree_with_the_baked_penalty() {
        let penalty = koalign_ko_dic::baked_space_penalty().expect("a baked penalty");
        let added: std::collections::HashMap<usize, i32> =
            penalty.baked.added.iter().copied().collect();
        let mut rows = 0;
        for line in USER_DICTIONARY.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split(',').collect();
            let left: usize = fields[1].parse().unwrap();
            let tag = fields[4];
            let baked = added.get(&left).copied().unwrap_or(0);
            assert_eq!(baked, penalty.rules.cost_for_tag(tag), "{line}");
            rows += 1;
        }
        assert!(rows > 0);
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
