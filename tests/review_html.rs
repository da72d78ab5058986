//! The HTML review page in a real browser: headless Chromium loads the page
//! (inside a small harness page that presses j/k, ticks the filter and hovers a
//! number), and the test reads the results from the DOM. Saves a screenshot to
//! target/review-screenshot.png. Skipped with a message when Chromium is not
//! installed (`.ci/run` installs it).

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

fn chromium() -> Option<String> {
    let candidates = [
        std::env::var("KOALIGN_CHROMIUM").unwrap_or_default(),
        "chromium".into(),
        "chromium-browser".into(),
    ];
    candidates.into_iter().filter(|c| !c.is_empty()).find(|c| {
        Process::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn headless(browser: &str, profile: &Path) -> Process {
    let mut cmd = Process::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--allow-file-access-from-files",
        "--virtual-time-budget=5000",
        "--window-size=1366,900",
    ]);
    cmd.arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/gwangju-hangzhou-ai")
        .join(name)
}

const HARNESS: &str = r#"<!DOCTYPE html><html><body>
<iframe id="f" src="review.html" style="width:1200px;height:800px"></iframe>
<pre id="result">pending</pre>
<script>
document.getElementById("f").addEventListener("load", function () {
  var f = document.getElementById("f"), d = f.contentDocument, w = f.contentWindow;
  function key(k) { d.dispatchEvent(new w.KeyboardEvent("keydown", { key: k, bubbles: true })); }
  function current() { var c = d.querySelector("tr.bead.current"); return c ? c.id : null; }
  var out = {};
  out.rows = d.querySelectorAll("tr.bead").length;
  out.flagged = Array.prototype.map.call(d.querySelectorAll("tr.bead.flagged"), function (r) { return r.id + ":" + r.getAttribute("data-flags"); });
  key("j"); out.first = current();
  key("j"); out.second = current();
  key("k"); out.back = current();
  var box = d.getElementById("only-flagged");
  box.click();
  out.hiddenAfterFilter = d.querySelectorAll("tr.bead[hidden]").length;
  out.visibleUnflagged = Array.prototype.filter.call(d.querySelectorAll("tr.bead:not(.flagged)"), function (r) { return !r.hidden; }).length;
  box.click();
  out.hiddenAfterUnfilter = d.querySelectorAll("tr.bead[hidden]").length;
  var mark = d.querySelector("mark.num[data-link]");
  mark.dispatchEvent(new w.MouseEvent("mouseenter"));
  out.linkedOnHover = d.querySelectorAll("mark.linked").length;
  mark.dispatchEvent(new w.MouseEvent("mouseleave"));
  var person = Array.prototype.find.call(d.querySelectorAll("td[lang=ko] mark.ent[data-link]"), function (m) { return m.textContent === "강기정"; });
  person.dispatchEvent(new w.MouseEvent("mouseenter"));
  var lit = Array.prototype.map.call(d.querySelectorAll("mark.linked"), function (m) { return m.closest("td").getAttribute("lang") + ":" + m.textContent; });
  out.entityLinked = lit;
  person.dispatchEvent(new w.MouseEvent("mouseleave"));
  out.linkedIds = Array.prototype.map.call(d.querySelectorAll("mark.linked"), function (m) { return m.getAttribute("data-link"); });
  out.namesSection = !!d.getElementById("names");
  document.getElementById("result").textContent = JSON.stringify(out);
});
</script></body></html>"#;

#[test]
fn review_page_rows_flags_filter_keys_and_hover_work_in_chromium() {
    let tmp = tempfile::tempdir().unwrap();
    // A number changed in the English, so the page has a number mismatch too.
    let en = tmp.path().join("en.txt");
    let en_text = std::fs::read_to_string(seed("en.txt"))
        .unwrap()
        .replace("619.2 billion won", "619.3 billion won");
    std::fs::write(&en, en_text).unwrap();
    let page = tmp.path().join("review.html");
    Command::cargo_bin("koalign")
        .unwrap()
        .arg("review")
        .arg(seed("ko.txt"))
        .arg(&en)
        .arg("-o")
        .arg(&page)
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "page must not load anything"
    );
    let jsonl = Command::cargo_bin("koalign")
        .unwrap()
        .args(["align", "--format", "jsonl"])
        .arg(seed("ko.txt"))
        .arg(&en)
        .output()
        .unwrap();
    let beads: Vec<serde_json::Value> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let expected_flagged: Vec<String> = beads
        .iter()
        .enumerate()
        .filter(|(_, b)| !b["flags"].as_array().unwrap().is_empty())
        .map(|(n, b)| {
            let flags: Vec<&str> = b["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect();
            format!("b{n}:{}", flags.join(" "))
        })
        .collect();
    assert!(
        expected_flagged
            .iter()
            .any(|f| f.contains("number-mismatch"))
    );

    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED: chromium not installed (set KOALIGN_CHROMIUM or install Debian's chromium)"
        );
        return;
    };
    std::fs::write(tmp.path().join("harness.html"), HARNESS).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = headless(&browser, profile.path())
        .arg("--dump-dom")
        .arg(format!(
            "file://{}",
            tmp.path().join("harness.html").display()
        ))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let start =
        dom.find("<pre id=\"result\">").expect("result element") + "<pre id=\"result\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let raw = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let result: serde_json::Value =
        serde_json::from_str(&raw).unwrap_or_else(|e| panic!("{e}: {raw}"));

    assert_eq!(result["rows"].as_u64().unwrap() as usize, beads.len());
    let flagged: Vec<String> = result["flagged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(flagged, expected_flagged);
    let first_flagged = expected_flagged[0].split(':').next().unwrap();
    let second_flagged = expected_flagged[1].split(':').next().unwrap();
    assert_eq!(result["first"], first_flagged);
    assert_eq!(result["second"], second_flagged);
    assert_eq!(result["back"], first_flagged);
    assert_eq!(
        result["hiddenAfterFilter"].as_u64().unwrap() as usize,
        beads.len() - expected_flagged.len()
    );
    assert_eq!(result["visibleUnflagged"], 0);
    assert_eq!(result["hiddenAfterUnfilter"], 0);
    assert_eq!(
        result["linkedOnHover"], 2,
        "a number and its counterpart light up together"
    );
    // Hovering the mayor's Korean name lights up his English spellings, the
    // variant one included.
    let lit: Vec<&str> = result["entityLinked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(lit.contains(&"en:Kang Gi-jung"), "{lit:?}");
    assert!(lit.contains(&"en:Kang Gijeong"), "{lit:?}");
    assert!(lit.contains(&"ko:강기정"), "{lit:?}");
    assert_eq!(result["namesSection"], true);

    // A screenshot for people to look at.
    let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/review-screenshot.png");
    let profile = tempfile::tempdir().unwrap();
    let status = headless(&browser, profile.path())
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}#flagged", page.display()))
        .output()
        .unwrap();
    assert!(status.status.success());
    assert!(
        std::fs::metadata(&shot)
            .map(|m| m.len() > 10_000)
            .unwrap_or(false)
    );
}

#[test]
fn corpus_review_writes_an_index_and_a_page_per_pair() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    for name in ["gwangju-hangzhou-ai", "sports-kbo-final"] {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(name);
        std::fs::create_dir_all(corpus.join(name)).unwrap();
        for file in ["ko.txt", "en.txt"] {
            std::fs::copy(src.join(file), corpus.join(name).join(file)).unwrap();
        }
    }
    let site = tmp.path().join("site");
    Command::cargo_bin("koalign")
        .unwrap()
        .args(["review", "--corpus"])
        .arg(&corpus)
        .arg("-o")
        .arg(&site)
        .assert()
        .success();
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    for name in ["gwangju-hangzhou-ai", "sports-kbo-final"] {
        assert!(index.contains(&format!("href=\"{name}.html\"")));
        assert!(site.join(format!("{name}.html")).is_file());
    }
}
