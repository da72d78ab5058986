//! Korean entity mentions: people, places, organisations, events and other
//! names (titles of works, products) in one Korean sentence.
//!
//! mecab-ko-dic knows most Korean personal names and many places, but it
//! splits unknown names into pieces (야오가오위안 → 야오/가/오/위안, 정태인 →
//! 정태/인), tags common nouns as names (드론 as a person) and cannot know that
//! 충청권 반도체 공동교육센터 is one organisation. So the extractor works on
//! the sentence's *words* (eojeol): it strips the particle from each word by
//! its spelling (checked against the tokens), then finds names by what stands
//! around them: a title after a name (강기정 시장, 루산 저장성 부성장), an age in
//! brackets (윤재석(58)), an occupation before it (소설가 한서윤), a name ending
//! (대학교, 박람회, 선거: `ko-suffixes.tsv`) with the words before it, the
//! gazetteer, Latin letters, and quotation marks. Titles are returned as an
//! attribute of the person and are never part of the name.
//!
//! Mentions come in two strengths: [`Strength::Strong`] ones are entities even
//! when the English has no counterpart; [`Strength::Weak`] ones (an unknown
//! word, a quoted phrase) are kept only when the linker finds them in the
//! English.

use serde::Serialize;

use crate::lexicon::Lexicon;
use crate::romanize::split_name;
use crate::tokenize::Morpheme;

use super::EntityType;
use super::tables::{Tables, TitlePosition, tables};

/// How sure the extractor is that a mention is an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// Kept only when the linker finds it in the English.
    Weak,
    /// An entity whether or not the English has it.
    Strong,
}

/// One mention of a name in a Korean sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KoMention {
    /// Index of the sentence (segment) in the Korean document.
    pub sentence: usize,
    /// Byte span of the name in the sentence (particle and title excluded).
    pub start: usize,
    pub end: usize,
    /// The base form: the name as written, without particle or title, with
    /// single spaces.
    pub text: String,
    pub kind: EntityType,
    /// The title written with the name (시장, 부성장), if any.
    pub title: Option<String>,
    /// A short reference (강 시장, 한씨, 야오 시장): a surname or the first
    /// word of a foreign name, resolved to the full name by the linker.
    pub short: bool,
    pub strength: Strength,
    /// Another form written in brackets right after it (영화진흥위원회(KOFIC)).
    pub alias: Option<String>,
    /// Found between quotation marks ('밤의 항구').
    pub quoted: bool,
}

/// A word of a Korean sentence: a run of text between spaces and
/// punctuation, with its particle separated.
#[derive(Debug, Clone)]
struct Word {
    /// Byte span of the word (particle included, brackets excluded).
    start: usize,
    /// End of the stem (the word without its particle).
    stem_end: usize,
    /// The stem text.
    stem: String,
    /// The particle or ending after the stem ("" when none), including one
    /// written after brackets or a closing quote (`윤재석(58)씨는` → `씨는`).
    tail: String,
    /// Whether the tokens make the stem a predicate (논의하고, 거점이다).
    predicate: bool,
    /// Text in brackets written right after the word: `윤재석(58)`.
    paren: Option<String>,
    /// The word is followed by one space and another word: names of several
    /// words only continue across these.
    joins_next: bool,
    /// Index of the quotation the word is inside, if any.
    quote: Option<usize>,
}

/// A quotation in the sentence: byte span of its content.
#[derive(Debug, Clone, Copy)]
struct Quote {
    start: usize,
    end: usize,
    /// Book-title brackets (『』, 「」, 《》, 〈〉): always a title.
    book: bool,
}

/// Particles and endings stripped from the end of a word, longest first,
/// with the sound they follow: `Some(true)` after a final consonant,
/// `Some(false)` after a vowel, `None` either.
const PARTICLES: [(&str, Option<bool>); 60] = [
    ("에서부터", None),
    ("으로부터", Some(true)),
    ("에게서는", None),
    ("이라면서", Some(true)),
    ("에서는", None),
    ("에서도", None),
    ("에서의", None),
    ("에게는", None),
    ("에게도", None),
    ("으로는", Some(true)),
    ("으로서", Some(true)),
    ("으로써", Some(true)),
    ("이라고", Some(true)),
    ("이라며", Some(true)),
    ("이라는", Some(true)),
    ("이었다", Some(true)),
    ("과의", Some(true)),
    ("와의", Some(false)),
    ("과는", Some(true)),
    ("와는", Some(false)),
    ("과도", Some(true)),
    ("와도", Some(false)),
    ("에서", None),
    ("에게", None),
    ("께서", None),
    ("으로", Some(true)),
    ("로는", Some(false)),
    ("로서", Some(false)),
    ("까지", None),
    ("부터", None),
    ("처럼", None),
    ("보다", None),
    ("마다", None),
    ("에는", None),
    ("에도", None),
    ("이나", Some(true)),
    ("이다", Some(true)),
    ("였다", Some(false)),
    ("라고", Some(false)),
    ("라며", Some(false)),
    ("라는", Some(false)),
    ("이고", Some(true)),
    ("이며", Some(true)),
    ("이자", Some(true)),
    ("인", None),
    ("은", Some(true)),
    ("는", Some(false)),
    ("이", Some(true)),
    ("가", Some(false)),
    ("을", Some(true)),
    ("를", Some(false)),
    ("의", None),
    ("에", None),
    ("과", Some(true)),
    ("와", Some(false)),
    ("도", None),
    ("로", Some(false)),
    ("만", None),
    ("요", None),
    ("서", None),
];

/// Particles too common inside words to strip without a token boundary.
const CAUTIOUS: [&str; 6] = ["도", "의", "만", "요", "인", "서"];

fn is_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Whether a Hangul syllable has a final consonant (받침).
fn has_final(c: char) -> bool {
    is_syllable(c) && !(c as u32 - 0xAC00).is_multiple_of(28)
}

/// Whether the syllable ends in ㄹ (로 follows it like a vowel).
fn final_is_rieul(c: char) -> bool {
    is_syllable(c) && (c as u32 - 0xAC00) % 28 == 8
}

fn syllable_count(text: &str) -> usize {
    text.chars().filter(|&c| is_syllable(c)).count()
}

fn all_hangul(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_syllable)
}

fn has_latin(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_alphabetic())
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '\'' | '"' | '‘' | '“' | '『' | '「' | '《' | '〈' | '≪')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '\'' | '"' | '’' | '”' | '』' | '」' | '》' | '〉' | '≫')
}

fn closing_for(c: char) -> &'static [char] {
    match c {
        '\'' => &['\''],
        '"' => &['"'],
        '‘' => &['’', '\''],
        '“' => &['”', '"'],
        '『' => &['』'],
        '「' => &['」'],
        '《' => &['》'],
        '〈' => &['〉'],
        '≪' => &['≫'],
        _ => &[],
    }
}

/// Quotations of the sentence, by byte span of their content. Only
/// quotations that close are returned; an apostrophe inside a Latin word is
/// not one.
fn find_quotes(text: &str) -> Vec<Quote> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut quotes = Vec::new();
    // Closing marks already used: they open nothing.
    let mut closers_used: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(&(byte, c)) = chars.get(i) else {
            break;
        };
        if closers_used.contains(&i) {
            i += 1;
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, c)| c);
        if is_open_quote(c) && !prev.is_some_and(|p| p.is_ascii_alphanumeric()) {
            let closers = closing_for(c);
            let close = chars
                .iter()
                .enumerate()
                .skip(i + 1)
                .find(|&(_, &(_, d))| closers.contains(&d))
                .map(|(j, &(b, _))| (j, b));
            if let Some((j, close_byte)) = close {
                let content_start = byte + c.len_utf8();
                if close_byte > content_start {
                    quotes.push(Quote {
                        start: content_start,
                        end: close_byte,
                        book: matches!(c, '『' | '「' | '《' | '〈' | '≪'),
                    });
                }
                // Quotes inside the quotation are found too ("...'모두의 AI'...").
                closers_used.push(j);
                i += 1;
                continue;
            }
        }
        i += 1;
    }
    quotes
}

/// Whether a stem is known as a whole: a name, a dictionary word or a
/// compound with a name ending.
fn stem_known(stem: &str, lexicon: &Lexicon) -> bool {
    let t = tables();
    t.names.contains_key(stem)
        || lexicon.contains(stem)
        || t.title_suffix(stem)
            .is_some_and(|(title, _)| title.chars().count() >= 2)
        || t.suffix_of(stem)
            .is_some_and(|(_, at)| at > 0 && stem.get(at..).is_some_and(|e| syllable_count(e) >= 2))
        // 뉴욕시(의): a known place with its one-syllable unit, which the
        // tokens may run into the particle (뉴욕 + 시의).
        || t.suffix_of(stem).is_some_and(|(_, at)| {
            at > 0 && stem.get(..at).is_some_and(|base| t.names.contains_key(base))
        })
}

