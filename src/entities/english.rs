//! English names: the word units the linker matches Korean names against,
//! and the capitalised spans of a sentence (names with their titles).
//!
//! English news writes a name as a run of capitalised words with connectors
//! (National Assembly's Land, Infrastructure and Transport Committee, Marché
//! du Film), after a title (Mayor Kang Gi-jung, Vice Gov. Choi, Reps. Moon
//! Sang-hyuk and Jin Ha-neul), hyphenated given names (Gi-jung), surnames in
//! capitals (KANG Gi Jung), names in quotes ("Harbor at Night"), and a
//! sentence-initial capital that is not a name (Set in Busan...). The linker
//! works on [`units`] (words split at hyphens, with how they join), so a
//! Korean name can be found in any part of a sentence; [`names`] gives the
//! capitalised spans for short forms and for names the Korean lacks.

use rustc_hash::FxHashSet;

use serde::Serialize;

use crate::lexicon::{Lexicon, is_stopword, stem_en};
use crate::tokenize::{EnTokenKind, tokenize_en};

use super::tables::tables;

/// How a unit is joined to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Join {
    /// The first unit of the sentence.
    Start,
    /// Whitespace.
    Space,
    /// A hyphen inside a word (Gi-jung, Cheonan-Asan).
    Hyphen,
    /// A comma (Land, Infrastructure and Transport Committee).
    Comma,
    /// A possessive 's (Harvard University's Korea Institute).
    Possessive,
    /// Any other punctuation: names never run across it.
    Break,
}

/// A word of an English sentence, split at hyphens.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    /// Byte span in the sentence.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub lower: String,
    /// Porter2 stem of the lowercase text.
    pub stem: String,
    /// Lexicon stem id, if the lexicon's English side has the stem.
    pub stem_id: Option<u32>,
    pub join: Join,
    /// Starts with a capital letter.
    pub capital: bool,
    /// A function word inside names (of, the, and, for, de, du).
    pub connector: bool,
    /// Written in digits.
    pub number: bool,
    /// Inside quotation marks.
    pub quoted: bool,
}

/// Words that join the parts of a name without being part of its content.
const CONNECTORS: [&str; 18] = [
    "of", "the", "and", "for", "de", "du", "da", "del", "la", "le", "van", "von", "at", "on", "in",
    "to", "a", "&",
];

/// Abbreviations written with a period that does not end anything (titles,
/// company endings): the word after them still belongs to the name.
const DOTTED: [&str; 32] = [
    "Mr", "Ms", "Mrs", "Dr", "Rep", "Reps", "Sen", "Sens", "Gov", "Gen", "Lt", "Maj", "Brig",
    "Col", "Capt", "Sgt", "Adm", "Prof", "St", "Mt", "Co", "Inc", "Corp", "Ltd", "Jr", "Sr", "No",
    "Nos", "Fr", "Rev", "Pres", "Supt",
];

/// Abbreviations whose final period belongs to the name (Samsung
/// Electronics Co., SK hynix Inc.).
pub const NAME_ABBREVIATIONS: [&str; 8] = ["Co", "Inc", "Corp", "Ltd", "Jr", "Sr", "Bros", "Mt"];

/// Byte spans of quotations in an English sentence (straight or curly,
/// double or single quotes; an apostrophe inside a word is not a quote).
pub fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut spans = Vec::new();
    let opens = |c: char| matches!(c, '"' | '“' | '\'' | '‘');
    let closes_for = |c: char| -> &'static [char] {
        match c {
            '"' => &['"', '”'],
            '“' => &['”', '"'],
            '\'' => &['\'', '’'],
            '‘' => &['’', '\''],
            _ => &[],
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let Some(&(byte, c)) = chars.get(i) else {
            break;
        };
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, c)| c);
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let can_open = opens(c)
            && !prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(|n| n.is_alphanumeric() || opens(n));
        if can_open {
            let single = matches!(c, '\'' | '‘');
            let close = chars.iter().enumerate().skip(i + 1).find(|&(j, &(_, d))| {
                if !closes_for(c).contains(&d) {
                    return false;
                }
                let after = chars.get(j + 1).map(|&(_, a)| a);
                // A single quote closes only before a non-letter (not Korea's).
                !single || !after.is_some_and(char::is_alphanumeric)
            });
            if let Some((j, &(close_byte, _))) = close {
                let content = byte + c.len_utf8();
                if close_byte > content {
                    spans.push((content, close_byte));
                }
                // Nested quotes ('AI for All' inside "...") are found too.
                i += 1;
                let _ = j;
                continue;
            }
        }
        i += 1;
    }
    spans
}

