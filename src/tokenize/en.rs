//! English word tokenization with byte spans: words with inner hyphens and
//! apostrophes (Gi-jung, O'Brien), possessive `'s` as its own token, numbers
//! with separators (1,000, 426.9), dotted acronyms (U.S.), URLs and e-mails.

use serde::Serialize;

use crate::normalize::is_space;

/// What an English token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EnTokenKind {
    Word,
    Number,
    Acronym,
    Possessive,
    Url,
    Punct,
}

/// One English token with its byte span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnToken {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: EnTokenKind,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Whether `d` after an apostrophe is the `s` of a possessive (`Korea's`),
/// given the character after it.
fn is_possessive_s(d: char, after: Option<char>) -> bool {
    matches!(d, 's' | 'S') && !after.is_some_and(char::is_alphanumeric)
}

/// Splits English text into tokens. Never fails; every non-space character
/// belongs to exactly one token.
pub fn tokenize_en(text: &str) -> Vec<EnToken> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if is_space(c) {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        let rest = &text[byte_at(i)..];
        if rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.") {
            while i < n && !is_space(chars[i].1) {
                i += 1;
            }
            while i > start + 1
                && matches!(
                    char_at(i - 1),
                    Some('.' | ',' | ';' | ':' | ')' | '"' | '\'')
                )
            {
                i -= 1;
            }
            kind = EnTokenKind::Url;
        } else if c.is_ascii_digit() {
            i += 1;
            loop {
                match (char_at(i), char_at(i + 1)) {
                    (Some(d), _) if d.is_ascii_digit() => i += 1,
                    (Some(',' | '.'), Some(d)) if d.is_ascii_digit() => i += 2,
                    _ => break,
                }
            }
            // 24th, 3D, 5G stay one token.
            while char_at(i).is_some_and(char::is_alphanumeric) {
                i += 1;
            }
            kind = EnTokenKind::Number;
        } else if c.is_alphanumeric() {
            let mut dotted = true; // single letters separated by dots so far
            let mut letters_in_part = 0;
            loop {
                match (char_at(i), char_at(i + 1)) {
                    (Some(d), _) if d.is_alphanumeric() => {
                        letters_in_part += 1;
                        i += 1;
                    }
                    (Some('-' | '‐' | '‑'), Some(d)) if d.is_alphanumeric() => {
                        dotted = false;
                        i += 1;
                    }
                    (Some(a), Some(d))
                        if is_apostrophe(a)
                            && d.is_alphabetic()
                            && !is_possessive_s(d, char_at(i + 2)) =>
                    {
                        dotted = false;
                        i += 1;
                    }
                    (Some('.'), Some(d)) if dotted && letters_in_part == 1 && d.is_alphabetic() => {
                        letters_in_part = 0;
                        i += 1;
                    }
                    _ => break,
                }
            }
            let is_acronym =
                dotted && i - start >= 3 && char_at(i) == Some('.') && letters_in_part == 1;
            if is_acronym {
                i += 1; // the final period of U.S.
                kind = EnTokenKind::Acronym;
            } else if (i - start) >= 2
                && chars[start..i]
                    .iter()
                    .all(|&(_, c)| c.is_uppercase() || c.is_ascii_digit())
                && chars[start..i].iter().any(|&(_, c)| c.is_uppercase())
            {
                kind = EnTokenKind::Acronym;
            } else {
                kind = EnTokenKind::Word;
            }
        } else if is_apostrophe(c)
            && matches!(char_at(i + 1), Some('s' | 'S'))
            && !char_at(i + 2).is_some_and(char::is_alphanumeric)
            && start > 0
            && chars[start - 1].1.is_alphanumeric()
        {
            i += 2;
            kind = EnTokenKind::Possessive;
        } else {
            i += 1;
            kind = EnTokenKind::Punct;
        }
        let (s, e) = (byte_at(start), byte_at(i));
        tokens.push(EnToken {
            text: text[s..e].to_string(),
            start: s,
            end: e,
            kind,
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, EnTokenKind)> {
        tokenize_en(text)
            .into_iter()
            .map(|t| (&text[t.start..t.end], t.kind))
            .collect()
    }

    #[test]
    fn names_possessives_numbers_and_acronyms() {
        use EnTokenKind::*;
        assert_eq!(
            words("Mayor Kang Gi-jung's U.S. trip cost 426.9 billion won (1,000 AI firms)."),
            vec![
                ("Mayor", Word),
                ("Kang", Word),
                ("Gi-jung", Word),
                ("'s", Possessive),
                ("U.S.", Acronym),
                ("trip", Word),
                ("cost", Word),
                ("426.9", Number),
                ("billion", Word),
                ("won", Word),
                ("(", Punct),
                ("1,000", Number),
                ("AI", Acronym),
                ("firms", Word),
                (")", Punct),
                (".", Punct),
            ]
        );
    }

    #[test]
    fn apostrophes_inside_words_and_urls() {
        use EnTokenKind::*;
        assert_eq!(
            words("O'Brien didn't visit www.asiae.co.kr. Korea’s 24th"),
            vec![
                ("O'Brien", Word),
                ("didn't", Word),
                ("visit", Word),
                ("www.asiae.co.kr", Url),
                (".", Punct),
                ("Korea", Word),
                ("’s", Possessive),
                ("24th", Number),
            ]
        );
    }

    #[test]
    fn sentence_final_period_after_a_capital_word_is_punctuation() {
        let toks = words("He met Lu. Then");
        assert_eq!(toks[2], ("Lu", EnTokenKind::Word));
        assert_eq!(toks[3], (".", EnTokenKind::Punct));
    }
}