/// Splits the particle off a word by its spelling, checked against the
/// tokens: the particle must follow the right sound, and the word must not
/// be a name that merely ends like a particle (인도, 하노이). Returns the
/// stem's length in bytes.
fn split_particle(word: &str, morphemes: &[&Morpheme], offset: usize, lexicon: &Lexicon) -> usize {
    let t = tables();
    if t.names.contains_key(word) || t.titles.contains_key(word) {
        return word.len();
    }
    if let [only] = morphemes
        && only.surface == word
        && only.pos.starts_with("NN")
    {
        return word.len();
    }
    for (particle, after_consonant) in PARTICLES {
        let Some(stem) = word.strip_suffix(particle) else {
            continue;
        };
        let Some(last) = stem.chars().last() else {
            continue;
        };
        if !is_syllable(last) && !last.is_ascii_alphanumeric() {
            continue;
        }
        let ok_sound = match after_consonant {
            None => true,
            Some(true) => has_final(last) || !is_syllable(last),
            Some(false) => !has_final(last) || (particle.starts_with('로') && final_is_rieul(last)),
        };
        if !ok_sound {
            continue;
        }
        let boundary = offset + stem.len();
        let token_boundary = morphemes.iter().any(|m| m.start == boundary);
        let known = stem_known(stem, lexicon);
        if !CAUTIOUS.contains(&particle) {
            if token_boundary || known || !all_hangul(stem) {
                return stem.len();
            }
            // The tokens run across: still a particle after a long stem,
            // unless the word ends in a name ending the particle is part of
            // (학과, 대로).
            let ending_swallows = t
                .suffix_of(word)
                .is_some_and(|(_, at)| word.len() - at > particle.len());
            if syllable_count(stem) >= 2 && particle != "로" && !ending_swallows {
                return stem.len();
            }
            continue;
        }
        // 도, 의, 인 ... : only with a boundary and a stem that is known or
        // the tokens see as a noun, and never when the word is a place.
        let word_is_place = morphemes.iter().any(|m| {
            m.start == offset && m.end == offset + word.len() && m.semantic_class() == Some("지명")
        });
        if word_is_place {
            continue;
        }
        if known || (token_boundary && !all_hangul(stem)) {
            return stem.len();
        }
        // 노건우의: a Korean name's possessive.
        if particle == "의"
            && syllable_count(stem) == 3
            && split_name(stem).is_some_and(|n| syllable_count(&n.given) == 2)
        {
            return stem.len();
        }
        if token_boundary
            && morphemes
                .iter()
                .any(|m| m.start == boundary && m.pos.starts_with('J'))
        {
            return stem.len();
        }
    }
    word.len()
}

/// Whether the tokens of a stem make it a predicate's noun (논의하고 →
/// 논의 + 하 + 고) or a verb form rather than a name.
fn is_predicate(stem_morphemes: &[&Morpheme]) -> bool {
    // 겐지 read as 것 + 이 + ㄴ지: a bound noun's contraction is no predicate.
    if stem_morphemes
        .first()
        .is_some_and(|m| m.pos.starts_with("NNB"))
    {
        return false;
    }
    stem_morphemes.iter().any(|m| {
        let pos = m.pos.as_str();
        pos.starts_with("XSV")
            || pos.starts_with("XSA")
            || pos.starts_with("VV")
            || pos.starts_with("VA")
            || pos.starts_with("VCP")
            || pos.starts_with('E')
            || pos.starts_with("MAG")
    })
}

/// Whether a word is part of an e-mail address or a web address.
fn in_address(text: &str, start: usize, end: usize) -> bool {
    let chunk_start = text
        .get(..start)
        .unwrap_or("")
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let chunk_end = text
        .get(end..)
        .unwrap_or("")
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    let chunk = text.get(chunk_start..chunk_end).unwrap_or("");
    chunk.contains('@') || chunk.contains("://") || chunk.contains("www.")
}

/// Splits a sentence into words: runs of letters and digits (with inner
/// hyphens, `&`, decimal points, and middle dots inside quotations);
/// brackets right after a word become its `paren`; a particle after brackets
/// or a closing quote becomes its tail.
/// A letter or digit; Hangul syllables, most of a Korean text, are answered
/// without the Unicode tables.
fn is_word_char(c: char) -> bool {
    is_syllable(c) || c.is_alphanumeric()
}

fn split_words(
    text: &str,
    morphemes: &[Morpheme],
    quotes: &[Quote],
    lexicon: &Lexicon,
) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut words: Vec<Word> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(c) = char_at(i) else { break };
        if !is_word_char(c) {
            i += 1;
            continue;
        }
        let start = byte_at(i);
        let in_quote = quotes.iter().any(|q| q.start <= start && start < q.end);
        let mut j = i;
        while let Some(d) = char_at(j) {
            let next = char_at(j + 1);
            let prev = j.checked_sub(1).and_then(char_at);
            let ok = is_word_char(d)
                || (matches!(d, '-' | '&' | '+') && next.is_some_and(is_word_char))
                || (d == '.'
                    && next.is_some_and(|n| n.is_ascii_digit())
                    && prev.is_some_and(|p| p.is_ascii_digit()))
                || (d == '·'
                    && in_quote
                    && next.is_some_and(is_syllable)
                    && prev.is_some_and(is_syllable));
            if ok {
                j += 1;
            } else {
                break;
            }
        }
        let end = byte_at(j);
        // A particle right after a closing quote or bracket belongs to the
        // word before it.
        let after_close = i > 0
            && (j.checked_sub(0).is_some())
            && i.checked_sub(1)
                .and_then(char_at)
                .is_some_and(|p| is_close_quote(p) || p == ')');
        let raw = text.get(start..end).unwrap_or("");
        if after_close
            && let Some(prev) = words.last_mut()
            && PARTICLES
                .iter()
                .any(|(p, _)| raw == *p || raw.starts_with(p))
            && !raw.starts_with('씨')
            && all_hangul(raw)
            && syllable_count(raw) <= 4
        {
            prev.tail = raw.to_string();
            prev.joins_next = false;
            i = j;
            continue;
        }
        if in_address(text, start, end) {
            i = j.max(i + 1);
            continue;
        }
        // Brackets right after the word.
        let mut paren = None;
        let mut after = j;
        if char_at(j) == Some('(')
            && let Some(close) = chars.iter().skip(j + 1).position(|&(_, d)| d == ')')
        {
            let close_index = j + 1 + close;
            let inner_start = byte_at(j + 1);
            let inner_end = byte_at(close_index);
            if inner_end >= inner_start {
                paren = text
                    .get(inner_start..inner_end)
                    .map(|p| p.trim().to_string());
                after = close_index + 1;
            }
        }
        let word_morphemes: Vec<&Morpheme> = morphemes
            .iter()
            .filter(|m| m.start >= start && m.end <= end)
            .collect();
        let mut stem_len = split_particle(raw, &word_morphemes, start, lexicon);
        // The polite 요 closing a short answer (W. G. 제발트요.).
        if stem_len == raw.len()
            && raw.ends_with('요')
            && syllable_count(raw) >= 3
            && matches!(char_at(j), Some('.' | '?' | '!'))
        {
            stem_len = raw.len() - '요'.len_utf8();
        }
        let stem_end = start + stem_len;
        let stem_morphemes: Vec<&Morpheme> = word_morphemes
            .iter()
            .copied()
            .filter(|m| m.end <= stem_end)
            .collect();
        let mut tail = raw.get(stem_len..).unwrap_or("").to_string();
        // 윤재석(58)씨는 / 감독(가운데)이: what follows the brackets.
        if paren.is_some() {
            let mut k = after;
            while char_at(k).is_some_and(is_syllable) {
                k += 1;
            }
            if k > after {
                tail.push_str(text.get(byte_at(after)..byte_at(k)).unwrap_or(""));
                after = k;
            }
        }
        let joins_next = {
            let mut k = after;
            let mut spaces = 0;
            while char_at(k) == Some(' ') {
                spaces += 1;
                k += 1;
            }
            spaces == 1 && char_at(k).is_some_and(char::is_alphanumeric)
        };
        // The innermost quotation holding the word.
        let quote = quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.start <= start && end <= q.end)
            .min_by_key(|(_, q)| q.end - q.start)
            .map(|(i, _)| i);
        words.push(Word {
            start,
            stem_end,
            stem: raw.get(..stem_len).unwrap_or(raw).to_string(),
            tail,
            predicate: is_predicate(&stem_morphemes) && !raw.contains(['·', '-']),
            paren,
            joins_next,
            quote,
        });
        i = after.max(j).max(i + 1);
    }
    words
}

