//! The name report of `koalign names`: entities with their English forms,
//! short forms and variants, and the numbers of both versions, for one
//! article or a whole corpus; written as text ([`text`]), JSON ([`json`]),
//! CSV ([`csv`]) or Markdown ([`md`]).
//!
//! The JSON shape is an interface newsroom scripts rely on:
//! `{"entities": [{"ko", "type", "en_forms": [{"form", "count", "sentences"}],
//! "short_forms", "variant", "romanization", "suggested", "reason", ...}],
//! "numbers": [...]}`. Sentence indices are 0-based segment indices of the
//! English text (`ko_sentences`: of the Korean text), as `koalign segment`
//! prints them.

pub mod blobs;
pub mod csv;
pub mod json;
pub mod md;
pub mod text;

use serde::Serialize;

use self::blobs::{
    BlobRef, BlobStore, DiskBlobs, MemoryBlobs, PositionList, StoredArticle, StoredEnglish,
    StoredEntity, StoredUse,
};

use crate::entities::EntityType;
use crate::entities::link::{ArticleEntities, Entity, acronym, sub_form};
use crate::entities::matcher::Evidence;
use crate::entities::numbers::NumberPair;
use crate::entities::variants::{FormCount, FormSystem, Romanizations, VariantKind, assess};

/// Uses of one form in one article (corpus reports).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormArticle {
    pub article: String,
    pub count: usize,
    pub sentences: Vec<usize>,
}

/// One English form of an entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormReport {
    pub form: String,
    /// Occurrences (in all articles, for a corpus).
    pub count: usize,
    /// English sentences where it occurs (one-article reports).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sentences: Vec<usize>,
    /// The romanization system it follows (Korean readings only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<FormSystem>,
    /// Uses per article (corpus reports).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<FormArticle>,
}

/// One entity of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityReport {
    /// Korean base form (no particle, no title).
    pub ko: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ko_aliases: Vec<String>,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// Korean mentions (short references included).
    pub ko_count: usize,
    /// Korean sentences mentioning it (one-article reports).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ko_sentences: Vec<usize>,
    /// Full English forms, most used first.
    pub en_forms: Vec<FormReport>,
    /// Short references (Mayor Kang, Kang, KOTRA): linked, never variants.
    pub short_forms: Vec<FormReport>,
    /// Two or more different full spellings of this one entity.
    pub variant: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant_kind: Option<VariantKind>,
    /// RR and MR of the Korean name (names read in Korean).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub romanization: Option<Romanizations>,
    /// The form to use, for variants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// How the English forms were found.
    pub evidence: Vec<Evidence>,
    /// Articles mentioning it (corpus reports).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<String>,
}

/// A number pair with the article it is from (corpus reports).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberReport {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(flatten)]
    pub pair: NumberPair,
}

/// An English name no Korean entity accounts for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnglishOnlyReport {
    pub form: String,
    pub count: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sentences: Vec<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<String>,
}

/// What each article contributed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: String,
    pub entities: usize,
    /// Entities with variants inside this article.
    pub variants: usize,
    pub number_mismatches: usize,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamesReport {
    pub articles: Vec<ArticleSummary>,
    pub entities: Vec<EntityReport>,
    pub numbers: Vec<NumberReport>,
    pub english_only: Vec<EnglishOnlyReport>,
    /// A report over several articles.
    #[serde(skip)]
    pub corpus: bool,
}

impl NamesReport {
    /// Number of entities flagged as variants.
    pub fn variant_count(&self) -> usize {
        self.entities.iter().filter(|e| e.variant).count()
    }

    /// The number pairs that disagree.
    pub fn mismatches(&self) -> Vec<&NumberReport> {
        self.numbers
            .iter()
            .filter(|n| n.pair.is_mismatch())
            .collect()
    }

    /// Number pairs that disagree.
    pub fn mismatch_count(&self) -> usize {
        self.numbers.iter().filter(|n| n.pair.is_mismatch()).count()
    }
}

/// One analysed article: its id, entities and numbers.
pub struct Article {
    pub id: String,
    pub entities: ArticleEntities,
    pub numbers: Vec<NumberPair>,
}

