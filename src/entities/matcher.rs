//! How well a stretch of an English sentence renders a Korean name.
//!
//! A Korean name is cut into *pieces*: the whole name and its parts, each
//! with what it can be in English: a fixed translation (gazetteer, name
//! parts, `ko-suffixes.tsv`: 충남 South Chungcheong, 위원회 Committee), a
//! lexicon translation (선거 election), a romanization or transcription read
//! back by [`crate::romanize::HangulMatcher`] (강기정 Kang Gi-jung, 항저우
//! Hangzhou), Latin letters (KAIST) or digits. A *window* of English units
//! is scored by the best set of pieces that match disjoint runs of its units
//! (in any order: 정치언론학과 is "Department of Political Science and
//! Communication"): how much of the Korean is explained (`ko`) times how
//! much of the English is explained (`en`). So "Gwangju City" renders 광주시
//! fully, "Gwangju" renders it only in part (a short form), and "Mayor Kang
//! Gi-jung" renders 강기정 worse than "Kang Gi-jung" does.

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::lexicon::{Lexicon, stem_en};
use crate::romanize::{HangulMatcher, MatchKind, System, romanize};

use super::EntityType;
use super::english::{Join, Unit};
use super::tables::tables;

/// Longest run of English units one piece may match.
const MAX_RUN: usize = 10;
/// Longest window considered, in units.
pub const MAX_WINDOW: usize = 12;

/// What kind of evidence linked a piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// A fixed translation from the gazetteer or the entity tables.
    Gazetteer,
    /// A lexicon translation of a common word.
    Lexicon,
    /// A Korean romanization (RR, MR, a usual spelling habit).
    Romanization,
    /// A foreign name read back from its Hangul transcription.
    Transcription,
    /// The same Latin letters or digits.
    Letters,
}

/// One piece of a Korean name and what it can be in English.
#[derive(Debug)]
struct Piece {
    /// Byte span in the name.
    start: usize,
    end: usize,
    /// How much of the name it is (syllables; letters count a third).
    weight: f64,
    /// Fixed renderings, as lowercase stem sequences.
    forms: Vec<Vec<String>>,
    /// Lexicon translations (stem ids).
    lexicon: Vec<u32>,
    /// Matcher for romanizations and transcriptions.
    roman: Option<usize>,
    /// Latin letters, lowercase, without dots.
    letters: Option<String>,
    /// Hangul + Latin in one word (스페이스X): the Latin part, lowercase.
    mixed_latin: Option<String>,
    /// Letters the English must end with for the romanization to count:
    /// the romanized unit of a place (거문도 "Geomundo", not "Geomun").
    roman_ending: Option<String>,
    /// The forms include the gazetteer's name for the whole entity.
    fixed: bool,
}

/// A piece matched to a run of units.
#[derive(Debug, Clone, Copy)]
struct PieceMatch {
    piece: usize,
    /// Units [first, last] of the run.
    first: usize,
    last: usize,
    quality: f64,
    evidence: Evidence,
}

/// The result of scoring a window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindowScore {
    /// Units [first, last] of the window.
    pub first: usize,
    pub last: usize,
    /// ko × en.
    pub score: f64,
    /// Share of the Korean name explained.
    pub ko: f64,
    /// Share of the window's content words explained.
    pub en: f64,
    /// Whether the Korean left unexplained is only a unit or generic ending
    /// (시, 도, 센터): the window names the entity by a short form (Busan
    /// for 부산시).
    pub ending_missing: bool,
    /// The strongest kind of evidence used.
    pub evidence: Evidence,
    /// Romanization evidence was a Korean reading (not a foreign word).
    pub korean_reading: bool,
}

/// A Korean name prepared for scoring English windows.
pub struct EntityMatcher {
    text: String,
    kind: EntityType,
    pieces: Vec<Piece>,
    matchers: Vec<HangulMatcher>,
    total_weight: f64,
    /// English words a place name may carry without a Korean counterpart
    /// (Province after 충남, region after 간사이).
    implicit: Vec<&'static str>,
    /// Byte offset where a unit or generic ending starts, if any.
    ending_at: Option<usize>,
    /// Longest run of units a piece can match: readings, translations and
    /// letters span at most `MAX_READ_RUN` units, only a gazetteer form more.
    longest_run: usize,
}

