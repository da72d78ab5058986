//! `scripts/spark_align.py` (Apache Spark, local mode, `RDD.pipe` through
//! `koalign batch -`) writes the same outputs as `koalign batch --no-learn`.
//!
//! Runs when a Python with `pyspark` is found: `$KOALIGN_SPARK_PYTHON`, else
//! `python3`; otherwise prints "SKIPPED" and passes (CI does not install
//! Spark).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const KO: &str = "광주시가 중국 항저우와 우호협력을 논의했다.\n\n강기정 광주시장은 24일 항저우에서 루산 부성장을 만났다.\n";
const EN: &str = "Gwangju discusses friendly cooperation with Hangzhou, China.\n\nGwangju Mayor Kang Gi-jung met Vice Governor Lu Shan in Hangzhou on the 24th.\n";
const KO2: &str =
    "부산국제영화제가 10월 2일 개막한다.\n\n올해 영화제에는 63개국 278편이 초청됐다.\n";
const EN2: &str = "The Busan International Film Festival opens on October 2.\n\nThis year, 278 films from 63 countries were invited.\n";

fn python_with_pyspark() -> Option<String> {
    let candidates = std::env::var("KOALIGN_SPARK_PYTHON")
        .ok()
        .into_iter()
        .chain(["python3".to_string()]);
    for python in candidates {
        let ok = Command::new(&python)
            .args(["-c", "import pyspark"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(python);
        }
    }
    None
}

fn java_available() -> bool {
    Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Every file of a directory with its contents; `summary.json` without the
/// fields that differ between runs (time, input, output directory).
fn outputs(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .map(|p| {
            let mut text = fs::read_to_string(&p).unwrap();
            if p.ends_with("summary.json") {
                let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
                for key in ["time", "input", "output_dir"] {
                    v.as_object_mut().unwrap().remove(key);
                }
                text = v.to_string();
            }
            (p.strip_prefix(dir).unwrap().to_path_buf(), text)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn spark_writes_what_batch_writes() {
    let Some(python) = python_with_pyspark() else {
        println!(
            "SKIPPED: pyspark not installed (set KOALIGN_SPARK_PYTHON to a Python with pyspark)"
        );
        return;
    };
    if !java_available() {
        println!("SKIPPED: pyspark found but no java for Spark");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(input.join("gwangju")).unwrap();
    fs::write(input.join("gwangju/ko.txt"), KO).unwrap();
    fs::write(input.join("gwangju/en.txt"), EN).unwrap();
    fs::write(input.join("busan.ko.txt"), KO2).unwrap();
    fs::write(input.join("busan.en.txt"), EN2).unwrap();
    // A bad pair: reported the same way by both.
    fs::write(input.join("empty.ko.txt"), "").unwrap();
    fs::write(input.join("empty.en.txt"), EN2).unwrap();
    let koalign = env!("CARGO_BIN_EXE_koalign");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/spark_align.py");
    for format in ["jsonl", "tmx"] {
        let (spark_out, batch_out) = (
            tmp.path().join(format!("spark-{format}")),
            tmp.path().join(format!("batch-{format}")),
        );
        let run = Command::new(&python)
            .arg(&script)
            .arg(&input)
            .arg("-o")
            .arg(&spark_out)
            .args([
                "--master",
                "local[2]",
                "--format",
                format,
                "--koalign",
                koalign,
            ])
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let run = Command::new(koalign)
            .arg("batch")
            .arg(&input)
            .arg("-o")
            .arg(&batch_out)
            .args(["--no-learn", "-q", "--format", format])
            .output()
            .unwrap();
        assert!(run.status.success());
        let (spark, batch) = (outputs(&spark_out), outputs(&batch_out));
        let names = |files: &[(PathBuf, String)]| -> Vec<PathBuf> {
            files.iter().map(|(p, _)| p.clone()).collect()
        };
        assert_eq!(names(&spark), names(&batch));
        for ((path, a), (_, b)) in spark.iter().zip(&batch) {
            if path.ends_with("summary.json") {
                // Failure reasons name the files: absolute paths on Spark.
                let strip = |s: &str| -> serde_json::Value {
                    let mut v: serde_json::Value = serde_json::from_str(s).unwrap();
                    for f in v["failures"].as_array_mut().unwrap() {
                        f["reason"] = serde_json::Value::Null;
                    }
                    v
                };
                assert_eq!(strip(a), strip(b));
            } else {
                assert_eq!(a, b, "{}", path.display());
            }
        }
    }
}