/// What one word's stem is, before looking at its neighbours.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// A Korean personal name the dictionary tags as one.
    KoreanName,
    /// The shape of a Korean name (surname + one or two syllables) the
    /// dictionary does not know: a name only with a title, an age, 씨.
    NameShaped,
    /// A surname alone (강, 남궁): a short reference when a title follows.
    Surname,
    /// A known or tagged place.
    Place,
    /// A known organisation, event or other name (gazetteer).
    Known(EntityType),
    /// A compound with a name ending; `true` when the part before the ending
    /// makes it an entity on its own (a proper noun, a place, letters).
    Suffixed(EntityType, bool),
    /// A title (시장, 부성장) standing alone.
    Title,
    /// Latin letters (KAIST, imec, SK하이닉스).
    Latin,
    /// A word the dictionary does not know as a common word: maybe a
    /// foreign name (루산, 딥시크, 나카무라).
    Unknown,
    /// A number, date or count (2022년, 제4회).
    Number,
    /// A common word.
    Common,
}

struct Analyzer<'a> {
    morphemes: &'a [Morpheme],
    lexicon: &'a Lexicon,
    tables: &'static Tables,
}

impl Analyzer<'_> {
    fn morphemes_in(&self, start: usize, end: usize) -> Vec<&Morpheme> {
        self.morphemes
            .iter()
            .filter(|m| m.start >= start && m.end <= end)
            .collect()
    }

    /// Whether the dictionary tags the whole span as one proper noun of a class.
    fn tagged(&self, start: usize, end: usize, class: &str) -> bool {
        match self.morphemes_in(start, end).as_slice() {
            [m] => m.pos == "NNP" && m.semantic_class() == Some(class) && m.end == end,
            _ => false,
        }
    }

    /// Whether the text has the shape of a Korean name: a surname and one or
    /// two syllables (박모, "Park so-and-so", excluded).
    fn name_shaped(&self, text: &str) -> bool {
        if !all_hangul(text) || self.tables.not_entities.contains(text) {
            return false;
        }
        let Some(parts) = split_name(text) else {
            return false;
        };
        let given = syllable_count(&parts.given);
        (1..=2).contains(&given) && !(given == 1 && parts.given == "모")
    }

    fn shape(&self, word: &Word) -> Shape {
        self.shape_of(&word.stem, word.start, word.stem_end, word.predicate)
    }

    fn shape_of(&self, stem: &str, start: usize, end: usize, predicate: bool) -> Shape {
        let t = self.tables;
        if stem.is_empty() {
            return Shape::Common;
        }
        let first = stem.chars().next();
        if first.is_some_and(|c| c.is_ascii_digit()) && (!has_latin(stem) || stem.len() <= 3)
            || stem.starts_with('제') && stem.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
        {
            return Shape::Number;
        }
        if t.not_entities.contains(stem) {
            return Shape::Common;
        }
        if let Some(name) = t.names.get(stem) {
            return match name.kind {
                EntityType::Location => Shape::Place,
                kind => Shape::Known(kind),
            };
        }
        // 일본어판, 한국산, 중국인: a country's name inside a common word.
        let country_word = (2..=3).any(|n| {
            let chars: Vec<char> = stem.chars().collect();
            let head: String = chars.iter().take(n).collect();
            let rest = chars.len().saturating_sub(n);
            (1..=2).contains(&rest)
                && t.names
                    .get(&head)
                    .is_some_and(|p| p.kind == EntityType::Location && p.detail == "country")
        });
        if country_word && all_hangul(stem) {
            return Shape::Common;
        }
        // 팰컨9: a name with a model number.
        if let Some(pos) = stem.find(|c: char| c.is_ascii_digit())
            && pos > 0
            && stem.get(..pos).is_some_and(|h| h.chars().all(is_syllable))
            && stem
                .get(pos..)
                .is_some_and(|d| d.chars().all(|c| c.is_ascii_alphanumeric()))
            && !stem.get(..pos).is_some_and(|h| self.lexicon.contains(h))
        {
            return Shape::Unknown;
        }
        // A surname alone, before a title (강 시장, 왕씨).
        if syllable_count(stem) <= 2
            && all_hangul(stem)
            && split_name(stem).is_some_and(|p| p.given.is_empty())
            || syllable_count(stem) == 1
                && all_hangul(stem)
                && split_name(&format!("{stem}가나")).is_some_and(|p| p.surname == stem)
        {
            return Shape::Surname;
        }
        if t.titles.contains_key(stem) {
            return Shape::Title;
        }
        if has_latin(stem) {
            return Shape::Latin;
        }
        if !all_hangul(stem) {
            return Shape::Common;
        }
        if self.tagged(start, end, "인명") && self.name_shaped(stem) {
            return Shape::KoreanName;
        }
        if (self.tagged(start, end, "지명") || self.place_compound(start, end))
            && !self.lexicon.contains(stem)
        {
            return Shape::Place;
        }
        if t.suffixes.contains_key(stem) {
            return Shape::Common;
        }
        if let Some((kind, at)) = t.suffix_of(stem)
            && let Some(strong) = self.distinctive(stem, at, start)
        {
            let kind = match (kind, stem.get(at..)) {
                // 경북도 is the provincial government; 거문도 an island.
                (EntityType::Organization, Some("도"))
                    if t.names
                        .get(stem.get(..at).unwrap_or(""))
                        .is_none_or(|n| n.detail != "province") =>
                {
                    EntityType::Location
                }
                _ => kind,
            };
            return Shape::Suffixed(kind, strong);
        }
        let ms = self.morphemes_in(start, end);
        // 정태인 read as 정태 + 인 (copula): a name, if a title follows.
        let copula_only = ms
            .iter()
            .all(|m| m.pos.starts_with("NN") || m.pos.starts_with("VCP"));
        if predicate && !copula_only {
            return Shape::Common;
        }
        let predicate = predicate && !copula_only;
        if self.name_shaped(stem)
            && syllable_count(stem) >= 2
            && !self.lexicon.contains(stem)
            // 사람들, 전략적: a noun with a suffix is no name.
            && !ms.iter().any(|m| m.pos.starts_with("XSN"))
            && !matches!(ms.as_slice(), [m] if m.start == start && m.end == end
                && (m.pos == "NNG" || m.pos == "NNP" && m.semantic_class() != Some("인명")))
        {
            return Shape::NameShaped;
        }
        if predicate || self.lexicon.contains(stem) {
            return Shape::Common;
        }
        let proper = ms
            .iter()
            .any(|m| m.pos == "NNP" || m.pos.starts_with("UNK") || m.pos == "SL" || m.pos == "SH");
        let junk_split = ms.len() >= 2
            && ms.iter().all(|m| {
                !m.pos.starts_with('J') && !m.pos.starts_with('E') && !m.pos.starts_with('V')
            })
            && !ms.iter().all(|m| self.lexicon.contains(&m.surface));
        if proper || junk_split {
            return Shape::Unknown;
        }
        Shape::Common
    }

    /// The kind a name ending gives the stem, when the ending is really one:
    /// two syllables or more, or one the tokens cut off (천안|시, not 도|시).
    fn suffix_kind(&self, stem: &str, start: usize) -> Option<EntityType> {
        let (kind, at) = self.tables.suffix_of(stem)?;
        if at == 0 {
            return None;
        }
        let ending = stem.get(at..)?;
        let cut = self
            .morphemes_in(start, start + stem.len())
            .iter()
            .any(|m| m.end == start + at);
        (syllable_count(ending) >= 2 || cut || ending == "대").then_some(kind)
    }

    /// A dictionary compound of a place and a place unit (수영구, 광주시).
    fn place_compound(&self, start: usize, end: usize) -> bool {
        match self.morphemes_in(start, end).as_slice() {
            [m] => {
                m.pos == "NNP"
                    && m.end == end
                    && m.features.get(6).is_some_and(|a| a.contains("/지명"))
            }
            _ => false,
        }
    }

    /// Whether the part of a compound before its name ending makes it a
    /// name: `Some(true)` for a proper noun, a known name, letters or digits;
    /// `Some(false)` for two or more common nouns (영화진흥위원회: a name only
    /// if the English has it); `None` otherwise.
    fn distinctive(&self, stem: &str, suffix_at: usize, start: usize) -> Option<bool> {
        let modifier = stem.get(..suffix_at)?;
        if modifier.is_empty() {
            return None;
        }
        if self.lexicon.contains(stem) {
            return None;
        }
        if has_latin(modifier) || modifier.chars().any(|c| c.is_ascii_digit()) {
            return Some(true);
        }
        let t = self.tables;
        if t.names.contains_key(modifier) {
            return Some(true);
        }
        if syllable_count(modifier) < 2 {
            return None;
        }
        let ms = self.morphemes_in(start, start + suffix_at);
        let splits_there = ms.iter().any(|m| m.end == start + suffix_at);
        let ending = stem.get(suffix_at..).unwrap_or("");
        // A one-syllable ending (시, 도, 성, 구, 권 ...) names a place or body
        // only after a proper noun: 저장성, 천안시, 박닌성; not 전염성, 감행하면.
        if syllable_count(ending) == 1 && ending != "대" {
            let proper = ms
                .iter()
                .any(|m| m.pos == "NNP" || m.pos.starts_with("UNK") || m.pos == "SL")
                || foreign_looking(modifier);
            let verbal = ms.iter().any(|m| {
                m.pos.starts_with('V') || m.pos.starts_with("XSV") || m.pos.starts_with('E')
            });
            if !proper || verbal {
                return None;
            }
        }
        let suffix_syllables = syllable_count(ending);
        if !splits_there || ms.is_empty() {
            // The tokens do not cut there: a one-syllable ending is then
            // probably part of a word (도시, 플래시), except 대 (한남대).
            if suffix_syllables < 2 && ending != "대" || self.lexicon.contains(modifier) {
                return None;
            }
            return Some(false);
        }
        let mut nouns = 0;
        for m in &ms {
            if m.pos == "NNP" && matches!(m.semantic_class(), Some("지명" | "인명")) {
                return Some(true);
            }
            if m.pos == "NNP" || m.pos.starts_with("UNK") {
                return Some(true);
            }
            if m.pos.starts_with("NN") && !self.lexicon.contains(&m.surface) {
                return (syllable_count(&m.surface) >= 2).then_some(true);
            }
            if m.pos.starts_with("NN") || m.pos == "XSN" || m.pos == "XPN" {
                nouns += 1;
            } else {
                return None;
            }
        }
        (nouns >= 2).then_some(false)
    }
}