/// Longest run of units read as a romanization or transcription.
const MAX_READ_RUN: usize = 4;

fn is_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn weight_of(text: &str) -> f64 {
    let syllables = text.chars().filter(|&c| is_syllable(c)).count() as f64;
    let letters = text.chars().filter(|c| c.is_ascii_alphabetic()).count() as f64;
    let digits = text.chars().filter(|c| c.is_ascii_digit()).count() as f64;
    syllables
        + (letters / 3.0)
            .min(2.0)
            .max(if letters > 0.0 { 1.0 } else { 0.0 })
        + digits.min(1.0) * 0.5
}

/// 부산시 lists "Busan" (the city by its bare name), which is 부산's name:
/// such forms are left to the pieces, so that "Busan" alone reads as a short
/// form of 부산시 (its ending unexplained), not as its full name.
fn drop_base_forms(name: &str, forms: &mut Vec<Vec<String>>) {
    let t = tables();
    if let Some((_, at)) = t.suffix_of(name).filter(|(_, at)| *at > 0)
        && let Some(base) = name.get(..at).and_then(|b| t.names.get(b))
    {
        forms.retain(|f| !base.en.iter().any(|b| stems_of(b) == *f));
    }
}

/// The romanization matcher reads 부산시 as "Busan" (a place without its
/// unit); the matcher here gives such endings a piece of their own, so that
/// "Busan" explains only part of 부산시. Names of two syllables keep theirs
/// (포항 is not 포 + 항).
fn strip_ending(text: &str) -> &str {
    match tables().suffix_of(text) {
        Some((_, at))
            if at > 0
                && text
                    .get(..at)
                    .is_some_and(|b| b.chars().filter(|&c| is_syllable(c)).count() >= 2) =>
        {
            text.get(..at).unwrap_or(text).trim_end()
        }
        _ => text,
    }
}

/// Lowercase stem sequence of an English rendering.
fn stems_of(form: &str) -> Vec<String> {
    form.split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
        .filter(|w| !w.is_empty())
        .map(|w| stem_en(&super::english::fold_accents(&w.to_lowercase()).replace('.', "")))
        .collect()
}

