//! `koalign names` never panics: random Korean and English text (names,
//! particles, brackets, quotes, Latin letters, digits, punctuation) through
//! extraction, linking and every report format, and an empty report for text
//! without names.

use koalign::align::Aligner;
use koalign::entities::EntityType;
use koalign::entities::english::{names, units};
use koalign::entities::korean::extract_sentence;
use koalign::entities::link::link_article;
use koalign::entities::matcher::EntityMatcher;
use koalign::entities::numbers::reconcile;
use koalign::lang::Lang;
use koalign::lexicon::Lexicon;
use koalign::report::{self, Article};
use koalign::segment::segment;
use proptest::prelude::*;
use std::sync::LazyLock;

static ALIGNER: LazyLock<Aligner> = LazyLock::new(|| Aligner::new().expect("aligner"));

/// Korean-looking text: syllables, names, titles, particles and punctuation.
fn korean_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "강기정",
        "시장",
        "은",
        "는",
        "이",
        "의",
        "과",
        "씨",
        " ",
        " ",
        "(",
        ")",
        "'",
        "\"",
        "『",
        "』",
        "·",
        "-",
        ".",
        ",",
        "제4회",
        "박람회",
        "대학교",
        "호텔",
        "AI",
        "KAIST",
        "2B호",
        "1조원",
        "4269억원",
        "야오",
        "가오",
        "위안",
        "루산",
        "저장성",
        "부성장",
        "김",
        "도",
        "요",
        "@",
        "www.",
        "J.",
        "가",
        "힣",
        "ㄱ",
        "\n",
        "中",
        "🙂",
        "\u{200b}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// English-looking text.
fn english_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Kang", "Gi-jung", "Mayor", "Rep.", "Reps.", "the", "of", "and", " ", " ", ",", ".", "'",
        "\"", "'s", "-", "Co.", "Inc.", "U.S.", "426.9", "billion", "won", "In", "KANG",
        "Hangzhou", "Province", "(", ")", "“", "”", "é", "\n", "🙂", "Ms.", "J.",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn extraction_and_matching_never_panic(ko in korean_text(), en in english_text()) {
        let lexicon = Lexicon::builtin();
        let morphemes = ALIGNER.tokenizer().tokenize(&ko).unwrap_or_default();
        let mentions = extract_sentence(0, &ko, &morphemes, lexicon);
        for m in &mentions {
            prop_assert!(m.start <= m.end && m.end <= ko.len());
            prop_assert!(!m.text.is_empty());
        }
        let u = units(&en, lexicon);
        for unit in &u {
            prop_assert!(en.get(unit.start..unit.end).is_some());
        }
        for n in names(0, &en, &u, false) {
            prop_assert!(en.get(n.start..n.end).is_some());
        }
        for text in [ko.as_str(), "강기정", "", " "] {
            let matcher = EntityMatcher::new(text, EntityType::Person, lexicon);
            let _ = matcher.windows(&u);
        }
    }

    #[test]
    fn whole_reports_never_panic(ko in korean_text(), en in english_text()) {
        let ko_segments = segment(&ko, Lang::Ko);
        let en_segments = segment(&en, Lang::En);
        let alignment = ALIGNER.align(&ko_segments, &en_segments).expect("alignment");
        let entities = link_article(ALIGNER.tokenizer(), &ko_segments, &en_segments, &alignment)
            .expect("linking");
        let numbers = reconcile(&ko_segments, &en_segments, &alignment);
        let article = Article { id: "random".into(), entities, numbers };
        for corpus in [false, true] {
            let r = report::build(std::slice::from_ref(&article), corpus);
            let mut out = Vec::new();
            report::text::write_text(&r, &mut out).unwrap();
            report::json::write_json(&r, &mut out).unwrap();
            report::csv::write_csv(&r, &mut out).unwrap();
            report::md::write_md(&r, &mut out).unwrap();
        }
    }
}

#[test]
fn plain_text_gives_an_empty_report() {
    let ko = segment("오늘은 날씨가 맑다. 바람이 분다.", Lang::Ko);
    let en = segment("It is sunny today. The wind blows.", Lang::En);
    let alignment = ALIGNER.align(&ko, &en).unwrap();
    let entities = link_article(ALIGNER.tokenizer(), &ko, &en, &alignment).unwrap();
    assert!(entities.entities.is_empty(), "{:?}", entities.entities);
    let r = report::build(
        &[Article {
            id: "plain".into(),
            entities,
            numbers: Vec::new(),
        }],
        false,
    );
    assert_eq!(r.variant_count(), 0);
}
