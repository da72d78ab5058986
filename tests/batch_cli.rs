//! CLI tests of `koalign batch`: corpus directories and manifests, bad pairs,
//! `--resume`, atomic outputs, exit codes, and the JSON Lines streaming
//! contract of `koalign batch -` (one line per input line, in input order,
//! malformed lines as error records).

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{koalign, run_ok};

const KO: &str = "광주시가 중국 항저우와 우호협력을 논의했다.\n\n강기정 광주시장은 24일 항저우에서 루산 부성장을 만났다. 두 도시는 인공지능 산업 발전을 위한 협력을 약속했다.\n";
const EN: &str = "Gwangju discusses friendly cooperation with Hangzhou, China.\n\nGwangju Mayor Kang Gi-jung met Vice Governor Lu Shan in Hangzhou on the 24th. The two cities pledged cooperation for the development of the artificial intelligence industry.\n";
const KO2: &str =
    "부산국제영화제가 10월 2일 개막한다.\n\n올해 영화제에는 63개국 278편이 초청됐다.\n";
const EN2: &str = "The Busan International Film Festival opens on October 2.\n\nThis year, 278 films from 63 countries were invited.\n";

/// A corpus directory with both layouts and the given extra files.
fn corpus(dir: &Path) {
    fs::create_dir_all(dir.join("gwangju")).unwrap();
    fs::write(dir.join("gwangju/ko.txt"), KO).unwrap();
    fs::write(dir.join("gwangju/en.txt"), EN).unwrap();
    fs::write(dir.join("busan.ko.txt"), KO2).unwrap();
    fs::write(dir.join("busan.en.txt"), EN2).unwrap();
    fs::write(dir.join("README.md"), "not a pair").unwrap();
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn temporaries(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(".tmp"))
        })
        .collect()
}

#[test]
fn directory_gives_one_file_per_pair_a_name_report_and_a_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    corpus(&input);
    let run = koalign()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--jobs", "2"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    // Not a terminal: no progress bar drawing.
    assert!(
        !stderr.contains('\r') && !stderr.contains("\x1b["),
        "{stderr}"
    );
    for id in ["busan", "gwangju"] {
        let beads = jsonl(&fs::read_to_string(out.join(format!("{id}.jsonl"))).unwrap());
        assert!(!beads.is_empty());
        for field in ["ko", "en", "ko_text", "en_text", "score", "type", "flags"] {
            assert!(beads[0].get(field).is_some(), "{id}: {field}");
        }
    }
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(summary["pairs"]["total"], 2);
    assert_eq!(summary["pairs"]["aligned"], 2);
    assert_eq!(summary["pairs"]["failed"], 0);
    assert!(summary["sentences"]["ko"].as_u64().unwrap() >= 5);
    let beads = &summary["beads"];
    let by_type: u64 = beads
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| *k != "total")
        .map(|(_, v)| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_type, beads["total"].as_u64().unwrap());
    assert!(summary["flags"].get("omission").is_some());
    assert!(summary["time"]["seconds"].as_f64().unwrap() > 0.0);
    let names = read_json(&out.join("names.json"));
    assert!(names["entities"].is_array());
    assert!(temporaries(&out).is_empty());
}