/// An entity pooled over articles, as the pool keeps it in memory: its
/// names, type, titles and English form names are a record in the pool's
/// entity store ([`StoredEntity`], rewritten when an article adds to it);
/// its form uses are in the records of the articles listed in `articles`
/// (one record per article), a list that keeps only its latest positions in
/// memory.
struct Pooled {
    /// Its index at creation, which the articles' records refer to.
    id: u32,
    record: BlobRef,
    /// Korean mentions (summed over the articles in a corpus report).
    ko_count: usize,
    /// Input positions of the articles mentioning it (mostly in the blob
    /// store, so that a name in every article does not grow the pool).
    articles: PositionList,
    /// Where it was first seen: (article position, entity position), for
    /// input order whatever order the articles arrive in.
    first_seen: (usize, usize),
}

/// The key of a Korean form or alias in the pool's index: a 64-bit hash, so
/// that the index holds no names (a collision only adds a candidate, which
/// its stored record then rules out).
fn name_key(name: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(name)
}

/// Pool indices by name key. Most keys have one: it is kept inline, the
/// others (rare) in a second map, so that a distinct name costs the index a
/// map entry, not a vector.
#[derive(Default)]
struct KeyIndex {
    first: rustc_hash::FxHashMap<u64, u32>,
    more: rustc_hash::FxHashMap<u64, Vec<u32>>,
}

impl KeyIndex {
    fn insert(&mut self, key: u64, index: u32) {
        match self.first.entry(key) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(index);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.more.entry(key).or_default().push(index);
            }
        }
    }

    /// The indices under `key`, in the order they were inserted.
    fn get(&self, key: u64) -> impl Iterator<Item = u32> + '_ {
        let first = self.first.get(&key).copied();
        first
            .into_iter()
            .chain(self.more.get(&key).into_iter().flatten().copied())
    }
}

/// An English-only name pooled over articles, as the pool keeps it in
/// memory: its form (and sentences) are a record in the entity store.
struct PooledEnglish {
    /// Where it was first seen: (article position, name position).
    first_seen: (usize, usize),
    record: BlobRef,
    count: usize,
    /// Input positions of the articles naming it.
    articles: PositionList,
}

/// The stores of a pool: the articles filed by input position, their form
/// uses and their number pairs; and the article read last, since its uses
/// and its id are asked for one after the other.
struct PoolStores<S> {
    uses: S,
    numbers: S,
    articles: S,
    /// The pooled entities' records.
    entities: S,
    cached: Option<(u32, Option<StoredArticle>)>,
    bytes: Vec<u8>,
}

impl<S: BlobStore> PoolStores<S> {
    fn new(uses: S, numbers: S, articles: S, entities: S) -> PoolStores<S> {
        PoolStores {
            uses,
            numbers,
            articles,
            entities,
            cached: None,
            bytes: Vec::new(),
        }
    }

    /// Files an article under its input position.
    fn file(&mut self, position: u32, article: &StoredArticle) {
        let at = self.articles.append(&article.encode());
        self.articles.set_slot(position, at);
        self.cached = None;
    }

    /// The article at input position `position`, if one was filed there.
    fn article(&mut self, position: u32) -> Result<Option<&StoredArticle>, S::Error> {
        if self.cached.as_ref().is_none_or(|(at, _)| *at != position) {
            let stored = match self.articles.slot(position)? {
                Some(at) => {
                    self.articles.read(at, &mut self.bytes)?;
                    StoredArticle::decode(&self.bytes)
                }
                None => None,
            };
            self.cached = Some((position, stored));
        }
        Ok(self.cached.as_ref().and_then(|(_, a)| a.as_ref()))
    }

    /// A pooled English-only name's record (empty if it cannot be decoded).
    fn english(&mut self, at: BlobRef) -> Result<StoredEnglish, S::Error> {
        self.entities.read(at, &mut self.bytes)?;
        Ok(StoredEnglish::decode(&self.bytes).unwrap_or_default())
    }

    /// An English-only name's report, its articles' ids read back.
    fn english_report(&mut self, e: PooledEnglish) -> Result<EnglishOnlyReport, S::Error> {
        let stored = self.english(e.record)?;
        let positions = e.articles.read(&mut self.uses)?;
        let articles = positions
            .iter()
            .map(|&p| self.id(p))
            .collect::<Result<_, _>>()?;
        Ok(EnglishOnlyReport {
            form: stored.form,
            count: e.count,
            sentences: stored.sentences,
            articles,
        })
    }

