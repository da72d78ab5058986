//! The data tables in `dictionaries/numbers/`, parsed once into lookup structures.
//!
//! The tables are compiled in with `include_str!`, so the module needs no files at run time.
//! A malformed line is skipped (extraction must never fail); `Tables::problems` lists such
//! lines and a unit test keeps it empty.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use super::{Currency, TimeUnit};

const KO_UNITS: &str = include_str!("../../dictionaries/numbers/ko_units.tsv");
const KO_FOLLOWERS: &str = include_str!("../../dictionaries/numbers/ko_followers.tsv");
const KO_NATIVE: &str = include_str!("../../dictionaries/numbers/ko_native.tsv");
const KO_MODIFIERS: &str = include_str!("../../dictionaries/numbers/ko_modifiers.tsv");
const KO_WEEKDAYS: &str = include_str!("../../dictionaries/numbers/ko_weekdays.tsv");
const KO_CONTEXT: &str = include_str!("../../dictionaries/numbers/ko_context.tsv");
const EN_WORDS: &str = include_str!("../../dictionaries/numbers/en_words.tsv");
const EN_UNITS: &str = include_str!("../../dictionaries/numbers/en_units.tsv");
const EN_CALENDAR: &str = include_str!("../../dictionaries/numbers/en_calendar.tsv");
const EN_MODIFIERS: &str = include_str!("../../dictionaries/numbers/en_modifiers.tsv");
const EN_CONTEXT: &str = include_str!("../../dictionaries/numbers/en_context.tsv");
const CURRENCY_SIGNS: &str = include_str!("../../dictionaries/numbers/currency_signs.tsv");

/// What a unit word makes of the number before it. `Year`, `Decade`, `Month`, `Day`, `Clock`,
/// `Minute` and `Fraction` need rules (2024년 is a year, 2년 a duration), applied in `ko.rs`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum UnitKind {
    Money(Currency),
    Percent,
    PercentPoint,
    Points,
    Count,
    /// A count in a physical unit (km, tons): another language may convert it.
    Measure,
    Ordinal,
    Multiple,
    Age,
    Duration(TimeUnit),
    Year,
    Decade,
    Month,
    Day,
    Clock,
    Minute,
    Fraction,
}

/// A Korean counter, currency or unit (`ko_units.tsv`).
#[derive(Debug)]
pub(crate) struct KoUnit {
    pub text: Vec<char>,
    pub kind: UnitKind,
    /// Native numerals combine with it (두 명, 세 시간).
    pub native: bool,
    pub factor: f64,
}

/// The role of a native Korean numeral (`ko_native.tsv`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum NativeRole {
    Unit,
    Ten,
    Range,
    First,
    /// A quantity on its own (이틀, 처음), of this kind.
    Alone(UnitKind),
}

/// A native Korean numeral.
#[derive(Debug)]
pub(crate) struct KoNative {
    pub text: Vec<char>,
    pub value: f64,
    pub max: Option<f64>,
    pub role: NativeRole,
}

/// How a hedge qualifies a number.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Hedge {
    pub approx: bool,
    pub lower: bool,
    pub upper: bool,
}

/// Where a hedge stands relative to the number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum HedgePos {
    Before,
    Attached,
    After,
}

/// A Korean hedge word (`ko_modifiers.tsv`).
#[derive(Debug)]
pub(crate) struct KoModifier {
    pub text: Vec<char>,
    pub pos: HedgePos,
    pub hedge: Hedge,
}

/// The role of an English number word (`en_words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum EnRole {
    Cardinal,
    Hundred,
    Scale,
    Abbrev,
    Dozen,
    Ordinal,
    Multiple,
    Vague,
    Denominator,
}

/// An English unit phrase (`en_units.tsv`), as lowercase words.
#[derive(Debug)]
pub(crate) struct EnUnit {
    pub words: Vec<String>,
    pub kind: UnitKind,
    pub factor: f64,
}

/// An English hedge phrase (`en_modifiers.tsv`).
#[derive(Debug)]
pub(crate) struct EnModifier {
    pub words: Vec<String>,
    pub hedge: Hedge,
}