#[test]
fn bad_pairs_are_reported_and_the_others_aligned() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    corpus(&input);
    // A Korean file without its English side.
    fs::write(input.join("lonely.ko.txt"), KO2).unwrap();
    // An empty side.
    fs::write(input.join("empty.ko.txt"), KO2).unwrap();
    fs::write(input.join("empty.en.txt"), "").unwrap();
    // Swapped languages.
    fs::write(input.join("swapped.ko.txt"), EN2).unwrap();
    fs::write(input.join("swapped.en.txt"), KO2).unwrap();
    // Not text at all.
    fs::write(
        input.join("binary.ko.txt"),
        [0u8, 159, 146, 150, 0, 0, 1, 2],
    )
    .unwrap();
    fs::write(input.join("binary.en.txt"), EN2).unwrap();
    let run = koalign()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(summary["pairs"]["aligned"], 2, "{summary}");
    assert_eq!(summary["pairs"]["failed"], 4, "{summary}");
    let failures = summary["failures"].as_array().unwrap();
    let reason = |id: &str| -> String {
        failures
            .iter()
            .find(|f| f["id"] == id)
            .unwrap_or_else(|| panic!("{id} not in {failures:?}"))["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(reason("lonely").contains("no English file"));
    assert!(reason("empty").contains("is empty"));
    assert!(
        reason("swapped").contains("swapped"),
        "{}",
        reason("swapped")
    );
    assert!(reason("binary").contains("binary"));
    // In input (name) order, and each on stderr with its id.
    let ids: Vec<&str> = failures.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["binary", "empty", "lonely", "swapped"]);
    for id in ids {
        assert!(stderr.contains(&format!("koalign: {id}: ")), "{stderr}");
        assert!(!out.join(format!("{id}.jsonl")).exists());
    }
    assert!(out.join("busan.jsonl").is_file() && out.join("gwangju.jsonl").is_file());
}