    /// A pooled entity's record (empty if it cannot be decoded, which only
    /// a bug could cause: the pool wrote it).
    fn entity(&mut self, at: BlobRef) -> Result<StoredEntity, S::Error> {
        self.entities.read(at, &mut self.bytes)?;
        Ok(StoredEntity::decode(&self.bytes).unwrap_or_default())
    }

    /// The id of the article at `position` (empty if there is none).
    fn id(&mut self, position: u32) -> Result<String, S::Error> {
        Ok(self
            .article(position)?
            .map_or_else(String::new, |a| a.summary.id.clone()))
    }

    /// The full and the short form uses of entity `id` in the articles at
    /// `positions` (sorted), in input order; with the article ids in a
    /// corpus.
    fn uses_of(
        &mut self,
        id: u32,
        positions: &[u32],
        corpus: bool,
    ) -> Result<(Vec<FormUseAt>, Vec<FormUseAt>), S::Error> {
        let (mut full, mut short) = (Vec::new(), Vec::new());
        for &position in positions {
            let Some(article) = self.article(position)? else {
                continue;
            };
            let Some(at) = article.uses else {
                continue;
            };
            let article = if corpus {
                article.summary.id.clone()
            } else {
                String::new()
            };
            self.uses.read(at, &mut self.bytes)?;
            for u in blobs::decode_uses(&self.bytes) {
                if u.entity != id {
                    continue;
                }
                let list = if u.short { &mut short } else { &mut full };
                list.push(FormUseAt {
                    article: article.clone(),
                    stored: u,
                });
            }
        }
        Ok((full, short))
    }

    /// The number pairs of the article at `position`.
    fn numbers_of(&mut self, position: u32) -> Result<Vec<NumberPair>, S::Error> {
        let Some(at) = self.article(position)?.and_then(|a| a.numbers) else {
            return Ok(Vec::new());
        };
        self.numbers.read(at, &mut self.bytes)?;
        Ok(blobs::decode_numbers(&self.bytes))
    }
}

/// One use of a form in one article.
struct FormUseAt {
    /// The article's id (corpus reports only).
    article: String,
    stored: StoredUse,
}

/// Indices and counts are stored as `u32` in the pool (over four billion
/// articles or sentences is not a news corpus); saturates rather than wraps.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Pooled form uses → report forms, most used first.
fn form_reports(uses: Vec<FormUseAt>, form_names: &[String], corpus: bool) -> Vec<FormReport> {
    let mut forms: Vec<FormReport> = Vec::new();
    for FormUseAt {
        article,
        stored:
            StoredUse {
                form,
                count,
                sentences,
                ..
            },
    } in uses
    {
        let name = form_names.get(form as usize).map_or("", String::as_str);
        let report = match forms.iter().position(|f| f.form == name) {
            Some(i) => &mut forms[i],
            None => {
                forms.push(FormReport {
                    form: name.to_string(),
                    count: 0,
                    sentences: Vec::new(),
                    system: None,
                    articles: Vec::new(),
                });
                let last = forms.len() - 1;
                &mut forms[last]
            }
        };
        report.count += count as usize;
        if corpus {
            report.articles.push(FormArticle {
                article,
                count: count as usize,
                sentences,
            });
        } else {
            report.sentences.extend(sentences);
        }
    }
    for f in &mut forms {
        f.sentences.sort_unstable();
        f.sentences.dedup();
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.count));
    forms
}

/// Builds the report of one article (`corpus == false`) or of several.
pub fn build(articles: &[Article], corpus: bool) -> NamesReport {
    let mut pool = ReportPool::new(corpus);
    for (position, article) in articles.iter().enumerate() {
        pool.add(position, article);
    }
    let Ok(report) = pool.finish();
    report
}

/// A report built one article at a time, so that a corpus run keeps the
/// pooled entities, not the articles (memory grows with the number of
/// distinct names, not with the corpus). Articles may come in any order:
/// each carries its input position, and the report lists everything in
/// input order, as [`build`] does. Each article (id and counts, form uses,
/// number pairs) goes to [`BlobStore`]s, filed under its input position:
/// memory for a few articles, temporary files for a corpus
/// ([`ReportPool::on_disk`]).
pub struct ReportPool<S: BlobStore = MemoryBlobs> {
    corpus: bool,
    stores: PoolStores<S>,
    /// One past the largest input position added.
    positions_end: u32,
    pooled: Vec<Pooled>,
    /// Key of a Korean form or alias ([`name_key`]) → pooled entities with
    /// it.
    by_name: KeyIndex,
    english_only: Vec<PooledEnglish>,
    /// Key of an English-only form ([`name_key`]) → indices in
    /// `english_only`.
    english_by_form: KeyIndex,
    /// Number pairs, and those that disagree, over all articles.
    number_count: usize,
    mismatch_count: usize,
}

