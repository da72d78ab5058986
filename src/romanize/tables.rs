//! The data tables of `dictionaries/romanization/`, embedded with `include_str!`
//! and parsed once on first use.
//!
//! Tables are plain TSV so that a linguist can read and correct them without
//! touching code. Parsing never panics: a malformed row is skipped (the unit
//! tests below check that every shipped row parses, so a skipped row is a bug
//! caught in CI, not a crash in production).

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use super::hangul::{FINAL_COUNT, INITIAL_COUNT, Syllable, VOWEL_COUNT};

const JAMO_TSV: &str = include_str!("../../dictionaries/romanization/jamo.tsv");
const SURNAMES_TSV: &str = include_str!("../../dictionaries/romanization/surnames.tsv");
const N_INSERTION_TSV: &str = include_str!("../../dictionaries/romanization/n_insertion.tsv");
const ADMIN_UNITS_TSV: &str = include_str!("../../dictionaries/romanization/admin_units.tsv");
const SPELLING_VARIANTS_TSV: &str =
    include_str!("../../dictionaries/romanization/spelling_variants.tsv");
const FOREIGN_SPELLINGS_TSV: &str =
    include_str!("../../dictionaries/romanization/foreign_spellings.tsv");
const LETTER_NAMES_TSV: &str = include_str!("../../dictionaries/romanization/letter_names.tsv");

/// Data rows of a TSV table: comments (`#`), blank lines and the header row dropped.
fn data_rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .skip(1)
        .map(|line| line.split('\t').map(str::trim).collect())
}

/// Position of a jamo inside a syllable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Position {
    Initial,
    Vowel,
    Final,
}

impl Position {
    fn parse(text: &str) -> Option<Position> {
        match text {
            "initial" => Some(Position::Initial),
            "vowel" => Some(Position::Vowel),
            "final" => Some(Position::Final),
            _ => None,
        }
    }
}

/// Letters of one jamo in each output system (one row of `jamo.tsv`).
#[derive(Clone, Debug, Default)]
pub struct JamoLetters {
    pub rr: String,
    pub mr: String,
    pub translit: String,
}

/// Letters for every jamo, indexed like [`Syllable`] fields. Finals start at
/// index 1 (index 0 = no final, all empty).
#[derive(Debug)]
pub struct JamoTable {
    pub initials: Vec<JamoLetters>,
    pub vowels: Vec<JamoLetters>,
    pub finals: Vec<JamoLetters>,
}

/// The jamo letter table.
pub static JAMO: LazyLock<JamoTable> = LazyLock::new(|| {
    let mut table = JamoTable {
        initials: Vec::new(),
        vowels: Vec::new(),
        finals: vec![JamoLetters::default()],
    };
    for row in data_rows(JAMO_TSV) {
        let (Some(position), Some(rr), Some(mr), Some(translit)) = (
            row.first().and_then(|p| Position::parse(p)),
            row.get(2),
            row.get(3),
            row.get(4),
        ) else {
            continue;
        };
        let letters = JamoLetters {
            rr: rr.to_string(),
            mr: mr.to_string(),
            translit: translit.to_string(),
        };
        match position {
            Position::Initial => table.initials.push(letters),
            Position::Vowel => table.vowels.push(letters),
            Position::Final => table.finals.push(letters),
        }
    }
    // Pad so that indexing by a valid jamo index can never go out of bounds.
    table
        .initials
        .resize(INITIAL_COUNT as usize, JamoLetters::default());
    table
        .vowels
        .resize(VOWEL_COUNT as usize, JamoLetters::default());
    table
        .finals
        .resize(FINAL_COUNT as usize, JamoLetters::default());
    table
});

/// Compatibility jamo (ㄱ, ㅏ, ...) used in the tables, mapped to an index for
/// the given position.
pub fn jamo_index(position: Position, jamo: &str) -> Option<u8> {
    const INITIALS: &str = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
    const VOWELS: &str = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
    const FINALS: &str = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";
    let mut chars = jamo.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    let (list, offset) = match position {
        Position::Initial => (INITIALS, 0),
        Position::Vowel => (VOWELS, 0),
        Position::Final => (FINALS, 1),
    };
    list.chars()
        .position(|x| x == c)
        .map(|i| (i + offset) as u8)
}

