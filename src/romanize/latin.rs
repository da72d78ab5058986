//! Latin-script input for matching: lowercase ASCII letters plus token
//! boundaries.
//!
//! English texts write one name as "KANG Gi-jung", "Kang, Gijeong" or
//! "Kim Chŏng-ŭn"; matching must not care about case, hyphens, commas,
//! apostrophes (MR's aspiration mark: Ch'oe) or diacritics (MR's breve). So
//! letters are folded to lowercase ASCII, apostrophes vanish without splitting
//! a token, and any other non-letter splits tokens.

use unicode_normalization::char::decompose_canonical;

/// Letters of a Latin string and where its tokens start.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Letters {
    /// Lowercase ASCII letters, tokens concatenated.
    pub bytes: Vec<u8>,
    /// Start offset (into `bytes`) of each token, ascending; the first is 0
    /// when there is any letter.
    pub token_starts: Vec<usize>,
}

impl Letters {
    /// Folds `text` into letters and tokens.
    pub fn new(text: &str) -> Letters {
        let mut letters = Letters::default();
        let mut in_token = false;
        for c in text.chars() {
            if is_apostrophe(c) {
                continue;
            }
            let before = letters.bytes.len();
            fold_letter(c, &mut letters.bytes);
            if letters.bytes.len() > before {
                if !in_token {
                    letters.token_starts.push(before);
                    in_token = true;
                }
            } else {
                in_token = false;
            }
        }
        letters
    }

    /// Number of letters.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// True when there is no letter.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The tokens as byte slices.
    pub fn tokens(&self) -> impl Iterator<Item = &[u8]> {
        self.token_starts.iter().enumerate().map(|(i, &start)| {
            let end = self
                .token_starts
                .get(i + 1)
                .copied()
                .unwrap_or(self.bytes.len());
            &self.bytes[start..end]
        })
    }

    /// Token index of every letter position, plus one past the end.
    pub fn token_index(&self) -> Vec<u16> {
        let mut index = Vec::with_capacity(self.bytes.len() + 1);
        let mut token = 0u16;
        for pos in 0..=self.bytes.len() {
            while (token as usize + 1) < self.token_starts.len()
                && self.token_starts[token as usize + 1] <= pos
            {
                token = token.saturating_add(1);
            }
            index.push(token);
        }
        index
    }

    /// Rebuilds letters from tokens given in a new order.
    pub fn from_tokens<'a>(tokens: impl IntoIterator<Item = &'a [u8]>) -> Letters {
        let mut letters = Letters::default();
        for token in tokens {
            if token.is_empty() {
                continue;
            }
            letters.token_starts.push(letters.bytes.len());
            letters.bytes.extend_from_slice(token);
        }
        letters
    }
}

/// Apostrophes and similar marks: dropped inside a token (Ch'oe → choe).
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{02bb}' | '`' | '\u{00b4}'
    )
}

/// Appends the ASCII letters of `c` (ŏ → o, ß → ss); nothing for a non-letter.
pub fn fold_letter(c: char, out: &mut Vec<u8>) {
    if c.is_ascii_alphabetic() {
        out.push(c.to_ascii_lowercase() as u8);
        return;
    }
    if c.is_ascii() || !c.is_alphabetic() {
        return;
    }
    let special: Option<&[u8]> = match c {
        'ß' => Some(b"ss"),
        'æ' | 'Æ' => Some(b"ae"),
        'œ' | 'Œ' => Some(b"oe"),
        'ø' | 'Ø' => Some(b"o"),
        'ł' | 'Ł' => Some(b"l"),
        'đ' | 'Đ' | 'ð' | 'Ð' => Some(b"d"),
        'þ' | 'Þ' => Some(b"th"),
        'ı' => Some(b"i"),
        _ => None,
    };
    if let Some(letters) = special {
        out.extend_from_slice(letters);
        return;
    }
    let mut base = None;
    decompose_canonical(c, |d| {
        if base.is_none() && d.is_ascii_alphabetic() {
            base = Some(d.to_ascii_lowercase() as u8);
        }
    });
    if let Some(b) = base {
        out.push(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_apostrophes() {
        let l = Letters::new("Kim Chŏng-ŭn");
        assert_eq!(l.bytes, b"kimchongun");
        assert_eq!(l.token_starts, vec![0, 3, 8]);
        let l = Letters::new("Ch'oe, Yŏng-gŏn");
        assert_eq!(l.bytes, b"choeyonggon");
        assert_eq!(l.token_starts, vec![0, 4, 8]);
        assert!(Letters::new("  -- 123 🙂").is_empty());
    }

    #[test]
    fn token_index_and_reordering() {
        let l = Letters::new("IN-SOOK PARK");
        assert_eq!(l.token_index(), vec![0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
        let tokens: Vec<&[u8]> = l.tokens().collect();
        let reordered = Letters::from_tokens([tokens[2], tokens[0], tokens[1]]);
        assert_eq!(reordered.bytes, b"parkinsook");
        assert_eq!(reordered.token_starts, vec![0, 4, 6]);
    }
}