impl ReportPool<MemoryBlobs> {
    /// A pool that keeps everything in memory.
    pub fn new(corpus: bool) -> ReportPool<MemoryBlobs> {
        ReportPool::with_stores(
            corpus,
            PoolStores::new(
                MemoryBlobs::default(),
                MemoryBlobs::default(),
                MemoryBlobs::default(),
                MemoryBlobs::default(),
            ),
        )
    }
}

impl ReportPool<DiskBlobs> {
    /// A corpus pool that keeps each article in temporary files: its memory
    /// grows with the distinct names (each with up to 32 recent article
    /// positions), not with the articles.
    pub fn on_disk() -> std::io::Result<ReportPool<DiskBlobs>> {
        Ok(ReportPool::with_stores(
            true,
            PoolStores::new(
                DiskBlobs::new(512)?,
                DiskBlobs::new(64 * 1024)?,
                DiskBlobs::new(4096)?,
                DiskBlobs::new(512)?,
            ),
        ))
    }
}

impl<S: BlobStore> ReportPool<S> {
    fn with_stores(corpus: bool, stores: PoolStores<S>) -> ReportPool<S> {
        ReportPool {
            corpus,
            stores,
            positions_end: 0,
            pooled: Vec::new(),
            by_name: KeyIndex::default(),
            english_only: Vec::new(),
            english_by_form: KeyIndex::default(),
            number_count: 0,
            mismatch_count: 0,
        }
    }

    /// Adds the article at input position `position`.
    pub fn add(&mut self, position: usize, article: &Article) {
        let corpus = self.corpus;
        let mut uses = Vec::new();
        for (n, e) in article.entities.entities.iter().enumerate() {
            let (index, mut record, mut changed) = match self.find(e) {
                Some((i, record)) => (i, record, false),
                None => {
                    let record = StoredEntity {
                        ko: e.ko.clone(),
                        ko_aliases: Vec::new(),
                        kind: e.kind,
                        titles: e.titles.clone(),
                        ko_sentences: if corpus {
                            Vec::new()
                        } else {
                            e.ko_sentences.clone()
                        },
                        korean_reading: e.korean_reading,
                        evidence: e.evidence.clone(),
                        form_names: Vec::new(),
                    };
                    let i = self.pooled.len();
                    self.pooled.push(Pooled {
                        id: narrow(i),
                        record: BlobRef::default(),
                        ko_count: if corpus { 0 } else { e.ko_count },
                        articles: PositionList::default(),
                        first_seen: (position, n),
                    });
                    self.by_name.insert(name_key(&e.ko), narrow(i));
                    (i, record, true)
                }
            };
            let Some(p) = self.pooled.get_mut(index) else {
                continue;
            };
            p.first_seen = p.first_seen.min((position, n));
            let forms = e.forms.iter().map(|f| (false, f));
            for (short, f) in forms.chain(e.short_forms.iter().map(|f| (true, f))) {
                let form = match record.form_names.iter().position(|g| *g == f.form) {
                    Some(k) => k,
                    None => {
                        record.form_names.push(f.form.clone());
                        changed = true;
                        record.form_names.len() - 1
                    }
                };
                blobs::push_use(&mut uses, p.id, short, narrow(form), f.count, &f.sentences);
            }
            if corpus {
                p.ko_count += e.ko_count;
            }
            if e.korean_reading && !record.korean_reading {
                record.korean_reading = true;
                changed = true;
            }
            for t in &e.titles {
                if !record.titles.contains(t) {
                    record.titles.push(t.clone());
                    changed = true;
                }
            }
            for a in &e.ko_aliases {
                if !record.ko_aliases.contains(a) && *a != record.ko {
                    record.ko_aliases.push(a.clone());
                    changed = true;
                    self.by_name.insert(name_key(a), narrow(index));
                }
            }
            for ev in &e.evidence {
                if !record.evidence.contains(ev) {
                    record.evidence.push(*ev);
                    changed = true;
                }
            }
            p.articles.push(narrow(position), &mut self.stores.uses);
            if changed {
                p.record = self.stores.entities.append(&record.encode());
            }
        }
        let uses = (!uses.is_empty()).then(|| self.stores.uses.append(&uses));
        let numbers = (!article.numbers.is_empty()).then(|| {
            self.stores
                .numbers
                .append(&blobs::encode_numbers(&article.numbers))
        });
        let number_mismatches = article.numbers.iter().filter(|n| n.is_mismatch()).count();
        self.number_count += article.numbers.len();
        self.mismatch_count += number_mismatches;
        for (n, name) in article.entities.english_only.iter().enumerate() {
            let key = name_key(&name.form);
            match self.find_english(key, &name.form) {
                Some(i) => {
                    let Some(e) = self.english_only.get_mut(i) else {
                        continue;
                    };
                    e.first_seen = e.first_seen.min((position, n));
                    e.count += name.count;
                    if corpus {
                        e.articles.push(narrow(position), &mut self.stores.uses);
                    }
                }
                None => {
                    let stored = StoredEnglish {
                        form: name.form.clone(),
                        sentences: if corpus {
                            Vec::new()
                        } else {
                            name.sentences.clone()
                        },
                    };
                    let record = self.stores.entities.append(&stored.encode());
                    self.english_by_form
                        .insert(key, narrow(self.english_only.len()));
                    let mut articles = PositionList::default();
                    articles.push(narrow(position), &mut self.stores.uses);
                    self.english_only.push(PooledEnglish {
                        first_seen: (position, n),
                        record,
                        count: name.count,
                        articles,
                    });
                }
            }
        }
        // Variants inside the article alone.
        let variants = article
            .entities
            .entities
            .iter()
            .filter(|e| {
                let counts: Vec<FormCount<'_>> = e
                    .forms
                    .iter()
                    .map(|f| FormCount {
                        form: &f.form,
                        count: f.count,
                    })
                    .collect();
                assess(&e.ko, e.kind, e.korean_reading, &counts).variant
            })
            .count();
        let position = narrow(position);
        self.stores.file(
            position,
            &StoredArticle {
                summary: ArticleSummary {
                    id: article.id.clone(),
                    entities: article.entities.entities.len(),
                    variants,
                    number_mismatches,
                },
                uses,
                numbers,
            },
        );
        self.positions_end = self.positions_end.max(position.saturating_add(1));
    }