/// One surname with the spellings people use for it (a row of `surnames.tsv`).
#[derive(Clone, Debug)]
pub struct Surname {
    pub hangul: String,
    pub syllables: Vec<Syllable>,
    pub rr: String,
    pub mr: String,
    /// Lowercase conventional spellings, most common first.
    pub spellings: Vec<String>,
    /// Display form of the first spelling ("Lee").
    pub conventional: String,
    /// Two-syllable surname that yields to surname+2-syllable given name in 3-syllable names.
    pub split_one_plus_two: bool,
}

/// Surnames keyed by Hangul, plus the lowercase spelling → surnames index.
#[derive(Debug, Default)]
pub struct SurnameTable {
    pub entries: Vec<Surname>,
    pub by_hangul: FxHashMap<String, usize>,
    pub by_spelling: FxHashMap<String, Vec<usize>>,
}

/// The surname table.
pub static SURNAMES: LazyLock<SurnameTable> = LazyLock::new(|| {
    let mut table = SurnameTable::default();
    for row in data_rows(SURNAMES_TSV) {
        let (Some(hangul), Some(rr), Some(mr), Some(spellings)) =
            (row.first(), row.get(1), row.get(2), row.get(3))
        else {
            continue;
        };
        let syllables = super::hangul::syllables(hangul);
        if syllables.is_empty() || table.by_hangul.contains_key(*hangul) {
            continue;
        }
        let flags = row.get(4).copied().unwrap_or("");
        let display: Vec<&str> = spellings
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let index = table.entries.len();
        for spelling in &display {
            table
                .by_spelling
                .entry(spelling.to_ascii_lowercase())
                .or_default()
                .push(index);
        }
        table.by_hangul.insert(hangul.to_string(), index);
        table.entries.push(Surname {
            hangul: hangul.to_string(),
            syllables,
            rr: rr.to_string(),
            mr: mr.to_string(),
            conventional: display.first().unwrap_or(rr).to_string(),
            spellings: display.iter().map(|s| s.to_ascii_lowercase()).collect(),
            split_one_plus_two: flags.split(',').any(|f| f.trim() == "split-1+2"),
        });
    }
    table
});

/// Words with an inserted ㄴ, as (syllables, boundary) from `n_insertion.tsv`.
pub static N_INSERTION: LazyLock<Vec<(Vec<Syllable>, usize)>> = LazyLock::new(|| {
    data_rows(N_INSERTION_TSV)
        .filter_map(|row| {
            let word = super::hangul::syllables(row.first()?);
            let boundary: usize = row.get(1)?.parse().ok()?;
            (boundary > 0 && boundary < word.len()).then_some((word, boundary))
        })
        .collect()
});

/// Administrative-unit data from `admin_units.tsv`.
#[derive(Debug, Default)]
pub struct AdminTable {
    /// Unit syllable → its romanization (구 → gu).
    pub units: FxHashMap<char, String>,
    /// One-syllable bases that take the unit 구 면 읍 (남구 Nam-gu).
    pub one_syllable_bases: Vec<char>,
    /// Ordinal prefixes dropped before a numbered unit (제1동).
    pub ordinals: Vec<char>,
    /// Whole names ending in a unit syllable that is part of the name.
    pub not_units: Vec<String>,
    /// Status words left out of official English (특별시, 광역시).
    pub dropped: Vec<String>,
    /// Status words replaced by a unit (특별자치도 → do).
    pub replaced: Vec<(String, String)>,
}

/// The administrative-unit table.
pub static ADMIN: LazyLock<AdminTable> = LazyLock::new(|| {
    let mut table = AdminTable::default();
    for row in data_rows(ADMIN_UNITS_TSV) {
        let (Some(text), Some(kind)) = (row.first(), row.get(1)) else {
            continue;
        };
        let roman = row.get(2).copied().unwrap_or("");
        match *kind {
            "unit" => {
                if let Some(c) = text.chars().next() {
                    table.units.insert(c, roman.to_string());
                }
            }
            "one-syllable-base" => table.one_syllable_bases.extend(text.chars().next()),
            "not-unit" => table.not_units.push(text.to_string()),
            "ordinal" => table.ordinals.extend(text.chars().next()),
            "drop" => table.dropped.push(text.to_string()),
            "keep-unit" => table.replaced.push((text.to_string(), roman.to_string())),
            _ => {}
        }
    }
    // Longest status words first so that 특별자치시 wins over 자치시-like suffixes.
    table
        .dropped
        .sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    table
});