/// A mention under construction.
fn mention(
    sentence: usize,
    text: &str,
    start: usize,
    end: usize,
    kind: EntityType,
    strength: Strength,
) -> KoMention {
    let base = text
        .get(start..end)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    KoMention {
        sentence,
        start,
        end,
        text: base,
        kind,
        title: None,
        short: false,
        strength,
        alias: None,
        quoted: false,
    }
}

/// Whether Hangul looks like a transcribed foreign word: four syllables or
/// more, or a syllable Korean adds to end a foreign consonant (그, 스, 트).
fn foreign_looking(text: &str) -> bool {
    syllable_count(text) >= 4 || has_epenthetic_syllable(text)
}

/// Whether a one-word Hangul name reads as a transcribed foreign name (two
/// syllables or more, one of them a syllable Korean adds to end a foreign
/// consonant): 트럼프, 스미스, not 강 or 이재명.
pub fn transcribed_name(text: &str) -> bool {
    all_hangul(text) && syllable_count(text) >= 2 && has_epenthetic_syllable(text)
}

/// A syllable Korean adds to end a foreign consonant (트럼프, 옥스퍼드):
/// Sino-Korean compounds (우호협력, 전자공학) have none.
fn has_epenthetic_syllable(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            c,
            '그' | '드' | '트' | '스' | '크' | '프' | '브' | '즈' | '츠' | '르'
        )
    })
}

/// Strips an ordinal prefix from quoted text: `제4회 항저우 …` → `항저우 …`.
/// Returns the byte offset where the name starts.
fn skip_ordinal(text: &str) -> usize {
    let mut offset = 0;
    for word in text.split(' ') {
        let is_ordinal = (word.starts_with('제')
            && word.chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
            || word.chars().next().is_some_and(|c| c.is_ascii_digit())
                && (word.ends_with('회') || word.ends_with('차'));
        if is_ordinal {
            offset += word.len() + 1;
        } else {
            break;
        }
    }
    offset.min(text.len())
}

/// `감독님` → `감독`: the honorific 님 after a title.
fn strip_honorific(stem: &str) -> &str {
    match stem.strip_suffix('님') {
        Some(rest) if tables().title_suffix(rest).is_some() => rest,
        _ => stem,
    }
}

/// Whether bracketed text is an age: `58`, `58·전 국회의원`.
fn is_age(paren: &str) -> bool {
    let head = paren.split(['·', ',', ' ']).next().unwrap_or("");
    !head.is_empty()
        && head.chars().all(|c| c.is_ascii_digit())
        && head.parse::<u32>().is_ok_and(|n| (1..=120).contains(&n))
}

/// The title found at a word: where it starts (the word's start for a title
/// standing alone, later for 광주시장) and the title.
#[derive(Debug, Clone)]
struct TitleAt {
    at: usize,
    title: String,
}

/// The extraction state of one sentence.
struct Sentence<'a> {
    index: usize,
    text: &'a str,
    words: Vec<Word>,
    shapes: Vec<Shape>,
    titles: Vec<Option<TitleAt>>,
    analyzer: Analyzer<'a>,
    out: Vec<KoMention>,
}