    /// The pooled entity an article's entity belongs to: same Korean form
    /// (or alias) and a compatible type; the earliest seen when several.
    fn find(&mut self, e: &Entity) -> Option<(usize, StoredEntity)> {
        let mut candidates: Vec<u32> = std::iter::once(&e.ko)
            .chain(&e.ko_aliases)
            .flat_map(|name| self.by_name.get(name_key(name)))
            .collect();
        // Earliest first: the first that is the same entity is the one.
        candidates.sort_unstable_by_key(|&i| self.pooled.get(i as usize).map(|p| p.first_seen));
        candidates.dedup();
        for i in candidates {
            let Some(p) = self.pooled.get(i as usize) else {
                continue;
            };
            // A store that cannot be read fails the report when it is
            // written; until then the name is taken for new.
            let Ok(record) = self.stores.entity(p.record) else {
                continue;
            };
            let same = (record.ko == e.ko
                || record.ko_aliases.contains(&e.ko)
                || e.ko_aliases.contains(&record.ko))
                && (record.kind == e.kind
                    || record.kind == EntityType::Other
                    || e.kind == EntityType::Other);
            if same {
                return Some((i as usize, record));
            }
        }
        None
    }

    /// The pooled English-only name with this form.
    fn find_english(&mut self, key: u64, form: &str) -> Option<usize> {
        for i in self.english_by_form.get(key) {
            let Some(e) = self.english_only.get(i as usize) else {
                continue;
            };
            if self.stores.english(e.record).is_ok_and(|s| s.form == form) {
                return Some(i as usize);
            }
        }
        None
    }

    /// The report, everything in input order.
    pub fn finish(self) -> Result<NamesReport, S::Error> {
        let corpus = self.corpus;
        let mut parts = self.into_parts()?;
        // Consumed one by one: the pool and the report are not both held in
        // full (a corpus report can be large).
        let mut entities = Vec::with_capacity(parts.pooled.len());
        for p in parts.pooled {
            entities.push(entity_report(p, corpus, &mut parts.stores)?);
        }
        let mut numbers = Vec::with_capacity(parts.number_count);
        let mut articles = Vec::new();
        for position in 0..parts.positions_end {
            let Some(article) = parts.stores.article(position)? else {
                continue;
            };
            let summary = article.summary.clone();
            for pair in parts.stores.numbers_of(position)? {
                numbers.push(NumberReport {
                    article: corpus.then(|| summary.id.clone()),
                    pair,
                });
            }
            articles.push(summary);
        }
        let mut english_only = Vec::with_capacity(parts.english_only.len());
        for e in parts.english_only {
            english_only.push(parts.stores.english_report(e)?);
        }
        Ok(NamesReport {
            entities,
            numbers,
            english_only,
            articles,
            corpus,
        })
    }

