//! Which language a text is in: Korean or English, from the share of Hangul
//! among its letters. Enough to catch swapped or wrong files before aligning.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The two languages koalign aligns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ko,
    En,
}

impl Lang {
    /// The language's English name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Ko => "Korean",
            Lang::En => "English",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        })
    }
}

/// Letter counts behind a language decision, so messages can say why.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LangProfile {
    pub hangul_letters: usize,
    pub latin_letters: usize,
    pub other_letters: usize,
}

/// Korean news text is mostly Hangul, with some Latin (AI, PoC); English news
/// has no Hangul. A share of Hangul among letters of at least this is Korean.
const KOREAN_MIN_HANGUL_SHARE: f64 = 0.3;
/// English text may quote a Korean word or two, not more than this share.
const ENGLISH_MAX_HANGUL_SHARE: f64 = 0.2;

/// Whether a character is a Hangul letter (syllable or jamo).
pub fn is_hangul(c: char) -> bool {
    matches!(c,
        '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}'
        | '\u{a960}'..='\u{a97f}' | '\u{d7b0}'..='\u{d7ff}')
}

impl LangProfile {
    /// Counts the letters of a text by script.
    pub fn of(text: &str) -> Self {
        let mut profile = LangProfile {
            hangul_letters: 0,
            latin_letters: 0,
            other_letters: 0,
        };
        for c in text.chars() {
            if is_hangul(c) {
                profile.hangul_letters += 1;
            } else if c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) {
                profile.latin_letters += 1;
            } else if c.is_alphabetic() {
                profile.other_letters += 1;
            }
        }
        profile
    }

    /// Share of Hangul among all letters (0 when there are no letters).
    pub fn hangul_share(&self) -> f64 {
        let total = self.hangul_letters + self.latin_letters + self.other_letters;
        if total == 0 {
            0.0
        } else {
            self.hangul_letters as f64 / total as f64
        }
    }

    /// The language this profile looks like, if it clearly looks like one.
    pub fn guess(&self) -> Option<Lang> {
        let share = self.hangul_share();
        if self.hangul_letters >= 2 && share >= KOREAN_MIN_HANGUL_SHARE {
            Some(Lang::Ko)
        } else if self.latin_letters >= 2
            && share <= ENGLISH_MAX_HANGUL_SHARE
            && self.latin_letters * 2 >= self.other_letters
        {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// Guesses the language of a text; `None` when it is neither clearly Korean
/// nor clearly English (no letters, Japanese, an even mix).
pub fn detect(text: &str) -> Option<Lang> {
    LangProfile::of(text).guess()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_news_with_latin_acronyms_is_korean() {
        assert_eq!(
            detect("강기정 광주시장은 AI 실증(PoC) 사업을 소개했다."),
            Some(Lang::Ko)
        );
    }

    #[test]
    fn english_news_quoting_hangul_is_english() {
        assert_eq!(
            detect(
                "The city calls itself an AI hub (인공지능 중심도시) in its plans for the future."
            ),
            Some(Lang::En)
        );
    }

    #[test]
    fn no_letters_or_other_scripts_is_undecided() {
        assert_eq!(detect("1234 5678 !!!"), None);
        assert_eq!(detect("東京は日本の首都です。"), None);
    }
}