impl Sentence<'_> {
    fn word(&self, i: usize) -> Option<&Word> {
        self.words.get(i)
    }

    fn shape(&self, i: usize) -> Option<Shape> {
        self.shapes.get(i).copied()
    }

    /// Whether word i is a title standing alone.
    fn is_title_word(&self, i: usize) -> bool {
        match (self.titles.get(i), self.word(i)) {
            (Some(Some(t)), Some(w)) => t.at == w.start,
            _ => false,
        }
    }

    /// Whether word i is bare (no particle, followed by one space and a word).
    fn bare(&self, i: usize) -> bool {
        self.word(i)
            .is_some_and(|w| w.tail.is_empty() && w.joins_next && w.paren.is_none())
    }

    /// The title following word i: directly, or after up to three bare
    /// organisation or place words (루산 저장성 부성장, 오지훈 KOTRA
    /// 하노이무역관장). Returns (index of the title word, title).
    fn title_after(&self, i: usize) -> Option<(usize, String)> {
        let w = self.word(i)?;
        if !w.joins_next || !(w.tail.is_empty() || w.tail == "인" && w.paren.is_none()) {
            return None;
        }
        for k in i + 1..=i + 4 {
            let next = self.word(k)?;
            if let Some(Some(t)) = self.titles.get(k) {
                let _ = next;
                return Some((k, t.title.clone()));
            }
            let shape = self.shape(k);
            let between = matches!(
                shape,
                Some(
                    Shape::Place
                        | Shape::Known(_)
                        | Shape::Suffixed(_, _)
                        | Shape::Latin
                        | Shape::Unknown
                )
            );
            // 영화진흥위원회(KOFIC) 위원장, 경북도 경제부지사.
            let loose = next.joins_next
                && (next.tail.is_empty() || next.tail == "도" && shape == Some(Shape::Place));
            if !between || !loose {
                return None;
            }
        }
        None
    }

    /// The occupation written before word i (소설가 한서윤, 중국 배우 저우린).
    fn title_before(&self, i: usize) -> Option<String> {
        let prev = self.word(i.checked_sub(1)?)?;
        if !prev.tail.is_empty() || !prev.joins_next {
            return None;
        }
        let stem = strip_honorific(&prev.stem);
        let title = tables().title(stem)?;
        matches!(title.position, TitlePosition::Before | TitlePosition::Both)
            .then(|| stem.to_string())
    }

    /// Evidence that the name at word i is a person: its title, or `Some("")`
    /// for an age in brackets or 씨.
    fn person_context(&self, i: usize) -> Option<String> {
        if let Some((_, title)) = self.title_after(i) {
            return Some(title);
        }
        let w = self.word(i)?;
        if w.tail.starts_with('씨') {
            return Some("씨".into());
        }
        if w.tail.is_empty() && w.joins_next && self.word(i + 1).is_some_and(|n| n.stem == "씨") {
            return Some("씨".into());
        }
        if let Some(title) = self.title_before(i) {
            return Some(title);
        }
        if w.paren.as_deref().is_some_and(is_age) {
            return Some(String::new());
        }
        None
    }

    fn push(
        &mut self,
        start: usize,
        end: usize,
        kind: EntityType,
        strength: Strength,
    ) -> Option<&mut KoMention> {
        if end <= start {
            return None;
        }
        let m = mention(self.index, self.text, start, end, kind, strength);
        if m.text.is_empty() {
            return None;
        }
        self.out.push(m);
        self.out.last_mut()
    }

    /// Quotations holding a short noun phrase: titles of works, events.
    fn quotations(&mut self, quotes: &[Quote]) {
        let t = tables();
        for (qi, q) in quotes.iter().enumerate() {
            let Some(inner) = self.text.get(q.start..q.end) else {
                continue;
            };
            let name_start = q.start + skip_ordinal(inner);
            let Some(content) = self.text.get(name_start..q.end) else {
                continue;
            };
            let trimmed = content.trim_end();
            let name_end = name_start + trimmed.len();
            let word_count = trimmed.split_whitespace().count();
            if trimmed.is_empty() || word_count > 6 || trimmed.chars().count() > 30 {
                continue;
            }
            let inside: Vec<&Word> = self.words.iter().filter(|w| w.quote == Some(qi)).collect();
            let Some(last) = inside.last() else { continue };
            // A sentence or a clause in quotes is not a name.
            let clause = inside.iter().any(|w| w.predicate)
                || inside
                    .iter()
                    .take(inside.len().saturating_sub(1))
                    .any(|w| !w.tail.is_empty() && w.tail != "의")
                || !last.tail.is_empty() && last.stem_end < name_end;
            if clause && !q.book
                || trimmed.ends_with('다')
                || trimmed.ends_with('요')
                || trimmed.ends_with(['.', '?', '!', ','])
            {
                continue;
            }
            let compact: String = trimmed.split_whitespace().collect();
            let known = t.names.get(&compact);
            let last_index = self.words.iter().rposition(|w| w.quote == Some(qi));
            let suffixed = match last_index.and_then(|i| self.shape(i)) {
                Some(Shape::Suffixed(kind, _) | Shape::Known(kind)) => Some(kind),
                _ => t
                    .suffixes
                    .get(last.stem.as_str())
                    .map(|(kind, _)| *kind)
                    .or_else(|| self.analyzer.suffix_kind(&last.stem, last.start))
                    .filter(|_| word_count > 1),
            };
            let kind = known
                .map(|n| n.kind)
                .or(suffixed)
                .unwrap_or(EntityType::Other);
            let strength = if known.is_some() || suffixed.is_some() && word_count > 1 {
                Strength::Strong
            } else {
                Strength::Weak
            };
            if let Some(m) = self.push(name_start, name_end, kind, strength) {
                m.quoted = true;
            }
        }
    }

    /// One word at a time: titles with a name inside the word (광주시장,
    /// 한씨), names, places, known organisations, Latin names.
    fn single_words(&mut self) {
        let t = tables();
        let mut i = 0;
        while i < self.words.len() {
            let (Some(w), Some(shape)) = (self.word(i).cloned(), self.shape(i)) else {
                break;
            };
            let stem = strip_honorific(&w.stem).to_string();
            let stem_end = w.start + stem.len();
            if let Some(Some(title)) = self.titles.get(i).cloned()
                && title.at > w.start
            {
                self.word_with_title(i, &w, &title);
                i += 1;
                continue;
            }
            if self.is_title_word(i) && shape != Shape::Surname {
                i += 1;
                continue;
            }
            match shape {
                Shape::KoreanName => {
                    let context = self.person_context(i);
                    if let Some(m) =
                        self.push(w.start, stem_end, EntityType::Person, Strength::Strong)
                    {
                        m.title = context.filter(|c| !c.is_empty());
                    }
                }
                Shape::NameShaped
                    if self.person_context(i).is_none()
                        && syllable_count(&stem) == 3
                        && w.tail != "인" =>
                {
                    // 노건우의 (노건 + 우의 to the tokens): a name if the
                    // English spells it.
                    self.push(w.start, stem_end, EntityType::Person, Strength::Weak);
                }
                Shape::NameShaped => {
                    // 정태인 대표: the tokens read 정태 + 인, the title says a name.
                    if let Some(context) = self.person_context(i)
                        && let Some(m) =
                            self.push(w.start, stem_end, EntityType::Person, Strength::Strong)
                    {
                        m.title = Some(context).filter(|c| !c.is_empty());
                    } else if w.tail == "인"
                        && self.name_shaped_with_tail(&w)
                        && let Some((_, title)) = self.title_after(i)
                    {
                        let end = stem_end + "인".len();
                        if let Some(m) =
                            self.push(w.start, end, EntityType::Person, Strength::Strong)
                        {
                            m.title = Some(title);
                        }
                    }
                }
                Shape::Surname => {
                    let next_title = self
                        .title_after(i)
                        .filter(|(k, _)| *k == i + 1 && self.is_title_word(i + 1));
                    let ssi = w.tail.starts_with('씨')
                        || w.tail.is_empty() && self.word(i + 1).is_some_and(|n| n.stem == "씨");
                    let title = next_title.map(|(_, t)| t).or(ssi.then(|| "씨".to_string()));
                    if let Some(title) = title
                        && let Some(m) =
                            self.push(w.start, stem_end, EntityType::Person, Strength::Weak)
                    {
                        m.title = Some(title);
                        m.short = true;
                    }
                }
                Shape::Place => {
                    // 충남도 행정부지사, 경북도 제공: the province as a government.
                    let province = t.names.get(&stem).is_some_and(|n| n.detail == "province");
                    let province_government =
                        w.tail == "도" && (province || self.is_title_word(i + 1));
                    // 루산 저장성 부성장: a place-tagged foreign name before a
                    // title is a person.
                    let person = !t.names.contains_key(&stem)
                        && !province_government
                        && self.title_after(i).is_some()
                        && all_hangul(&stem);
                    let title = self.title_after(i).map(|(_, title)| title);
                    let end = if province_government {
                        stem_end + "도".len()
                    } else {
                        stem_end
                    };
                    let kind = if person {
                        EntityType::Person
                    } else if province_government {
                        EntityType::Organization
                    } else {
                        EntityType::Location
                    };
                    if let Some(m) = self.push(w.start, end, kind, Strength::Strong) {
                        if person {
                            m.title = title;
                        }
                        m.alias = w.paren.clone().filter(|p| has_latin(p));
                    }
                }
                Shape::Known(kind) | Shape::Suffixed(kind, true) => {
                    if let Some(m) = self.push(w.start, stem_end, kind, Strength::Strong) {
                        m.alias = w.paren.clone().filter(|p| has_latin(p) || all_hangul(p));
                    }
                }
                Shape::Suffixed(kind, false) => {
                    if let Some(m) = self.push(w.start, stem_end, kind, Strength::Weak) {
                        m.alias = w.paren.clone().filter(|p| has_latin(p));
                    }
                }
                Shape::Latin => {
                    if let Some(consumed) = self.latin(i) {
                        i = consumed;
                    }
                }
                Shape::Unknown if stem.starts_with('대') => {
                    // 대중국 수출 (exports to China): the country.
                    let rest = stem.get('대'.len_utf8()..).unwrap_or("");
                    if t.names.get(rest).is_some_and(|n| n.detail == "country") {
                        self.push(
                            w.start + '대'.len_utf8(),
                            stem_end,
                            EntityType::Location,
                            Strength::Strong,
                        );
                    }
                }
                Shape::Unknown => {
                    let context = self.person_context(i);
                    let kind = self
                        .analyzer
                        .suffix_kind(&stem, w.start)
                        .unwrap_or(EntityType::Other);
                    let (kind, strength) = match &context {
                        Some(_) => (EntityType::Person, Strength::Strong),
                        None => (kind, Strength::Weak),
                    };
                    if let Some(m) = self.push(w.start, stem_end, kind, strength) {
                        m.title = context.filter(|c| !c.is_empty());
                        m.alias = w.paren.clone().filter(|p| has_latin(p));
                    }
                }
                Shape::Common => {
                    // 야마모토 부회장, 이륜차 시장: maybe the short form of a
                    // name given in full elsewhere; the linker decides.
                    if all_hangul(&stem)
                        && !w.predicate
                        && syllable_count(&stem) <= 4
                        && !self.analyzer.lexicon.contains(&stem)
                        && self.bare(i)
                        && self.is_title_word(i + 1)
                        && let Some(title) = self.titles.get(i + 1).cloned().flatten()
                        && let Some(m) =
                            self.push(w.start, stem_end, EntityType::Person, Strength::Weak)
                    {
                        m.title = Some(title.title);
                        m.short = true;
                    } else if all_hangul(&stem)
                        && !w.predicate
                        && syllable_count(&stem) >= 2
                        && has_epenthetic_syllable(&stem)
                        && !self.analyzer.lexicon.contains(&stem)
                    {
                        // 트럼프, 옥스퍼드: a transcribed foreign name the
                        // dictionary reads as a common noun; kept only when
                        // the English spells it.
                        self.push(w.start, stem_end, EntityType::Other, Strength::Weak);
                    }
                }
                Shape::Title | Shape::Number => {}
            }
            i += 1;
        }
    }

    /// `정태인`: a name the tokens cut before a syllable that reads as a particle.
    fn name_shaped_with_tail(&self, w: &Word) -> bool {
        let full = format!("{}{}", w.stem, w.tail);
        self.analyzer.name_shaped(&full) && syllable_count(&full) == 3
    }

    /// A word with a title inside it: 광주시장 (place + title), 강씨 (surname
    /// + 씨), 국토교통위원장 (국토교통위 + 위원장).
    fn word_with_title(&mut self, i: usize, w: &Word, title: &TitleAt) {
        let t = tables();
        let core_end = title.at;
        let Some(core) = self.text.get(w.start..core_end).map(str::to_string) else {
            return;
        };
        let shape = self.analyzer.shape_of(&core, w.start, core_end, false);
        match shape {
            Shape::KoreanName | Shape::NameShaped => {
                if let Some(m) = self.push(w.start, core_end, EntityType::Person, Strength::Strong)
                {
                    m.title = Some(title.title.clone());
                }
            }
            Shape::Surname => {
                if let Some(m) = self.push(w.start, core_end, EntityType::Person, Strength::Weak) {
                    m.title = Some(title.title.clone());
                    m.short = true;
                }
            }
            Shape::Place => {
                self.push(w.start, core_end, EntityType::Location, Strength::Strong);
                // An election for the office: 천안시장 선거.
                if w.tail.is_empty()
                    && w.joins_next
                    && self
                        .word(i + 1)
                        .is_some_and(|n| n.stem == "선거" || n.stem == "보궐선거")
                    && let Some(end) = self.word(i + 1).map(|n| n.stem_end)
                {
                    self.push(w.start, end, EntityType::Event, Strength::Strong);
                }
            }
            Shape::Known(kind) | Shape::Suffixed(kind, _) => {
                self.push(w.start, core_end, kind, Strength::Strong);
            }
            Shape::Latin => {
                self.push(
                    w.start,
                    core_end,
                    EntityType::Organization,
                    Strength::Strong,
                );
            }
            _ => {
                // The title swallowed the end of an organisation's name.
                if let Some(first) = title.title.chars().next() {
                    let org = format!("{core}{first}");
                    if let Some(n) = t.names.get(&org) {
                        let kind = n.kind;
                        if let Some(m) =
                            self.push(w.start, core_end + first.len_utf8(), kind, Strength::Strong)
                        {
                            m.text = org;
                        }
                    }
                }
                if shape == Shape::Unknown
                    && title.title == "씨"
                    && let Some(m) =
                        self.push(w.start, core_end, EntityType::Person, Strength::Weak)
                {
                    m.title = Some(title.title.clone());
                    m.short = true;
                }
            }
        }
    }

    /// Latin-script names: one word (KAIST, SK하이닉스, 대경ENG) or several
    /// (CJ ENM). Returns the index of the last word used.
    fn latin(&mut self, i: usize) -> Option<usize> {
        let t = tables();
        let w = self.word(i)?.clone();
        let stem = w.stem.as_str();
        if t.not_entities.contains(stem)
            || stem.chars().count() == 1
            || crate::lexicon::is_stopword(&stem.to_lowercase())
            || stem.len() <= 3 && stem.chars().all(|c| c.is_ascii_lowercase())
        {
            return None;
        }
        // An English word in a Korean text (Limited, Island) is no name
        // unless written in capitals or mixed with Hangul.
        let ordinary = stem.chars().all(|c| c.is_ascii_alphabetic())
            && !stem.chars().skip(1).any(|c| c.is_ascii_uppercase())
            && self
                .analyzer
                .lexicon
                .vocab()
                .get(&crate::lexicon::stem_en(&stem.to_lowercase()))
                .is_some();
        if ordinary {
            return None;
        }
        let mut end = w.stem_end;
        let mut k = i;
        while let (Some(cur), Some(next), Some(Shape::Latin)) =
            (self.word(k), self.word(k + 1), self.shape(k + 1))
        {
            let caps = |s: &str| {
                s.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            };
            if !cur.tail.is_empty()
                || !cur.joins_next
                || t.not_entities.contains(next.stem.as_str())
                || !caps(&cur.stem)
                || !caps(&next.stem)
            {
                break;
            }
            end = next.stem_end;
            k += 1;
        }
        let lower = stem.chars().all(|c| !c.is_ascii_uppercase());
        let strength = if lower {
            Strength::Weak
        } else {
            Strength::Strong
        };
        if let Some(m) = self.push(w.start, end, EntityType::Organization, strength) {
            m.alias = w.paren.clone().filter(|p| all_hangul(p));
        }
        Some(k)
    }

    /// Names of several words written with spaces that the gazetteer knows
    /// without them (칸 국제영화제, 마르셰 뒤 필름).
    fn gazetteer_phrases(&mut self) {
        let t = tables();
        for i in 0..self.words.len() {
            let mut compact = self.word(i).map(|w| w.stem.clone()).unwrap_or_default();
            for k in i + 1..(i + 4).min(self.words.len()) {
                if !self.bare(k - 1) {
                    break;
                }
                let Some(next) = self.word(k) else { break };
                compact.push_str(&next.stem);
                if let Some(name) = t.names.get(&compact)
                    && let Some(start) = self.word(i).map(|w| w.start)
                {
                    let (kind, end) = (name.kind, next.stem_end);
                    self.push(start, end, kind, Strength::Strong);
                }
            }
        }
    }

    /// Organisation and event names of several words, built backwards from
    /// a word with a name ending: 충청권 반도체 공동교육센터, 청람영화상
    /// 조직위원회, 항저우 글로벌 디지털 무역박람회, 저장성 정부, 2022년 지방선거.
    fn compound_names(&mut self) {
        let t = tables();
        for h in 0..self.words.len() {
            let Some(head) = self.word(h).cloned() else {
                break;
            };
            let head_stem = strip_honorific(&head.stem).to_string();
            let head_kind = match self.shape(h) {
                Some(Shape::Suffixed(kind, _)) => kind,
                Some(Shape::Common | Shape::Unknown) if !head.predicate => {
                    match t.suffixes.get(&head_stem) {
                        Some((kind, _)) => *kind,
                        None => match self.analyzer.suffix_kind(&head_stem, head.start) {
                            Some(kind) => kind,
                            None => continue,
                        },
                    }
                }
                _ => continue,
            };
            if self.is_title_word(h) {
                continue;
            }
            // A head with its own modifier (국립컨벤션센터) takes no place before it.
            let head_has_modifier = t.suffix_of(&head_stem).is_some_and(|(_, at)| at > 0);
            let mut first = h;
            let mut saw_proper = false;
            let mut saw_generic = 0;
            let mut k = h;
            while k > 0 {
                let p = k - 1;
                let (Some(prev), Some(prev_shape)) = (self.word(p), self.shape(p)) else {
                    break;
                };
                if !self.bare(p)
                    || prev.quote != head.quote
                    || prev.predicate && !matches!(prev_shape, Shape::Place | Shape::Known(_))
                {
                    break;
                }
                if self.title_after(p).is_some() && !matches!(prev_shape, Shape::Place) {
                    break;
                }
                match prev_shape {
                    Shape::Common => {
                        let nominal = self
                            .analyzer
                            .morphemes_in(prev.start, prev.stem_end)
                            .iter()
                            .all(|m| m.pos.starts_with("NN") || m.pos == "XSN" || m.pos == "XPN");
                        let generic = self.analyzer.lexicon.contains(&prev.stem)
                            || t.name_parts.contains_key(&prev.stem);
                        if !nominal {
                            break;
                        }
                        // A noun the lexicon does not know next to the
                        // ending is a proper name (반덴버그 우주군기지).
                        // ... unless it is one dictionary noun that does not
                        // look foreign (전용 산업단지: "dedicated", not a name).
                        let one_dictionary_noun = !foreign_looking(&prev.stem)
                            && matches!(
                                self.analyzer.morphemes_in(prev.start, prev.stem_end).as_slice(),
                                [m] if m.pos == "NNG"
                            );
                        if !generic
                            && !one_dictionary_noun
                            && saw_generic == 0
                            && !saw_proper
                            && all_hangul(&prev.stem)
                        {
                            saw_proper = true;
                            first = p;
                            k = p;
                            continue;
                        }
                        if saw_proper || !generic {
                            break;
                        }
                        saw_generic += 1;
                        first = p;
                        k = p;
                    }
                    Shape::Unknown | Shape::Latin => {
                        saw_proper = true;
                        first = p;
                        k = p;
                    }
                    Shape::Place => {
                        if saw_proper || head_has_modifier && saw_generic == 0 {
                            break;
                        }
                        first = p;
                        break;
                    }
                    Shape::Suffixed(EntityType::Event, _) | Shape::Known(EntityType::Event) => {
                        first = p;
                        break;
                    }
                    Shape::Number if head_kind == EntityType::Event => {
                        if prev.stem.ends_with('년') {
                            first = p;
                        }
                        break;
                    }
                    _ => break,
                }
            }
            if first == h {
                continue;
            }
            let Some(first_word) = self.word(first) else {
                continue;
            };
            let first_shape = self.shape(first);
            let distinctive = saw_proper
                || matches!(
                    first_shape,
                    Some(Shape::Place | Shape::Number | Shape::Suffixed(..) | Shape::Known(..))
                )
                // A name the quotation marks bound: it starts the quotation
                // (after an ordinal: '제1회 충청 반도체 인재포럼').
                || head.quote.is_some()
                    && h > first
                    && (0..first).all(|k| {
                        self.word(k).is_none_or(|w| {
                            w.quote != head.quote || self.shape(k) == Some(Shape::Number)
                        })
                    });
            if !distinctive {
                continue;
            }
            let strength = Strength::Strong;
            let (start, end) = (first_word.start, head.start + head_stem.len());
            let alias = head.paren.clone().filter(|p| has_latin(p));
            if let Some(m) = self.push(start, end, head_kind, strength) {
                m.alias = alias;
            }
        }
    }

    /// Foreign personal names of several words (나카무라 유이치, 응우옌 반 훙,
    /// 뤽 반덴베르흐, J. K. 홀리스): a run of name-like words with a title,
    /// an occupation, an age or initials around it.
    fn foreign_people(&mut self) {
        let t = tables();
        let name_like = |s: &Sentence<'_>, i: usize| -> bool {
            let Some(w) = s.word(i) else { return false };
            let tagged_person = s.analyzer.tagged(w.start, w.stem_end, "인명");
            if !all_hangul(&w.stem)
                || w.predicate
                || t.names.contains_key(&w.stem) && !tagged_person
                || s.is_title_word(i)
            {
                return false;
            }
            match s.shape(i) {
                Some(Shape::Unknown | Shape::Place | Shape::KoreanName | Shape::NameShaped) => true,
                // 반 in 응우옌 반 훙, 마르코, 야마모토, 겐지: the dictionary
                // reads these as common nouns (or worse); one token each, no
                // Korean suffix (영주권자 = 영주권 + 자 is not a name).
                Some(Shape::Common | Shape::Surname) => {
                    let ms = s.analyzer.morphemes_in(w.start, w.stem_end);
                    syllable_count(&w.stem) == 1
                        || !s.analyzer.lexicon.contains(&w.stem)
                            && ms.len() == 1
                            && syllable_count(&w.stem) <= 5
                }
                _ => false,
            }
        };
        let mut i = 0;
        while i < self.words.len() {
            let text = self.text;
            // Initials: J. K. 홀리스.
            let mut k = i;
            while self.word(k).is_some_and(|w| {
                w.stem.chars().count() == 1
                    && w.stem.chars().all(|c| c.is_ascii_uppercase())
                    && text.get(w.stem_end..w.stem_end + 1) == Some(".")
            }) {
                k += 1;
            }
            let initials = k > i;
            let run_start = k;
            // After initials, the surname whatever the tokens make of it
            // (W. G. 제발트: 제발 + 트).
            let surname_after_initials = initials
                && self
                    .word(k)
                    .is_some_and(|w| all_hangul(&w.stem) && syllable_count(&w.stem) <= 5);
            if !name_like(self, k) && !surname_after_initials {
                i = k.max(i + 1);
                continue;
            }
            while self.bare(k) && name_like(self, k + 1) {
                k += 1;
            }
            let last = k;
            let words_in_run = last + 1 - run_start;
            // A name does not start with one syllable (전 외무부: "former").
            let one_syllable_start = !initials
                && self
                    .word(run_start)
                    .is_some_and(|w| syllable_count(&w.stem) == 1)
                && !matches!(self.shape(run_start), Some(Shape::Unknown | Shape::Place));
            if words_in_run < 2 && !initials || one_syllable_start {
                i = last + 1;
                continue;
            }
            // Korean names are single words; a run ending or starting in one
            // is a Korean name with a word before or after it (무소속 이도윤).
            let korean =
                |j: usize| matches!(self.shape(j), Some(Shape::KoreanName | Shape::NameShaped));
            let foreign = (run_start..=last).any(|j| {
                matches!(self.shape(j), Some(Shape::Unknown | Shape::Place))
                    || self.word(j).is_some_and(|w| {
                        self.analyzer.tagged(w.start, w.stem_end, "인명")
                            && !self.analyzer.name_shaped(&w.stem)
                    })
            });
            if (korean(last) || korean(run_start)) && !foreign {
                i = last + 1;
                continue;
            }
            let (Some(first_word), Some(last_word)) = (self.word(i), self.word(last)) else {
                break;
            };
            let (start, end) = (first_word.start, last_word.stem_end);
            let context = self.person_context(last).or_else(|| self.title_before(i));
            let all_person_tags = (run_start..=last).all(|j| {
                self.word(j)
                    .is_some_and(|w| self.analyzer.tagged(w.start, w.stem_end, "인명"))
            });
            if context.is_some() || initials || all_person_tags {
                let strength = if context.is_some() || initials {
                    Strength::Strong
                } else {
                    Strength::Weak
                };
                // The single words of the run are not names on their own.
                self.out.retain(|o| !(o.start >= start && o.end <= end));
                if let Some(m) = self.push(start, end, EntityType::Person, strength) {
                    m.title = context.filter(|c| !c.is_empty());
                }
            }
            i = last + 1;
        }
    }

    /// A common abbreviation before a foreign name: AI 이노스페이스.
    /// A name with a model or series number written apart: 천리안위성 2B호,
    /// 온바다 1호. The name alone (inside it) is dropped.
    fn model_numbers(&mut self) {
        for i in 0..self.words.len() {
            let (Some(w), Some(next)) = (self.word(i), self.word(i + 1)) else {
                break;
            };
            let numbered = next.stem.ends_with('호')
                && next
                    .stem
                    .trim_end_matches('호')
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
                && next
                    .stem
                    .trim_end_matches('호')
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric());
            let named = matches!(
                self.shape(i),
                Some(Shape::Known(_) | Shape::Unknown | Shape::Latin)
            );
            if !(numbered && named && self.bare(i)) {
                continue;
            }
            let (start, end) = (w.start, next.stem_end);
            self.out
                .retain(|m| !(m.start >= start && m.end <= end && !m.quoted));
            self.push(start, end, EntityType::Other, Strength::Strong);
        }
    }

    fn abbreviation_prefixes(&mut self) {
        let t = tables();
        for i in 0..self.words.len() {
            let Some(w) = self.word(i) else { break };
            if has_latin(&w.stem)
                && t.not_entities.contains(w.stem.as_str())
                && self.bare(i)
                && self.shape(i + 1) == Some(Shape::Unknown)
                && let Some(end) = self.word(i + 1).map(|n| n.stem_end)
            {
                let start = w.start;
                self.push(start, end, EntityType::Other, Strength::Weak);
            }
        }
    }
}

