//! Tokenization: Korean morphemes with lindera and mecab-ko-dic ([`ko`]),
//! English words with a small rule-based scanner ([`en`]).

pub mod en;
pub mod ko;

pub use en::{EnToken, EnTokenKind, tokenize_en};
pub use ko::{KoreanTokenizer, Morpheme};