/// Month or weekday.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum CalendarKind {
    Month,
    Weekday,
}

/// When a calendar word counts on its own (`en_calendar.tsv`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum CalendarUse {
    Free,
    Guarded,
    Dated,
}

/// An English month or weekday name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CalendarWord {
    pub kind: CalendarKind,
    pub number: u8,
    pub usage: CalendarUse,
}

/// Every table, ready for lookups.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    /// Korean units by first char, longest first.
    pub ko_units: FxHashMap<char, Vec<KoUnit>>,
    pub ko_followers: Vec<Vec<char>>,
    /// Native numerals by first char, longest first.
    pub ko_native: FxHashMap<char, Vec<KoNative>>,
    pub ko_modifiers: Vec<KoModifier>,
    /// Weekday words (full and short form), weekday number, is the full form.
    pub ko_weekdays: Vec<(Vec<char>, u8, bool)>,
    /// Korean context words by role (`am`, `pm`, `duration_marker`…).
    pub ko_context: FxHashMap<String, Vec<Vec<char>>>,
    pub en_words: FxHashMap<String, Vec<(EnRole, f64)>>,
    /// English unit phrases by first word, longest first.
    pub en_units: FxHashMap<String, Vec<EnUnit>>,
    pub en_calendar: FxHashMap<String, CalendarWord>,
    /// Hedges written before a number, by their last word, longest first.
    pub en_before: FxHashMap<String, Vec<EnModifier>>,
    /// Hedges written after a number, by their first word, longest first.
    pub en_after: FxHashMap<String, Vec<EnModifier>>,
    /// English context words: word → roles.
    pub en_context: FxHashMap<String, Vec<String>>,
    /// Unit words of physical measures in either language (`km`, `톤`, `miles`).
    pub measures: FxHashSet<String>,
    /// Currency signs and codes, longest first.
    pub currency_signs: Vec<(Vec<char>, Currency)>,
    /// Lines that could not be read, as `file:line: text`.
    pub problems: Vec<String>,
}

impl Tables {
    /// The value of `word` in `role`, if the word has that role.
    pub fn en_word(&self, word: &str, role: EnRole) -> Option<f64> {
        self.en_words
            .get(word)?
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, v)| *v)
    }

    /// Whether the English `word` has the context `role` (`function`, `month_cue`…).
    pub fn en_is(&self, word: &str, role: &str) -> bool {
        self.en_context
            .get(word)
            .is_some_and(|roles| roles.iter().any(|r| r == role))
    }

    /// The Korean context words of a role.
    pub fn ko_words(&self, role: &str) -> &[Vec<char>] {
        self.ko_context.get(role).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The tables, parsed on first use.
pub(crate) fn tables() -> &'static Tables {
    static TABLES: LazyLock<Tables> = LazyLock::new(load);
    &TABLES
}

/// The non-comment lines of a table, split on tabs, with their line numbers.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(n, line)| (n + 1, line.split('\t').map(str::trim).collect()))
}

fn parse_currency(name: &str) -> Option<Currency> {
    Some(match name {
        "won" => Currency::Won,
        "dollar" => Currency::Dollar,
        "yen" => Currency::Yen,
        "yuan" => Currency::Yuan,
        "euro" => Currency::Euro,
        "pound" => Currency::Pound,
        "other" => Currency::Other,
        _ => return None,
    })
}

fn parse_time_unit(name: &str) -> Option<TimeUnit> {
    Some(match name {
        "nights" => TimeUnit::Nights,
        "days" => TimeUnit::Days,
        "hours" => TimeUnit::Hours,
        "minutes" => TimeUnit::Minutes,
        "seconds" => TimeUnit::Seconds,
        "weeks" => TimeUnit::Weeks,
        "months" => TimeUnit::Months,
        "years" => TimeUnit::Years,
        _ => return None,
    })
}