    /// Writes the report as JSON (exactly what [`json::write_json`] writes
    /// of [`Self::finish`]), building one entity at a time: a corpus report
    /// is never held in memory as a whole next to the pool.
    pub fn write_json(self, out: &mut dyn std::io::Write) -> std::io::Result<ReportTotals>
    where
        S::Error: std::fmt::Display,
    {
        let corpus = self.corpus;
        let parts = self
            .into_parts()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let totals = std::cell::Cell::new(ReportTotals {
            entities: parts.pooled.len(),
            variants: 0,
            number_mismatches: parts.mismatch_count,
        });
        let streamed = StreamedReport {
            entities: std::cell::RefCell::new(Some(parts.pooled)),
            stores: std::cell::RefCell::new(parts.stores),
            positions_end: parts.positions_end,
            number_count: parts.number_count,
            english_only: std::cell::RefCell::new(Some(parts.english_only)),
            corpus,
            totals: &totals,
        };
        serde_json::to_writer_pretty(&mut *out, &streamed).map_err(std::io::Error::other)?;
        writeln!(out)?;
        Ok(totals.get())
    }

    /// The pool's lists in input order.
    fn into_parts(mut self) -> Result<ReportParts<S>, S::Error> {
        self.pooled.sort_by_key(|p| p.first_seen);
        self.english_only.sort_by_key(|e| e.first_seen);
        Ok(ReportParts {
            pooled: self.pooled,
            english_only: self.english_only,
            stores: self.stores,
            positions_end: self.positions_end,
            number_count: self.number_count,
            mismatch_count: self.mismatch_count,
        })
    }
}

/// Counts of a report written by [`ReportPool::write_json`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportTotals {
    pub entities: usize,
    pub variants: usize,
    pub number_mismatches: usize,
}

/// A finished pool, in input order, entities not yet assessed.
struct ReportParts<S> {
    pooled: Vec<Pooled>,
    english_only: Vec<PooledEnglish>,
    /// The articles, by input position below `positions_end`.
    stores: PoolStores<S>,
    positions_end: u32,
    number_count: usize,
    mismatch_count: usize,
}

/// [`NamesReport`]'s JSON shape with the entities made as they are written.
struct StreamedReport<'a, B> {
    /// Taken by the one serialization.
    entities: std::cell::RefCell<Option<Vec<Pooled>>>,
    stores: std::cell::RefCell<PoolStores<B>>,
    positions_end: u32,
    number_count: usize,
    /// Taken by the one serialization.
    english_only: std::cell::RefCell<Option<Vec<PooledEnglish>>>,
    corpus: bool,
    totals: &'a std::cell::Cell<ReportTotals>,
}