#[test]
fn no_pair_aligned_is_an_input_error() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("a.ko.txt"), "").unwrap();
    fs::write(input.join("a.en.txt"), EN2).unwrap();
    let run = koalign()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    // The summary still says why.
    assert_eq!(read_json(&out.join("summary.json"))["pairs"]["failed"], 1);

    let empty = tmp.path().join("nothing");
    fs::create_dir_all(&empty).unwrap();
    let run = koalign()
        .arg("batch")
        .arg(&empty)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no article pairs"));
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    corpus(&input);
    for args in [
        vec!["batch", "-", "-o", "x"],
        vec!["batch", "-", "--resume"],
        vec!["--quiet"],
    ] {
        if args == ["--quiet"] {
            // No output directory for a corpus input.
            let run = koalign().arg("batch").arg(&input).output().unwrap();
            assert_eq!(run.status.code(), Some(2));
            continue;
        }
        let run = koalign().args(&args).write_stdin("").output().unwrap();
        assert_eq!(run.status.code(), Some(2), "{args:?}");
    }
    let run = koalign()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(tmp.path().join("o"))
        .args(["--jobs", "0"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn manifest_takes_paths_and_texts_and_reports_bad_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    corpus(&input);
    let manifest = tmp.path().join("pairs.jsonl");
    let lines = [
        // Paths relative to the manifest.
        serde_json::json!({"id": "g", "ko": "in/gwangju/ko.txt", "en": "in/gwangju/en.txt"})
            .to_string(),
        // Texts inline, and the explicit forms.
        serde_json::json!({"id": "b", "ko": KO2, "en": {"text": EN2}}).to_string(),
        String::new(),
        "{not json".to_string(),
        serde_json::json!({"id": "m", "ko": "missing.txt", "en": EN2}).to_string(),
        serde_json::json!({"id": "b", "ko": KO2, "en": EN2}).to_string(),
        serde_json::json!({"id": "../x", "ko": KO2, "en": EN2}).to_string(),
        serde_json::json!({"id": "2024/09/b", "ko": {"path": "in/busan.ko.txt"}, "en": EN2})
            .to_string(),
    ];
    fs::write(&manifest, lines.join("\n")).unwrap();
    let run = koalign()
        .arg("batch")
        .arg(&manifest)
        .arg("-o")
        .arg(&out)
        .args(["--format", "tsv"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    for id in ["g", "b", "2024/09/b"] {
        let tsv = fs::read_to_string(out.join(format!("{id}.tsv"))).unwrap();
        assert!(tsv.lines().all(|l| l.split('\t').count() == 4), "{tsv}");
    }
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(summary["pairs"]["total"], 7);
    assert_eq!(summary["pairs"]["aligned"], 3);
    let failures = summary["failures"].as_array().unwrap();
    let reasons: Vec<String> = failures
        .iter()
        .map(|f| format!("{}: {}", f["id"], f["reason"]))
        .collect();
    assert_eq!(failures.len(), 4, "{reasons:?}");
    assert!(reasons[0].contains("line-4") && reasons[0].contains("malformed JSON"));
    assert!(reasons[1].contains("no such file"), "{reasons:?}");
    assert!(reasons[2].contains("earlier pair"), "{reasons:?}");
    assert!(
        reasons[3].contains("cannot name an output file"),
        "{reasons:?}"
    );
}

#[test]
fn resume_skips_pairs_whose_output_exists_and_clears_temporaries() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    corpus(&input);
    fs::create_dir_all(&out).unwrap();
    // As an interrupted run leaves them: one finished output, one temporary.
    fs::write(out.join("busan.jsonl"), "kept\n").unwrap();
    fs::write(out.join(".koalign-abc123.tmp"), "partial").unwrap();
    run_ok(
        koalign()
            .arg("batch")
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .arg("--resume"),
    );
    assert_eq!(
        fs::read_to_string(out.join("busan.jsonl")).unwrap(),
        "kept\n"
    );
    assert!(out.join("gwangju.jsonl").is_file());
    assert!(temporaries(&out).is_empty());
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(summary["pairs"]["skipped"], 1);
    assert_eq!(summary["pairs"]["aligned"], 1);
}

#[test]
fn an_output_that_cannot_be_written_fails_its_pair_only() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    corpus(&input);
    // A directory where busan's output file should go: the rename fails.
    fs::create_dir_all(out.join("busan.jsonl/inside")).unwrap();
    let run = koalign()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "one pair still aligned");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("busan"), "{stderr}");
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(summary["pairs"]["aligned"], 1);
    assert_eq!(summary["pairs"]["failed"], 1);
    assert_eq!(summary["failures"][0]["id"], "busan");
    assert!(
        summary["failures"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("busan.jsonl"),
        "{}",
        summary["failures"][0]
    );
    assert!(out.join("gwangju.jsonl").is_file());
    assert!(temporaries(&out).is_empty(), "no temporary left behind");
    // The name report has the aligned pair only.
    let names = read_json(&out.join("names.json"));
    let ids: Vec<&str> = names["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["gwangju"]);
}

#[test]
fn xml_formats_get_their_extensions() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    corpus(&input);
    fs::remove_dir_all(input.join("gwangju")).unwrap();
    for (format, ext) in [("tmx", "tmx"), ("xliff", "xlf")] {
        let run = koalign()
            .arg("batch")
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .args(["--format", format, "-q", "--no-learn"])
            .output()
            .unwrap();
        assert!(run.status.success());
        let xml = fs::read_to_string(out.join(format!("busan.{ext}"))).unwrap();
        assert!(xml.starts_with("<?xml"), "{xml}");
    }
}

