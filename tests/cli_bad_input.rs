//! Bad input, one behaviour each (see README, "Guarantees"): a clear one-line
//! error naming the file and the problem and exit code 2, or, where the input
//! is usable, a result plus a note. Never a panic, never a partial output file.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::Duration;

use predicates::prelude::*;

use common::{koalign, run_ok, seed};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// Runs `koalign align KO EN` and expects exit code 2 with a one-line error
/// naming `named` and containing `problem`.
fn refused(ko: &Path, en: &Path, named: &Path, problem: &str) {
    let out = koalign().arg("align").arg(ko).arg(en).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&named.display().to_string()), "{stderr}");
    assert!(stderr.contains(problem), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn missing_file() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope.txt");
    refused(&missing, &seed("en.txt"), &missing, "no such file");
}

#[test]
fn directory_instead_of_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    refused(&seed("ko.txt"), tmp.path(), tmp.path(), "is a directory");
}

#[test]
fn unreadable_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write(tmp.path(), "locked.txt", "강기정 시장이 말했다.".as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
    }
    if fs::read(&file).is_ok() {
        eprintln!(
            "SKIPPED: running as a user who can read any file (root); permissions cannot be tested"
        );
        return;
    }
    refused(&file, &seed("en.txt"), &file, "cannot be read");
}

#[test]
fn empty_and_whitespace_only_files() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = write(tmp.path(), "empty.txt", b"");
    refused(&empty, &seed("en.txt"), &empty, "is empty");
    let blank = write(tmp.path(), "blank.txt", b" \n\t\r\n\xe2\x80\x8b\n");
    refused(&seed("ko.txt"), &blank, &blank, "only whitespace");
}

#[test]
fn binary_file() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = write(
        tmp.path(),
        "image.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    refused(&bin, &seed("en.txt"), &bin, "binary");
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let tmp = tempfile::tempdir().unwrap();
    let mut bytes = b"Mayor Kang met Lu Shan. ".to_vec();
    bytes.extend_from_slice(b"caf\xe9 ");
    let bad = write(tmp.path(), "latin1.txt", &bytes);
    refused(
        &seed("ko.txt"),
        &bad,
        &bad,
        "first invalid byte at offset 27",
    );
}

#[test]
fn euc_kr_and_utf16_are_decoded_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let ko_text = fs::read_to_string(seed("ko.txt")).unwrap();
    let (euc, _, unmappable) = encoding_rs::EUC_KR.encode(&ko_text);
    assert!(!unmappable);
    let ko = write(tmp.path(), "ko-euckr.txt", &euc);
    let mut utf16 = vec![0xff, 0xfe];
    for unit in fs::read_to_string(seed("en.txt")).unwrap().encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let en = write(tmp.path(), "en-utf16.txt", &utf16);
    let expected = koalign()
        .args(["align", "--format", "jsonl"])
        .arg(seed("ko.txt"))
        .arg(seed("en.txt"))
        .output()
        .unwrap();
    koalign()
        .args(["align", "--format", "jsonl"])
        .arg(&ko)
        .arg(&en)
        .assert()
        .success()
        .stdout(String::from_utf8(expected.stdout).unwrap())
        .stderr(
            predicate::str::contains("decoded from EUC-KR")
                .and(predicate::str::contains("decoded from UTF-16LE")),
        );
}

#[test]
fn swapped_or_same_language_files_are_refused_with_a_hint() {
    refused(&seed("en.txt"), &seed("ko.txt"), &seed("en.txt"), "swapped");
    let out = koalign()
        .arg("align")
        .arg(seed("ko.txt"))
        .arg(seed("ko.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("expected English text but it looks like Korean"),
        "{stderr}"
    );
    koalign()
        .args(["align", "--no-lang-check", "--format", "tsv"])
        .arg(seed("ko.txt"))
        .arg(seed("ko.txt"))
        .assert()
        .success();
}

#[test]
fn one_side_fifty_times_longer_aligns_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let en = write(
        tmp.path(),
        "en.txt",
        b"Mayor Kang Gi-jung met Lu Shan in Hangzhou.\n",
    );
    let ko_text = fs::read_to_string(seed("ko.txt")).unwrap().repeat(3);
    let ko = write(tmp.path(), "ko.txt", ko_text.as_bytes());
    let out = koalign()
        .args(["align", "--format", "jsonl"])
        .arg(&ko)
        .arg(&en)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("more than 50 times longer"), "{stderr}");
    let beads = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        beads.lines().filter(|l| l.contains("\"en\":[0]")).count(),
        1
    );
}