/// Context in which a spelling variant applies (column `context` of
/// `spelling_variants.tsv` and `foreign_spellings.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Any,
    /// Initial before the vowel ㅣ or ㅢ.
    BeforeI,
    /// Initial before ㅣ ㅢ ㅟ or a y-vowel.
    BeforeIy,
    /// Initial before ㅜ.
    BeforeU,
    /// Initial of the first syllable of a name part, before an i/y vowel.
    WordInitialBeforeIy,
    /// Vowel after ㅈ ㅊ ㅅ ㅉ ㅆ.
    AfterPalatal,
    /// Vowel after a consonant (not a silent ㅇ).
    AfterConsonant,
    /// Vowel after a silent ㅇ.
    AfterSilent,
    /// Vowel of an open syllable followed by a silent-ㅇ syllable with ㅣ (바이).
    BeforeSilentI,
    /// Vowel of an open syllable followed by a silent-ㅇ syllable with ㅜ (다운).
    BeforeSilentU,
    /// Vowel of a silent-ㅇ syllable right after an open syllable.
    AfterVowelSilent,
    /// Initial ㄹ after a final ㄹ.
    AfterL,
    /// Initial after a final ㄱ.
    AfterK,
    /// ㅣ after ㅈ or ㅊ in the last syllable of the word.
    AfterPalatalFinal,
}

impl Context {
    fn parse(text: &str) -> Option<Context> {
        Some(match text {
            "" | "any" => Context::Any,
            "before-i" => Context::BeforeI,
            "before-iy" => Context::BeforeIy,
            "before-u" => Context::BeforeU,
            "word-initial-before-iy" => Context::WordInitialBeforeIy,
            "after-palatal" => Context::AfterPalatal,
            "after-consonant" => Context::AfterConsonant,
            "after-silent" => Context::AfterSilent,
            "before-silent-i" => Context::BeforeSilentI,
            "before-silent-u" => Context::BeforeSilentU,
            "after-vowel-silent" => Context::AfterVowelSilent,
            "after-l" => Context::AfterL,
            "after-k" => Context::AfterK,
            "after-palatal-final" => Context::AfterPalatalFinal,
            _ => return None,
        })
    }
}

/// One way of spelling a jamo, with its cost and where it applies.
#[derive(Clone, Debug)]
pub struct Variant {
    pub spelling: String,
    pub cost: f32,
    pub context: Context,
}

/// Spelling variants per jamo: `initials[i]`, `vowels[v]`, `finals[f]` (finals
/// only at the 7 representative indices).
#[derive(Debug, Default)]
pub struct VariantTable {
    pub initials: Vec<Vec<Variant>>,
    pub vowels: Vec<Vec<Variant>>,
    pub finals: Vec<Vec<Variant>>,
}

fn parse_variant_table(tsv: &str) -> VariantTable {
    let mut table = VariantTable {
        initials: vec![Vec::new(); INITIAL_COUNT as usize],
        vowels: vec![Vec::new(); VOWEL_COUNT as usize],
        finals: vec![Vec::new(); FINAL_COUNT as usize],
    };
    for row in data_rows(tsv) {
        let (Some(position), Some(jamo), Some(spelling), Some(cost)) = (
            row.first().and_then(|p| Position::parse(p)),
            row.get(1),
            row.get(2),
            row.get(3).and_then(|c| c.parse::<f32>().ok()),
        ) else {
            continue;
        };
        let Some(context) = Context::parse(row.get(4).copied().unwrap_or("")) else {
            continue;
        };
        let Some(index) = jamo_index(position, jamo) else {
            continue;
        };
        let list = match position {
            Position::Initial => &mut table.initials,
            Position::Vowel => &mut table.vowels,
            Position::Final => &mut table.finals,
        };
        if let Some(slot) = list.get_mut(index as usize) {
            slot.push(Variant {
                spelling: spelling.to_ascii_lowercase(),
                cost,
                context,
            });
        }
    }
    table
}

