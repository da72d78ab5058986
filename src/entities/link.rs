//! Linking Korean entities to their English forms across an aligned article.
//!
//! 1. Korean mentions are found sentence by sentence ([`super::korean`]);
//!    short references (강 시장, 야오 시장, 한씨) are resolved to the full
//!    name mentioned elsewhere in the article (same surname or first word,
//!    the same title preferred, the nearest earlier mention first).
//! 2. Inside each aligned bead, every mention is scored against the windows
//!    of the bead's English sentences ([`super::matcher`]); links are taken
//!    best first, and an English word goes to one name only (a name inside
//!    another, 항저우 in 항저우 글로벌 디지털 무역박람회, may take a word inside
//!    the other's window).
//! 3. Entities the beads did not link are looked for in the whole English
//!    article with a stricter threshold (the alignment may be off); quoted
//!    titles are paired with quoted English titles of the same bead.
//! 4. Korean names with the same English full form are one entity
//!    (충남대학교 and 충남대); forms inside another form of the same entity
//!    ("Korea" in "South Korea", "Bac Ninh" in "Bac Ninh Province") and
//!    acronyms are short forms; capitalised English spans made of an
//!    entity's words (Kang, Mayor Kang, Chairman Nguyen) are its short
//!    forms, resolved through the bead when two people share a surname.

use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::OnceCell;

use serde::Serialize;

use crate::align::Alignment;
use crate::error::Result;
use crate::lexicon::Lexicon;
use crate::romanize::split_name;
use crate::segment::{Segment, SegmentKind};
use crate::tokenize::{KoreanTokenizer, Morpheme};

use super::EntityType;
use super::english::{self, EnName, Join, NAME_ABBREVIATIONS, Unit};
use super::korean::{KoMention, Strength, extract_sentence};
use super::matcher::{EntityMatcher, Evidence, WindowScore};

/// Windows scoring at least this link a mention inside its bead.
const BEAD_THRESHOLD: f64 = 0.55;
/// A link is a full form from this score up (below, or with the name's
/// ending unexplained, a short form).
const FULL_THRESHOLD: f64 = 0.6;
/// Outside the bead, a window must score this much.
const DOCUMENT_THRESHOLD: f64 = 0.8;

/// How an English form of an entity is used in the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormUse {
    /// The form as written (no possessive, no leading "the").
    pub form: String,
    /// Occurrences in the English article.
    pub count: usize,
    /// English sentences (segment indices) where it occurs.
    pub sentences: Vec<usize>,
}

/// One entity of an article with its Korean and English forms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// The Korean base form (no particle, no title).
    pub ko: String,
    /// Other Korean forms of the same entity (충남대 for 충남대학교, KOFIC).
    pub ko_aliases: Vec<String>,
    pub kind: EntityType,
    /// Titles written with the name in Korean (시장, 부성장).
    pub titles: Vec<String>,
    /// Korean sentences (segment indices) that mention it, short forms included.
    pub ko_sentences: Vec<usize>,
    /// Korean mentions, short forms included.
    pub ko_count: usize,
    /// Full English forms, most used first.
    pub forms: Vec<FormUse>,
    /// Short references: surname, title + surname, part of a longer name,
    /// acronym.
    pub short_forms: Vec<FormUse>,
    /// The kinds of evidence that linked it.
    pub evidence: Vec<Evidence>,
    /// The English spells a Korean reading of the name (romanization), not a
    /// foreign original: its variants are romanization variants.
    pub korean_reading: bool,
}

/// A capitalised English name no Korean entity accounts for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnlinkedName {
    pub form: String,
    pub count: usize,
    pub sentences: Vec<usize>,
}

/// Everything the linker found in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArticleEntities {
    pub entities: Vec<Entity>,
    /// English names with no Korean counterpart (names the Korean lacks, or
    /// the linker missed).
    pub english_only: Vec<UnlinkedName>,
}

/// One link of a mention to a window.
#[derive(Debug, Clone)]
struct Link {
    entity: usize,
    sentence: usize,
    start: usize,
    end: usize,
    /// The Korean mention's span (sentence, start, end), for nesting.
    ko: (usize, usize, usize),
    full: bool,
    evidence: Evidence,
    korean_reading: bool,
    /// Share of the Korean name the window explains.
    coverage: f64,
}

/// An entity under construction.
struct Draft {
    ko: String,
    kind: EntityType,
    strength: Strength,
    titles: Vec<String>,
    aliases: Vec<String>,
    mentions: Vec<KoMention>,
    quoted: bool,
}

fn kind_rank(kind: EntityType) -> u8 {
    match kind {
        EntityType::Person => 5,
        EntityType::Organization => 4,
        EntityType::Event => 3,
        EntityType::Location => 2,
        EntityType::Other => 1,
    }
}

