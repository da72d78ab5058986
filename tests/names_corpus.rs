//! Entity linking and variant detection against the gold entities of every
//! corpus article (`corpus/*/entities.json`, format in `corpus/README.md`).
//!
//! Figures, over all articles together:
//! - link precision: reported (entity, full English form) pairs that are a
//!   gold entity's form (matched by Korean form, case-insensitive English);
//!   a form of an entity the gold does not have counts as wrong;
//! - link recall: gold (entity, English form) pairs the report has;
//! - variant precision and recall: entities flagged as variants against the
//!   gold `variant`.
//!
//! Both must reach 0.95. The seed article's requirements from issue 5 are
//! checked one by one.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use koalign::align::Aligner;
use koalign::app::align::load_pair;
use koalign::app::names::analyze_pair;
use koalign::report::{self, EntityReport, NamesReport};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct GoldEntity {
    ko: Vec<String>,
    en: Vec<String>,
    variant: bool,
}

fn gold(path: &Path) -> Vec<GoldEntity> {
    let text = std::fs::read_to_string(path).expect("entities.json");
    let value: Value = serde_json::from_str(&text).expect("valid JSON");
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().filter_map(Value::as_str).map(norm).collect())
            .unwrap_or_default()
    };
    // `ko_only` entities have no English counterpart: any link reported for
    // them is wrong, so they take part in the precision count.
    let ko_only = value["ko_only"].as_array().cloned().unwrap_or_default();
    value["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .chain(&ko_only)
        .map(|e| GoldEntity {
            ko: strings(&e["ko"]),
            en: strings(&e["en"]),
            variant: e["variant"].as_bool().unwrap_or(false),
        })
        .collect()
}

fn report_for(aligner: &Aligner, case: &Path) -> NamesReport {
    let pair =
        load_pair(&case.join("ko.txt"), &case.join("en.txt"), false, true).expect("pair loads");
    let id = case.file_name().unwrap().to_string_lossy().into_owned();
    let article = analyze_pair(aligner, &id, &pair).expect("analysis");
    report::build(&[article], false)
}

/// The gold entity a reported entity is (by its Korean form or aliases).
fn gold_of<'a>(e: &EntityReport, gold: &'a [GoldEntity]) -> Option<&'a GoldEntity> {
    let names: HashSet<String> = std::iter::once(&e.ko)
        .chain(&e.ko_aliases)
        .map(|k| norm(k))
        .collect();
    gold.iter().find(|g| g.ko.iter().any(|k| names.contains(k)))
}

#[derive(Default, Debug)]
struct Counts {
    reported_links: usize,
    correct_links: usize,
    gold_links: usize,
    found_links: usize,
    variant_tp: usize,
    variant_fp: usize,
    variant_fn: usize,
}

/// The corpus article folders holding `file`, sorted.
fn corpus_cases_with(file: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join(file).is_file())
        .collect();
    cases.sort();
    cases
}