/// The streaming contract: one output line per non-blank input line, in input
/// order, each with the input's id and line number; malformed lines and bad
/// pairs are error records, not fatal.
#[test]
fn stream_keeps_order_and_reports_bad_lines_as_records() {
    let mut input = String::new();
    let mut expected: Vec<(String, bool)> = Vec::new();
    // More lines than one chunk holds, so order across chunks is tested.
    for i in 0..70 {
        let line = match i % 7 {
            3 => "{\"id\": \"broken\", \"ko\": ".to_string(),
            5 => serde_json::json!({"id": format!("p{i}"), "ko": "", "en": EN2}).to_string(),
            6 => serde_json::json!({"id": format!("p{i}"), "ko": EN2, "en": EN2}).to_string(),
            _ => serde_json::json!({"id": format!("p{i}"), "ko": KO2, "en": EN2}).to_string(),
        };
        let id = if i % 7 == 3 {
            format!("line-{}", expected.len() + 1)
        } else {
            format!("p{i}")
        };
        expected.push((id, !matches!(i % 7, 3 | 5 | 6)));
        input.push_str(&line);
        input.push('\n');
    }
    let run = koalign()
        .args(["batch", "-", "--jobs", "2"])
        .write_stdin(input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let records = jsonl(&String::from_utf8(run.stdout).unwrap());
    assert_eq!(records.len(), expected.len());
    for (k, (record, (id, ok))) in records.iter().zip(&expected).enumerate() {
        assert_eq!(record["id"], id.as_str(), "{record}");
        assert_eq!(record["line"], k + 1);
        if *ok {
            assert!(record.get("error").is_none(), "{record}");
            let beads = record["beads"].as_array().unwrap();
            assert!(!beads.is_empty());
            assert!(beads[0]["score"].is_number());
            assert!(record["names"]["entities"].is_array());
        } else {
            assert!(
                record["error"].as_str().is_some_and(|e| !e.is_empty()),
                "{record}"
            );
        }
    }
    assert!(stderr.contains("were not aligned"), "{stderr}");
}

#[test]
fn stream_beads_are_the_per_pair_jsonl_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    corpus(&input);
    let run = koalign()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["-q", "--no-learn"])
        .output()
        .unwrap();
    assert!(run.status.success());
    let line = serde_json::json!({"id": "busan", "ko": KO2, "en": EN2}).to_string();
    let run = koalign()
        .args(["batch", "-"])
        .write_stdin(line)
        .output()
        .unwrap();
    assert!(run.status.success());
    let stdout = String::from_utf8(run.stdout).unwrap();
    let record: Value = serde_json::from_str(stdout.trim()).unwrap();
    let file = jsonl(&fs::read_to_string(out.join("busan.jsonl")).unwrap());
    assert_eq!(record["beads"].as_array().unwrap(), &file);
    // Non-JSON Lines formats carry the per-pair file verbatim.
    let line = serde_json::json!({"id": "busan", "ko": KO2, "en": EN2}).to_string();
    let run = koalign()
        .args(["batch", "-", "--format", "tsv"])
        .write_stdin(line)
        .output()
        .unwrap();
    let record: Value = serde_json::from_slice(&run.stdout).unwrap();
    let tsv = record["output"].as_str().unwrap();
    assert_eq!(tsv.lines().count(), file.len());
}

/// On the dev data (when `../shared` is present): every case aligns, and the
/// summary counts every gold sentence's side.
#[test]
fn dev_data_aligns_without_failures() {
    let cases =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ntrex128-koen-dev/cases");
    if !cases.is_dir() {
        println!("SKIPPED: ../shared/data/ntrex128-koen-dev/cases not found");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run_ok(
        koalign()
            .arg("batch")
            .arg(&cases)
            .arg("-o")
            .arg(&out)
            .arg("-q"),
    );
    let summary = read_json(&out.join("summary.json"));
    let n = fs::read_dir(&cases)
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("ko.txt").is_file())
        .count();
    assert_eq!(summary["pairs"]["aligned"], n);
    assert_eq!(summary["pairs"]["failed"], 0);
}

/// The corpus name report of `batch` keeps numbers and sentence lists in a
/// temporary file while it runs; it must say exactly what `names --corpus`
/// (everything in memory) says about the same articles.
#[test]
fn the_batch_name_report_equals_names_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = tmp.path().join("out");
    run_ok(
        koalign()
            .args(["batch", "--no-learn", "-q", "--jobs", "2"])
            .arg(&corpus_dir)
            .arg("-o")
            .arg(&out),
    );
    let names = koalign()
        .args(["names", "--format", "json", "--corpus"])
        .arg(&corpus_dir)
        .output()
        .unwrap();
    assert!(names.status.success());
    let expected: Value = serde_json::from_slice(&names.stdout).unwrap();
    let written = read_json(&out.join("names.json"));
    assert!(expected["numbers"].as_array().unwrap().len() > 100);
    assert!(expected["entities"].as_array().unwrap().len() > 100);
    assert_eq!(written, expected);
}
