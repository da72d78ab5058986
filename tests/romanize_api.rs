//! The public romanization API as the aligner and the CLI use it: the examples
//! of issue 4, the matching contract, and "never panics, whatever the input".

use koalign::romanize::{
    HangulMatcher, MatchKind, System, find_in_english, key_similarity, looks_like_korean_name,
    match_foreign, match_hangul_english, romanization_key, romanize, romanize_name,
    same_korean_name, split_name,
};
use proptest::prelude::*;

#[test]
fn issue_examples_in_rr() {
    let cases = [
        ("종로", "jongno"),
        ("신라", "silla"),
        ("왕십리", "wangsimni"),
        ("별내", "byeollae"),
        ("학여울", "hangnyeoul"),
        ("알약", "allyak"),
        ("해돋이", "haedoji"),
        ("같이", "gachi"),
        ("좋고", "joko"),
        ("묵호", "mukho"),
        ("집현전", "jiphyeonjeon"),
        ("압구정", "apgujeong"),
        ("구미", "gumi"),
        ("옥천", "okcheon"),
        ("설악", "seorak"),
        ("칠곡", "chilgok"),
        ("울릉", "ulleung"),
        ("중앙", "jung-ang"),
        ("반구대", "ban-gudae"),
        ("종로구", "jongno-gu"),
        ("의정부시", "uijeongbu-si"),
        ("충청북도", "chungcheongbuk-do"),
        ("봉천1동", "bongcheon 1(il)-dong"),
    ];
    for (hangul, expected) in cases {
        assert_eq!(romanize(hangul, System::Rr), expected, "{hangul}");
    }
    assert_eq!(romanize("집", System::RrTranslit), "jib");
    assert_eq!(
        romanize("없었습니다", System::RrTranslit),
        "eobs-eoss-seubnida"
    );
}

#[test]
fn issue_examples_in_name_styles() {
    let name = romanize_name("한복남");
    assert_eq!(name.rr, "Han Boknam");
    assert_eq!(name.rr_hyphenated, "Han Bok-nam");
    assert_eq!(romanize("김정은", System::NameMr), "Kim Chŏng-ŭn");
    assert_eq!(romanize("김정은", System::NameMrAscii), "Kim Chong-un");
    let parts = split_name("제갈성렬").unwrap();
    assert_eq!(
        (parts.surname.as_str(), parts.given.as_str()),
        ("제갈", "성렬")
    );
    assert!(looks_like_korean_name("강기정"));
    assert!(!looks_like_korean_name("항저우"));
}

#[test]
fn one_name_many_spellings() {
    for english in [
        "Kang Gi-jung",
        "Kang Gijeong",
        "Gang Gi-jeong",
        "KANG Gi Jung",
    ] {
        let m = match_hangul_english("강기정", english);
        assert!(m.is_match(), "{english}: {m:?}");
        assert!(!m.reason.is_empty());
    }
    assert!(!match_hangul_english("강기정", "Kang Gi-jin").is_match());
    assert!(!match_hangul_english("김경수", "Kim Kyung-hyup").is_match());
    assert!(same_korean_name("Kang Gi-jung", "Kang Gijeong").is_match());
    assert!(!same_korean_name("Kim Kyung-soo", "Kim Kyung-hyup").is_match());
    assert_eq!(
        romanization_key("Kang Gi-jung"),
        romanization_key("KANG Gi Jung")
    );
    assert!(key_similarity("Kang Gi-jung", "Gang Gijeong") > 0.9);
}

#[test]
fn foreign_names_and_loanwords() {
    for (hangul, english) in [
        ("항저우", "Hangzhou"),
        ("딥시크", "DeepSeek"),
        ("트럼프", "Trump"),
        ("알리바바", "Alibaba"),
        ("인프라", "infrastructure"),
    ] {
        assert!(match_foreign(hangul, english) >= 0.5, "{hangul} {english}");
        let m = match_hangul_english(hangul, english);
        assert!(m.is_match(), "{hangul} {english}: {m:?}");
        assert_eq!(m.kind, MatchKind::Foreign, "{hangul} {english}: {m:?}");
    }
    assert!(match_foreign("트럼프", "Biden") < 0.5);
}

#[test]
fn finds_entities_in_an_aligned_sentence() {
    let english = "President Trump's adviser met Kang Gi-jung, mayor of Gwangju, in Hangzhou.";
    assert_eq!(
        find_in_english("강기정", english).unwrap().text,
        "Kang Gi-jung"
    );
    assert_eq!(find_in_english("트럼프", english).unwrap().text, "Trump");
    assert_eq!(find_in_english("광주", english).unwrap().text, "Gwangju");
    assert_eq!(find_in_english("항저우", english).unwrap().text, "Hangzhou");
    assert!(find_in_english("부산", english).is_none());
}

#[test]
fn results_serialize_for_json_output() {
    let json = serde_json::to_string(&match_hangul_english("강기정", "Kang Gi-jeong")).unwrap();
    assert!(json.contains("\"kind\":\"standard\""), "{json}");
    let json = serde_json::to_string(&romanize_name("한복남")).unwrap();
    assert!(json.contains("Han Bok-nam"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_on_any_text(a in "\\PC{0,40}", b in "\\PC{0,40}") {
        for system in System::ALL {
            let _ = romanize(&a, system);
        }
        let m = match_hangul_english(&a, &b);
        prop_assert!((0.0..=1.0).contains(&m.score));
        let s = same_korean_name(&a, &b);
        prop_assert!((0.0..=1.0).contains(&s.score));
        prop_assert!((0.0..=1.0).contains(&match_foreign(&a, &b)));
        prop_assert!((0.0..=1.0).contains(&key_similarity(&a, &b)));
        let _ = find_in_english(&a, &b);
        let _ = split_name(&a);
    }

    #[test]
    fn never_panics_on_hangul_and_latin(a in "[가-힣ㄱ-ㅎ0-9 ]{0,30}", b in "[A-Za-z' ,.-]{0,40}") {
        for system in System::ALL {
            let out = romanize(&a, system);
            prop_assert!(!out.chars().any(|c| ('가'..='힣').contains(&c)));
        }
        let matcher = HangulMatcher::new(&a);
        let m = matcher.match_english(&b);
        prop_assert!((0.0..=1.0).contains(&m.score));
    }
}

#[test]
fn long_inputs_are_bounded() {
    let hangul = "강기정".repeat(500);
    let english = "Kang Gi-jung ".repeat(500);
    let m = match_hangul_english(&hangul, &english);
    assert!(!m.is_match());
    assert!(!same_korean_name(&english, &english[1..]).is_match());
    assert_eq!(
        romanize(&hangul, System::Rr).len(),
        "ganggijeong".len() * 500
    );
}