/// The units of an English sentence.
pub fn units(text: &str, lexicon: &Lexicon) -> Vec<Unit> {
    let quotes = quoted_spans(text);
    let tokens = tokenize_en(text);
    let mut out: Vec<Unit> = Vec::new();
    let mut pending = Join::Start;
    let mut previous_end: Option<usize> = None;
    for token in &tokens {
        match token.kind {
            EnTokenKind::Punct => {
                let t = token.text.as_str();
                // Rep. Moon, J. K. Hollis: the period of an abbreviation or
                // an initial does not separate words.
                let abbreviation = t == "."
                    && previous_end == Some(token.start)
                    && out.last().is_some_and(|u: &Unit| {
                        DOTTED.contains(&u.text.as_str())
                            || u.text.chars().count() == 1 && u.capital
                    });
                if abbreviation {
                    previous_end = Some(token.end);
                    pending = Join::Space;
                    continue;
                }
                pending = match (t, pending) {
                    (",", Join::Space | Join::Start) if !out.is_empty() => Join::Comma,
                    ("&", _) => Join::Space,
                    _ => Join::Break,
                };
                previous_end = Some(token.end);
                continue;
            }
            EnTokenKind::Possessive => {
                pending = Join::Possessive;
                previous_end = Some(token.end);
                continue;
            }
            EnTokenKind::Url => {
                pending = Join::Break;
                previous_end = Some(token.end);
                continue;
            }
            _ => {}
        }
        let join = if out.is_empty() {
            Join::Start
        } else if pending != Join::Start {
            pending
        } else if previous_end.is_some_and(|e| e < token.start) {
            Join::Space
        } else {
            Join::Break
        };
        pending = Join::Start;
        // Split words at hyphens: Gi-jung → Gi + jung.
        let mut first = true;
        let mut offset = token.start;
        for part in token.text.split(['-', '‐', '‑']) {
            let start = offset;
            let end = start + part.len();
            offset = end + 1;
            if part.is_empty() {
                continue;
            }
            let lower = part.to_lowercase();
            // U.S. and US compare equal.
            let stem = stem_en(&fold_accents(&lower).replace('.', ""));
            let stem_id = lexicon.vocab().get(&stem);
            let capital = part.chars().next().is_some_and(char::is_uppercase);
            out.push(Unit {
                start,
                end,
                text: part.to_string(),
                // A hyphenated part is never a connector (Tae-in, not "in").
                connector: first && !capital && CONNECTORS.contains(&lower.as_str()) || part == "&",
                number: part.chars().next().is_some_and(|c| c.is_ascii_digit()),
                lower,
                stem,
                stem_id,
                join: if first { join } else { Join::Hyphen },
                capital,
                quoted: quotes.iter().any(|&(s, e)| s <= start && end <= e),
            });
            first = false;
        }
        previous_end = Some(token.end);
    }
    out
}