/// A name directly before a title is a name, whatever the tokens make of it:
/// 박상은 의원 (read 박상 + 은), 조해진 의원 (read as a verb form), 이훈 의원
/// (a dictionary noun). Only Korean name shapes, and not before 시장 (also
/// "market").
fn repair_names_before_titles(
    words: &mut [Word],
    shapes: &mut [Shape],
    titles: &[Option<TitleAt>],
    analyzer: &Analyzer<'_>,
) {
    for i in 0..words.len() {
        let title = match (titles.get(i + 1), words.get(i + 1)) {
            (Some(Some(t)), Some(next)) if t.at == next.start => t.title.clone(),
            _ => continue,
        };
        // 심재권 의원 (read 심재 + 권, a "region"): a place ending after
        // something that is not a known place.
        let place_like = matches!(
            shapes.get(i),
            Some(Shape::Suffixed(EntityType::Location, _))
        ) && words.get(i).is_some_and(|w| {
            tables().suffix_of(&w.stem).is_some_and(|(_, at)| {
                w.stem
                    .get(..at)
                    .is_some_and(|base| !tables().names.contains_key(base))
            })
        });
        if title == "시장"
            || !place_like
                && !matches!(
                    shapes.get(i),
                    Some(Shape::Common | Shape::NameShaped | Shape::Unknown | Shape::Surname)
                )
        {
            continue;
        }
        let Some(w) = words.get_mut(i) else { continue };
        if !w.joins_next || w.paren.is_some() {
            continue;
        }
        let full = format!("{}{}", w.stem, w.tail);
        // 사립대 교수, 한밭대 총장: an organisation's ending (대, 시) is no
        // given name (a place ending may be: 심재권, 이종구).
        if tables()
            .suffix_of(&w.stem)
            .is_some_and(|(kind, _)| kind != EntityType::Location)
        {
            continue;
        }
        let split_name_word = w.tail.chars().count() == 1
            && syllable_count(&full) == 3
            && all_hangul(&full)
            && analyzer.name_shaped(&full)
            && !analyzer.lexicon.contains(&w.stem)
            && !analyzer.lexicon.contains(&full);
        // Two syllables only when the tokens read a noun (이훈 의원, not 이어).
        let nominal = analyzer
            .morphemes_in(w.start, w.stem_end)
            .iter()
            .all(|m| m.pos.starts_with("NN"));
        let whole_name_word = w.tail.is_empty()
            && (syllable_count(&w.stem) == 3 || syllable_count(&w.stem) == 2 && nominal)
            && analyzer.name_shaped(&w.stem)
            && !analyzer.lexicon.contains(&w.stem);
        if split_name_word {
            w.stem_end += w.tail.len();
            w.stem = full;
            w.tail.clear();
        } else if !whole_name_word {
            continue;
        }
        w.predicate = false;
        if let Some(shape) = shapes.get_mut(i) {
            *shape = Shape::NameShaped;
        }
    }
}

