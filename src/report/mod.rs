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

pub mod csv;
pub mod json;
pub mod md;
pub mod text;

use std::collections::HashMap;

use serde::Serialize;

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

/// An entity pooled over articles.
struct Pooled {
    entity: Entity,
    /// (article, form, count, sentences) for full and short forms.
    full: Vec<FormUseAt>,
    short: Vec<FormUseAt>,
    /// The articles mentioning it, with their input positions.
    articles: Vec<(usize, String)>,
    /// Where it was first seen: (article position, entity position), for
    /// input order whatever order the articles arrive in.
    first_seen: (usize, usize),
}

/// One use of a form: the article's input position, the article, the form,
/// its count and sentences.
type FormUseAt = (usize, String, String, usize, Vec<usize>);

fn merge_form(
    list: &mut Vec<FormUseAt>,
    (position, article): (usize, &str),
    form: &str,
    count: usize,
    sentences: &[usize],
) {
    list.push((
        position,
        article.to_string(),
        form.to_string(),
        count,
        sentences.to_vec(),
    ));
}

/// Pooled form uses → report forms, most used first.
fn form_reports(mut uses: Vec<FormUseAt>, corpus: bool) -> Vec<FormReport> {
    uses.sort_by_key(|u| u.0); // input order, stable within an article
    let mut forms: Vec<FormReport> = Vec::new();
    for (_, article, form, count, sentences) in uses {
        let report = match forms.iter_mut().find(|f| f.form == form) {
            Some(r) => r,
            None => {
                forms.push(FormReport {
                    form,
                    count: 0,
                    sentences: Vec::new(),
                    system: None,
                    articles: Vec::new(),
                });
                match forms.last_mut() {
                    Some(r) => r,
                    None => continue,
                }
            }
        };
        report.count += count;
        if corpus {
            report.articles.push(FormArticle {
                article,
                count,
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
    pool.finish()
}

/// A report built one article at a time, so that a corpus run keeps the
/// pooled entities, not every article (memory grows with the number of
/// distinct names, not with the corpus). Articles may come in any order:
/// each carries its input position, and the report lists everything in
/// input order, as [`build`] does.
pub struct ReportPool {
    corpus: bool,
    pooled: Vec<Pooled>,
    /// Korean form or alias → pooled entities with it.
    by_name: HashMap<String, Vec<usize>>,
    numbers: Vec<((usize, usize), NumberReport)>,
    english_only: Vec<((usize, usize), EnglishOnlyReport)>,
    english_by_form: HashMap<String, usize>,
    /// Input positions of the articles of each English-only name.
    english_positions: HashMap<String, Vec<usize>>,
    summaries: Vec<(usize, ArticleSummary)>,
}

impl ReportPool {
    pub fn new(corpus: bool) -> ReportPool {
        ReportPool {
            corpus,
            pooled: Vec::new(),
            by_name: HashMap::new(),
            numbers: Vec::new(),
            english_only: Vec::new(),
            english_by_form: HashMap::new(),
            english_positions: HashMap::new(),
            summaries: Vec::new(),
        }
    }

    /// Adds the article at input position `position`.
    pub fn add(&mut self, position: usize, article: &Article) {
        let corpus = self.corpus;
        for (n, e) in article.entities.entities.iter().enumerate() {
            let index = match self.find(e) {
                Some(i) => i,
                None => {
                    let mut fresh = e.clone();
                    fresh.forms.clear();
                    fresh.short_forms.clear();
                    fresh.ko_aliases.clear();
                    if corpus {
                        fresh.ko_sentences.clear();
                        fresh.ko_count = 0;
                    }
                    self.pooled.push(Pooled {
                        entity: fresh,
                        full: Vec::new(),
                        short: Vec::new(),
                        articles: Vec::new(),
                        first_seen: (position, n),
                    });
                    let i = self.pooled.len() - 1;
                    self.by_name.entry(e.ko.clone()).or_default().push(i);
                    i
                }
            };
            let Some(p) = self.pooled.get_mut(index) else {
                continue;
            };
            p.first_seen = p.first_seen.min((position, n));
            for f in &e.forms {
                merge_form(
                    &mut p.full,
                    (position, &article.id),
                    &f.form,
                    f.count,
                    &f.sentences,
                );
            }
            for f in &e.short_forms {
                merge_form(
                    &mut p.short,
                    (position, &article.id),
                    &f.form,
                    f.count,
                    &f.sentences,
                );
            }
            if corpus {
                p.entity.ko_count += e.ko_count;
            }
            p.entity.korean_reading |= e.korean_reading;
            for t in &e.titles {
                if !p.entity.titles.contains(t) {
                    p.entity.titles.push(t.clone());
                }
            }
            for a in &e.ko_aliases {
                if !p.entity.ko_aliases.contains(a) && *a != p.entity.ko {
                    p.entity.ko_aliases.push(a.clone());
                    self.by_name.entry(a.clone()).or_default().push(index);
                }
            }
            for ev in &e.evidence {
                if !p.entity.evidence.contains(ev) {
                    p.entity.evidence.push(*ev);
                }
            }
            if !p.articles.iter().any(|(_, id)| *id == article.id) {
                p.articles.push((position, article.id.clone()));
            }
        }
        for (n, pair) in article.numbers.iter().enumerate() {
            self.numbers.push((
                (position, n),
                NumberReport {
                    article: corpus.then(|| article.id.clone()),
                    pair: pair.clone(),
                },
            ));
        }
        for (n, name) in article.entities.english_only.iter().enumerate() {
            match self
                .english_by_form
                .get(&name.form)
                .and_then(|&i| self.english_only.get_mut(i))
            {
                Some((seen, e)) => {
                    *seen = (*seen).min((position, n));
                    e.count += name.count;
                    if corpus && !e.articles.contains(&article.id) {
                        // Kept in input order.
                        let at = self.english_positions.entry(name.form.clone()).or_default();
                        let k = at.partition_point(|&p| p < position);
                        at.insert(k, position);
                        e.articles
                            .insert(k.min(e.articles.len()), article.id.clone());
                    }
                }
                None => {
                    self.english_by_form
                        .insert(name.form.clone(), self.english_only.len());
                    self.english_positions
                        .insert(name.form.clone(), vec![position]);
                    self.english_only.push((
                        (position, n),
                        EnglishOnlyReport {
                            form: name.form.clone(),
                            count: name.count,
                            sentences: if corpus {
                                Vec::new()
                            } else {
                                name.sentences.clone()
                            },
                            articles: if corpus {
                                vec![article.id.clone()]
                            } else {
                                Vec::new()
                            },
                        },
                    ));
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
        self.summaries.push((
            position,
            ArticleSummary {
                id: article.id.clone(),
                entities: article.entities.entities.len(),
                variants,
                number_mismatches: article.numbers.iter().filter(|n| n.is_mismatch()).count(),
            },
        ));
    }

    /// The pooled entity an article's entity belongs to: same Korean form
    /// (or alias) and a compatible type; the earliest seen when several.
    fn find(&self, e: &Entity) -> Option<usize> {
        let same = |p: &Pooled| {
            (p.entity.ko == e.ko
                || p.entity.ko_aliases.contains(&e.ko)
                || e.ko_aliases.contains(&p.entity.ko))
                && (p.entity.kind == e.kind
                    || p.entity.kind == EntityType::Other
                    || e.kind == EntityType::Other)
        };
        std::iter::once(&e.ko)
            .chain(&e.ko_aliases)
            .filter_map(|name| self.by_name.get(name))
            .flatten()
            .copied()
            .filter(|&i| self.pooled.get(i).is_some_and(same))
            .min_by_key(|&i| self.pooled.get(i).map(|p| p.first_seen))
    }

    /// The report, everything in input order.
    pub fn finish(mut self) -> NamesReport {
        let corpus = self.corpus;
        self.pooled.sort_by_key(|p| p.first_seen);
        let mut entities = Vec::new();
        // Consumed one by one: the pool and the report are not both held in
        // full (a corpus report can be large).
        for mut p in std::mem::take(&mut self.pooled) {
            let mut en_forms = form_reports(std::mem::take(&mut p.full), corpus);
            let mut short_forms = form_reports(std::mem::take(&mut p.short), corpus);
            // A form inside another full form (across articles too), or an
            // acronym beside a full name, is a short form.
            let all: Vec<String> = en_forms.iter().map(|f| f.form.clone()).collect();
            let (keep, demote): (Vec<FormReport>, Vec<FormReport>) =
                en_forms.into_iter().partition(|f| {
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
            let assessment = assess(
                &p.entity.ko,
                p.entity.kind,
                p.entity.korean_reading,
                &counts,
            );
            for (form, system) in en_forms.iter_mut().zip(&assessment.systems) {
                form.system = *system;
            }
            entities.push(EntityReport {
                ko: p.entity.ko.clone(),
                ko_aliases: p.entity.ko_aliases.clone(),
                kind: p.entity.kind,
                titles: p.entity.titles.clone(),
                ko_count: p.entity.ko_count,
                ko_sentences: if corpus {
                    Vec::new()
                } else {
                    p.entity.ko_sentences.clone()
                },
                en_forms,
                short_forms,
                variant: assessment.variant,
                variant_kind: assessment.kind,
                romanization: assessment.romanization,
                suggested: assessment.suggested,
                reason: assessment.reason,
                evidence: p.entity.evidence.clone(),
                articles: if corpus {
                    let mut articles = p.articles.clone();
                    articles.sort_by_key(|(at, _)| *at);
                    articles.into_iter().map(|(_, id)| id).collect()
                } else {
                    Vec::new()
                },
            });
        }
        self.numbers.sort_by_key(|(at, _)| *at);
        self.english_only.sort_by_key(|(at, _)| *at);
        self.summaries.sort_by_key(|(at, _)| *at);
        NamesReport {
            articles: self.summaries.into_iter().map(|(_, s)| s).collect(),
            entities,
            numbers: self.numbers.into_iter().map(|(_, n)| n).collect(),
            english_only: self.english_only.into_iter().map(|(_, e)| e).collect(),
            corpus,
        }
    }
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
