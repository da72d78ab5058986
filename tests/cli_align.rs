//! CLI tests of `koalign align` and `koalign eval` on the bundled corpus.

mod common;

use std::path::Path;

use predicates::prelude::*;

use common::{koalign, run_ok, seed};

fn jsonl(bytes: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn jsonl_covers_every_sentence_once_in_order_with_the_fixed_fields() {
    let out = run_ok(
        koalign()
            .args(["align", "--format", "jsonl"])
            .arg(seed("ko.txt"))
            .arg(seed("en.txt")),
    );
    let beads = jsonl(&out.stdout);
    let ko: Vec<u64> = beads
        .iter()
        .flat_map(|b| {
            b["ko"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap())
        })
        .collect();
    let en: Vec<u64> = beads
        .iter()
        .flat_map(|b| {
            b["en"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap())
        })
        .collect();
    assert_eq!(
        ko,
        (0..lines(&seed("ko.sents")).len() as u64).collect::<Vec<_>>()
    );
    assert_eq!(
        en,
        (0..lines(&seed("en.sents")).len() as u64).collect::<Vec<_>>()
    );
    for b in &beads {
        let score = b["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert!(b["ko_text"].is_string() && b["en_text"].is_string());
        assert!(b["type"].is_string());
    }
    // The seed pair has Korean sentences split from one English sentence.
    assert!(beads.iter().any(|b| b["type"] == "2-1"));
}

#[test]
fn segmented_mode_takes_one_segment_per_line() {
    let out = koalign()
        .args(["align", "--segmented", "--format", "jsonl"])
        .arg(seed("ko.sents"))
        .arg(seed("en.sents"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let beads = jsonl(&out.stdout);
    let ko_texts: Vec<String> = lines(&seed("ko.sents"));
    let joined: Vec<String> = beads
        .iter()
        .filter(|b| b["ko_text"] != "")
        .map(|b| b["ko_text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(joined.join(" "), ko_texts.join(" "));
}

#[test]
fn tsv_has_four_columns_and_text_view_shows_both_sides() {
    let out = koalign()
        .args(["align", "--format", "tsv"])
        .arg(seed("ko.txt"))
        .arg(seed("en.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() > 10);
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "{line}");
        assert!(cols[2].parse::<f64>().is_ok());
    }
    koalign()
        .args(["align", "--width", "80"])
        .arg(seed("ko.txt"))
        .arg(seed("en.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains(" | "))
        .stdout(predicate::str::contains("강기정"))
        .stdout(predicate::str::contains("Kang Gi-jung"));
}

#[test]
fn output_file_is_written_atomically() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("aligned.jsonl");
    koalign()
        .args(["align", "--format", "jsonl", "-o"])
        .arg(&out)
        .arg(seed("ko.txt"))
        .arg(seed("en.txt"))
        .assert()
        .success()
        .stdout("");
    assert!(!jsonl(&std::fs::read(&out).unwrap()).is_empty());
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left behind");
}

#[test]
fn swapped_files_are_refused_with_a_hint() {
    koalign()
        .arg("align")
        .arg(seed("en.txt"))
        .arg(seed("ko.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("swapped"));
    koalign()
        .args(["align", "--no-lang-check", "--format", "tsv"])
        .arg(seed("en.txt"))
        .arg(seed("ko.txt"))
        .assert()
        .success();
}

#[test]
fn eval_scores_predictions_and_case_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let pred = tmp.path().join("pred.jsonl");
    koalign()
        .args(["align", "--segmented", "--format", "jsonl", "-o"])
        .arg(&pred)
        .arg(seed("ko.sents"))
        .arg(seed("en.sents"))
        .assert()
        .success();
    let out = koalign()
        .args(["eval", "--format", "json", "--gold"])
        .arg(seed("gold.json"))
        .arg(&pred)
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f1 = report["mean"]["strict_f1"].as_f64().unwrap();
    assert!(f1 > 0.5 && f1 <= 1.0, "{f1}");

    // Vecalign's gold format, written from the same gold.
    let gold: serde_json::Value =
        serde_json::from_slice(&std::fs::read(seed("gold.json")).unwrap()).unwrap();
    let vecalign: String = gold["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{}:{}\n", p[0], p[1]))
        .collect();
    let vecalign_path = tmp.path().join("gold.txt");
    std::fs::write(&vecalign_path, vecalign).unwrap();
    let out2 = koalign()
        .args(["eval", "--format", "json", "--gold"])
        .arg(&vecalign_path)
        .arg(&pred)
        .output()
        .unwrap();
    let report2: serde_json::Value = serde_json::from_slice(&out2.stdout).unwrap();
    assert_eq!(report2["mean"]["strict_f1"], report["mean"]["strict_f1"]);

    koalign()
        .args(["eval", "--cases"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .assert()
        .success()
        .stdout(
            predicate::str::contains("MEAN (").and(predicate::str::contains("gwangju-hangzhou-ai")),
        );
}

#[test]
fn eval_without_gold_is_a_usage_error() {
    koalign()
        .args(["eval"])
        .arg(seed("ko.txt"))
        .arg(seed("en.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--gold"));
}

/// Beyond 500 sentences on a side the entity checks are skipped with a
/// note (they compare every name with every sentence); the alignment itself
/// is complete.
#[test]
fn entity_checks_are_skipped_with_a_note_on_book_length_input() {
    let tmp = tempfile::tempdir().unwrap();
    let (ko, en) = (tmp.path().join("ko.txt"), tmp.path().join("en.txt"));
    let sentences = 600;
    let korean: String = (0..sentences)
        .map(|i| format!("루산 부성장은 {i}번째 회의에 참석했다. "))
        .collect();
    std::fs::write(&ko, korean).unwrap();
    std::fs::write(&en, "Vice Governor Lu Shan attended the meeting.\n").unwrap();
    let out = run_ok(
        koalign()
            .args(["align", "--format", "jsonl"])
            .arg(&ko)
            .arg(&en),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("entity checks"), "{stderr}");
    let beads = jsonl(&out.stdout);
    let korean_total: usize = beads
        .iter()
        .map(|b| b["ko"].as_array().unwrap().len())
        .sum();
    assert_eq!(korean_total, sentences);
    assert!(!beads.iter().any(|b| {
        b["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "entity-missing")
    }));
}