fn parse_unit_kind(name: &str) -> Option<UnitKind> {
    if let Some(currency) = name.strip_prefix("money:") {
        return parse_currency(currency).map(UnitKind::Money);
    }
    if let Some(unit) = name.strip_prefix("duration:") {
        return parse_time_unit(unit).map(UnitKind::Duration);
    }
    Some(match name {
        "percent" => UnitKind::Percent,
        "percent_point" => UnitKind::PercentPoint,
        "points" => UnitKind::Points,
        "count" => UnitKind::Count,
        "measure" => UnitKind::Measure,
        "ordinal" => UnitKind::Ordinal,
        "multiple" => UnitKind::Multiple,
        "age" => UnitKind::Age,
        "year" => UnitKind::Year,
        "decade" => UnitKind::Decade,
        "month" => UnitKind::Month,
        "day" => UnitKind::Day,
        "clock" => UnitKind::Clock,
        "minute" => UnitKind::Minute,
        "fraction" => UnitKind::Fraction,
        _ => return None,
    })
}

fn parse_hedge(flags: &str) -> Option<Hedge> {
    let mut hedge = Hedge::default();
    for flag in flags.split(',').map(str::trim) {
        match flag {
            "approx" => hedge.approx = true,
            "lower" => hedge.lower = true,
            "upper" => hedge.upper = true,
            "-" => {}
            _ => return None,
        }
    }
    Some(hedge)
}

fn parse_hedge_pos(name: &str) -> Option<HedgePos> {
    Some(match name {
        "before" => HedgePos::Before,
        "attached" => HedgePos::Attached,
        "after" => HedgePos::After,
        _ => return None,
    })
}

fn parse_native_role(name: &str) -> Option<NativeRole> {
    Some(match name {
        "unit" => NativeRole::Unit,
        "ten" => NativeRole::Ten,
        "range" => NativeRole::Range,
        "first" => NativeRole::First,
        other => NativeRole::Alone(parse_unit_kind(other.strip_prefix("alone:")?)?),
    })
}

fn parse_en_role(name: &str) -> Option<EnRole> {
    Some(match name {
        "cardinal" => EnRole::Cardinal,
        "hundred" => EnRole::Hundred,
        "scale" => EnRole::Scale,
        "abbrev" => EnRole::Abbrev,
        "dozen" => EnRole::Dozen,
        "ordinal" => EnRole::Ordinal,
        "multiple" => EnRole::Multiple,
        "vague" => EnRole::Vague,
        "denominator" => EnRole::Denominator,
        _ => return None,
    })
}

