//! The data tables the entity extractor and linker read, parsed once per
//! process from files embedded at compile time: the team's gazetteer
//! (`dictionaries/gazetteer/`) and the entity tables (`dictionaries/entities/`).

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use crate::data::data_lines;

use super::EntityType;

/// Where a title stands relative to the name it goes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitlePosition {
    /// After the name: 김철수 교수.
    After,
    /// Before the name: 소설가 한서윤.
    Before,
    /// Either.
    Both,
}

/// A Korean title with its English renderings.
#[derive(Debug, Clone)]
pub struct Title {
    pub en: Vec<String>,
    pub position: TitlePosition,
}

/// A fixed English name for a Korean name (gazetteer row).
#[derive(Debug, Clone)]
pub struct FixedName {
    /// English forms, the usual one first.
    pub en: Vec<String>,
    pub kind: EntityType,
    /// The gazetteer's own type column (province, city, university, ...).
    pub detail: String,
}

/// All entity tables.
pub struct Tables {
    /// Korean titles (gazetteer titles plus `ko-titles.tsv`).
    pub titles: FxHashMap<String, Title>,
    /// Longest title, in characters, for suffix search.
    pub max_title_chars: usize,
    /// Fixed names of places and organisations, and the team's additions.
    pub names: FxHashMap<String, FixedName>,
    /// Name endings that make organisations, events and places.
    pub suffixes: FxHashMap<String, (EntityType, Vec<String>)>,
    pub max_suffix_chars: usize,
    /// Generic parts of names (센터 Center) from `name-parts.tsv`.
    pub name_parts: FxHashMap<String, Vec<String>>,
    /// One-syllable country abbreviations (한 Korea, 베 Vietnam).
    pub country_abbreviations: FxHashMap<String, Vec<String>>,
    /// Words that are never entities.
    pub not_entities: FxHashSet<String>,
    /// English titles before names, as word sequences, longest first.
    pub en_titles: Vec<Vec<String>>,
    /// Capitalised English words that are not names.
    pub en_non_names: FxHashSet<String>,
}

const PLACES: &str = include_str!("../../dictionaries/gazetteer/places.tsv");
const ORGANIZATIONS: &str = include_str!("../../dictionaries/gazetteer/organizations.tsv");
const GAZETTEER_TITLES: &str = include_str!("../../dictionaries/gazetteer/titles.tsv");
const NAME_PARTS: &str = include_str!("../../dictionaries/gazetteer/name-parts.tsv");
const KO_TITLES: &str = include_str!("../../dictionaries/entities/ko-titles.tsv");
const KO_SUFFIXES: &str = include_str!("../../dictionaries/entities/ko-suffixes.tsv");
const KO_NAMES: &str = include_str!("../../dictionaries/entities/ko-names.tsv");
const KO_NAME_WORDS: &str = include_str!("../../dictionaries/entities/ko-name-words.tsv");
const COUNTRY_ABBREVIATIONS: &str =
    include_str!("../../dictionaries/entities/ko-country-abbreviations.tsv");
const NOT_ENTITIES: &str = include_str!("../../dictionaries/entities/not-entities.tsv");
const EN_TITLES: &str = include_str!("../../dictionaries/entities/en-titles.tsv");
const EN_NON_NAMES: &str = include_str!("../../dictionaries/entities/en-non-names.txt");

static TABLES: LazyLock<Tables> = LazyLock::new(Tables::load);

/// The tables, parsed on first use.
pub fn tables() -> &'static Tables {
    &TABLES
}

fn split_forms(column: &str) -> Vec<String> {
    column
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "-")
        .map(str::to_string)
        .collect()
}

/// The entity type a gazetteer type column stands for.
fn gazetteer_kind(detail: &str, from_places: bool) -> EntityType {
    if from_places {
        return EntityType::Location;
    }
    match detail {
        "event" => EntityType::Event,
        _ => EntityType::Organization,
    }
}

impl Tables {
    fn load() -> Tables {
        let mut titles = FxHashMap::default();
        for line in data_lines(GAZETTEER_TITLES, true) {
            let mut cols = line.split('\t');
            if let (Some(ko), Some(en)) = (cols.next(), cols.next()) {
                titles.insert(
                    ko.trim().to_string(),
                    Title {
                        en: split_forms(en),
                        position: TitlePosition::After,
                    },
                );
            }
        }
        for line in data_lines(KO_TITLES, true) {
            let mut cols = line.split('\t');
            if let (Some(ko), Some(en), Some(position)) = (cols.next(), cols.next(), cols.next()) {
                let position = match position.trim() {
                    "before" => TitlePosition::Before,
                    "both" => TitlePosition::Both,
                    _ => TitlePosition::After,
                };
                titles.insert(
                    ko.trim().to_string(),
                    Title {
                        en: split_forms(en),
                        position,
                    },
                );
            }
        }
        let max_title_chars = titles.keys().map(|k| k.chars().count()).max().unwrap_or(0);

        let mut names: FxHashMap<String, FixedName> = FxHashMap::default();
        let mut add_names = |file: &'static str, from_places: bool| {
            for line in data_lines(file, true) {
                let mut cols = line.split('\t');
                let (Some(ko), Some(en)) = (cols.next(), cols.next()) else {
                    continue;
                };
                let detail = cols.next().unwrap_or("").trim().to_string();
                let kind = match detail.as_str() {
                    "person" => EntityType::Person,
                    "location" => EntityType::Location,
                    "organization" => EntityType::Organization,
                    "event" => EntityType::Event,
                    "other" => EntityType::Other,
                    _ => gazetteer_kind(&detail, from_places),
                };
                let entry = names.entry(ko.trim().to_string()).or_insert(FixedName {
                    en: Vec::new(),
                    kind,
                    detail: detail.clone(),
                });
                for form in split_forms(en) {
                    if !entry.en.contains(&form) {
                        entry.en.push(form);
                    }
                }
            }
        };
        add_names(PLACES, true);
        add_names(ORGANIZATIONS, false);
        add_names(KO_NAMES, false);