fn letters_of(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl EntityMatcher {
    /// Prepares a Korean name (its base form) of a kind.
    pub fn new(text: &str, kind: EntityType, lexicon: &Lexicon) -> EntityMatcher {
        let t = tables();
        let mut pieces: Vec<Piece> = Vec::new();
        let mut matchers: Vec<HangulMatcher> = Vec::new();
        let mut matcher_index: FxHashMap<String, usize> = FxHashMap::default();
        let mut roman = |s: &str| -> Option<usize> {
            if !s.chars().any(is_syllable) {
                return None;
            }
            if let Some(&i) = matcher_index.get(s) {
                return Some(i);
            }
            matchers.push(HangulMatcher::new(s));
            let i = matchers.len() - 1;
            matcher_index.insert(s.to_string(), i);
            Some(i)
        };
        let new_piece = |start: usize, end: usize, piece_text: &str| Piece {
            start,
            end,
            weight: weight_of(piece_text),
            forms: Vec::new(),
            lexicon: Vec::new(),
            roman: None,
            letters: None,
            mixed_latin: None,
            roman_ending: None,
            fixed: false,
        };
        let compact: String = text.split_whitespace().collect();
        // A person's name has no unit ending: 이종구 is not 이종 + 구.
        let person = kind == EntityType::Person;
        let mut implicit: Vec<&'static str> = Vec::new();
        // The whole name.
        {
            let mut whole = new_piece(0, text.len(), text);
            for key in [text, compact.as_str()] {
                if let Some(name) = t.names.get(key) {
                    whole.fixed = true;
                    whole.forms.extend(name.en.iter().map(|f| stems_of(f)));
                    match name.detail.as_str() {
                        "province" | "state" => implicit.push("Province"),
                        "prefecture" => implicit.push("Prefecture"),
                        "region" => implicit.extend(["region", "Region"]),
                        "district" => implicit.push("District"),
                        _ => {}
                    }
                    if name.en.iter().any(|f| f.ends_with(" region")) {
                        implicit.push("region");
                    }
                }
            }
            drop_base_forms(&compact, &mut whole.forms);
            let stripped = if person { text } else { strip_ending(text) };
            whole.roman = roman(text);
            if stripped.len() != text.len() {
                // 거문도 is "Geomundo" (the ending spelt), 부산시 not "Busan".
                whole.roman_ending = text
                    .get(stripped.len()..)
                    .map(|e| letters_of(&romanize(e.trim(), System::Rr)));
                let mut base = new_piece(0, stripped.len(), stripped);
                base.roman = roman(stripped);
                pieces.push(base);
            }
            pieces.push(whole);
        }
        // Words and their parts.
        let mut offset = 0;
        for word in text.split(' ') {
            let word_start = offset;
            offset += word.len() + 1;
            if word.is_empty() {
                continue;
            }
            let chars: Vec<(usize, char)> = word.char_indices().collect();
            let boundary = |i: usize| chars.get(i).map_or(word.len(), |&(b, _)| b);
            // Every substring that a table knows.
            for a in 0..chars.len() {
                for b in a + 1..=chars.len().min(a + 12) {
                    let (s, e) = (boundary(a), boundary(b));
                    let Some(sub) = word.get(s..e) else { continue };
                    let mut piece = new_piece(word_start + s, word_start + e, sub);
                    if let Some(name) = t.names.get(sub) {
                        piece.forms.extend(name.en.iter().map(|f| stems_of(f)));
                        drop_base_forms(sub, &mut piece.forms);
                    }
                    // Name parts are parts: 한국 is "Korea" as a name, "Korean"
                    // only inside one (한국무역협회).
                    if let Some(parts) = t.name_parts.get(sub).filter(|_| sub != compact) {
                        piece.forms.extend(parts.iter().map(|f| stems_of(f)));
                    }
                    if let Some((_, en)) = t.suffixes.get(sub) {
                        piece.forms.extend(en.iter().map(|f| stems_of(f)));
                    }
                    if let Some(title) = t.titles.get(sub)
                        && sub.chars().count() >= 2
                    {
                        // 천안시장 선거 = Cheonan mayoral race.
                        piece.forms.extend(title.en.iter().map(|f| stems_of(f)));
                    }
                    // 한·베, 한중: one-syllable country abbreviations.
                    let all_abbreviations = chars.len() >= 2
                        && chars.iter().filter(|(_, c)| is_syllable(*c)).all(|(_, c)| {
                            t.country_abbreviations.contains_key(c.to_string().as_str())
                        });
                    if b - a == 1
                        && (word.contains('·') || word.contains('-') || all_abbreviations)
                        && let Some(en) = t.country_abbreviations.get(sub)
                    {
                        piece.forms.extend(en.iter().map(|f| stems_of(f)));
                    }
                    // The lexicon holds the gazetteer and the name parts too:
                    // those go by their forms (in full: "film" alone is not
                    // 국제영화제). The lexicon is for common words.
                    let syllables = sub.chars().filter(|&c| is_syllable(c)).count();
                    if !t.names.contains_key(sub)
                        && !t.suffixes.contains_key(sub)
                        && (2..=3).contains(&syllables)
                    {
                        piece.lexicon = lexicon.translations(sub).to_vec();
                    }
                    if !piece.forms.is_empty() || !piece.lexicon.is_empty() {
                        pieces.push(piece);
                    }
                }
            }
            // Script runs: Hangul, Latin, digits.
            let mut runs: Vec<(usize, usize, u8)> = Vec::new();
            for &(b, c) in &chars {
                let class = if is_syllable(c) {
                    0
                } else if c.is_ascii_alphanumeric() {
                    // Letters and digits together: 2B, G7.
                    1
                } else {
                    3
                };
                match runs.last_mut() {
                    Some(last) if last.2 == class => last.1 = b + c.len_utf8(),
                    _ => runs.push((b, b + c.len_utf8(), class)),
                }
            }
            for &(s, e, class) in &runs {
                let Some(sub) = word.get(s..e) else { continue };
                let sub = if class == 0 && !person {
                    strip_ending(sub)
                } else {
                    sub
                };
                let e = s + sub.len();
                let mut piece = new_piece(word_start + s, word_start + e, sub);
                match class {
                    0 => piece.roman = roman(sub),
                    1 | 2 => piece.letters = Some(letters_of(sub)),
                    _ => continue,
                }
                pieces.push(piece);
            }
            // Hangul with Latin letters in one English word (스페이스X).
            if let [(s, e, 0), (_, le, 1)] = runs.as_slice()
                && let Some(hangul) = word.get(*s..*e)
            {
                let mut piece = new_piece(word_start + s, word_start + le, word);
                piece.roman = roman(hangul);
                piece.mixed_latin = word.get(*e..*le).map(letters_of);
                pieces.push(piece);
            }
            // The word, and what is left of it around known parts.
            let mut leftovers: Vec<(usize, usize)> = vec![(0, word.len())];
            for piece in pieces.iter().filter(|p| {
                p.start >= word_start && p.end <= word_start + word.len() && !p.forms.is_empty()
            }) {
                let (s, e) = (piece.start - word_start, piece.end - word_start);
                if s > 0 {
                    leftovers.push((0, s));
                }
                if e < word.len() {
                    leftovers.push((e, word.len()));
                }
            }
            leftovers.sort_unstable();
            leftovers.dedup();
            for (s, e) in leftovers {
                let Some(sub) = word
                    .get(s..e)
                    .map(|x| if person { x } else { strip_ending(x) })
                else {
                    continue;
                };
                if !sub.chars().all(is_syllable) || sub.is_empty() {
                    continue;
                }
                let e = s + sub.len();
                let mut piece = new_piece(word_start + s, word_start + e, sub);
                piece.roman = roman(sub);
                pieces.push(piece);
            }
        }
        // 의 between nouns is a connector ('밤의 항구', '모두의 AI').
        let mut total_weight = weight_of(text);
        for (i, _) in text.match_indices('의') {
            let after = text
                .get(i + '의'.len_utf8()..)
                .and_then(|r| r.chars().next());
            if i > 0 && after.is_none_or(|c| c == ' ') {
                total_weight -= 1.0;
            }
        }
        let ending_at = t
            .suffix_of(&compact)
            .filter(|(_, at)| *at > 0 && !person)
            .map(|(_, at)| {
                // Map the compact offset back to the text.
                let ending = compact.get(at..).unwrap_or("");
                text.len() - ending.len()
            });
        if matches!(kind, EntityType::Organization | EntityType::Other) {
            implicit.extend(["Co", "Inc", "Corp", "Ltd"]);
        }
        // A person's name is read, never matched against a gazetteer form.
        let longest_form = match kind {
            EntityType::Person => 0,
            _ => pieces
                .iter()
                .flat_map(|p| p.forms.iter().map(Vec::len))
                .max()
                .unwrap_or(0),
        };
        EntityMatcher {
            text: text.to_string(),
            kind,
            pieces,
            matchers,
            total_weight: total_weight.max(0.5),
            implicit,
            ending_at,
            longest_run: longest_form.clamp(MAX_READ_RUN, MAX_RUN),
        }
    }

    /// The Korean text this matcher scores.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// All piece matches against the units of one sentence.
    fn piece_matches(&self, units: &[Unit]) -> Vec<PieceMatch> {
        let mut out = Vec::new();
        // The run's stems and text grow with `last` (a run is the previous
        // one plus a unit), not rebuilt for every span.
        let mut stems: Vec<&str> = Vec::with_capacity(MAX_RUN);
        let mut run_text = String::new();
        for first in 0..units.len() {
            let mut comma = false;
            stems.clear();
            run_text.clear();
            for last in first..units.len().min(first + self.longest_run) {
                let Some(u) = units.get(last) else { break };
                if last > first {
                    // A comma only inside a fixed name (Land, Infrastructure
                    // and Transport Committee).
                    comma |= u.join == Join::Comma;
                    if !matches!(u.join, Join::Space | Join::Hyphen | Join::Comma) {
                        break;
                    }
                    run_text.push(if u.join == Join::Hyphen { '-' } else { ' ' });
                }
                run_text.push_str(&u.text);
                stems.push(u.stem.as_str());
                let Some(run) = units.get(first..=last) else {
                    break;
                };
                let Some(head) = run.first() else { continue };
                if head.connector || u.connector {
                    continue;
                }
                // "Kwon, Eun Hee": a surname, a comma, the given name.
                let surname_comma = run.len() >= 2
                    && run.get(1).is_some_and(|u| u.join == Join::Comma)
                    && run.iter().skip(2).all(|u| u.join != Join::Comma);
                for (pi, piece) in self.pieces.iter().enumerate() {
                    let mut best: Option<(f64, Evidence)> = None;
                    let mut offer = |q: f64, e: Evidence| {
                        if best.is_none_or(|(b, _)| q > b) {
                            best = Some((q, e));
                        }
                    };
                    // A person's name is read, never translated (여진 is not
                    // "Aftershocks").
                    let person = self.kind == EntityType::Person;
                    if !person
                        && piece.forms.iter().any(|f| {
                            f.len() == stems.len() && f.iter().zip(&stems).all(|(a, b)| a == b)
                        })
                    {
                        offer(1.0, Evidence::Gazetteer);
                    }
                    if !piece.lexicon.is_empty()
                        && !person
                        && !comma
                        && run.len() <= 2
                        && run.iter().all(|u| {
                            u.connector || u.stem_id.is_some_and(|id| piece.lexicon.contains(&id))
                        })
                    {
                        offer(0.9, Evidence::Lexicon);
                    }
                    if let Some(letters) = &piece.letters
                        && run.len() == 1
                        && letters_of(&head.text) == *letters
                    {
                        offer(1.0, Evidence::Letters);
                    }
                    let numbered = head.number || run.last().is_some_and(|u| u.number);
                    if run.len() <= MAX_READ_RUN
                        && (!comma || surname_comma)
                        && !numbered
                        && let Some(mi) = piece.roman
                        && let Some(matcher) = self.matchers.get(mi)
                    {
                        if let Some(latin) = &piece.mixed_latin {
                            let whole = letters_of(&head.text);
                            if run.len() == 1
                                && whole.len() > latin.len()
                                && whole.ends_with(latin.as_str())
                                && let Some(prefix) = head.text.get(..head.text.len() - latin.len())
                                && let Some(m) = matcher.find_match(prefix)
                            {
                                offer(m.score, Evidence::Transcription);
                            }
                        } else if (head.capital || head.number)
                            && (person
                                || run.iter().skip(1).all(|u| {
                                    // "Sphinx is" is no name: after the head,
                                    // capitals, connectors or a hyphenated
                                    // part. People's given names may be
                                    // lowercase (Suh Chung won).
                                    u.capital || u.number || u.connector || u.join == Join::Hyphen
                                }))
                            || (self.kind == EntityType::Event && run.iter().all(|u| !u.connector))
                        {
                            // A name's reading starts with a capital (or a
                            // digit); only events are written all in
                            // lowercase (nationwide local elections). Not
                            // reading lowercase runs saves most of the
                            // linker's time.
                            // Only matches count: find_match gives up early on
                            // the many windows that are not this name.
                            let ending_spelt = || {
                                piece
                                    .roman_ending
                                    .as_ref()
                                    .is_none_or(|e| letters_of(&run_text).ends_with(e.as_str()))
                            };
                            if let Some(m) = matcher.find_match(&run_text)
                                && ending_spelt()
                            {
                                let evidence = if m.kind == MatchKind::Foreign {
                                    Evidence::Transcription
                                } else {
                                    Evidence::Romanization
                                };
                                offer(m.score, evidence);
                            }
                        }
                    }
                    if let Some((quality, evidence)) = best {
                        out.push(PieceMatch {
                            piece: pi,
                            first,
                            last,
                            quality,
                            evidence,
                        });
                    }
                }
            }
        }
        out
    }

    /// The best window of a sentence, if any explains the name at all.
    pub fn best_window(&self, units: &[Unit]) -> Option<WindowScore> {
        self.windows(units).into_iter().next()
    }

    /// Candidate windows of a sentence, best first (one per span).
    pub fn windows(&self, units: &[Unit]) -> Vec<WindowScore> {
        let matches = self.piece_matches(units);
        if matches.is_empty() {
            return Vec::new();
        }
        let mut starts: Vec<usize> = matches.iter().map(|m| m.first).collect();
        let mut ends: Vec<usize> = matches.iter().map(|m| m.last).collect();
        starts.sort_unstable();
        starts.dedup();
        ends.sort_unstable();
        ends.dedup();
        let mut out: Vec<WindowScore> = Vec::new();
        for &first in &starts {
            for &last in &ends {
                if last < first || last - first >= MAX_WINDOW {
                    continue;
                }
                if !self.window_contiguous(units, first, last) {
                    continue;
                }
                if let Some(score) = self.score_window(units, &matches, first, last) {
                    out.push(score);
                }
            }
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then((b.last - b.first).cmp(&(a.last - a.first)))
        });
        out
    }

    /// Whether units [first, last] may form one name: joined by spaces,
    /// hyphens, possessives, and commas between capitalised words.
    fn window_contiguous(&self, units: &[Unit], first: usize, last: usize) -> bool {
        (first + 1..=last).all(|k| {
            let Some(u) = units.get(k) else { return false };
            match u.join {
                Join::Space | Join::Hyphen | Join::Possessive => true,
                Join::Comma => u.capital && units.get(k - 1).is_some_and(|p| p.capital),
                _ => false,
            }
        })
    }

    fn score_window(
        &self,
        units: &[Unit],
        matches: &[PieceMatch],
        first: usize,
        last: usize,
    ) -> Option<WindowScore> {
        let inside: Vec<&PieceMatch> = matches
            .iter()
            .filter(|m| m.first >= first && m.last <= last)
            .collect();
        if inside.is_empty() {
            return None;
        }
        // Best set of matches: disjoint in the Korean and in the English.
        let (value, chosen) = best_cover(&self.pieces, &inside, first);
        if value <= 0.0 {
            return None;
        }
        let mut covered = vec![false; last + 1 - first];
        let mut ko_covered: Vec<(usize, usize)> = Vec::new();
        let mut evidence = Evidence::Letters;
        let mut korean_reading = false;
        for m in &chosen {
            for k in m.first..=m.last {
                if let Some(c) = covered.get_mut(k - first) {
                    *c = true;
                }
            }
            if let Some(p) = self.pieces.get(m.piece) {
                ko_covered.push((p.start, p.end));
            }
            evidence = evidence.min(m.evidence);
            korean_reading |= m.evidence == Evidence::Romanization;
        }
        // The window must begin and end with explained words.
        if !covered.first().copied().unwrap_or(false) || !covered.last().copied().unwrap_or(false) {
            return None;
        }
        let window = units.get(first..=last)?;
        let content = window.iter().filter(|u| !u.connector).count().max(1);
        let explained = window
            .iter()
            .zip(&covered)
            .filter(|(u, c)| **c && !u.connector)
            .count();
        let ko = (value / self.total_weight).min(1.0);
        let mut en = explained as f64 / content as f64;
        // "University and Kongju National": a window across "and" or a comma
        // joins two names, unless the name itself has one (Science and
        // Technology; Land, Infrastructure and Transport Committee).
        let joins_two = window
            .iter()
            .enumerate()
            .any(|(k, u)| k > 0 && (u.lower == "and" || u.join == Join::Comma));
        let form_has_and = chosen.iter().any(|m| {
            self.pieces
                .get(m.piece)
                .is_some_and(|p| p.forms.iter().any(|f| f.iter().any(|w| w == "and")))
        });
        if joins_two && !form_has_and {
            en *= 0.9;
        }
        // "International Film Festival in Tongyeong", "Station in Seoul": a
        // preposition inside reorders a name the English writes whole.
        let preposition = window
            .iter()
            .skip(1)
            .any(|u| matches!(u.lower.as_str(), "in" | "at" | "on" | "from" | "by") && u.connector);
        let form_has_preposition = chosen.iter().any(|m| {
            self.pieces.get(m.piece).is_some_and(|p| {
                p.forms.iter().any(|f| {
                    f.iter()
                        .any(|w| matches!(w.as_str(), "in" | "at" | "on" | "from" | "by"))
                })
            })
        });
        if preposition && !form_has_preposition {
            en *= 0.8;
        }
        // Lowercase-only windows name only events (nationwide local elections)
        // and names written in lowercase letters in both texts (imec).
        let lowercase = !window.iter().any(|u| u.capital || u.number);
        // ... and fixed names written in lowercase (the presidential office,
        // the capital area): the gazetteer's whole name, nothing else.
        let whole_fixed = chosen.len() == 1
            && chosen.first().is_some_and(|m| {
                m.evidence == Evidence::Gazetteer
                    && self.pieces.get(m.piece).is_some_and(|p| p.fixed)
            })
            && value >= self.total_weight - 1e-6
            // One lowercase word ("us" for U.S.) is an ordinary word.
            && window.len() >= 2;
        if lowercase
            && self.kind != EntityType::Event
            && evidence != Evidence::Letters
            && !whole_fixed
        {
            return None;
        }
        // "Filipino", "Korean": a people's name is not the place's name.
        if matches!(self.kind, EntityType::Location | EntityType::Other)
            && window.len() == 1
            && matches!(evidence, Evidence::Romanization | Evidence::Transcription)
            && window.first().is_some_and(|u| {
                ["ese", "ian", "ish", "ino", "ean", "an"]
                    .iter()
                    .any(|end| u.lower.ends_with(end) && u.lower.len() > end.len() + 2)
            })
        {
            return None;
        }
        // "Zhejiang provincial" is no name: the adjective only inside one.
        if window
            .last()
            .is_some_and(|u| matches!(u.lower.as_str(), "provincial" | "municipal"))
        {
            return None;
        }
        // The name's ending (시, 도, 영화제) unexplained: a short form.
        let last_syllable = self
            .text
            .char_indices()
            .rev()
            .find(|(_, c)| is_syllable(*c))
            .map(|(i, _)| i);
        let tail_uncovered =
            last_syllable.is_some_and(|i| !ko_covered.iter().any(|&(s, e)| s <= i && i < e));
        let ending_missing = tail_uncovered && self.ending_at.is_some()
            || self.ending_at.is_some_and(|at| {
                ko_covered.iter().all(|&(_, e)| e <= at) && ko_covered.iter().any(|&(s, _)| s == 0)
            });
        Some(WindowScore {
            first,
            last,
            score: ko * en,
            ko,
            en,
            ending_missing,
            evidence,
            korean_reading,
        })
    }

    /// The window extended by a word the name implies (Province after 충남).
    pub fn extend_implicit(&self, units: &[Unit], window: &WindowScore) -> Option<WindowScore> {
        let next = units.get(window.last + 1)?;
        if next.join != Join::Space || !self.implicit.contains(&next.text.as_str()) {
            return None;
        }
        let mut extended = window.clone();
        extended.last += 1;
        Some(extended)
    }
}

