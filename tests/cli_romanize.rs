//! CLI tests of `koalign romanize`.

use assert_cmd::Command;
use predicates::prelude::*;

fn koalign() -> Command {
    Command::cargo_bin("koalign").unwrap()
}

#[test]
fn romanizes_one_word_per_line() {
    koalign()
        .args(["romanize", "종로구", "신라", "왕십리"])
        .assert()
        .success()
        .stdout("jongno-gu\nsilla\nwangsimni\n");
    koalign()
        .args(["romanize", "--system", "name", "한복남"])
        .assert()
        .success()
        .stdout("Han Boknam\n");
}

#[test]
fn all_systems_are_tab_separated_columns() {
    let out = koalign()
        .args(["romanize", "--system", "all", "김정은"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].len(), rows[1].len());
    assert!(rows[1].contains(&"Kim Chŏng-ŭn"));
    assert!(rows[1].contains(&"Kim Chong-un"));
}

#[test]
fn match_prints_score_kind_and_reason() {
    koalign()
        .args(["romanize", "--match", "강기정", "Kang Gijeong"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"^(0\.[5-9]\d|1\.00)\t\S+\t.+\n$").unwrap());
    koalign()
        .args(["romanize", "--match", "강기정", "Kang Gi-jin"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("0.").and(predicate::str::contains("no-match")));
}

#[test]
fn unknown_system_is_a_usage_error() {
    koalign()
        .args(["romanize", "--system", "pinyin", "강"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown romanization system"));
}
