//! The corpus-wide name-variant report of `koalign batch`: each pair's
//! entities and numbers (from the names module behind `koalign names`), pooled
//! over the corpus into one report, `OUTDIR/names.json` (the JSON of
//! `koalign names --format json`).

use crate::report::Article;

/// File name of the name report in the output directory.
pub const REPORT_FILE: &str = "names.json";

/// One pair's entities and numbers.
pub type PairNames = Article;

/// Links the names and numbers of an aligned pair.
pub use super::super::names::article_names as pair_names;

/// The pair's entities as one JSON value, for the JSON Lines stream.
pub fn pair_json(article: &PairNames) -> serde_json::Value {
    serde_json::json!({
        "entities": article.entities.entities,
        "english_only": article.entities.english_only,
        "numbers": article.numbers,
    })
}

/// Rebuilds a pair's names from its `names` value in a `koalign batch -`
/// record (see [`pair_json`]), for assembling a distributed run's results.
///
/// The entity types only derive `Serialize`; this mirrors their JSON shape.
/// (Deriving `Deserialize` on them would let this be one `from_value`.)
pub fn article_from_json(
    id: &str,
    value: &serde_json::Value,
) -> std::result::Result<PairNames, String> {
    use crate::entities::EntityType;
    use crate::entities::link::{ArticleEntities, Entity, FormUse, UnlinkedName};
    use crate::entities::matcher::Evidence;
    use crate::entities::numbers::NumberPair;
    use crate::numbers::Agreement;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct FormDe {
        form: String,
        #[serde(default)]
        count: usize,
        #[serde(default)]
        sentences: Vec<usize>,
    }
    #[derive(Deserialize)]
    struct EntityDe {
        ko: String,
        #[serde(default)]
        ko_aliases: Vec<String>,
        kind: EntityType,
        #[serde(default)]
        titles: Vec<String>,
        #[serde(default)]
        ko_sentences: Vec<usize>,
        #[serde(default)]
        ko_count: usize,
        #[serde(default)]
        forms: Vec<FormDe>,
        #[serde(default)]
        short_forms: Vec<FormDe>,
        #[serde(default)]
        evidence: Vec<String>,
        #[serde(default)]
        korean_reading: bool,
    }
    #[derive(Deserialize)]
    struct NumberDe {
        ko: Option<String>,
        en: Option<String>,
        ko_value: Option<String>,
        en_value: Option<String>,
        kind: String,
        agreement: Option<Agreement>,
        #[serde(rename = "match")]
        matches: Option<bool>,
        ko_sentence: Option<usize>,
        en_sentence: Option<usize>,
    }
    #[derive(Deserialize)]
    struct NamesDe {
        #[serde(default)]
        entities: Vec<EntityDe>,
        #[serde(default)]
        english_only: Vec<FormDe>,
        #[serde(default)]
        numbers: Vec<NumberDe>,
    }

    fn evidence(name: &str) -> std::result::Result<Evidence, String> {
        let all = [
            Evidence::Gazetteer,
            Evidence::Lexicon,
            Evidence::Romanization,
            Evidence::Transcription,
            Evidence::Letters,
        ];
        all.into_iter()
            .find(|e| serde_json::to_value(e).ok().is_some_and(|v| v == name))
            .ok_or_else(|| format!("unknown evidence kind {name:?}"))
    }
    let form = |f: FormDe| FormUse {
        form: f.form,
        count: f.count,
        sentences: f.sentences,
    };
    let names: NamesDe = serde_json::from_value(value.clone())
        .map_err(|e| format!("\"names\" is not a koalign names record: {e}"))?;
    let mut entities = Vec::with_capacity(names.entities.len());
    for e in names.entities {
        entities.push(Entity {
            ko: e.ko,
            ko_aliases: e.ko_aliases,
            kind: e.kind,
            titles: e.titles,
            ko_sentences: e.ko_sentences,
            ko_count: e.ko_count,
            forms: e.forms.into_iter().map(form).collect(),
            short_forms: e.short_forms.into_iter().map(form).collect(),
            evidence: e
                .evidence
                .iter()
                .map(|s| evidence(s))
                .collect::<std::result::Result<_, _>>()?,
            korean_reading: e.korean_reading,
        });
    }
    Ok(Article {
        id: id.to_string(),
        entities: ArticleEntities {
            entities,
            english_only: names
                .english_only
                .into_iter()
                .map(|f| UnlinkedName {
                    form: f.form,
                    count: f.count,
                    sentences: f.sentences,
                })
                .collect(),
        },
        numbers: names
            .numbers
            .into_iter()
            .map(|n| NumberPair {
                ko: n.ko,
                en: n.en,
                ko_value: n.ko_value,
                en_value: n.en_value,
                kind: n.kind,
                agreement: n.agreement,
                matches: n.matches,
                ko_sentence: n.ko_sentence,
                en_sentence: n.en_sentence,
            })
            .collect(),
    })
}