/// Spelling variants of Korean names and words (`spelling_variants.tsv`).
pub static SPELLING_VARIANTS: LazyLock<VariantTable> =
    LazyLock::new(|| parse_variant_table(SPELLING_VARIANTS_TSV));

/// Spellings of Hangul jamo in foreign words and names (`foreign_spellings.tsv`).
pub static FOREIGN_SPELLINGS: LazyLock<VariantTable> =
    LazyLock::new(|| parse_variant_table(FOREIGN_SPELLINGS_TSV));

/// Korean names of the letters a–z (`letter_names.tsv`), index 0 = a.
pub static LETTER_NAMES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let mut names = vec![Vec::new(); 26];
    for row in data_rows(LETTER_NAMES_TSV) {
        let (Some(letter), Some(list)) = (row.first(), row.get(1)) else {
            continue;
        };
        let Some(index) = letter
            .bytes()
            .next()
            .filter(u8::is_ascii_alphabetic)
            .map(|b| (b.to_ascii_lowercase() - b'a') as usize)
        else {
            continue;
        };
        if let Some(slot) = names.get_mut(index) {
            slot.extend(
                list.split(',')
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty()),
            );
        }
    }
    names
});

#[cfg(test)]
mod tests {
    use super::*;

    fn row_count(tsv: &str) -> usize {
        data_rows(tsv).count()
    }

    #[test]
    fn jamo_table_is_complete() {
        assert_eq!(row_count(JAMO_TSV), 19 + 21 + 27);
        assert_eq!(JAMO.initials[0].rr, "g");
        assert_eq!(JAMO.initials[11].rr, "");
        assert_eq!(JAMO.vowels[19].rr, "ui");
        assert_eq!(JAMO.finals[21].rr, "ng");
        assert_eq!(JAMO.finals[18].translit, "bs");
        for (i, row) in data_rows(JAMO_TSV).enumerate() {
            let position = Position::parse(row[0]).unwrap();
            let expected = match position {
                Position::Initial => i,
                Position::Vowel => i - 19,
                Position::Final => i - 40 + 1,
            };
            assert_eq!(
                jamo_index(position, row[1]),
                Some(expected as u8),
                "{row:?}"
            );
        }
    }

    #[test]
    fn surname_table_parses_every_row() {
        assert_eq!(SURNAMES.entries.len(), row_count(SURNAMES_TSV));
        let lee = &SURNAMES.entries[SURNAMES.by_hangul["이"]];
        assert_eq!(lee.conventional, "Lee");
        assert!(lee.spellings.contains(&"rhee".to_string()));
        assert!(SURNAMES.entries[SURNAMES.by_hangul["선우"]].split_one_plus_two);
        assert!(SURNAMES.by_spelling["park"].contains(&SURNAMES.by_hangul["박"]));
    }

    #[test]
    fn other_tables_parse_every_row() {
        assert_eq!(N_INSERTION.len(), row_count(N_INSERTION_TSV));
        assert_eq!(row_count(LETTER_NAMES_TSV), 26);
        assert!(LETTER_NAMES.iter().all(|names| !names.is_empty()));
        let admin_rows = row_count(ADMIN_UNITS_TSV);
        let admin = &*ADMIN;
        let parsed = admin.units.len()
            + admin.one_syllable_bases.len()
            + admin.not_units.len()
            + admin.ordinals.len()
            + admin.dropped.len()
            + admin.replaced.len();
        assert_eq!(parsed, admin_rows);
        for tsv in [SPELLING_VARIANTS_TSV, FOREIGN_SPELLINGS_TSV] {
            let table = parse_variant_table(tsv);
            let parsed: usize = table
                .initials
                .iter()
                .chain(&table.vowels)
                .chain(&table.finals)
                .map(Vec::len)
                .sum();
            assert_eq!(parsed, row_count(tsv));
        }
    }
}