/// The Korean mentions of one sentence. `morphemes` are the sentence's
/// tokens (spans relative to `text`).
pub fn extract_sentence(
    sentence: usize,
    text: &str,
    morphemes: &[Morpheme],
    lexicon: &Lexicon,
) -> Vec<KoMention> {
    let t = tables();
    let quotes = find_quotes(text);
    let words = split_words(text, morphemes, &quotes, lexicon);
    let analyzer = Analyzer {
        morphemes,
        lexicon,
        tables: t,
    };
    let shapes: Vec<Shape> = words.iter().map(|w| analyzer.shape(w)).collect();
    let titles: Vec<Option<TitleAt>> = words
        .iter()
        .zip(&shapes)
        .map(|(w, shape)| {
            if matches!(
                shape,
                Shape::Known(_) | Shape::Place | Shape::Suffixed(_, true)
            ) {
                return None;
            }
            let stem = strip_honorific(&w.stem);
            let (title, at) = t.title_suffix(stem).or_else(|| {
                // 한씨, 왕씨: 씨 after a surname.
                let core = stem.strip_suffix('씨')?;
                (!core.is_empty()).then_some(("씨", core.len()))
            })?;
            let core = stem.get(..at).unwrap_or("");
            // A title inside a word needs a name or a place before it.
            let usable = core.is_empty() && !w.predicate
                || !core.is_empty() && (title.chars().count() >= 2 || title == "씨");
            usable.then(|| TitleAt {
                at: w.start + at,
                title: title.to_string(),
            })
        })
        .collect();
    let (mut words, mut shapes) = (words, shapes);
    repair_names_before_titles(&mut words, &mut shapes, &titles, &analyzer);
    let mut s = Sentence {
        index: sentence,
        text,
        words,
        shapes,
        titles,
        analyzer,
        out: Vec::new(),
    };
    s.quotations(&quotes);
    s.single_words();
    s.gazetteer_phrases();
    s.compound_names();
    s.foreign_people();
    s.abbreviation_prefixes();
    s.model_numbers();
    dedup(s.out)
}

