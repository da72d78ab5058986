//! CLI tests of `koalign names`: every format, `-o`, `--corpus`,
//! `--fail-on-variants`, an article without entities, and bad input.

mod common;

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use common::{koalign, run_ok, seed};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn names(format: &str) -> std::process::Output {
    koalign()
        .args(["names", "--format", format])
        .arg(seed("ko.txt"))
        .arg(seed("en.txt"))
        .output()
        .unwrap()
}

#[test]
fn json_has_the_fixed_shape() {
    let out = names("json");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entities = report["entities"].as_array().unwrap();
    let kang = entities.iter().find(|e| e["ko"] == "강기정").unwrap();
    assert_eq!(kang["type"], "person");
    assert_eq!(kang["variant"], true);
    assert_eq!(kang["variant_kind"], "romanization");
    assert_eq!(kang["suggested"], "Kang Gi-jung");
    assert!(kang["reason"].as_str().is_some_and(|r| !r.is_empty()));
    assert_eq!(kang["romanization"]["rr"], "Gang Gijeong");
    assert!(kang["romanization"]["mr"].as_str().is_some());
    let forms = kang["en_forms"].as_array().unwrap();
    let first = &forms[0];
    assert_eq!(first["form"], "Kang Gi-jung");
    assert!(first["count"].as_u64().unwrap() >= 2);
    assert!(first["sentences"].as_array().is_some_and(|s| !s.is_empty()));
    assert!(forms.iter().any(|f| f["form"] == "Kang Gijeong"));
    assert!(
        kang["short_forms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["form"] == "Mayor Kang")
    );
    // Numbers with converted values, agreements flagged.
    let numbers = report["numbers"].as_array().unwrap();
    let fund = numbers.iter().find(|n| n["ko"] == "6192억원").unwrap();
    assert_eq!(fund["en"], "619.2 billion won");
    assert_eq!(fund["match"], true);
    assert_eq!(fund["ko_value"], "619.2 billion won");
}

#[test]
fn text_lists_variants_first() {
    let out = names("text");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let variants = text.find("VARIANTS").unwrap();
    let entities = text.find("ENTITIES").unwrap();
    assert!(variants < entities);
    assert!(text[variants..entities].contains("강기정 (person) — romanization variant"));
    assert!(text[variants..entities].contains("→ use \"Kang Gi-jung\""));
    assert!(text[variants..entities].contains("spelling variant"));
}

#[test]
fn csv_has_one_row_per_entity_and_form() {
    let out = names("csv");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("ko,type,form,form_kind,count")
    );
    let kang: Vec<&str> = text.lines().filter(|l| l.starts_with("강기정,")).collect();
    assert!(kang.iter().any(|l| l.contains(",Kang Gi-jung,full,")));
    assert!(kang.iter().any(|l| l.contains(",Kang Gijeong,full,")));
    assert!(kang.iter().any(|l| l.contains(",Mayor Kang,short,")));
    // Quoted fields hold their commas.
    assert!(text.lines().any(|l| l.contains("\"sentences ")));
}

#[test]
fn markdown_has_tables() {
    let out = names("md");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# Name report"));
    assert!(text.contains("## Variants"));
    assert!(text.contains("| 강기정 | person | romanization |"));
    assert!(text.contains("## Entities"));
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.json");
    koalign()
        .args(["names", "--format", "json", "-o"])
        .arg(&path)
        .arg(seed("ko.txt"))
        .arg(seed("en.txt"))
        .assert()
        .success()
        .stdout("");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(report["entities"].as_array().is_some_and(|e| !e.is_empty()));
}