/// The best set of piece matches that do not overlap in the Korean name nor
/// in the English window: maximal Σ quality × weight. Small inputs (a name's
/// pieces against one window), solved by search with memoization.
fn best_cover(pieces: &[Piece], matches: &[&PieceMatch], first: usize) -> (f64, Vec<PieceMatch>) {
    // Order by Korean start; search over "next match index" with the set of
    // used units and the Korean end reached.
    let mut order: Vec<PieceMatch> = matches.iter().map(|m| **m).collect();
    // Of equal covers the search keeps the last one found: the gazetteer's
    // whole name goes last so that it wins ties.
    order.sort_by_key(|m| {
        pieces
            .get(m.piece)
            .map_or((0, false), |p| (p.start, p.fixed))
    });
    // Memo of the best value from a state and whether it takes the match;
    // the chosen matches are read off the decisions afterwards (cloning a
    // list per state made this search most of the linking's allocations).
    let mut memo: FxHashMap<(usize, usize, u64), (f64, bool)> = FxHashMap::default();
    fn mask_of(m: &PieceMatch, first: usize) -> u64 {
        (m.first..=m.last)
            .filter_map(|k| 1u64.checked_shl((k - first) as u32))
            .fold(0, |mask, bit| mask | bit)
    }
    fn go(
        i: usize,
        ko_end: usize,
        used: u64,
        order: &[PieceMatch],
        pieces: &[Piece],
        first: usize,
        memo: &mut FxHashMap<(usize, usize, u64), (f64, bool)>,
    ) -> f64 {
        if i >= order.len() {
            return 0.0;
        }
        if let Some(&(value, _)) = memo.get(&(i, ko_end, used)) {
            return value;
        }
        // Skip this match.
        let mut best = (go(i + 1, ko_end, used, order, pieces, first, memo), false);
        if let (Some(m), Some(p)) = (order.get(i), order.get(i).and_then(|m| pieces.get(m.piece))) {
            let mask = mask_of(m, first);
            if p.start >= ko_end && used & mask == 0 {
                let rest = go(i + 1, p.end, used | mask, order, pieces, first, memo);
                // A hair more for each English word explained, so that of two
                // equal readings the fuller window wins ("South Korea").
                let value = rest + m.quality * p.weight + 1e-3 * (m.last + 1 - m.first) as f64;
                if value > best.0 + 1e-9 {
                    best = (value, true);
                }
            }
        }
        memo.insert((i, ko_end, used), best);
        best.0
    }
    let value = go(0, 0, 0, &order, pieces, first, &mut memo);
    let mut chosen = Vec::new();
    let (mut ko_end, mut used) = (0, 0u64);
    for (i, m) in order.iter().enumerate() {
        if let Some(&(_, true)) = memo.get(&(i, ko_end, used)) {
            chosen.push(*m);
            ko_end = pieces.get(m.piece).map_or(ko_end, |p| p.end);
            used |= mask_of(m, first);
        }
    }
    (value, chosen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::english::units;

    fn best(ko: &str, kind: EntityType, en: &str) -> Option<(String, f64)> {
        let lexicon = Lexicon::builtin();
        let u = units(en, lexicon);
        let m = EntityMatcher::new(ko, kind, lexicon);
        let w = m.best_window(&u)?;
        let (a, b) = (u.get(w.first)?, u.get(w.last)?);
        Some((en[a.start..b.end].to_string(), w.score))
    }

    #[test]
    fn names_places_and_organisations() {
        let s = "On September 24, Gwangju Mayor Kang Gi-jung met Lu Shan, Vice Governor of Zhejiang Province, at the InterContinental Hotel.";
        assert_eq!(
            best("강기정", EntityType::Person, s)
                .map(|x| x.0)
                .as_deref(),
            Some("Kang Gi-jung")
        );
        assert_eq!(
            best("루산", EntityType::Person, s).map(|x| x.0).as_deref(),
            Some("Lu Shan")
        );
        assert_eq!(
            best("저장성", EntityType::Location, s)
                .map(|x| x.0)
                .as_deref(),
            Some("Zhejiang Province")
        );
        assert_eq!(
            best("광주", EntityType::Location, s)
                .map(|x| x.0)
                .as_deref(),
            Some("Gwangju")
        );
        assert_eq!(
            best("인터컨티넨탈 호텔", EntityType::Organization, s)
                .map(|x| x.0)
                .as_deref(),
            Some("InterContinental Hotel")
        );
        assert!(best("김경수", EntityType::Person, s).is_none());
        let s = "The South Chungcheong Election Commission said.";
        let (form, score) = best("충남도선거관리위원회", EntityType::Organization, s).unwrap();
        assert_eq!(form, "South Chungcheong Election Commission");
        assert!(score > 0.6, "{score}");
    }

    #[test]
    fn partial_windows_score_lower() {
        let lexicon = Lexicon::builtin();
        let u = units("Photo by Gwangju City", lexicon);
        let city = EntityMatcher::new("광주시", EntityType::Organization, lexicon);
        let w = city.best_window(&u).unwrap();
        assert_eq!((w.first, w.last), (2, 3));
        let u = units("Busan Vice Mayor Kim", lexicon);
        let busan = EntityMatcher::new("부산시", EntityType::Organization, lexicon);
        let w = busan.best_window(&u).unwrap();
        assert!(w.ending_missing && w.score < 0.8, "{w:?}");
    }

    #[test]
    fn odd_input_does_not_panic() {
        let lexicon = Lexicon::builtin();
        for ko in ["", " ", "·", "A", "1", "가 나", "  가"] {
            let m = EntityMatcher::new(ko, EntityType::Other, lexicon);
            let _ = m.best_window(&units("A B-C D's E, F", lexicon));
            let _ = m.best_window(&[]);
        }
    }
}