/// Removes repeated mentions (same span) keeping the strongest, drops weak
/// mentions inside longer ones (인터컨티넨탈 in 인터컨티넨탈 호텔), and sorts
/// by position.
fn dedup(mut mentions: Vec<KoMention>) -> Vec<KoMention> {
    let spans: Vec<(usize, usize, Strength)> = mentions
        .iter()
        .map(|m| (m.start, m.end, m.strength))
        .collect();
    mentions.retain(|m| {
        m.strength == Strength::Strong
            || !spans.iter().any(|&(s, e, strength)| {
                s <= m.start && m.end <= e && e - s > m.end - m.start && strength >= m.strength
            })
    });
    mentions.sort_by(|a, b| {
        (
            a.start,
            std::cmp::Reverse(a.end),
            std::cmp::Reverse(a.strength),
            a.short,
        )
            .cmp(&(
                b.start,
                std::cmp::Reverse(b.end),
                std::cmp::Reverse(b.strength),
                b.short,
            ))
    });
    let mut out: Vec<KoMention> = Vec::new();
    for m in mentions {
        if m.text.is_empty() {
            continue;
        }
        if let Some(prev) = out
            .iter_mut()
            .find(|p| p.start == m.start && p.end == m.end)
        {
            if prev.title.is_none() {
                prev.title = m.title.clone();
            }
            if prev.alias.is_none() {
                prev.alias = m.alias.clone();
            }
            if m.kind == EntityType::Person && prev.kind == EntityType::Other {
                prev.kind = EntityType::Person;
            }
            prev.quoted |= m.quoted;
            continue;
        }
        out.push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::KoreanTokenizer;
    use std::sync::LazyLock;

    static TOKENIZER: LazyLock<KoreanTokenizer> =
        LazyLock::new(|| KoreanTokenizer::new().expect("dictionary"));

    fn extract(text: &str) -> Vec<KoMention> {
        let morphemes = TOKENIZER.tokenize(text).expect("tokenize");
        extract_sentence(0, text, &morphemes, Lexicon::builtin())
    }

    fn texts(text: &str) -> Vec<(String, EntityType, Option<String>)> {
        extract(text)
            .into_iter()
            .map(|m| (m.text, m.kind, m.title))
            .collect()
    }

    fn has(found: &[(String, EntityType, Option<String>)], text: &str, kind: EntityType) -> bool {
        found.iter().any(|(x, k, _)| x == text && *k == kind)
    }

    #[test]
    fn a_known_place_with_its_unit_loses_the_particle_the_tokens_run_into() {
        // mecab-ko-dic reads 뉴욕시의 as 뉴욕 + 시의 ("city council").
        let found = texts("테슬라는 뉴욕시의 에디슨 컴퍼니에게서 일자리를 얻었다.");
        assert!(found.iter().any(|(x, _, _)| x == "뉴욕시"), "{found:?}");
        assert!(!found.iter().any(|(x, _, _)| x == "뉴욕시의"), "{found:?}");
    }

    #[test]
    fn people_with_titles_and_places() {
        let found = texts(
            "강기정 광주시장이 24일 중국 항저우 인터컨티넨탈 호텔에서 루산 저장성 부성장과 만나 논의하고 있다.",
        );
        assert!(has(&found, "강기정", EntityType::Person), "{found:?}");
        assert!(
            found
                .iter()
                .any(|(x, _, title)| x == "강기정" && title.as_deref() == Some("시장"))
        );
        assert!(has(&found, "광주", EntityType::Location), "{found:?}");
        assert!(has(&found, "루산", EntityType::Person), "{found:?}");
        assert!(has(&found, "저장성", EntityType::Location), "{found:?}");
        assert!(
            has(&found, "인터컨티넨탈 호텔", EntityType::Organization),
            "{found:?}"
        );
        assert!(has(&found, "중국", EntityType::Location));
        assert!(
            !found
                .iter()
                .any(|(x, _, _)| x.contains("시장") || x.contains("부성장"))
        );
    }

    #[test]
    fn short_references_and_unknown_names() {
        let found = texts("강 시장은 야오가오위안 항저우시장과도 만났다. 왕샤오밍(52)씨는 웃었다.");
        assert!(
            found.iter().any(|(x, k, t)| x == "강"
                && *k == EntityType::Person
                && t.as_deref() == Some("시장")),
            "{found:?}"
        );
        assert!(has(&found, "야오가오위안", EntityType::Person), "{found:?}");
        assert!(has(&found, "왕샤오밍", EntityType::Person), "{found:?}");
        let found = texts(
            "'철길'의 제작사인 태인필름 정태인 대표와 이름이 한 글자 차이여서 한씨는 웃었다.",
        );
        assert!(has(&found, "정태인", EntityType::Person), "{found:?}");
        assert!(
            has(&found, "태인필름", EntityType::Organization),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(x, _, t)| x == "한" && t.as_deref() == Some("씨")),
            "{found:?}"
        );
    }

    #[test]
    fn multiword_organisations_and_events() {
        let found =
            texts("강 시장은 '제4회 항저우 글로벌 디지털 무역박람회' 환영 만찬에 참석했다.");
        assert!(
            has(&found, "항저우 글로벌 디지털 무역박람회", EntityType::Event),
            "{found:?}"
        );
        let found = texts("6일 대전 유성구 충청권 반도체 공동교육센터에서 출범식을 열었다.");
        assert!(
            found
                .iter()
                .any(|(x, _, _)| x == "충청권 반도체 공동교육센터"),
            "{found:?}"
        );
        assert!(found.iter().any(|(x, _, _)| x == "유성구"), "{found:?}");
        let found = texts("일본 영화감독 나카무라 유이치는 평가했다.");
        assert!(
            has(&found, "나카무라 유이치", EntityType::Person),
            "{found:?}"
        );
        let found = texts(
            "오는 6월 3일 치러지는 제9회 전국동시지방선거의 충남도지사 선거가 3파전으로 확정됐다.",
        );
        assert!(
            found.iter().any(|(x, _, _)| x == "충남도지사 선거"),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(x, _, _)| x == "전국동시지방선거"),
            "{found:?}"
        );
    }

    #[test]
    fn no_entities_in_plain_text_and_no_panics() {
        assert!(texts("오늘은 날씨가 좋다.").is_empty());
        for text in [
            "",
            " ",
            "(",
            "'",
            "“",
            "『",
            "()",
            "a(b",
            "강(",
            "((()))",
            "'''",
            "제",
            "12345",
            "·",
            "-가",
            "가)",
            "')가",
            "김(",
            "J. ",
            "씨",
            "님",
            "@",
            "a@b.kr 강기정",
        ] {
            let _ = extract(text);
        }
    }

    /// Prints the mentions of every corpus sentence (development aid):
    /// `cargo test --release --lib dump_corpus_mentions -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn dump_corpus_mentions() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut cases: Vec<_> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        cases.sort();
        for case in cases {
            let Ok(text) = std::fs::read_to_string(case.join("ko.txt")) else {
                continue;
            };
            println!("=== {}", case.display());
            for seg in crate::segment::segment(&text, crate::lang::Lang::Ko) {
                let list: Vec<String> = extract(&seg.text)
                    .iter()
                    .map(|m| {
                        format!(
                            "{}[{}{}{}{}]",
                            m.text,
                            &m.kind.as_str()[..3],
                            if m.strength == Strength::Weak {
                                ",w"
                            } else {
                                ""
                            },
                            m.title
                                .as_ref()
                                .map(|t| format!(",{t}"))
                                .unwrap_or_default(),
                            if m.short { ",S" } else { "" }
                        )
                    })
                    .collect();
                println!("{}\n   -> {}", seg.text, list.join("  "));
            }
        }
    }
}