        let mut suffixes = FxHashMap::default();
        for line in data_lines(KO_SUFFIXES, true) {
            let mut cols = line.split('\t');
            let (Some(suffix), Some(kind)) = (cols.next(), cols.next()) else {
                continue;
            };
            let kind = match kind.trim() {
                "event" => EntityType::Event,
                "location" => EntityType::Location,
                _ => EntityType::Organization,
            };
            let en = cols.next().map(split_forms).unwrap_or_default();
            suffixes.insert(suffix.trim().to_string(), (kind, en));
        }
        let max_suffix_chars = suffixes
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0);

        let mut name_parts = FxHashMap::default();
        for line in data_lines(NAME_PARTS, true).chain(data_lines(KO_NAME_WORDS, true)) {
            let mut cols = line.split('\t');
            if let (Some(ko), Some(en)) = (cols.next(), cols.next()) {
                let forms: Vec<String> = split_forms(en)
                    .into_iter()
                    .filter(|f| !f.starts_with('-'))
                    .collect();
                name_parts
                    .entry(ko.trim().to_string())
                    .or_insert_with(Vec::new)
                    .extend(forms);
            }
        }
        let mut country_abbreviations = FxHashMap::default();
        for line in data_lines(COUNTRY_ABBREVIATIONS, true) {
            let mut cols = line.split('\t');
            if let (Some(ko), Some(en)) = (cols.next(), cols.next()) {
                country_abbreviations.insert(ko.trim().to_string(), split_forms(en));
            }
        }
        let not_entities = data_lines(NOT_ENTITIES, false)
            .map(|l| l.trim().to_string())
            .collect();

        let mut en_titles: Vec<Vec<String>> = data_lines(EN_TITLES, false)
            .map(|l| l.split_whitespace().map(str::to_string).collect())
            .collect();
        for title in titles.values() {
            for form in &title.en {
                let words: Vec<String> = form.split_whitespace().map(str::to_string).collect();
                let capitalised = words
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase));
                if capitalised && words.len() <= 3 && !en_titles.contains(&words) {
                    en_titles.push(words);
                }
            }
        }
        en_titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let en_non_names = data_lines(EN_NON_NAMES, false)
            .map(|l| l.trim().to_string())
            .collect();
        Tables {
            titles,
            max_title_chars,
            names,
            suffixes,
            max_suffix_chars,
            name_parts,
            country_abbreviations,
            not_entities,
            en_titles,
            en_non_names,
        }
    }

    /// The title a word is, if any.
    pub fn title(&self, word: &str) -> Option<&Title> {
        self.titles.get(word)
    }

    /// The longest title the text ends with, as (title, byte offset where it
    /// starts). Single-syllable titles (씨, 군, 양) are only found when they are
    /// the whole text, since they end many ordinary words.
    pub fn title_suffix<'a>(&self, text: &'a str) -> Option<(&'a str, usize)> {
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let count = starts.len();
        for len in (1..=self.max_title_chars.min(count)).rev() {
            let Some(&start) = starts.get(count - len) else {
                continue;
            };
            let Some(candidate) = text.get(start..) else {
                continue;
            };
            if len == 1 && start != 0 {
                continue;
            }
            if self.titles.contains_key(candidate) {
                return Some((candidate, start));
            }
        }
        None
    }

    /// The longest name ending the text ends with: (type, byte offset where
    /// the ending starts).
    pub fn suffix_of(&self, text: &str) -> Option<(EntityType, usize)> {
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let count = starts.len();
        for len in (1..=self.max_suffix_chars.min(count)).rev() {
            let Some(&start) = starts.get(count - len) else {
                continue;
            };
            if let Some((kind, _)) = text.get(start..).and_then(|t| self.suffixes.get(t)) {
                return Some((*kind, start));
            }
        }
        None
    }

    /// Whether an English word sequence starts with a title; its length in words.
    pub fn en_title_len(&self, words: &[&str]) -> usize {
        self.en_titles
            .iter()
            .find(|title| {
                title.len() <= words.len() && title.iter().zip(words).all(|(t, w)| t == w)
            })
            .map_or(0, Vec::len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        let t = tables();
        assert!(t.title("시장").is_some());
        assert!(t.title("부성장").is_some());
        assert_eq!(t.title_suffix("광주시장"), Some(("시장", 6)));
        assert_eq!(
            t.title_suffix("경제과학부시장"),
            Some(("경제과학부시장", 0))
        );
        assert_eq!(t.title_suffix("강"), None);
        assert_eq!(
            t.suffix_of("충남대학교").map(|(k, _)| k),
            Some(EntityType::Organization)
        );
        assert_eq!(
            t.suffix_of("무역박람회").map(|(k, _)| k),
            Some(EntityType::Event)
        );
        assert!(t.names.get("중국").is_some_and(|n| n.en[0] == "China"));
        assert!(t.not_entities.contains("AI"));
        assert_eq!(t.en_title_len(&["Vice", "Gov.", "Choi"]), 2);
        assert_eq!(t.en_title_len(&["Kang"]), 0);
    }
}