#[test]
fn corpus_entities_match_the_gold() {
    let aligner = Aligner::new().expect("aligner");
    let cases = corpus_cases_with("entities.json");
    assert!(cases.len() >= 5, "gold entity files expected in corpus/");
    let mut counts = Counts::default();
    let mut problems: Vec<String> = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let gold = gold(&case.join("entities.json"));
        let report = report_for(&aligner, case);
        // Precision: every reported full form.
        for e in &report.entities {
            let g = gold_of(e, &gold);
            for f in &e.en_forms {
                counts.reported_links += 1;
                let ok = g.is_some_and(|g| {
                    g.en.iter()
                        .any(|x| x.to_lowercase() == norm(&f.form).to_lowercase())
                });
                if ok {
                    counts.correct_links += 1;
                } else {
                    problems.push(format!("{name}: wrong link {} -> {}", e.ko, f.form));
                }
            }
            if e.variant && g.is_none() {
                counts.variant_fp += 1;
                problems.push(format!("{name}: variant on non-gold {}", e.ko));
            }
        }
        // Recall and variants: every gold entity.
        for g in &gold {
            let hits: Vec<&EntityReport> = report
                .entities
                .iter()
                .filter(|e| gold_of(e, std::slice::from_ref(g)).is_some())
                .collect();
            let forms: HashSet<String> = hits
                .iter()
                .flat_map(|e| e.en_forms.iter().map(|f| norm(&f.form).to_lowercase()))
                .collect();
            for f in &g.en {
                counts.gold_links += 1;
                if forms.contains(&f.to_lowercase()) {
                    counts.found_links += 1;
                } else {
                    problems.push(format!("{name}: missed {:?} -> {f}", g.ko));
                }
            }
            let flagged = hits.iter().any(|e| e.variant);
            match (g.variant, flagged) {
                (true, true) => counts.variant_tp += 1,
                (true, false) => {
                    counts.variant_fn += 1;
                    problems.push(format!("{name}: variant missed {:?}", g.ko));
                }
                (false, true) => {
                    counts.variant_fp += 1;
                    problems.push(format!("{name}: false variant {:?}", g.ko));
                }
                (false, false) => {}
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let precision = ratio(counts.correct_links, counts.reported_links);
    let recall = ratio(counts.found_links, counts.gold_links);
    let variant_precision = ratio(counts.variant_tp, counts.variant_tp + counts.variant_fp);
    let variant_recall = ratio(counts.variant_tp, counts.variant_tp + counts.variant_fn);
    println!(
        "{} articles: link precision {precision:.3} ({}/{}), recall {recall:.3} ({}/{}); \
         variant precision {variant_precision:.3}, recall {variant_recall:.3} \
         (tp {}, fp {}, fn {})",
        cases.len(),
        counts.correct_links,
        counts.reported_links,
        counts.found_links,
        counts.gold_links,
        counts.variant_tp,
        counts.variant_fp,
        counts.variant_fn
    );
    for p in &problems {
        println!("  {p}");
    }
    assert!(precision >= 0.95, "link precision {precision:.3}");
    assert!(recall >= 0.95, "link recall {recall:.3}");
    assert!(
        variant_precision >= 0.95,
        "variant precision {variant_precision:.3}"
    );
    assert!(variant_recall >= 0.95, "variant recall {variant_recall:.3}");
}

#[test]
fn seed_article_meets_issue_5() {
    let aligner = Aligner::new().expect("aligner");
    let report = report_for(&aligner, &corpus_dir().join("gwangju-hangzhou-ai"));
    let by_ko: HashMap<&str, &EntityReport> =
        report.entities.iter().map(|e| (e.ko.as_str(), e)).collect();
    // 강기정 is the only romanization variant.
    let romanization: Vec<&str> = report
        .entities
        .iter()
        .filter(|e| e.variant && e.variant_kind.map(|k| k.as_str()) == Some("romanization"))
        .map(|e| e.ko.as_str())
        .collect();
    assert_eq!(romanization, ["강기정"]);
    let kang = by_ko["강기정"];
    let forms: HashSet<&str> = kang.en_forms.iter().map(|f| f.form.as_str()).collect();
    assert!(
        forms.contains("Kang Gi-jung") && forms.contains("Kang Gijeong"),
        "{forms:?}"
    );
    assert_eq!(kang.suggested.as_deref(), Some("Kang Gi-jung"));
    assert!(kang.short_forms.iter().any(|f| f.form == "Mayor Kang"));
    // The hotel is a spelling variant.
    let hotel = by_ko["인터컨티넨탈 호텔"];
    assert!(hotel.variant);
    assert_eq!(hotel.variant_kind.map(|k| k.as_str()), Some("spelling"));
    // Links.
    for (ko, en) in [
        ("루산", "Lu Shan"),
        ("야오가오위안", "Yao Gaoyuan"),
        ("광주", "Gwangju"),
        ("항저우", "Hangzhou"),
        ("저장성", "Zhejiang Province"),
        ("알리바바", "Alibaba"),
        ("딥시크", "DeepSeek"),
        ("인터컨티넨탈 호텔", "InterContinental Hotel"),
        (
            "항저우 글로벌 디지털 무역박람회",
            "Hangzhou Global Digital Trade Expo",
        ),
    ] {
        let e = by_ko.get(ko).unwrap_or_else(|| panic!("{ko} missing"));
        assert!(
            e.en_forms.iter().any(|f| f.form == en),
            "{ko} -> {en}: {:?}",
            e.en_forms
        );
    }
    // Numbers reconciled.
    for (ko, en) in [
        ("4269억원", "426.9 billion won"),
        ("6192억원", "619.2 billion won"),
        ("1조원", "1 trillion won"),
    ] {
        assert!(
            report
                .numbers
                .iter()
                .any(|n| n.pair.ko.as_deref() == Some(ko)
                    && n.pair.en.as_deref() == Some(en)
                    && n.pair.matches == Some(true)),
            "{ko} / {en}"
        );
    }
    assert_eq!(report.mismatch_count(), 0);
}

/// `koalign batch` pools each pair's names as it finishes, in whatever order
/// the threads and the second pass deliver them: the report must be the one
/// built from the articles in input order.
#[test]
fn pooling_in_any_order_gives_the_input_order_report() {
    let aligner = Aligner::new().expect("aligner");
    let cases = corpus_cases_with("ko.txt");
    let articles: Vec<report::Article> = cases
        .iter()
        .map(|case| {
            let pair = load_pair(&case.join("ko.txt"), &case.join("en.txt"), false, true)
                .expect("pair loads");
            let id = case.file_name().unwrap().to_string_lossy().into_owned();
            analyze_pair(&aligner, &id, &pair).expect("analysis")
        })
        .collect();
    let in_order = report::build(&articles, true);
    let mut pool = report::ReportPool::new(true);
    // Odd positions first, then even ones backwards.
    let order: Vec<usize> = (0..articles.len())
        .filter(|i| i % 2 == 1)
        .chain((0..articles.len()).filter(|i| i % 2 == 0).rev())
        .collect();
    // Numbers and sentence lists in a temporary file, as `koalign batch` keeps them.
    let mut streamed_pool = report::ReportPool::on_disk().unwrap();
    for &i in &order {
        pool.add(i, &articles[i]);
        streamed_pool.add(i, &articles[i]);
    }
    let Ok(pooled) = pool.finish();
    assert_eq!(
        serde_json::to_value(&pooled).unwrap(),
        serde_json::to_value(&in_order).unwrap()
    );
    assert!(in_order.variant_count() > 0);

    // Written entity by entity (what `koalign batch` does): the same bytes
    // as the whole report written at once, and the same counts.
    let mut whole = Vec::new();
    report::json::write_json(&in_order, &mut whole).unwrap();
    let mut streamed = Vec::new();
    let totals = streamed_pool.write_json(&mut streamed).unwrap();
    assert_eq!(
        String::from_utf8(streamed).unwrap(),
        String::from_utf8(whole).unwrap()
    );
    assert_eq!(totals.entities, in_order.entities.len());
    assert_eq!(totals.variants, in_order.variant_count());
    assert_eq!(totals.number_mismatches, in_order.mismatch_count());
}