impl<B: BlobStore> Serialize for StreamedReport<'_, B>
where
    B::Error: std::fmt::Display,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq, SerializeStruct};
        struct Articles<'a, B>(&'a StreamedReport<'a, B>);
        impl<B: BlobStore> Serialize for Articles<'_, B>
        where
            B::Error: std::fmt::Display,
        {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut stores = self.0.stores.borrow_mut();
                let mut seq = serializer.serialize_seq(None)?;
                for position in 0..self.0.positions_end {
                    if let Some(article) = stores.article(position).map_err(S::Error::custom)? {
                        seq.serialize_element(&article.summary)?;
                    }
                }
                seq.end()
            }
        }
        struct Entities<'a, B>(&'a StreamedReport<'a, B>);
        impl<B: BlobStore> Serialize for Entities<'_, B>
        where
            B::Error: std::fmt::Display,
        {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let pooled = self.0.entities.borrow_mut().take().unwrap_or_default();
                let (corpus, totals) = (self.0.corpus, self.0.totals);
                let mut stores = self.0.stores.borrow_mut();
                let mut seq = serializer.serialize_seq(Some(pooled.len()))?;
                for p in pooled {
                    let entity = entity_report(p, corpus, &mut stores).map_err(S::Error::custom)?;
                    if entity.variant {
                        let mut t = totals.get();
                        t.variants += 1;
                        totals.set(t);
                    }
                    seq.serialize_element(&entity)?;
                }
                seq.end()
            }
        }
        struct Numbers<'a, B>(&'a StreamedReport<'a, B>);
        impl<B: BlobStore> Serialize for Numbers<'_, B>
        where
            B::Error: std::fmt::Display,
        {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let corpus = self.0.corpus;
                let mut stores = self.0.stores.borrow_mut();
                let mut seq = serializer.serialize_seq(Some(self.0.number_count))?;
                for position in 0..self.0.positions_end {
                    let pairs = stores.numbers_of(position).map_err(S::Error::custom)?;
                    if pairs.is_empty() {
                        continue;
                    }
                    let article = if corpus {
                        Some(stores.id(position).map_err(S::Error::custom)?)
                    } else {
                        None
                    };
                    for pair in pairs {
                        seq.serialize_element(&NumberReport {
                            article: article.clone(),
                            pair,
                        })?;
                    }
                }
                seq.end()
            }
        }
        struct EnglishOnly<'a, B>(&'a StreamedReport<'a, B>);
        impl<B: BlobStore> Serialize for EnglishOnly<'_, B>
        where
            B::Error: std::fmt::Display,
        {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let names = self.0.english_only.borrow_mut().take().unwrap_or_default();
                let mut stores = self.0.stores.borrow_mut();
                let mut seq = serializer.serialize_seq(Some(names.len()))?;
                for e in names {
                    let report = stores.english_report(e).map_err(S::Error::custom)?;
                    seq.serialize_element(&report)?;
                }
                seq.end()
            }
        }
        let mut report = serializer.serialize_struct("NamesReport", 4)?;
        report.serialize_field("articles", &Articles(self))?;
        report.serialize_field("entities", &Entities(self))?;
        report.serialize_field("numbers", &Numbers(self))?;
        report.serialize_field("english_only", &EnglishOnly(self))?;
        report.end()
    }
}

