//! Hangul romanization (RR, MR, names) and romanization-aware name matching.
//!
//! English news spells one Korean name in many ways (강기정: "Kang Gi-jung",
//! "Kang Gijeong", "KANG Gi Jung"), and writes foreign names by their
//! original spelling (항저우: "Hangzhou"). This module gives the aligner both
//! directions:
//!
//! - **Romanization**: [`romanize`] with a [`System`]: Revised Romanization
//!   with the standard's sound changes, units and hyphens
//!   ([`romanize_rr_with`] for options), the rule-3.8 transliteration,
//!   McCune–Reischauer with or without diacritics, and name styles
//!   ([`romanize_name`] gives them all at once).
//! - **Matching**: [`match_hangul_english`] (or a prepared [`HangulMatcher`]
//!   for many candidates, and [`HangulMatcher::find_in`] to locate a name in a
//!   sentence), [`same_korean_name`] for two English spellings,
//!   [`match_foreign`] for transcribed foreign words, and the cheap
//!   [`romanization_key`] / [`key_similarity`] for blocking.
//! - **Names**: [`split_name`] and [`looks_like_korean_name`], driven by the
//!   surname table.
//!
//! Every data table is a TSV file in `dictionaries/romanization/`, embedded at
//! compile time and parsed once. No function panics on any input.

mod acronym;
mod find;
mod foreign;
mod hangul;
mod key;
pub(crate) mod latin;
mod lattice;
mod matching;
mod mr;
mod names;
mod pronounce;
mod rr;
mod slots;
mod tables;
mod text;
mod variants;

pub use find::{FoundSpan, find_in_english};
pub use foreign::{ForeignMatcher, match_foreign};
pub use key::{key_similarity, romanization_key};
pub use matching::{HangulMatcher, MATCH_THRESHOLD, MatchKind, NameMatch, match_hangul_english};
pub use names::{NameParts, NameRomanizations, looks_like_korean_name, romanize_name, split_name};
pub use rr::RrOptions;
pub use text::AdminUnits;
pub use variants::same_korean_name;

/// A romanization system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum System {
    /// Revised Romanization (2000), pronunciation-based: 종로구 jongno-gu.
    Rr,
    /// RR transliteration mode (rule 3.8), spelling-based: 없었습니다 eobs-eoss-seubnida.
    RrTranslit,
    /// McCune–Reischauer with breves and apostrophes: 청주 ch'ŏngju.
    Mr,
    /// McCune–Reischauer as usually printed, without diacritics: chongju.
    MrAscii,
    /// RR name style: 한복남 Han Boknam (conventional surname spelling).
    Name,
    /// MR name style, as used for North Korean names: 김정은 Kim Chŏng-ŭn.
    NameMr,
    /// MR name style without diacritics: Kim Chong-un.
    NameMrAscii,
}

impl System {
    /// Every system, in the column order of `koalign romanize --system all`.
    pub const ALL: [System; 7] = [
        System::Rr,
        System::RrTranslit,
        System::Mr,
        System::MrAscii,
        System::Name,
        System::NameMr,
        System::NameMrAscii,
    ];

    /// The command-line name (`rr`, `rr-translit`, `mr`, `mr-ascii`, `name`,
    /// `name-mr`, `name-mr-ascii`).
    pub fn as_str(self) -> &'static str {
        match self {
            System::Rr => "rr",
            System::RrTranslit => "rr-translit",
            System::Mr => "mr",
            System::MrAscii => "mr-ascii",
            System::Name => "name",
            System::NameMr => "name-mr",
            System::NameMrAscii => "name-mr-ascii",
        }
    }
}

impl std::fmt::Display for System {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for an unknown system name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown romanization system {0:?} (expected one of rr, rr-translit, mr, mr-ascii, name, name-mr, name-mr-ascii)"
)]
pub struct UnknownSystem(pub String);

impl std::str::FromStr for System {
    type Err = UnknownSystem;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        System::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| UnknownSystem(text.to_string()))
    }
}

/// Romanizes Hangul text with `system`. Non-Hangul characters are copied, so
/// mixed text ("K팝 2024년") is safe. RR and MR are lowercase (RR 3.3
/// capitalises only proper nouns: use [`romanize_rr_with`] for that); the name
/// styles are capitalised.
pub fn romanize(hangul: &str, system: System) -> String {
    match system {
        System::Rr => rr::romanize_rr(hangul, &RrOptions::default()),
        System::RrTranslit => rr::romanize_rr_translit(hangul),
        System::Mr => mr::romanize_mr(hangul, false, false),
        System::MrAscii => mr::romanize_mr(hangul, true, false),
        System::Name => romanize_name(hangul).rr,
        System::NameMr => romanize_name(hangul).mr,
        System::NameMrAscii => romanize_name(hangul).mr_ascii,
    }
}

/// RR with explicit options: capitalisation, the hyphens of rule 3.2, and how
/// administrative units are written (rule 3.5).
pub fn romanize_rr_with(hangul: &str, options: &RrOptions) -> String {
    rr::romanize_rr(hangul, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn systems_round_trip_through_names() {
        for system in System::ALL {
            assert_eq!(system.as_str().parse::<System>(), Ok(system));
            assert_eq!(system.to_string(), system.as_str());
        }
        assert!("hepburn".parse::<System>().is_err());
    }

    #[test]
    fn romanize_dispatches() {
        assert_eq!(romanize("종로구", System::Rr), "jongno-gu");
        assert_eq!(romanize("집", System::RrTranslit), "jib");
        assert_eq!(romanize("한국", System::Mr), "han'guk");
        assert_eq!(romanize("한국", System::MrAscii), "hanguk");
        assert_eq!(romanize("한복남", System::Name), "Han Boknam");
        assert_eq!(romanize("김정은", System::NameMr), "Kim Chŏng-ŭn");
        assert_eq!(romanize("김정은", System::NameMrAscii), "Kim Chong-un");
    }
}