/// The text without accents (Marché → Marche), for comparing spellings.
pub fn fold_accents(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// Whether a word is written in capitals (KANG, IMEC).
pub fn all_caps(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// Whether most words of the sentence are capitalised: a headline in title
/// case, where capitals say nothing about names.
pub fn title_case(units: &[Unit]) -> bool {
    let words: Vec<&Unit> = units
        .iter()
        .filter(|u| !u.number && !u.connector && u.join != Join::Hyphen)
        .collect();
    let caps = words.iter().filter(|u| u.capital).count();
    words.len() >= 3 && caps * 10 >= words.len() * 8
}

/// A capitalised span of an English sentence: a name, with its title.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnName {
    /// Index of the sentence (segment) in the English document.
    pub sentence: usize,
    /// Byte span of the name (title excluded) in the sentence.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The title written before it (Mayor, Vice Gov., Reps.).
    pub title: Option<String>,
    /// Inside quotation marks.
    pub quoted: bool,
}

/// Whether a capitalised word at the start of a sentence is an ordinary
/// word rather than a name (Set, Polls, Best, The).
fn common_opener(unit: &Unit) -> bool {
    let t = tables();
    t.en_non_names.contains(unit.text.as_str())
        || is_stopword(&unit.lower)
        || unit.stem_id.is_some() && !all_caps(&unit.text) && !lexicon_is_name(&unit.lower)
}

/// Whether a capitalised span holds a word that is a name rather than an
/// ordinary word (Port Hamilton Incident: Hamilton; not "English and
/// Japanese", "AI", "I'll").
pub fn has_proper_word(span: &str, lexicon: &Lexicon) -> bool {
    let t = tables();
    !span.contains(['\'', '’'])
        && span
            .split(|c: char| c.is_whitespace() || c == '-')
            .any(|w| {
                let w = w.trim_end_matches(['.', ',']);
                let lower = w.to_lowercase();
                let common = lexicon.vocab().get(&stem_en(&lower)).is_some();
                w.chars().next().is_some_and(char::is_uppercase)
                    && !t.en_non_names.contains(w)
                    && !t.not_entities.contains(w)
                    && !is_stopword(&lower)
                    && (!common || lexicon_is_name(&lower) || all_caps(w) && w.chars().count() >= 2)
            })
}

/// Lexicon stems that are also names (the English side of the gazetteer is
/// in the lexicon too): Korea, China, Busan are names, not common words.
fn lexicon_is_name(lower: &str) -> bool {
    let t = tables();
    t.names
        .values()
        .any(|n| n.en.iter().any(|f| f.eq_ignore_ascii_case(lower)))
}

/// The capitalised spans of a sentence: runs of capitalised words joined by
/// spaces, hyphens or connectors, with a title before them split off, and a
/// sentence-initial common word dropped. Titles alone and single common
/// words are not names. In a `headline` (title case), only quoted names are
/// returned.
pub fn names(sentence: usize, text: &str, units: &[Unit], headline: bool) -> Vec<EnName> {
    names_knowing(sentence, text, units, headline, &FxHashSet::default())
}

/// [`names`], keeping capitalised words found in `known` (lowercase words of
/// names already linked: "Han", "Moon") even where they could be ordinary
/// words opening a sentence.
pub fn names_knowing(
    sentence: usize,
    text: &str,
    units: &[Unit],
    headline: bool,
    known: &FxHashSet<String>,
) -> Vec<EnName> {
    let t = tables();
    let common_opener = |u: &Unit| common_opener(u) && !known.contains(&u.lower);
    let mut out = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let Some(first) = units.get(i) else { break };
        if !first.capital || first.connector && first.lower != "the" {
            i += 1;
            continue;
        }
        // The run of capitalised units (connectors inside).
        let mut j = i;
        while let Some(next) = units.get(j + 1) {
            if !matches!(next.join, Join::Space | Join::Hyphen) {
                break;
            }
            if next.capital || next.join == Join::Hyphen {
                j += 1;
                continue;
            }
            // A connector followed by a capitalised word continues the name;
            // "and" between people's names (with hyphenated given names)
            // separates them.
            let people = units
                .get(i..=j)
                .is_some_and(|run| run.iter().any(|u| u.join == Join::Hyphen));
            if next.connector
                && !(next.lower == "and" && people)
                && units
                    .get(j + 2)
                    .is_some_and(|after| after.capital && after.join == Join::Space)
            {
                j += 2;
                continue;
            }
            break;
        }
        let mut start = i;
        // Units k..=j as written, abbreviations with their dot (Gov.).
        let dotted_words = |k: usize| -> Vec<String> {
            units
                .get(k..=j)
                .unwrap_or(&[])
                .iter()
                .map(|u| {
                    if text.get(u.end..u.end + 1) == Some(".") {
                        format!("{}.", u.text)
                    } else {
                        u.text.clone()
                    }
                })
                .collect()
        };
        // Sentence-initial common words and leading "The" (not a title:
        // "Vice Gov. Choi said").
        let opens_title = |k: usize| {
            let words = dotted_words(k);
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            t.en_title_len(&words) > 0
        };
        while start <= j
            && !opens_title(start)
            && units.get(start).is_some_and(|u| {
                u.lower == "the"
                    || u.connector
                    || (start == 0
                        || units
                            .get(start.saturating_sub(1))
                            .is_some_and(|p| p.join == Join::Break)
                        || headline)
                        && common_opener(u)
            })
        {
            start += 1;
        }
        // A title inside the run splits it: what comes before is a name of
        // its own (Gwangju in "Gwangju Mayor Kang Gi-jung"), what follows is
        // the titled name.
        let title_at = |k: usize| -> usize {
            let words = dotted_words(k);
            let dotted: Vec<&str> = words.iter().map(String::as_str).collect();
            let plain: Vec<&str> = units
                .get(k..=j)
                .unwrap_or(&[])
                .iter()
                .map(|u| u.text.as_str())
                .collect();
            t.en_title_len(&dotted).max(t.en_title_len(&plain))
        };
        let mut title_len = 0;
        let mut split = None;
        for k in start..=j {
            let n = title_at(k);
            if n > 0 && k + n <= j && units.get(k).is_some_and(|u| u.join != Join::Hyphen) {
                split = Some(k);
                let mut len = n;
                // Titles in a row: Vice Gov. / Lt. Gen.
                while k + len <= j {
                    let more = title_at(k + len);
                    if more == 0 || k + len + more > j {
                        break;
                    }
                    len += more;
                }
                title_len = len;
                break;
            }
        }
        if let Some(k) = split
            && k > start
            && let (Some(a), Some(b)) = (units.get(start), units.get(k - 1))
            && (!headline || a.quoted)
            && !(k - 1 == start && common_opener(a))
        {
            out.push(EnName {
                sentence,
                start: a.start,
                end: b.end,
                text: text.get(a.start..b.end).unwrap_or("").to_string(),
                title: None,
                quoted: a.quoted,
            });
        }
        let start = split.unwrap_or(start);
        let name_start = start + title_len;
        if name_start <= j
            && let (Some(a), Some(b)) = (units.get(name_start), units.get(j))
        {
            let end = if NAME_ABBREVIATIONS.contains(&b.text.as_str())
                && text.get(b.end..b.end + 1) == Some(".")
            {
                b.end + 1
            } else {
                b.end
            };
            let title = (title_len > 0).then(|| {
                let (Some(ta), Some(tb)) = (units.get(start), units.get(name_start - 1)) else {
                    return String::new();
                };
                let title_end = if text.get(tb.end..tb.end + 1) == Some(".") {
                    tb.end + 1
                } else {
                    tb.end
                };
                text.get(ta.start..title_end).unwrap_or("").to_string()
            });
            let single_common = name_start == j && common_opener(a) && !all_caps(&a.text);
            if !single_common && (!headline || a.quoted) {
                out.push(EnName {
                    sentence,
                    start: a.start,
                    end,
                    text: text.get(a.start..end).unwrap_or("").to_string(),
                    title: title.filter(|t| !t.is_empty()),
                    quoted: a.quoted,
                });
            }
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, Option<String>)> {
        let lexicon = Lexicon::builtin();
        let u = units(text, lexicon);
        names(0, text, &u, false)
            .into_iter()
            .map(|n| (n.text, n.title))
            .collect()
    }

    #[test]
    fn units_split_hyphens_and_keep_joins() {
        let lexicon = Lexicon::builtin();
        let u = units("Mayor Kang Gi-jung's plan, Cheonan-Asan.", lexicon);
        let texts: Vec<&str> = u.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Mayor", "Kang", "Gi", "jung", "plan", "Cheonan", "Asan"]
        );
        assert_eq!(u[3].join, Join::Hyphen);
        assert_eq!(u[4].join, Join::Possessive);
        assert_eq!(u[5].join, Join::Comma);
    }

    #[test]
    fn names_with_titles_connectors_and_capitals() {
        let found = spans(
            "On September 24, Gwangju Mayor Kang Gi-jung met Lu Shan, Vice Governor of Zhejiang Province.",
        );
        assert!(
            found
                .iter()
                .any(|(t, title)| t == "Kang Gi-jung" && title.as_deref() == Some("Mayor")),
            "{found:?}"
        );
        assert!(found.iter().any(|(t, _)| t == "Lu Shan"), "{found:?}");
        let found = spans("No. 1 YOON Jae Seok (Democratic Party), former lawmaker");
        assert!(found.iter().any(|(t, _)| t == "YOON Jae Seok"), "{found:?}");
        let found = spans("Reps. Moon Sang-hyuk and Jin Ha-neul accompanied them.");
        assert!(
            found
                .iter()
                .any(|(t, title)| t == "Moon Sang-hyuk" && title.as_deref() == Some("Reps.")),
            "{found:?}"
        );
        let found =
            spans("Set in Busan's Gamcheon Port, it follows Samsung Electronics Co. plans.");
        assert!(found.iter().any(|(t, _)| t == "Busan"), "{found:?}");
        assert!(
            !found.iter().any(|(t, _)| t.starts_with("Set")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(t, _)| t == "Samsung Electronics Co."),
            "{found:?}"
        );
    }

    #[test]
    fn quotes_and_apostrophes() {
        let text = "Korea's vision of 'AI for All' and \"Harbor at Night\" won.";
        let q: Vec<&str> = quoted_spans(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(q, ["AI for All", "Harbor at Night"]);
        assert!(quoted_spans("").is_empty());
        assert!(quoted_spans("'").is_empty());
        assert!(quoted_spans("\"\"").is_empty());
    }

    #[test]
    fn no_panics_on_odd_input() {
        for text in [
            "",
            "-",
            "'s",
            "A-",
            "-B",
            "Co.",
            "Mr.",
            "“",
            "Kang-",
            "  ",
            "&&",
            "U.S.-Korea",
        ] {
            let _ = spans(text);
        }
    }
}