/// A pooled entity's report: its forms pooled and assessed for variants.
fn entity_report<S: BlobStore>(
    p: Pooled,
    corpus: bool,
    stores: &mut PoolStores<S>,
) -> Result<EntityReport, S::Error> {
    let entity = stores.entity(p.record)?;
    let positions = p.articles.read(&mut stores.uses)?;
    let (full, short) = stores.uses_of(p.id, &positions, corpus)?;
    let mut en_forms = form_reports(full, &entity.form_names, corpus);
    let mut short_forms = form_reports(short, &entity.form_names, corpus);
    // A form inside another full form (across articles too), or an acronym
    // beside a full name, is a short form.
    let all: Vec<String> = en_forms.iter().map(|f| f.form.clone()).collect();
    let (keep, demote): (Vec<FormReport>, Vec<FormReport>) = en_forms.into_iter().partition(|f| {
        !all.iter().any(|g| sub_form(&f.form, g))
            && (!acronym(&f.form) || !all.iter().any(|g| g.contains(' ')))
    });
    en_forms = keep;
    short_forms.extend(demote);
    let counts: Vec<FormCount<'_>> = en_forms
        .iter()
        .map(|f| FormCount {
            form: &f.form,
            count: f.count,
        })
        .collect();
    let assessment = assess(&entity.ko, entity.kind, entity.korean_reading, &counts);
    for (form, system) in en_forms.iter_mut().zip(&assessment.systems) {
        form.system = *system;
    }
    let articles = if corpus {
        positions
            .iter()
            .map(|&at| stores.id(at))
            .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    Ok(EntityReport {
        ko: entity.ko,
        ko_aliases: entity.ko_aliases,
        kind: entity.kind,
        titles: entity.titles,
        ko_count: p.ko_count,
        ko_sentences: if corpus {
            Vec::new()
        } else {
            entity.ko_sentences
        },
        en_forms,
        short_forms,
        variant: assessment.variant,
        variant_kind: assessment.kind,
        romanization: assessment.romanization,
        suggested: assessment.suggested,
        reason: assessment.reason,
        evidence: entity.evidence,
        articles,
    })
}

/// The entity's forms in one line: `Kang Gi-jung ×2, Kang Gijeong ×1`.
pub fn forms_line(forms: &[FormReport]) -> String {
    forms
        .iter()
        .map(|f| format!("{} ×{}", f.form, f.count))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a form occurs: `sentences 3, 7` or `gwangju-hangzhou-ai ×2, ...`.
pub fn where_line(form: &FormReport) -> String {
    if !form.articles.is_empty() {
        return form
            .articles
            .iter()
            .map(|a| format!("{} ×{}", a.article, a.count))
            .collect::<Vec<_>>()
            .join(", ");
    }
    match form.sentences.as_slice() {
        [] => String::new(),
        [one] => format!("sentence {one}"),
        many => format!(
            "sentences {}",
            many.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::link::FormUse;

    fn entity(ko: &str, kind: EntityType, forms: &[(&str, usize)], reading: bool) -> Entity {
        Entity {
            ko: ko.to_string(),
            ko_aliases: Vec::new(),
            kind,
            titles: Vec::new(),
            ko_sentences: vec![0],
            ko_count: 1,
            forms: forms
                .iter()
                .map(|&(form, count)| FormUse {
                    form: form.to_string(),
                    count,
                    sentences: vec![0, 2],
                })
                .collect(),
            short_forms: Vec::new(),
            evidence: vec![Evidence::Romanization],
            korean_reading: reading,
        }
    }

    fn article(id: &str, entities: Vec<Entity>) -> Article {
        Article {
            id: id.to_string(),
            entities: ArticleEntities {
                entities,
                english_only: Vec::new(),
            },
            numbers: Vec::new(),
        }
    }

    #[test]
    fn variants_are_assessed_and_every_format_writes() {
        let a = article(
            "a",
            vec![
                entity(
                    "강기정",
                    EntityType::Person,
                    &[("Kang Gi-jung", 2), ("Kang Gijeong", 1)],
                    true,
                ),
                entity(
                    "부산",
                    EntityType::Location,
                    &[("Busan, \"the port\"", 1)],
                    true,
                ),
            ],
        );
        let report = build(&[a], false);
        assert_eq!(report.variant_count(), 1);
        let kang = &report.entities[0];
        assert_eq!(kang.suggested.as_deref(), Some("Kang Gi-jung"));
        assert_eq!(kang.en_forms[1].system, Some(FormSystem::Rr));
        let mut out = Vec::new();
        csv::write_csv(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("\"Busan, \"\"the port\"\"\""), "{text}");
        let mut out = Vec::new();
        md::write_md(&report, &mut out).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .contains("| 강기정 | person | romanization |")
        );
        let mut out = Vec::new();
        text::write_text(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.find("VARIANTS") < text.find("ENTITIES"));
        let mut out = Vec::new();
        json::write_json(&report, &mut out).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            value["entities"][0]["en_forms"][0]["sentences"],
            serde_json::json!([0, 2])
        );
    }

    #[test]
    fn a_corpus_pools_one_name_over_articles() {
        let report = build(
            &[
                article(
                    "one",
                    vec![entity(
                        "이재명",
                        EntityType::Person,
                        &[("Lee Jae-myung", 2)],
                        true,
                    )],
                ),
                article(
                    "two",
                    vec![entity(
                        "이재명",
                        EntityType::Person,
                        &[("Lee Jae Myung", 1)],
                        true,
                    )],
                ),
            ],
            true,
        );
        assert_eq!(report.entities.len(), 1);
        let lee = &report.entities[0];
        assert!(lee.variant);
        assert_eq!(lee.articles, ["one", "two"]);
        assert_eq!(lee.en_forms[0].articles[0].article, "one");
        assert!(report.articles.iter().all(|a| a.variants == 0));
    }

    #[test]
    fn a_key_index_keeps_every_index_in_insertion_order() {
        let mut index = KeyIndex::default();
        index.insert(7, 3);
        index.insert(9, 1);
        index.insert(7, 0);
        index.insert(7, 5);
        assert_eq!(index.get(7).collect::<Vec<_>>(), [3, 0, 5]);
        assert_eq!(index.get(9).collect::<Vec<_>>(), [1]);
        assert_eq!(index.get(8).count(), 0);
    }

    #[test]
    fn an_empty_report_writes() {
        let report = build(&[article("empty", Vec::new())], false);
        let mut out = Vec::new();
        text::write_text(&report, &mut out).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .contains("No named entities found.")
        );
        let mut out = Vec::new();
        csv::write_csv(&report, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
    }
}
