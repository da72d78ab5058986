//! CLI tests of `koalign segment` and `koalign tokenize`, driving the real binary.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn koalign() -> Command {
    Command::cargo_bin("koalign").unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn tokenize_prints_kang_gijeong_as_nnp() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write(
        tmp.path(),
        "ko.txt",
        "강기정 광주시장은 24일 항저우에서 루산 부성장을 만났다.".as_bytes(),
    );
    koalign()
        .args(["tokenize"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("강기정\tNNP\t인명"));
}

#[test]
fn tokenize_json_has_spans_and_tags() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write(tmp.path(), "en.txt", b"Mayor Kang Gi-jung met Lu Shan.");
    let out = koalign()
        .args(["tokenize", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["tokens"][2]["text"], "Gi-jung");
    assert_eq!(value["tokens"][2]["start"], 11);
}

#[test]
fn segment_prints_one_segment_per_line() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write(
        tmp.path(),
        "en.txt",
        b"Gwangju Joins Hands with Hangzhou\n\nMr. Kang met Lu Shan on Sept. 24. They discussed AI.\n",
    );
    koalign()
        .arg("segment")
        .arg(&file)
        .assert()
        .success()
        .stdout("Gwangju Joins Hands with Hangzhou\nMr. Kang met Lu Shan on Sept. 24.\nThey discussed AI.\n");
}

#[test]
fn segment_jsonl_carries_byte_spans_and_kinds() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "광주시, 항저우와 손잡는다\n\n강 시장은 24일 항저우를 찾았다. 광주시 제공\n";
    let file = write(tmp.path(), "ko.txt", text.as_bytes());
    let out = koalign()
        .args(["segment", "--format", "jsonl"])
        .arg(&file)
        .output()
        .unwrap();
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["kind"], "title");
    assert_eq!(records[2]["kind"], "credit");
    for r in &records {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], r["text"].as_str().unwrap());
    }
}

#[test]
fn euc_kr_input_is_decoded_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let (bytes, _, _) = encoding_rs::EUC_KR.encode("광주시가 항저우와 손잡았다. 협력을 약속했다.");
    let file = write(tmp.path(), "legacy.txt", &bytes);
    koalign()
        .arg("segment")
        .arg(&file)
        .assert()
        .success()
        .stdout("광주시가 항저우와 손잡았다.\n협력을 약속했다.\n")
        .stderr(predicate::str::contains("legacy.txt: decoded from EUC-KR"));
}

fn assert_input_error(file: &Path, problem: &str) {
    let assert = koalign().arg("segment").arg(file).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(
        stderr.lines().count(),
        1,
        "one-line error expected: {stderr}"
    );
    assert!(stderr.contains(&file.display().to_string()), "{stderr}");
    assert!(stderr.contains(problem), "{stderr}");
}

#[test]
fn bad_input_gives_one_line_error_naming_the_file_and_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    assert_input_error(&tmp.path().join("missing.txt"), "no such file");
    assert_input_error(&write(tmp.path(), "empty.txt", b""), "is empty");
    assert_input_error(
        &write(tmp.path(), "blank.txt", b"  \n\n "),
        "only whitespace",
    );
    assert_input_error(
        &write(tmp.path(), "bin.dat", b"\x7fELF\x02\x01\x01\x00\x00\x00"),
        "binary",
    );
    assert_input_error(
        &write(tmp.path(), "latin1.txt", b"caf\xe9 cr\xe8me"),
        "not valid UTF-8 (first invalid byte at offset 3)",
    );
    assert_input_error(tmp.path(), "is a directory");
}

#[test]
fn help_explains_each_subcommand_with_an_example() {
    for sub in ["segment", "tokenize"] {
        koalign()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example: koalign"));
    }
}