/// Resolves short mentions (surname + title, first word of a foreign name)
/// to the full name they refer to; returns the full name's text, or `None`.
fn resolve_short(short: &KoMention, people: &[&KoMention]) -> Option<String> {
    let text = short.text.as_str();
    let candidates: Vec<&KoMention> = people
        .iter()
        .copied()
        .filter(|p| p.text != text && !p.short)
        .filter(|p| {
            let surname = split_name(&p.text).map(|n| n.surname);
            surname.as_deref() == Some(text)
                || p.text.starts_with(&format!("{text} "))
                || p.text.starts_with(text) && text.chars().count() >= 2
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let title_fits = |p: &KoMention| match (&p.title, &short.title) {
        (Some(a), Some(b)) => a == b || a.ends_with(b.as_str()) || b.ends_with(a.as_str()),
        _ => false,
    };
    // Distinct people among the candidates.
    let mut names: Vec<&str> = candidates.iter().map(|p| p.text.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    if names.len() == 1 {
        return names.first().map(|s| (*s).to_string());
    }
    let titled: Vec<&KoMention> = candidates
        .iter()
        .copied()
        .filter(|p| title_fits(p))
        .collect();
    let pool = if titled.is_empty() {
        &candidates
    } else {
        &titled
    };
    // The nearest mention before it, else the first after.
    pool.iter()
        .filter(|p| p.sentence <= short.sentence)
        .max_by_key(|p| (p.sentence, p.start))
        .or_else(|| pool.iter().min_by_key(|p| (p.sentence, p.start)))
        .map(|p| p.text.clone())
}

/// The English sentences aligned to each Korean sentence (by bead), and the
/// bead of each sentence.
struct BeadMap {
    ko_bead: Vec<Option<usize>>,
    en_bead: Vec<Option<usize>>,
    beads: Vec<(Vec<usize>, Vec<usize>)>,
}

impl BeadMap {
    fn new(alignment: &Alignment, ko_len: usize, en_len: usize) -> BeadMap {
        let mut ko_bead = vec![None; ko_len];
        let mut en_bead = vec![None; en_len];
        let mut beads = Vec::new();
        for (b, bead) in alignment.beads.iter().enumerate() {
            for &k in &bead.ko {
                if let Some(slot) = ko_bead.get_mut(k) {
                    *slot = Some(b);
                }
            }
            for &e in &bead.en {
                if let Some(slot) = en_bead.get_mut(e) {
                    *slot = Some(b);
                }
            }
            beads.push((bead.ko.clone(), bead.en.clone()));
        }
        BeadMap {
            ko_bead,
            en_bead,
            beads,
        }
    }

    /// English sentences of the bead of Korean sentence `k`; for a Korean
    /// sentence the English leaves out, those of the neighbouring beads.
    fn english_for(&self, k: usize) -> Vec<usize> {
        let Some(Some(b)) = self.ko_bead.get(k) else {
            return Vec::new();
        };
        let own = self
            .beads
            .get(*b)
            .map(|(_, en)| en.clone())
            .unwrap_or_default();
        if !own.is_empty() {
            return own;
        }
        let mut near = Vec::new();
        for nb in [b.checked_sub(1), Some(b + 1)].into_iter().flatten() {
            if let Some((_, en)) = self.beads.get(nb) {
                near.extend(en.iter().copied());
            }
        }
        near
    }

    /// Korean sentences of the bead of English sentence `e`.
    fn korean_for(&self, e: usize) -> Vec<usize> {
        match self.en_bead.get(e) {
            Some(Some(b)) => self
                .beads
                .get(*b)
                .map(|(ko, _)| ko.clone())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// The text of units [first, last] of a sentence, with the period of a
/// company abbreviation (Co., Inc.).
fn window_text(
    text: &str,
    units: &[Unit],
    first: usize,
    last: usize,
) -> Option<(usize, usize, String)> {
    let (a, b) = (units.get(first)?, units.get(last)?);
    let end = if NAME_ABBREVIATIONS.contains(&b.text.as_str())
        && text.get(b.end..b.end + 1) == Some(".")
    {
        b.end + 1
    } else {
        b.end
    };
    let form = text
        .get(a.start..end)?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some((a.start, end, form))
}

/// Whether a window inside quotation marks covers the whole quotation: a
/// quoted title is linked whole ("Harbor at Night", not "Harbor").
fn whole_quote(text: &str, units: &[Unit], first: usize, last: usize) -> bool {
    let (Some(a), Some(b)) = (units.get(first), units.get(last)) else {
        return false;
    };
    for (s, e) in english::quoted_spans(text) {
        if s <= a.start && b.end <= e {
            let inside: Vec<&Unit> = units
                .iter()
                .filter(|u| u.start >= s && u.end <= e)
                .collect();
            return inside.first().is_some_and(|u| u.start == a.start)
                && inside.last().is_some_and(|u| u.end == b.end);
        }
    }
    true
}

/// Whether a window is a dateline (DAEJEON, Nov. 6 (Yonhap) --): a place in
/// capitals opening the sentence, written so by house style.
fn dateline(units: &[Unit], first: usize, last: usize) -> bool {
    first == 0
        && units
            .get(first..=last)
            .is_some_and(|w| w.iter().all(|u| english::all_caps(&u.text)))
        && units
            .get(last + 1)
            .is_some_and(|u| matches!(u.join, Join::Comma | Join::Break))
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn inside(inner: (usize, usize), outer: (usize, usize)) -> bool {
    outer.0 <= inner.0 && inner.1 <= outer.1
}

/// Whether Korean mention span `a` nests in `b` or `b` in `a` (same sentence).
fn nested(a: (usize, usize, usize), b: (usize, usize, usize)) -> bool {
    a.0 == b.0 && (inside((a.1, a.2), (b.1, b.2)) || inside((b.1, b.2), (a.1, a.2)))
}

/// Whether a form's words (case-insensitive) occur in order, contiguously,
/// in another form: "Korea" in "South Korea", "Kang" in "Kang Gi-jung".
pub fn sub_form(short: &str, long: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .collect()
    };
    let (a, b) = (words(short), words(long));
    !a.is_empty() && a.len() < b.len() && b.windows(a.len()).any(|w| w == a.as_slice())
}

/// Whether the gazetteer gives two Korean names the same English name (합참
/// and 합동참모본부, 민주당 and 더불어민주당): two names of one entity.
fn same_fixed_name(a: &str, b: &str) -> bool {
    let t = super::tables::tables();
    match (t.names.get(a), t.names.get(b)) {
        (Some(x), Some(y)) => {
            x.kind == y.kind && x.en.iter().any(|f| y.en.contains(f) && f.contains(' '))
        }
        _ => false,
    }
}

/// Whether one entity is the other named by its first word, as sports teams
/// and companies are (두산 for 두산 베어스, SSG for SSG 랜더스): same kind,
/// the Korean a first word of the other, the English inside the other's.
fn team_name(x: &Draft, y: &Draft, fx: &[String], fy: &[String]) -> bool {
    let first_word = |short: &Draft, long: &Draft| {
        long.ko.starts_with(&format!("{} ", short.ko)) && short.kind == long.kind
    };
    let inside_forms = |a: &[String], b: &[String]| {
        !a.is_empty() && a.iter().all(|f| b.iter().any(|g| sub_form(f, g)))
    };
    first_word(x, y) && inside_forms(fx, fy) || first_word(y, x) && inside_forms(fy, fx)
}

/// Whether a form is an acronym (KOTRA, KOFIC, DP).
pub fn acronym(form: &str) -> bool {
    !form.contains(' ')
        && form.chars().filter(char::is_ascii_alphabetic).count() >= 2
        && form.chars().count() <= 6
        && english::all_caps(form)
}

/// Occurrences of a form in a sentence: byte spans at word boundaries.
fn occurrences(text: &str, form: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if form.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(pos) = text.get(from..).and_then(|rest| rest.find(form)) {
        let start = from + pos;
        let end = start + form.len();
        let before = text.get(..start).and_then(|b| b.chars().next_back());
        let after = text.get(end..).and_then(|r| r.chars().next());
        let boundary = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            out.push((start, end));
        }
        from = start + form.len().max(1);
        while !text.is_char_boundary(from) && from < text.len() {
            from += 1;
        }
    }
    out
}

/// The English side of an article, prepared once: units and headlines.
/// The candidate windows of each (entity, English sentence), computed once:
/// the linking stages ask for the same ones, and scoring them (romanization
/// and transliteration lattices) is most of the linker's time.
struct WindowCache<'a> {
    matchers: &'a [EntityMatcher],
    english: &'a EnglishSide<'a>,
    cells: Vec<OnceCell<Vec<WindowScore>>>,
}

impl<'a> WindowCache<'a> {
    fn new(matchers: &'a [EntityMatcher], english: &'a EnglishSide<'a>) -> WindowCache<'a> {
        let cells = (0..matchers.len() * english.len())
            .map(|_| OnceCell::new())
            .collect();
        WindowCache {
            matchers,
            english,
            cells,
        }
    }

    fn matcher(&self, d: usize) -> Option<&EntityMatcher> {
        self.matchers.get(d)
    }

    /// Windows of entity `d` in English sentence `e`, best first.
    fn get(&self, d: usize, e: usize) -> &[WindowScore] {
        let (Some(cell), Some(matcher)) = (
            self.cells.get(d * self.english.len() + e),
            self.matchers.get(d),
        ) else {
            return &[];
        };
        cell.get_or_init(|| matcher.windows(self.english.units(e)))
    }
}

struct EnglishSide<'a> {
    segments: &'a [Segment],
    units: Vec<Vec<Unit>>,
    headline: Vec<bool>,
}

impl<'a> EnglishSide<'a> {
    fn new(segments: &'a [Segment], lexicon: &Lexicon) -> EnglishSide<'a> {
        let units: Vec<Vec<Unit>> = segments
            .iter()
            .map(|s| english::units(&s.text, lexicon))
            .collect();
        let headline = segments
            .iter()
            .zip(&units)
            .map(|(s, u)| s.kind == SegmentKind::Title && english::title_case(u))
            .collect();
        EnglishSide {
            segments,
            units,
            headline,
        }
    }

    fn text(&self, e: usize) -> &str {
        self.segments.get(e).map_or("", |s| s.text.as_str())
    }

    fn units(&self, e: usize) -> &[Unit] {
        self.units.get(e).map_or(&[], Vec::as_slice)
    }

    fn headline(&self, e: usize) -> bool {
        self.headline.get(e).copied().unwrap_or(false)
    }

    fn len(&self) -> usize {
        self.segments.len()
    }

    /// Byte span and text of a window of sentence `e`.
    fn window(&self, e: usize, first: usize, last: usize) -> Option<(usize, usize, String)> {
        window_text(self.text(e), self.units(e), first, last)
    }

    /// The text of a link.
    fn form(&self, l: &Link) -> Option<String> {
        self.text(l.sentence)
            .get(l.start..l.end)
            .map(|f| f.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// The Korean mentions of every sentence (`morphemes`: one list per segment).
fn korean_mentions(
    ko: &[Segment],
    morphemes: &[Vec<Morpheme>],
    lexicon: &Lexicon,
) -> Vec<KoMention> {
    let mut mentions = Vec::new();
    for (i, (segment, morphemes)) in ko.iter().zip(morphemes).enumerate() {
        mentions.extend(extract_sentence(i, &segment.text, morphemes, lexicon));
    }
    mentions
}

/// Groups mentions into drafts by Korean text, short references under the
/// full name they refer to (unresolved Korean ones dropped).
fn drafts_from(mentions: &[KoMention]) -> Vec<Draft> {
    let people: Vec<&KoMention> = mentions
        .iter()
        .filter(|m| m.kind == EntityType::Person && !m.short)
        .collect();
    let mut short_of: FxHashMap<usize, String> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        // 나카무라 (in a headline) for 나카무라 유이치.
        let foreign_prefix = m.kind == EntityType::Other
            && !m.quoted
            && !m.text.contains(' ')
            && people
                .iter()
                .any(|p| p.text.starts_with(&format!("{} ", m.text)));
        if m.kind != EntityType::Person && !foreign_prefix {
            continue;
        }
        if let Some(full) = resolve_short(m, &people) {
            short_of.insert(i, full);
        }
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_text: FxHashMap<String, usize> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        let key = match short_of.get(&i) {
            Some(full) => full.clone(),
            // 트럼프 대통령 with no 도널드 트럼프 in the article: a foreign
            // name known by its surname alone is an entity of its own.
            None if m.short && !super::korean::transcribed_name(&m.text) => continue,
            None => m.text.clone(),
        };
        let index = *by_text.entry(key.clone()).or_insert_with(|| {
            drafts.push(Draft {
                ko: key.clone(),
                kind: m.kind,
                strength: Strength::Weak,
                titles: Vec::new(),
                aliases: Vec::new(),
                mentions: Vec::new(),
                quoted: false,
            });
            drafts.len() - 1
        });
        let Some(d) = drafts.get_mut(index) else {
            continue;
        };
        if !short_of.contains_key(&i) {
            if kind_rank(m.kind) > kind_rank(d.kind) && m.strength >= d.strength
                || m.strength > d.strength
            {
                d.kind = m.kind;
            }
            d.strength = d.strength.max(m.strength);
            d.quoted |= m.quoted;
        }
        if let Some(t) = &m.title
            && !d.titles.contains(t)
        {
            d.titles.push(t.clone());
        }
        if let Some(a) = &m.alias
            && !d.aliases.contains(a)
            && *a != d.ko
        {
            d.aliases.push(a.clone());
        }
        d.mentions.push(m.clone());
    }
    drafts
}

/// Whether a draft is a quoted title (linked whole, to a quoted title).
fn quoted_title(draft: &Draft) -> bool {
    draft.quoted && draft.kind == EntityType::Other
}

/// Links inside beads: every mention against the windows of its bead's
/// English, best first, one English word to one name (nested names excepted).
fn bead_links(
    drafts: &[Draft],
    windows: &WindowCache<'_>,
    english: &EnglishSide<'_>,
    beads: &BeadMap,
) -> Vec<Link> {
    struct Candidate {
        entity: usize,
        mention: (usize, usize, usize),
        sentence: usize,
        window: WindowScore,
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    for (d, draft) in drafts.iter().enumerate() {
        for m in &draft.mentions {
            for e in beads.english_for(m.sentence) {
                let u = english.units(e);
                for w in windows.get(d, e).iter().take(6).cloned() {
                    if w.score < BEAD_THRESHOLD {
                        break;
                    }
                    // A quoted title links to a capitalised English title,
                    // whole, not inside a title-case headline.
                    if quoted_title(draft) {
                        let span = u.get(w.first..=w.last).unwrap_or(&[]);
                        let title_like = span.iter().all(|x| {
                            x.capital || x.connector || x.number || x.join == Join::Hyphen
                        });
                        if !title_like
                            || english.headline(e)
                            || !whole_quote(english.text(e), u, w.first, w.last)
                        {
                            continue;
                        }
                    }
                    if dateline(u, w.first, w.last) {
                        continue;
                    }
                    let mention = (m.sentence, m.start, m.end);
                    if let Some(x) = windows.matcher(d).and_then(|m| m.extend_implicit(u, &w)) {
                        candidates.push(Candidate {
                            entity: d,
                            mention,
                            sentence: e,
                            window: x,
                        });
                    }
                    candidates.push(Candidate {
                        entity: d,
                        mention,
                        sentence: e,
                        window: w,
                    });
                }
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.window
            .score
            .total_cmp(&a.window.score)
            .then((b.window.last - b.window.first).cmp(&(a.window.last - a.window.first)))
    });
    let mut links: Vec<Link> = Vec::new();
    let mut linked_mentions: FxHashSet<(usize, usize, usize)> = FxHashSet::default();
    for c in &candidates {
        if linked_mentions.contains(&c.mention) {
            continue;
        }
        let Some((start, end, _)) = english.window(c.sentence, c.window.first, c.window.last)
        else {
            continue;
        };
        let clash = links.iter().any(|l| {
            l.sentence == c.sentence
                && overlaps((l.start, l.end), (start, end))
                && !(nested(l.ko, c.mention)
                    && (inside((start, end), (l.start, l.end))
                        || inside((l.start, l.end), (start, end))))
                && !(l.entity == c.entity && l.start == start && l.end == end)
        });
        if clash {
            continue;
        }
        linked_mentions.insert(c.mention);
        links.push(Link {
            entity: c.entity,
            sentence: c.sentence,
            start,
            end,
            ko: c.mention,
            full: c.window.score >= FULL_THRESHOLD && !c.window.ending_missing,
            evidence: c.window.evidence,
            korean_reading: c.window.korean_reading,
            coverage: c.window.ko,
        });
    }
    links
}

/// Entities no bead linked, looked for in the whole article with a stricter
/// threshold (the alignment may be off).
fn article_links(
    drafts: &[Draft],
    windows: &WindowCache<'_>,
    english: &EnglishSide<'_>,
    links: &[Link],
) -> Vec<Link> {
    let linked: FxHashSet<usize> = links.iter().map(|l| l.entity).collect();
    let mut out = Vec::new();
    for (d, draft) in drafts.iter().enumerate() {
        if linked.contains(&d) || quoted_title(draft) {
            continue;
        }
        let mut best: Option<(usize, WindowScore, usize, usize)> = None;
        for e in 0..english.len() {
            for w in windows.get(d, e).iter().take(3).cloned() {
                if w.score < DOCUMENT_THRESHOLD || w.ending_missing {
                    break;
                }
                let Some((start, end, _)) = english.window(e, w.first, w.last) else {
                    continue;
                };
                let taken = links
                    .iter()
                    .any(|l| l.sentence == e && overlaps((l.start, l.end), (start, end)));
                if !taken && best.as_ref().is_none_or(|b| w.score > b.1.score) {
                    best = Some((e, w, start, end));
                }
            }
        }
        if let Some((e, w, start, end)) = best {
            let mention = draft
                .mentions
                .first()
                .map_or((usize::MAX, 0, 0), |m| (m.sentence, m.start, m.end));
            out.push(Link {
                entity: d,
                sentence: e,
                start,
                end,
                ko: mention,
                full: true,
                evidence: w.evidence,
                korean_reading: w.korean_reading,
                coverage: w.ko,
            });
        }
    }
    out
}

/// Other spellings of linked entities anywhere in the article, notably in an
/// English sentence the Korean lacks ("The Marche du Film is ..."): only a
/// spelling of a form already linked (a variant), never another name.
fn other_spellings(
    drafts: &[Draft],
    windows: &WindowCache<'_>,
    english: &EnglishSide<'_>,
    links: &[Link],
) -> Vec<Link> {
    let mut extra: Vec<Link> = Vec::new();
    for (d, draft) in drafts.iter().enumerate() {
        if quoted_title(draft) || !links.iter().any(|l| l.entity == d && l.full) {
            continue;
        }
        let known: FxHashSet<String> = links
            .iter()
            .filter(|l| l.entity == d)
            .filter_map(|l| {
                english
                    .text(l.sentence)
                    .get(l.start..l.end)
                    .map(str::to_string)
            })
            .collect();
        for e in 0..english.len() {
            let u = english.units(e);
            if english.headline(e) {
                continue;
            }
            let Some(w) = windows.get(d, e).first().cloned() else {
                continue;
            };
            if w.score < DOCUMENT_THRESHOLD || w.ending_missing || dateline(u, w.first, w.last) {
                continue;
            }
            let Some((start, end, form)) = english.window(e, w.first, w.last) else {
                continue;
            };
            if known.contains(&form)
                || !known
                    .iter()
                    .any(|k| super::variants::spell_same_name(&draft.ko, k, &form))
            {
                continue;
            }
            let taken = links
                .iter()
                .chain(&extra)
                .any(|l| l.sentence == e && overlaps((l.start, l.end), (start, end)));
            if !taken {
                extra.push(Link {
                    entity: d,
                    sentence: e,
                    start,
                    end,
                    ko: (usize::MAX, 0, 0),
                    full: true,
                    evidence: w.evidence,
                    korean_reading: w.korean_reading,
                    coverage: w.ko,
                });
            }
        }
    }
    extra
}

/// The English forms of every draft, by draft index.
struct Forms {
    full: Vec<Vec<String>>,
    short: Vec<Vec<String>>,
    evidence: Vec<Vec<Evidence>>,
    korean_reading: Vec<bool>,
    /// Best share of the Korean each (draft, form) explains.
    coverage: FxHashMap<(usize, String), f64>,
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

impl Forms {
    /// Forms from the links: full or short by the link.
    fn collect(drafts: &[Draft], links: &[Link], english: &EnglishSide<'_>) -> Forms {
        let n = drafts.len();
        let mut forms = Forms {
            full: vec![Vec::new(); n],
            short: vec![Vec::new(); n],
            evidence: vec![Vec::new(); n],
            korean_reading: vec![false; n],
            coverage: FxHashMap::default(),
        };
        for l in links {
            let Some(form) = english.form(l) else {
                continue;
            };
            // A quoted title is linked whole or not at all.
            if !l.full && drafts.get(l.entity).is_some_and(quoted_title) {
                continue;
            }
            let best = forms
                .coverage
                .entry((l.entity, form.clone()))
                .or_insert(0.0);
            *best = best.max(l.coverage);
            let list = if l.full {
                &mut forms.full
            } else {
                &mut forms.short
            };
            if let Some(list) = list.get_mut(l.entity) {
                push_unique(list, form);
            }
            if let Some(ev) = forms.evidence.get_mut(l.entity) {
                push_unique(ev, l.evidence);
            }
            if l.full
                && let Some(k) = forms.korean_reading.get_mut(l.entity)
            {
                *k |= l.korean_reading;
            }
        }
        // A short form that is another entity's full form belongs to that
        // one ("Busan" is 부산's name, not a short form of 부산시).
        let every_full = forms.every_full();
        for short in &mut forms.short {
            short.retain(|f| !every_full.contains(f));
        }
        forms
    }

    fn every_full(&self) -> FxHashSet<String> {
        self.full.iter().flatten().cloned().collect()
    }

    fn full(&self, d: usize) -> &[String] {
        self.full.get(d).map_or(&[], Vec::as_slice)
    }

    fn short(&self, d: usize) -> &[String] {
        self.short.get(d).map_or(&[], Vec::as_slice)
    }

    /// Moves draft `b`'s forms to draft `a`.
    fn absorb(&mut self, a: usize, b: usize) {
        let full = self.full.get(b).cloned().unwrap_or_default();
        let short = self.short.get(b).cloned().unwrap_or_default();
        let evidence = self.evidence.get(b).cloned().unwrap_or_default();
        let reading = self.korean_reading.get(b).copied().unwrap_or(false);
        if let Some(list) = self.full.get_mut(a) {
            full.into_iter().for_each(|f| push_unique(list, f));
        }
        if let Some(list) = self.short.get_mut(a) {
            short.into_iter().for_each(|f| push_unique(list, f));
        }
        if let Some(list) = self.evidence.get_mut(a) {
            evidence.into_iter().for_each(|e| push_unique(list, e));
        }
        if let Some(k) = self.korean_reading.get_mut(a) {
            *k |= reading;
        }
        let moved: Vec<(String, f64)> = self
            .coverage
            .iter()
            .filter(|((d, _), _)| *d == b)
            .map(|((_, f), c)| (f.clone(), *c))
            .collect();
        for (f, c) in moved {
            let best = self.coverage.entry((a, f)).or_insert(0.0);
            *best = best.max(c);
        }
    }

    /// Forms inside a longer form of the same entity, acronyms, forms that
    /// render only part of the Korean beside one that renders all of it
    /// ("Vandenberg base" beside "Vandenberg Space Force Base"), and the
    /// gazetteer's other names beside its usual one ("science ministry"
    /// beside "Ministry of Science and ICT") become short forms.
    fn demote(&mut self, drafts: &[Draft]) {
        let t = super::tables::tables();
        for (d, (full, short)) in self.full.iter_mut().zip(self.short.iter_mut()).enumerate() {
            let all = full.clone();
            let coverage = &self.coverage;
            let cover = |f: &String| coverage.get(&(d, f.clone())).copied().unwrap_or(1.0);
            let best_cover = all.iter().map(cover).fold(0.0, f64::max);
            let fixed: Vec<&super::tables::FixedName> = drafts
                .get(d)
                .into_iter()
                .flat_map(|dr| std::iter::once(&dr.ko).chain(&dr.aliases))
                .filter_map(|k| t.names.get(k.as_str()))
                .collect();
            let usual: Vec<String> = fixed
                .iter()
                .filter_map(|n| n.en.first())
                .map(|f| f.to_lowercase())
                .collect();
            let alternatives: Vec<String> = fixed
                .iter()
                .flat_map(|n| n.en.iter().skip(1))
                .map(|f| f.to_lowercase())
                .collect();
            let has_usual = all
                .iter()
                .any(|f| usual.contains(&f.to_lowercase()) && !all.iter().any(|g| sub_form(f, g)));
            full.retain(|f| {
                let lower = f.to_lowercase();
                let folded = super::variants::fold(f);
                let is_short = all.iter().any(|g| sub_form(f, g))
                    || all.iter().any(|g| {
                        g != f && super::variants::demonym(&super::variants::fold(g), &folded)
                    })
                    || acronym(f) && all.iter().any(|g| g.contains(' '))
                    || cover(f) < 0.8 && best_cover >= 0.95
                    || has_usual && alternatives.contains(&lower) && !usual.contains(&lower);
                if is_short {
                    push_unique(short, f.clone());
                }
                !is_short
            });
            let longs = full.clone();
            short.retain(|s| !longs.contains(s));
        }
    }
}

/// Merges drafts that are one entity: the same English full form (충남대학교
/// and 충남대), the unit a province's short name implies (경북 and 경상북도),
/// a bracketed alias (KOTRA), the gazetteer's same name (합참, 합동참모본부), a
/// team by its first word (두산, 두산 베어스). Returns, for each draft, the
/// draft it was merged into.
fn merge_drafts(drafts: &mut [Draft], forms: &mut Forms) -> Vec<Option<usize>> {
    let mut merged_into: Vec<Option<usize>> = vec![None; drafts.len()];
    for a in 0..drafts.len() {
        if merged_into.get(a).copied().flatten().is_some() {
            continue;
        }
        for b in a + 1..drafts.len() {
            if merged_into.get(b).copied().flatten().is_some() {
                continue;
            }
            let (fa, fb) = (forms.full(a), forms.full(b));
            let implied = |x: &[String], y: &[String]| {
                x.iter().any(|f| {
                    ["Province", "Prefecture", "region"]
                        .iter()
                        .any(|unit| y.contains(&format!("{f} {unit}")))
                })
            };
            let shared = fa.iter().any(|f| fb.contains(f)) || implied(fa, fb) || implied(fb, fa);
            let (Some(x), Some(y)) = (drafts.get(a), drafts.get(b)) else {
                continue;
            };
            let compatible = x.kind == y.kind || y.kind == EntityType::Other;
            let alias = x.aliases.contains(&y.ko)
                || y.aliases.contains(&x.ko)
                || same_fixed_name(&x.ko, &y.ko)
                || team_name(x, y, fa, fb);
            if (shared && compatible || alias)
                && let Some(slot) = merged_into.get_mut(b)
            {
                *slot = Some(a);
            }
        }
    }
    for b in 0..drafts.len() {
        let Some(Some(a)) = merged_into.get(b).copied() else {
            continue;
        };
        forms.absorb(a, b);
        let Some(from) = drafts.get(b).map(|d| {
            (
                d.ko.clone(),
                d.mentions.clone(),
                d.aliases.clone(),
                d.titles.clone(),
            )
        }) else {
            continue;
        };
        let (alias, mentions, aliases, titles) = from;
        if let Some(into) = drafts.get_mut(a) {
            push_unique(&mut into.aliases, alias);
            for x in aliases {
                if x != into.ko {
                    push_unique(&mut into.aliases, x);
                }
            }
            titles
                .into_iter()
                .for_each(|t| push_unique(&mut into.titles, t));
            into.mentions.extend(mentions);
            into.strength = into.strength.max(Strength::Strong);
        }
    }
    merged_into
}

/// The capitalised names of every English sentence, keeping words of the
/// linked forms even where they open a sentence.
fn english_names(english: &EnglishSide<'_>, forms: &Forms) -> Vec<Vec<EnName>> {
    let known_words: FxHashSet<String> = forms
        .full
        .iter()
        .flatten()
        .flat_map(|f| f.split(|c: char| c.is_whitespace() || c == '-'))
        .map(str::to_lowercase)
        .collect();
    (0..english.len())
        .map(|e| {
            english::names_knowing(
                e,
                english.text(e),
                english.units(e),
                english.headline(e),
                &known_words,
            )
        })
        .collect()
}

/// English short forms: capitalised spans made of one entity's words (Kang,
/// Mayor Kang, Chairman Nguyen), through the bead when two entities share
/// the words.
fn add_short_forms(
    drafts: &[Draft],
    forms: &mut Forms,
    en_names: &[Vec<EnName>],
    links: &[Link],
    beads: &BeadMap,
    live: &dyn Fn(usize) -> bool,
) {
    let every_full = forms.every_full();
    let t = super::tables::tables();
    for name in en_names.iter().flatten() {
        let claimed = links.iter().any(|l| {
            l.sentence == name.sentence && overlaps((l.start, l.end), (name.start, name.end))
        });
        if claimed || every_full.contains(&name.text) || t.not_entities.contains(name.text.as_str())
        {
            continue;
        }
        let owners: Vec<usize> = (0..drafts.len())
            .filter(|&d| live(d))
            .filter(|&d| {
                forms
                    .full(d)
                    .iter()
                    .any(|f| sub_form(&name.text, f) || f == &name.text)
            })
            .collect();
        let owner = match owners.as_slice() {
            [one] => Some(*one),
            [] => None,
            many => {
                let ko_here = beads.korean_for(name.sentence);
                let here: Vec<usize> = many
                    .iter()
                    .copied()
                    .filter(|&d| {
                        drafts.get(d).is_some_and(|dr| {
                            dr.mentions.iter().any(|m| ko_here.contains(&m.sentence))
                        })
                    })
                    .collect();
                match here.as_slice() {
                    [one] => Some(*one),
                    _ => None,
                }
            }
        };
        let Some(owner) = owner else { continue };
        let form = match &name.title {
            Some(title) => format!("{title} {}", name.text),
            None => name.text.clone(),
        };
        if let Some(list) = forms.short.get_mut(owner) {
            push_unique(list, form);
        }
    }
}

/// Where each form occurs in the English article.
struct Counts {
    /// (draft, full?, form) for every form counted.
    forms: Vec<(usize, bool, String)>,
    /// (index into `forms`, sentence, span) for every occurrence.
    found: Vec<(usize, usize, (usize, usize))>,
    uses: FxHashMap<(usize, bool, String), FormUse>,
    /// Spans counted for some entity, per sentence.
    taken: Vec<Vec<(usize, usize)>>,
}

impl Counts {
    /// Counts the occurrences of every live draft's forms. An occurrence
    /// inside a longer form of the same entity ("Kang" in "Kang Gi-jung"),
    /// or of an entity that is not built on this one ("Korea" in "Korea
    /// Trade-Investment Promotion Agency"), is not counted; one inside an
    /// entity built on it ("Hangzhou" in "Hangzhou Global Digital Trade
    /// Expo") is. A full form is never hidden by a short form.
    fn new(
        drafts: &[Draft],
        forms: &Forms,
        english: &EnglishSide<'_>,
        live: &dyn Fn(usize) -> bool,
    ) -> Counts {
        let mut all: Vec<(usize, bool, String)> = Vec::new();
        for d in (0..drafts.len()).filter(|&d| live(d)) {
            all.extend(forms.full(d).iter().map(|f| (d, true, f.clone())));
            all.extend(forms.short(d).iter().map(|f| (d, false, f.clone())));
        }
        let mut found: Vec<(usize, usize, (usize, usize))> = Vec::new();
        for (fi, (_, _, form)) in all.iter().enumerate() {
            for e in 0..english.len() {
                for span in occurrences(english.text(e), form) {
                    found.push((fi, e, span));
                }
            }
        }
        let ko_of = |d: usize| drafts.get(d).map_or("", |x| x.ko.as_str());
        let mut uses: FxHashMap<(usize, bool, String), FormUse> = FxHashMap::default();
        let mut taken: Vec<Vec<(usize, usize)>> = vec![Vec::new(); english.len()];
        for &(fi, e, span) in &found {
            let Some((d, full, form)) = all.get(fi) else {
                continue;
            };
            let hidden = found.iter().any(|&(gi, e2, other)| {
                let Some((d2, full2, _)) = all.get(gi) else {
                    return false;
                };
                let longer = other.1 - other.0 > span.1 - span.0;
                let outranks = *full2 || !*full;
                e2 == e
                    && gi != fi
                    && other != span
                    && outranks
                    && (d2 == d && overlaps(span, other) && longer
                        || inside(span, other) && (d2 == d || !ko_of(*d2).contains(ko_of(*d))))
            });
            let use_ = uses
                .entry((*d, *full, form.clone()))
                .or_insert_with(|| FormUse {
                    form: form.clone(),
                    count: 0,
                    sentences: Vec::new(),
                });
            if hidden {
                continue;
            }
            use_.count += 1;
            push_unique(&mut use_.sentences, e);
            if let Some(spans) = taken.get_mut(e) {
                spans.push(span);
            }
        }
        for use_ in uses.values_mut() {
            use_.sentences.sort_unstable();
        }
        Counts {
            forms: all,
            found,
            uses,
            taken,
        }
    }

    /// The counted uses of a draft's full or short forms, with a use.
    fn uses(&self, d: usize, full: bool, forms: &[String]) -> Vec<FormUse> {
        forms
            .iter()
            .filter_map(|f| self.uses.get(&(d, full, f.clone())).cloned())
            .filter(|u| u.count > 0)
            .collect()
    }

    /// Whether draft `d` has a full form used in the article.
    fn has_full(&self, d: usize) -> bool {
        self.uses
            .iter()
            .any(|((x, full, _), u)| *x == d && *full && u.count > 0)
    }

    /// Whether sentence `e` names draft `d` in any of its forms.
    fn names_in(&self, d: usize, e: usize) -> bool {
        self.found
            .iter()
            .any(|&(fi, e2, _)| e2 == e && self.forms.get(fi).is_some_and(|(x, _, _)| *x == d))
            && self.taken.get(e).is_some_and(|spans| !spans.is_empty())
    }
}

/// Pronouns: in a bead whose Korean names one person and whose English does
/// not, a lone "he" or "she" refers to that person. (draft → (form, sentence)).
fn pronouns(
    drafts: &[Draft],
    merged_into: &[Option<usize>],
    beads: &BeadMap,
    counts: &Counts,
    english: &EnglishSide<'_>,
) -> FxHashMap<usize, Vec<(String, usize)>> {
    let owner = |d: usize| merged_into.get(d).copied().flatten().unwrap_or(d);
    let mut out: FxHashMap<usize, Vec<(String, usize)>> = FxHashMap::default();
    for (ko_sentences, en_sentences) in &beads.beads {
        let people: FxHashSet<usize> = drafts
            .iter()
            .enumerate()
            .filter(|(_, dr)| {
                dr.mentions
                    .iter()
                    .any(|m| ko_sentences.contains(&m.sentence))
            })
            .map(|(d, _)| owner(d))
            .filter(|&d| {
                drafts.get(d).is_some_and(|x| {
                    x.kind == EntityType::Person
                        && (x.strength == Strength::Strong || counts.has_full(d))
                })
            })
            .collect();
        let people: Vec<usize> = people.into_iter().collect();
        let [person] = people.as_slice() else {
            continue;
        };
        if en_sentences.iter().any(|&e| counts.names_in(*person, e)) {
            continue;
        }
        for &e in en_sentences {
            let hits: Vec<&Unit> = english
                .units(e)
                .iter()
                .filter(|x| matches!(x.lower.as_str(), "he" | "she"))
                .collect();
            if let [one] = hits.as_slice() {
                out.entry(*person).or_default().push((one.lower.clone(), e));
            }
        }
    }
    out
}

/// The entities of the article: live drafts with their counted forms, minus
/// weak drafts the English does not have and places named only inside
/// longer names.
fn entities_of(
    drafts: &[Draft],
    mentions: &[KoMention],
    forms: &Forms,
    counts: &Counts,
    pronouns: &FxHashMap<usize, Vec<(String, usize)>>,
    live: &dyn Fn(usize) -> bool,
) -> Vec<Entity> {
    let mut entities = Vec::new();
    for (d, draft) in drafts.iter().enumerate() {
        if !live(d) {
            continue;
        }
        let mut full = counts.uses(d, true, forms.full(d));
        full.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(a.sentences.first().cmp(&b.sentences.first()))
        });
        let mut shorts = counts.uses(d, false, forms.short(d));
        for (form, e) in pronouns.get(&d).into_iter().flatten() {
            match shorts.iter_mut().find(|u| &u.form == form) {
                Some(u) => {
                    u.count += 1;
                    push_unique(&mut u.sentences, *e);
                }
                None => shorts.push(FormUse {
                    form: form.clone(),
                    count: 1,
                    sentences: vec![*e],
                }),
            }
        }
        shorts.sort_by(|a, b| b.count.cmp(&a.count).then(a.form.cmp(&b.form)));
        if full.is_empty() && shorts.is_empty() && draft.strength == Strength::Weak {
            continue;
        }
        // A place only ever named inside a longer name (칸 in 칸 국제영화제)
        // is part of that name, not an entity of its own.
        let nested_only = draft.mentions.iter().all(|m| {
            mentions.iter().any(|o| {
                o.sentence == m.sentence
                    && o.start <= m.start
                    && m.end <= o.end
                    && o.end - o.start > m.end - m.start
                    && !o.short
            })
        });
        if nested_only {
            continue;
        }
        let mut ko_sentences: Vec<usize> = draft.mentions.iter().map(|m| m.sentence).collect();
        ko_sentences.sort_unstable();
        ko_sentences.dedup();
        // A team or company named by its first word takes its full name
        // (두산 베어스, not 두산).
        let (ko, aliases) = match draft
            .aliases
            .iter()
            .find(|a| a.starts_with(&format!("{} ", draft.ko)))
        {
            Some(long) => {
                let mut aliases: Vec<String> = draft
                    .aliases
                    .iter()
                    .filter(|a| *a != long)
                    .cloned()
                    .collect();
                aliases.insert(0, draft.ko.clone());
                (long.clone(), aliases)
            }
            None => (draft.ko.clone(), draft.aliases.clone()),
        };
        entities.push(Entity {
            ko,
            ko_aliases: aliases,
            kind: draft.kind,
            titles: draft.titles.clone(),
            ko_sentences,
            ko_count: draft.mentions.len(),
            forms: full,
            short_forms: shorts,
            evidence: forms.evidence.get(d).cloned().unwrap_or_default(),
            korean_reading: forms.korean_reading.get(d).copied().unwrap_or(false),
        });
    }
    entities
}

/// English names no entity accounts for.
fn english_only(en_names: &[Vec<EnName>], counts: &Counts, lexicon: &Lexicon) -> Vec<UnlinkedName> {
    let mut out: Vec<UnlinkedName> = Vec::new();
    for name in en_names.iter().flatten() {
        let counted = counts
            .taken
            .get(name.sentence)
            .is_some_and(|spans| spans.iter().any(|&t| overlaps(t, (name.start, name.end))));
        if counted || !english::has_proper_word(&name.text, lexicon) {
            continue;
        }
        match out.iter_mut().find(|u| u.form == name.text) {
            Some(u) => {
                u.count += 1;
                push_unique(&mut u.sentences, name.sentence);
            }
            None => out.push(UnlinkedName {
                form: name.text.clone(),
                count: 1,
                sentences: vec![name.sentence],
            }),
        }
    }
    out
}

/// Links the entities of one aligned article (the stages are described at
/// the top of this module).
pub fn link_article(
    tokenizer: &KoreanTokenizer,
    ko: &[Segment],
    en: &[Segment],
    alignment: &Alignment,
) -> Result<ArticleEntities> {
    let morphemes = ko
        .iter()
        .map(|s| tokenizer.tokenize(&s.text))
        .collect::<Result<Vec<_>>>()?;
    Ok(link_article_tokenized(ko, &morphemes, en, alignment))
}

/// [`link_article`] with the Korean morphemes already made (one list per
/// Korean segment, as [`crate::align::Aligner::tokenize_korean`] gives them),
/// so that a pair is tokenized once for alignment and entities.
pub fn link_article_tokenized(
    ko: &[Segment],
    morphemes: &[Vec<Morpheme>],
    en: &[Segment],
    alignment: &Alignment,
) -> ArticleEntities {
    let lexicon = Lexicon::builtin();
    let mentions = korean_mentions(ko, morphemes, lexicon);
    let mut drafts = drafts_from(&mentions);
    let english = EnglishSide::new(en, lexicon);
    let beads = BeadMap::new(alignment, ko.len(), en.len());
    let matchers: Vec<EntityMatcher> = drafts
        .iter()
        .map(|d| EntityMatcher::new(&d.ko, d.kind, lexicon))
        .collect();
    let windows = WindowCache::new(&matchers, &english);
    let mut links = bead_links(&drafts, &windows, &english, &beads);
    let unlinked = article_links(&drafts, &windows, &english, &links);
    links.extend(unlinked);
    let spellings = other_spellings(&drafts, &windows, &english, &links);
    links.extend(spellings);
    pair_quotes(&drafts, &mut links, &beads, &english);

    let mut forms = Forms::collect(&drafts, &links, &english);
    let merged_into = merge_drafts(&mut drafts, &mut forms);
    forms.demote(&drafts);
    let live = |d: usize| merged_into.get(d).copied().flatten().is_none();
    let en_names = english_names(&english, &forms);
    add_short_forms(&drafts, &mut forms, &en_names, &links, &beads, &live);
    let counts = Counts::new(&drafts, &forms, &english, &live);
    let pronouns = pronouns(&drafts, &merged_into, &beads, &counts, &english);
    ArticleEntities {
        entities: entities_of(&drafts, &mentions, &forms, &counts, &pronouns, &live),
        english_only: english_only(&en_names, &counts, lexicon),
    }
}

/// Quoted Korean titles ('철길') with the quoted English titles ("Railway") of
/// their bead, when both sides have the same number left unlinked.
fn pair_quotes(
    drafts: &[Draft],
    links: &mut Vec<Link>,
    beads: &BeadMap,
    english: &EnglishSide<'_>,
) {
    for (ko_sentences, en_sentences) in &beads.beads {
        let mut korean: Vec<(usize, (usize, usize, usize))> = Vec::new();
        for (d, draft) in drafts.iter().enumerate() {
            if !quoted_title(draft) {
                continue;
            }
            for m in &draft.mentions {
                if ko_sentences.contains(&m.sentence)
                    && m.quoted
                    && !links.iter().any(|l| l.ko == (m.sentence, m.start, m.end))
                {
                    korean.push((d, (m.sentence, m.start, m.end)));
                }
            }
        }
        korean.sort_by_key(|(_, k)| *k);
        korean.dedup_by_key(|(d, _)| *d);
        if korean.is_empty() {
            continue;
        }
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for &e in en_sentences {
            if english.headline(e) {
                continue;
            }
            let (text, u) = (english.text(e), english.units(e));
            for (s, t) in english::quoted_spans(text) {
                let words: Vec<&Unit> = u.iter().filter(|x| x.start >= s && x.end <= t).collect();
                let title_like = !words.is_empty()
                    && words.len() <= 6
                    && words
                        .iter()
                        .all(|x| x.capital || x.connector || x.join == Join::Hyphen)
                    && words.first().is_some_and(|x| x.capital);
                let free = !links
                    .iter()
                    .any(|l| l.sentence == e && overlaps((l.start, l.end), (s, t)));
                let inner = text.get(s..t).unwrap_or("");
                let inner = inner.trim_end_matches([',', '.', '!', '?']);
                if title_like && free {
                    found.push((e, s, s + inner.len()));
                }
            }
        }
        if found.len() != korean.len() {
            continue;
        }
        for ((d, mention), (e, s, t)) in korean.into_iter().zip(found) {
            links.push(Link {
                entity: d,
                sentence: e,
                start: s,
                end: t,
                ko: mention,
                full: true,
                evidence: Evidence::Lexicon,
                korean_reading: false,
                coverage: 1.0,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_forms_and_acronyms() {
        assert!(sub_form("Korea", "South Korea"));
        assert!(sub_form("Kang", "Kang Gi-jung"));
        assert!(sub_form("kang", "KANG Gi Jung"));
        assert!(!sub_form("Kang Gi-jung", "Kang Gi-jung"));
        assert!(!sub_form("Gwangju City", "Gwangju"));
        assert!(acronym("KOTRA"));
        assert!(!acronym("Kang"));
        assert_eq!(
            occurrences("Kang and Kangwon, Kang.", "Kang"),
            vec![(0, 4), (18, 22)]
        );
        assert!(occurrences("", "x").is_empty());
        assert!(occurrences("x", "").is_empty());
    }
}