#[test]
fn a_huge_single_line_is_segmented_and_aligned() {
    // 20 MB on one line: segmentation is linear (the alignment of such input
    // is measured by scripts/bench_align.py, not timed here).
    let tmp = tempfile::tempdir().unwrap();
    let sentence = "광주시는 지금까지 4269억원을 투입해 AI 생태계의 기반을 다졌다. ";
    let big = sentence.repeat(20_000_000 / sentence.len());
    let file = write(tmp.path(), "big.txt", big.as_bytes());
    let out = koalign()
        .args(["segment", "--lang", "ko"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        out.stdout.iter().filter(|&&b| b == b'\n').count(),
        20_000_000 / sentence.len()
    );
    // 2 MB of it against a short English text aligns, every sentence once.
    let small = write(
        tmp.path(),
        "small.txt",
        sentence.repeat(2_000_000 / sentence.len()).as_bytes(),
    );
    let en = write(
        tmp.path(),
        "en.txt",
        b"Gwangju has invested 426.9 billion won in its AI ecosystem.\n",
    );
    let out = run_ok(
        koalign()
            .args(["align", "--format", "tsv"])
            .arg(&small)
            .arg(&en),
    );
    let rows = out.stdout.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(rows, 2_000_000 / sentence.len());
}

#[test]
fn too_many_sentences_is_refused_with_the_limit() {
    koalign()
        .args(["align", "--max-sentences", "5"])
        .arg(seed("ko.txt"))
        .arg(seed("en.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("more than --max-sentences 5"));
}

#[test]
fn unwritable_output_path() {
    let tmp = tempfile::tempdir().unwrap();
    koalign()
        .args(["align", "-o"])
        .arg(tmp.path().join("no/such/dir/out.jsonl"))
        .arg(seed("ko.txt"))
        .arg(seed("en.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write"));
}

#[test]
fn existing_output_is_replaced_only_with_force() {
    let tmp = tempfile::tempdir().unwrap();
    let out = write(tmp.path(), "out.jsonl", b"precious\n");
    koalign()
        .args(["align", "--format", "jsonl", "-o"])
        .arg(&out)
        .arg(seed("ko.txt"))
        .arg(seed("en.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "already exists (use --force to overwrite)",
        ));
    assert_eq!(fs::read(&out).unwrap(), b"precious\n");
    koalign()
        .args(["align", "--format", "jsonl", "--force", "-o"])
        .arg(&out)
        .arg(seed("ko.txt"))
        .arg(seed("en.txt"))
        .assert()
        .success();
    assert!(fs::read_to_string(&out).unwrap().starts_with("{\"ko\":"));
}

#[test]
fn ctrl_c_leaves_no_partial_output() {
    let tmp = tempfile::tempdir().unwrap();
    let sentence = "광주시는 지금까지 4269억원을 투입해 AI 생태계의 기반을 다졌다. ";
    let ko = write(tmp.path(), "ko.txt", sentence.repeat(60_000).as_bytes());
    let en = write(
        tmp.path(),
        "en.txt",
        "Gwangju has invested 426.9 billion won. "
            .repeat(20_000)
            .as_bytes(),
    );
    let out = tmp.path().join("out.jsonl");
    let child = Process::new(assert_cmd::cargo::cargo_bin("koalign"))
        .args(["align", "--format", "jsonl", "-o"])
        .arg(&out)
        .arg(&ko)
        .arg(&en)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let _ = Process::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let result = child.wait_with_output().unwrap();
    let leftovers: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n != "ko.txt" && n != "en.txt")
        .collect();
    if result.status.success() {
        // Finished before the signal: the output is complete.
        assert_eq!(leftovers, vec!["out.jsonl".to_string()]);
    } else {
        assert_eq!(result.status.code(), Some(130));
        assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    }
}
