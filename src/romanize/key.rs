//! A romanization-aware key for fast, approximate comparison of English
//! spellings of Korean names with `strsim`.
//!
//! The key folds together the letters that English texts use interchangeably
//! for one Korean sound, so that spellings of one name get (nearly) the same
//! key and plain edit distance becomes meaningful:
//!
//! | key | spellings folded into it | Korean sound |
//! |---|---|---|
//! | `k` | g k c q gh kh ck gg kk | ㄱ ㅋ ㄲ |
//! | `t` | d t th dd tt | ㄷ ㅌ ㄸ |
//! | `p` | b p f v ph bb pp | ㅂ ㅍ ㅃ |
//! | `j` | j ch tch z dj | ㅈ ㅊ ㅉ |
//! | `s` | s sh ss x | ㅅ ㅆ |
//! | `l` | l r ll rr rh | ㄹ |
//! | `n` | n nn ng | ㄴ, final ㅇ (the ng/n habit) |
//! | `o` | o u eo oo ou eu uh oh eou | ㅓ ㅗ ㅜ ㅡ |
//! | `e` | e ae ai ay eh | ㅐ ㅔ |
//! | `i` | i ee ie, y not before a vowel | ㅣ |
//! | `a` | a ah | ㅏ |
//!
//! then repeated key letters collapse (Kyung/Kyoung/Kyeong → `kyon`). The key
//! is lossy on purpose (정 and 종 both become `jon`), so it is used only to
//! block candidates cheaply and as a fallback signal; the decision is made by
//! the syllable-aware matchers.

use super::latin::Letters;

/// Folding rules, longest spelling first within each starting letter.
const FOLDS: &[(&str, &str)] = &[
    ("tch", "j"),
    ("eou", "o"),
    ("ch", "j"),
    ("dj", "j"),
    ("sh", "s"),
    ("ss", "s"),
    ("kh", "k"),
    ("gh", "k"),
    ("ck", "k"),
    ("kk", "k"),
    ("gg", "k"),
    ("th", "t"),
    ("tt", "t"),
    ("dd", "t"),
    ("ph", "p"),
    ("pp", "p"),
    ("bb", "p"),
    ("rh", "l"),
    ("ll", "l"),
    ("rr", "l"),
    ("ng", "n"),
    ("nn", "n"),
    ("mm", "m"),
    ("wh", "w"),
    ("eo", "o"),
    ("oo", "o"),
    ("ou", "o"),
    ("eu", "o"),
    ("uh", "o"),
    ("oh", "o"),
    ("ae", "e"),
    ("ai", "e"),
    ("ay", "e"),
    ("eh", "e"),
    ("ee", "i"),
    ("ie", "i"),
    ("ah", "a"),
    ("j", "j"),
    ("z", "j"),
    ("s", "s"),
    ("x", "s"),
    ("k", "k"),
    ("g", "k"),
    ("c", "k"),
    ("q", "k"),
    ("t", "t"),
    ("d", "t"),
    ("p", "p"),
    ("b", "p"),
    ("f", "p"),
    ("v", "p"),
    ("r", "l"),
    ("l", "l"),
    ("n", "n"),
    ("m", "m"),
    ("w", "w"),
    ("h", "h"),
    ("o", "o"),
    ("u", "o"),
    ("e", "e"),
    ("i", "i"),
    ("a", "a"),
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn fold_token(token: &[u8], out: &mut String) {
    let mut position = 0;
    let start_len = out.len();
    while position < token.len() {
        let rest = &token[position..];
        // y is a glide before a vowel (Yoon) and the vowel i elsewhere (Kyu has a glide, Ky is i).
        if rest[0] == b'y' {
            let glide = rest.get(1).is_some_and(|&b| is_vowel(b));
            push_folded(out, start_len, if glide { 'y' } else { 'i' });
            position += 1;
            continue;
        }
        let matched = FOLDS
            .iter()
            .find(|(spelling, _)| rest.starts_with(spelling.as_bytes()));
        match matched {
            Some((spelling, key)) => {
                for c in key.chars() {
                    push_folded(out, start_len, c);
                }
                position += spelling.len();
            }
            None => position += 1,
        }
    }
}

/// Pushes a key letter unless it repeats the previous one of the same token.
fn push_folded(out: &mut String, token_start: usize, c: char) {
    if out.len() > token_start && out.ends_with(c) {
        return;
    }
    out.push(c);
}

/// The romanization-aware key of an English spelling; tokens are kept apart
/// by spaces ("KANG Gi-jung" → "kan ki jon").
pub fn romanization_key(english: &str) -> String {
    key_of_letters(&Letters::new(english))
}

fn key_of_letters(letters: &Letters) -> String {
    let mut key = String::with_capacity(letters.len());
    for token in letters.tokens() {
        if !key.is_empty() {
            key.push(' ');
        }
        fold_token(token, &mut key);
    }
    key
}

/// Similarity in [0, 1] of the keys of two spellings: `strsim`'s normalized
/// Levenshtein distance on the keys without spaces, taking the better of the
/// given token order and `b` with its last token moved to the front (surname
/// last: "IN-SOOK PARK" vs "PARK INSOOK").
pub fn key_similarity(a: &str, b: &str) -> f64 {
    let key_a: String = romanization_key(a).split(' ').collect();
    let letters_b = Letters::new(b);
    let key_b: String = key_of_letters(&letters_b).split(' ').collect();
    let mut best = strsim::normalized_levenshtein(&key_a, &key_b);
    let tokens: Vec<&[u8]> = letters_b.tokens().collect();
    if let Some((last, rest)) = tokens.split_last()
        && !rest.is_empty()
    {
        let rotated = Letters::from_tokens(std::iter::once(*last).chain(rest.iter().copied()));
        let key_rotated: String = key_of_letters(&rotated).split(' ').collect();
        best = best.max(strsim::normalized_levenshtein(&key_a, &key_rotated));
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_spelling_habits() {
        assert_eq!(romanization_key("KANG Gi-jung"), "kan ki jon");
        assert_eq!(romanization_key("Gang Gijeong"), "kan kijon");
        assert_eq!(romanization_key("Kyung"), romanization_key("Kyeong"));
        assert_eq!(romanization_key("Kyoung"), romanization_key("Gyeong"));
        assert_eq!(romanization_key("Choi"), romanization_key("Joi"));
        assert_eq!(romanization_key("Lee"), romanization_key("Rhee"));
        assert_eq!(romanization_key(""), "");
    }

    #[test]
    fn similarity_with_strsim() {
        assert_eq!(key_similarity("Kang Gi-jung", "Gang Gijeong"), 1.0);
        assert_eq!(key_similarity("IN-SOOK PARK", "PARK INSOOK"), 1.0);
        assert!(key_similarity("Kim Kyung-soo", "Kim Kyung-hyup") < 0.8);
        assert_eq!(key_similarity("", ""), 1.0);
    }
}
