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
    full: Vec<(String, String, usize, Vec<usize>)>,
    short: Vec<(String, String, usize, Vec<usize>)>,
    articles: Vec<String>,
}

fn merge_form(
    list: &mut Vec<(String, String, usize, Vec<usize>)>,
    article: &str,
    form: &str,
    count: usize,
    sentences: &[usize],
) {
    list.push((
        article.to_string(),
        form.to_string(),
        count,
        sentences.to_vec(),
    ));
}

/// Pooled form uses → report forms, most used first.
fn form_reports(uses: &[(String, String, usize, Vec<usize>)], corpus: bool) -> Vec<FormReport> {
    let mut forms: Vec<FormReport> = Vec::new();
    for (article, form, count, sentences) in uses {
        let report = match forms.iter_mut().find(|f| f.form == *form) {
            Some(r) => r,
            None => {
                forms.push(FormReport {
                    form: form.clone(),
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
                article: article.clone(),
                count: *count,
                sentences: sentences.clone(),
            });
        } else {
            report.sentences.extend(sentences.iter().copied());
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
    // Pool entities by Korean form (and compatible type) across articles.
    let mut pooled: Vec<Pooled> = Vec::new();
    for article in articles {
        for e in &article.entities.entities {
            let same = |p: &Pooled| {
                (p.entity.ko == e.ko
                    || p.entity.ko_aliases.contains(&e.ko)
                    || e.ko_aliases.contains(&p.entity.ko))
                    && (p.entity.kind == e.kind
                        || p.entity.kind == EntityType::Other
                        || e.kind == EntityType::Other)
            };
            let index = match pooled.iter().position(same) {
                Some(i) => i,
                None => {
                    let mut fresh = e.clone();
                    fresh.forms.clear();
                    fresh.short_forms.clear();
                    if corpus {
                        fresh.ko_sentences.clear();
                        fresh.ko_count = 0;
                    }
                    pooled.push(Pooled {
                        entity: fresh,
                        full: Vec::new(),
                        short: Vec::new(),
                        articles: Vec::new(),
                    });
                    pooled.len() - 1
                }
            };
            let Some(p) = pooled.get_mut(index) else {
                continue;
            };
            for f in &e.forms {
                merge_form(&mut p.full, &article.id, &f.form, f.count, &f.sentences);
            }
            for f in &e.short_forms {
                merge_form(&mut p.short, &article.id, &f.form, f.count, &f.sentences);
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
                }
            }
            for ev in &e.evidence {
                if !p.entity.evidence.contains(ev) {
                    p.entity.evidence.push(*ev);
                }
            }
            if !p.articles.contains(&article.id) {
                p.articles.push(article.id.clone());
            }
        }
    }
    let mut entities = Vec::new();
    for p in &pooled {
        let mut en_forms = form_reports(&p.full, corpus);
        let mut short_forms = form_reports(&p.short, corpus);
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
                p.articles.clone()
            } else {
                Vec::new()
            },
        });
    }
    let mut numbers = Vec::new();
    let mut english_only: Vec<EnglishOnlyReport> = Vec::new();
    let mut summaries = Vec::new();
    for article in articles {
        for pair in &article.numbers {
            numbers.push(NumberReport {
                article: corpus.then(|| article.id.clone()),
                pair: pair.clone(),
            });
        }
        for name in &article.entities.english_only {
            match english_only.iter_mut().find(|e| e.form == name.form) {
                Some(e) => {
                    e.count += name.count;
                    if corpus && !e.articles.contains(&article.id) {
                        e.articles.push(article.id.clone());
                    }
                }
                None => english_only.push(EnglishOnlyReport {
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
                }),
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
        summaries.push(ArticleSummary {
            id: article.id.clone(),
            entities: article.entities.entities.len(),
            variants,
            number_mismatches: article.numbers.iter().filter(|n| n.is_mismatch()).count(),
        });
    }
    NamesReport {
        articles: summaries,
        entities,
        numbers,
        english_only,
        corpus,
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
