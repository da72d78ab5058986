//! Finding where an English sentence spells a Hangul name: the step the
//! entity linker needs after sentence alignment ("강기정 광주시장은" ↔ "Gwangju
//! Mayor Kang Gi-jung said").

use super::matching::{HangulMatcher, NameMatch};

/// Longest span tried, in words ("Kim Jong Un", "Jean-Paul Sartre").
const MAX_WORDS: usize = 4;

/// A span of an English text that spells a Hangul name or word.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FoundSpan {
    /// Byte offset of the span's first byte in the English text.
    pub start: usize,
    /// Byte offset one past the span's last byte.
    pub end: usize,
    /// The spelled text (`&text[start..end]`).
    pub text: String,
    /// Score, kind and reason of the match.
    pub matched: NameMatch,
}

/// Words of a text as byte ranges: letters, digits, inner hyphens and
/// apostrophes; a possessive 's is left out ("Trump's" → "Trump").
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut result = Vec::new();
    let mut start: Option<usize> = None;
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '\u{2019}');
    for (index, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word(c)) {
            (None, true) => start = Some(index),
            (Some(s), false) => {
                let word = &text[s..index];
                let trimmed = word.trim_end_matches(['-', '\'', '\u{2019}']);
                let trimmed = trimmed
                    .strip_suffix("'s")
                    .or_else(|| trimmed.strip_suffix("\u{2019}s"))
                    .unwrap_or(trimmed);
                let leading =
                    trimmed.len() - trimmed.trim_start_matches(['-', '\'', '\u{2019}']).len();
                if trimmed.len() > leading {
                    result.push((s + leading, s + trimmed.len()));
                }
                start = None;
            }
            _ => {}
        }
    }
    result
}

impl HangulMatcher {
    /// The best-scoring span of up to four consecutive words of `english` that
    /// spells the prepared Hangul, if any reaches the match threshold. Words are
    /// joined only across spaces, never across punctuation.
    pub fn find_in(&self, english: &str) -> Option<FoundSpan> {
        let words = words(english);
        let mut best: Option<FoundSpan> = None;
        for first in 0..words.len() {
            for last in first..words.len().min(first + MAX_WORDS) {
                if last > first {
                    let gap = &english[words[last - 1].1..words[last].0];
                    if !gap.chars().all(char::is_whitespace) {
                        break;
                    }
                }
                let (start, end) = (words[first].0, words[last].1);
                let span = &english[start..end];
                let matched = self.match_english(span);
                if !matched.is_match() {
                    continue;
                }
                let better = best.as_ref().is_none_or(|b| {
                    matched.score > b.matched.score
                        || (matched.score == b.matched.score && end - start > b.end - b.start)
                });
                if better {
                    best = Some(FoundSpan {
                        start,
                        end,
                        text: span.to_string(),
                        matched,
                    });
                }
            }
        }
        best
    }
}

/// Finds where `english` spells `hangul` (see [`HangulMatcher::find_in`]).
pub fn find_in_english(hangul: &str, english: &str) -> Option<FoundSpan> {
    HangulMatcher::new(hangul).find_in(english)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_and_possessives() {
        let text = "Trump's tariffs, Kang Gi-jung.";
        let spans: Vec<&str> = words(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(spans, ["Trump", "tariffs", "Kang", "Gi-jung"]);
        assert!(words("").is_empty());
        assert!(words("-- ' -").is_empty());
    }

    #[test]
    fn finds_names_in_sentences() {
        let text = "Gwangju Mayor Kang Gi-jung met Trump's envoy in Hangzhou.";
        let found = find_in_english("강기정", text).unwrap();
        assert_eq!(found.text, "Kang Gi-jung");
        assert_eq!(&text[found.start..found.end], "Kang Gi-jung");
        assert_eq!(find_in_english("트럼프", text).unwrap().text, "Trump");
        assert_eq!(find_in_english("항저우", text).unwrap().text, "Hangzhou");
        assert!(find_in_english("김경수", text).is_none());
        assert!(find_in_english("강기정", "").is_none());
    }
}