fn words(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

/// Reads every table; a line that does not parse is recorded in `problems` and skipped.
fn load() -> Tables {
    let mut t = Tables::default();
    let mut problems = Vec::new();

    for (n, cols) in rows(KO_UNITS) {
        let parsed = match cols.as_slice() {
            [unit, kind, native, factor, ..] => parse_unit_kind(kind).and_then(|kind| {
                let factor = factor.parse::<f64>().ok().filter(|f| f.is_finite())?;
                let native = match *native {
                    "y" => true,
                    "n" => false,
                    _ => return None,
                };
                let text: Vec<char> = unit.chars().collect();
                (!text.is_empty()).then_some(KoUnit {
                    text,
                    kind,
                    native,
                    factor,
                })
            }),
            _ => None,
        };
        match parsed {
            Some(unit) => {
                if unit.kind == UnitKind::Measure {
                    t.measures.insert(unit.text.iter().collect());
                }
                if let Some(&first) = unit.text.first() {
                    t.ko_units.entry(first).or_default().push(unit);
                }
            }
            None => problems.push(problem("ko_units.tsv", n, &cols)),
        }
    }
    for list in t.ko_units.values_mut() {
        list.sort_by_key(|x| std::cmp::Reverse(x.text.len()));
    }

    for (n, cols) in rows(KO_FOLLOWERS) {
        match cols.as_slice() {
            [word] if !word.is_empty() => t.ko_followers.push(word.chars().collect()),
            _ => problems.push(problem("ko_followers.tsv", n, &cols)),
        }
    }

    for (n, cols) in rows(KO_NATIVE) {
        let parsed = match cols.as_slice() {
            [word, value, max, role] => (|| {
                let value = value.parse::<f64>().ok()?;
                let max = match *max {
                    "-" => None,
                    m => Some(m.parse::<f64>().ok()?),
                };
                let role = parse_native_role(role)?;
                let text: Vec<char> = word.chars().collect();
                (!text.is_empty()).then_some(KoNative {
                    text,
                    value,
                    max,
                    role,
                })
            })(),
            _ => None,
        };
        match parsed {
            Some(native) => {
                if let Some(&first) = native.text.first() {
                    t.ko_native.entry(first).or_default().push(native);
                }
            }
            None => problems.push(problem("ko_native.tsv", n, &cols)),
        }
    }
    for list in t.ko_native.values_mut() {
        list.sort_by_key(|x| std::cmp::Reverse(x.text.len()));
    }

    for (n, cols) in rows(KO_MODIFIERS) {
        let parsed = match cols.as_slice() {
            [word, pos, flags] if !word.is_empty() => parse_hedge_pos(pos)
                .zip(parse_hedge(flags))
                .map(|(pos, hedge)| KoModifier {
                    text: word.chars().collect(),
                    pos,
                    hedge,
                }),
            _ => None,
        };
        match parsed {
            Some(m) => t.ko_modifiers.push(m),
            None => problems.push(problem("ko_modifiers.tsv", n, &cols)),
        }
    }
    t.ko_modifiers
        .sort_by_key(|x| std::cmp::Reverse(x.text.len()));

    for (n, cols) in rows(KO_WEEKDAYS) {
        let parsed = match cols.as_slice() {
            [word, number, form] if !word.is_empty() => {
                let number = number.parse::<u8>().ok().filter(|d| (1..=7).contains(d));
                let full = match *form {
                    "full" => Some(true),
                    "short" => Some(false),
                    _ => None,
                };
                number
                    .zip(full)
                    .map(|(d, full)| (word.chars().collect(), d, full))
            }
            _ => None,
        };
        match parsed {
            Some(row) => t.ko_weekdays.push(row),
            None => problems.push(problem("ko_weekdays.tsv", n, &cols)),
        }
    }

    for (n, cols) in rows(KO_CONTEXT) {
        match cols.as_slice() {
            [word, role] if !word.is_empty() => t
                .ko_context
                .entry((*role).to_string())
                .or_default()
                .push(word.chars().collect()),
            _ => problems.push(problem("ko_context.tsv", n, &cols)),
        }
    }
    for list in t.ko_context.values_mut() {
        list.sort_by_key(|x| std::cmp::Reverse(x.len()));
    }

    for (n, cols) in rows(EN_WORDS) {
        let parsed = match cols.as_slice() {
            [word, value, role] if !word.is_empty() => value
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .zip(parse_en_role(role)),
            _ => None,
        };
        match parsed {
            Some((value, role)) => t
                .en_words
                .entry(cols[0].to_lowercase())
                .or_default()
                .push((role, value)),
            None => problems.push(problem("en_words.tsv", n, &cols)),
        }
    }

    for (n, cols) in rows(EN_UNITS) {
        let parsed = match cols.as_slice() {
            [phrase, kind, factor] => {
                let words = words(phrase);
                let factor = factor.parse::<f64>().ok().filter(|f| f.is_finite());
                match (words.is_empty(), parse_unit_kind(kind), factor) {
                    (false, Some(kind), Some(factor)) => Some(EnUnit {
                        words,
                        kind,
                        factor,
                    }),
                    _ => None,
                }
            }
            _ => None,
        };
        match parsed {
            Some(unit) => {
                if unit.kind == UnitKind::Measure {
                    t.measures.insert(unit.words.join(" "));
                }
                let first = unit.words[0].clone();
                t.en_units.entry(first).or_default().push(unit);
            }
            None => problems.push(problem("en_units.tsv", n, &cols)),
        }
    }
    for list in t.en_units.values_mut() {
        list.sort_by_key(|x| std::cmp::Reverse(x.words.len()));
    }

    for (n, cols) in rows(EN_CALENDAR) {
        let parsed = match cols.as_slice() {
            [word, kind, number, usage] if !word.is_empty() => {
                let kind = match *kind {
                    "month" => Some(CalendarKind::Month),
                    "weekday" => Some(CalendarKind::Weekday),
                    _ => None,
                };
                let usage = match *usage {
                    "free" => Some(CalendarUse::Free),
                    "guarded" => Some(CalendarUse::Guarded),
                    "dated" => Some(CalendarUse::Dated),
                    _ => None,
                };
                let number = number.parse::<u8>().ok();
                match (kind, number, usage) {
                    (Some(kind), Some(number), Some(usage)) => Some(CalendarWord {
                        kind,
                        number,
                        usage,
                    }),
                    _ => None,
                }
            }
            _ => None,
        };
        match parsed {
            Some(word) => {
                t.en_calendar.insert(cols[0].to_lowercase(), word);
            }
            None => problems.push(problem("en_calendar.tsv", n, &cols)),
        }
    }

    for (n, cols) in rows(EN_MODIFIERS) {
        let parsed = match cols.as_slice() {
            [phrase, pos, flags] => {
                let words = words(phrase);
                match (words.is_empty(), parse_hedge_pos(pos), parse_hedge(flags)) {
                    (false, Some(pos), Some(hedge)) => Some((pos, EnModifier { words, hedge })),
                    _ => None,
                }
            }
            _ => None,
        };
        match parsed {
            Some((HedgePos::Before, m)) => {
                let key = m.words.last().cloned().unwrap_or_default();
                t.en_before.entry(key).or_default().push(m);
            }
            Some((HedgePos::After, m)) => {
                let key = m.words[0].clone();
                t.en_after.entry(key).or_default().push(m);
            }
            _ => problems.push(problem("en_modifiers.tsv", n, &cols)),
        }
    }
    for list in t.en_before.values_mut().chain(t.en_after.values_mut()) {
        list.sort_by_key(|x| std::cmp::Reverse(x.words.len()));
    }

    for (n, cols) in rows(EN_CONTEXT) {
        match cols.as_slice() {
            [word, role] if !word.is_empty() => t
                .en_context
                .entry(word.to_lowercase())
                .or_default()
                .push((*role).to_string()),
            _ => problems.push(problem("en_context.tsv", n, &cols)),
        }
    }

    for (n, cols) in rows(CURRENCY_SIGNS) {
        match cols.as_slice() {
            [sign, currency] if !sign.is_empty() => match parse_currency(currency) {
                Some(c) => t.currency_signs.push((sign.chars().collect(), c)),
                None => problems.push(problem("currency_signs.tsv", n, &cols)),
            },
            _ => problems.push(problem("currency_signs.tsv", n, &cols)),
        }
    }
    t.currency_signs
        .sort_by_key(|x| std::cmp::Reverse(x.0.len()));

    t.problems = problems;
    t
}

fn problem(file: &str, n: usize, cols: &[&str]) -> String {
    format!("{file}:{n}: {}", cols.join("\t"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_line_parses() {
        assert!(tables().problems.is_empty(), "{:#?}", tables().problems);
    }

    #[test]
    fn tables_hold_what_the_parsers_rely_on() {
        let t = tables();
        assert_eq!(t.en_word("billion", EnRole::Scale), Some(1e9));
        assert_eq!(t.en_word("third", EnRole::Ordinal), Some(3.0));
        assert_eq!(t.en_word("third", EnRole::Denominator), Some(3.0));
        // Longest first: 개월 must be tried before 개.
        let gae = &t.ko_units[&'개'];
        assert_eq!(gae.last().map(|u| u.text.len()), Some(1));
        assert!(
            gae.iter()
                .any(|u| u.kind == UnitKind::Duration(TimeUnit::Months))
        );
        assert_eq!(t.en_calendar["sept"].number, 9);
        assert!(t.en_is("of", "function"));
        assert!(!t.ko_words("pm").is_empty());
        assert!(
            t.currency_signs
                .iter()
                .any(|(s, c)| s == &vec!['$'] && *c == Currency::Dollar)
        );
    }
}