#[test]
fn fail_on_variants_exits_one_after_writing_the_report() {
    koalign()
        .args(["names", "--fail-on-variants"])
        .arg(seed("ko.txt"))
        .arg(seed("en.txt"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("VARIANTS"))
        .stderr(predicate::str::contains("variant"));
}

#[test]
fn corpus_pools_articles() {
    let out = run_ok(
        koalign()
            .args(["names", "--format", "json", "--corpus"])
            .arg(corpus()),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["articles"].as_array().unwrap().len() >= 13);
    // 연합뉴스 is written in several articles: one entity, forms by article.
    let yonhap = report["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["ko"] == "연합뉴스")
        .unwrap();
    assert!(yonhap["articles"].as_array().unwrap().len() >= 3);
    assert!(
        yonhap["en_forms"][0]["articles"]
            .as_array()
            .is_some_and(|a| a.len() >= 2)
    );
    let numbers = report["numbers"].as_array().unwrap();
    assert!(numbers.iter().all(|n| n["article"].is_string()));
}

#[test]
fn corpus_finds_one_name_spelt_two_ways_in_two_articles() {
    let dir = tempfile::tempdir().unwrap();
    for (name, english) in [("a", "Lee Jae-myung"), ("b", "Lee Jae Myung")] {
        let article = dir.path().join(name);
        std::fs::create_dir(&article).unwrap();
        std::fs::write(
            article.join("ko.txt"),
            "이재명 대통령은 10일 국회에서 시정연설을 했다.\n\n이재명 대통령은 예산안 처리를 당부했다.\n",
        )
        .unwrap();
        std::fs::write(
            article.join("en.txt"),
            format!(
                "President {english} delivered a policy speech at the National Assembly on the 10th.\n\n\
                 {english} urged lawmakers to pass the budget.\n"
            ),
        )
        .unwrap();
    }
    let out = koalign()
        .args(["names", "--format", "json", "--corpus"])
        .arg(dir.path())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lee = report["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["ko"] == "이재명")
        .unwrap();
    assert_eq!(lee["variant"], true, "{lee}");
    assert_eq!(lee["en_forms"].as_array().unwrap().len(), 2);
    // Neither article alone has a variant.
    for a in report["articles"].as_array().unwrap() {
        assert_eq!(a["variants"], 0);
    }
    koalign()
        .args(["names", "--fail-on-variants", "--corpus"])
        .arg(dir.path())
        .assert()
        .code(1);
}

#[test]
fn an_article_without_names_gives_an_empty_report() {
    let dir = tempfile::tempdir().unwrap();
    let (ko, en) = (dir.path().join("ko.txt"), dir.path().join("en.txt"));
    std::fs::write(
        &ko,
        "오늘은 날씨가 맑고 따뜻하다. 많은 사람들이 공원에서 산책을 즐겼다.\n",
    )
    .unwrap();
    std::fs::write(
        &en,
        "The weather was clear and warm today. Many people enjoyed a walk in the park.\n",
    )
    .unwrap();
    let out = run_ok(
        koalign()
            .args(["names", "--format", "json"])
            .arg(&ko)
            .arg(&en),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["entities"].as_array().unwrap().len(), 0);
    koalign()
        .arg("names")
        .arg(&ko)
        .arg(&en)
        .assert()
        .success()
        .stdout(predicate::str::contains("No named entities found."));
    koalign()
        .args(["names", "--fail-on-variants"])
        .arg(&ko)
        .arg(&en)
        .assert()
        .code(0);
}

#[test]
fn swapped_files_are_a_clear_error() {
    koalign()
        .arg("names")
        .arg(seed("en.txt"))
        .arg(seed("ko.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("swapped"));
}

#[test]
fn missing_files_and_bad_corpus_directories_are_errors() {
    koalign()
        .args(["names", "no/such/ko.txt"])
        .arg(seed("en.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file"));
    let dir = tempfile::tempdir().unwrap();
    koalign()
        .args(["names", "--corpus"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no article pairs"));
    koalign()
        .args(["names", "--corpus"])
        .arg(dir.path().join("missing"))
        .assert()
        .code(2);
}

/// Foreign names the dictionary reads as common nouns (트럼프 is "trump card"
/// to mecab-ko-dic) are linked when the English spells them; a common word
/// with a capitalised neighbour ("Sphinx is") is not read as a name.
#[test]
fn transcribed_foreign_names_are_linked_without_trailing_words() {
    let tmp = tempfile::tempdir().unwrap();
    let (ko, en) = (tmp.path().join("ko.txt"), tmp.path().join("en.txt"));
    std::fs::write(
        &ko,
        "트럼프 대통령을 자주 비판해 온 워런 의원은 재선에 도전한다.\n\n\
         옥스퍼드의 연구진은 스핑크스는 오래됐다고 밝혔다.\n",
    )
    .unwrap();
    std::fs::write(
        &en,
        "Warren, a frequent critic of President Trump, is running for re-election.\n\n\
         Researchers at Oxford said the Sphinx is old.\n",
    )
    .unwrap();
    let out = run_ok(
        koalign()
            .args(["names", "--format", "json"])
            .arg(&ko)
            .arg(&en),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let forms_of = |ko: &str| -> Vec<String> {
        report["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["ko"] == ko)
            .flat_map(|e| e["en_forms"].as_array().unwrap().clone())
            .map(|f| f["form"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(forms_of("트럼프"), ["Trump"], "{report}");
    assert_eq!(forms_of("옥스퍼드"), ["Oxford"], "{report}");
    assert!(
        !forms_of("스핑크스").iter().any(|f| f.ends_with(" is")),
        "{report}"
    );
}
