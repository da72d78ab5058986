//! `koalign segment` must reproduce the gold segmentation of every bundled
//! corpus article exactly (corpus/<id>/{ko,en}.sents).

use std::fs;
use std::path::Path;

use koalign::lang::Lang;
use koalign::segment::segment;

fn corpus_pairs() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut dirs: Vec<_> = fs::read_dir(root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("gold.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_corpus_article_is_segmented_as_gold() {
    let pairs = corpus_pairs();
    assert!(pairs.len() >= 6, "corpus has {} pairs", pairs.len());
    let mut failures = Vec::new();
    for dir in pairs {
        for (lang, name) in [(Lang::Ko, "ko"), (Lang::En, "en")] {
            let text = fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
            let gold: Vec<String> = fs::read_to_string(dir.join(format!("{name}.sents")))
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect();
            let ours: Vec<String> = segment(&text, lang).into_iter().map(|s| s.text).collect();
            if ours != gold {
                let first = ours
                    .iter()
                    .zip(&gold)
                    .position(|(a, b)| a != b)
                    .unwrap_or(ours.len().min(gold.len()));
                failures.push(format!(
                    "{}/{name}: {} segments vs {} gold; first difference at {first}: {:?} vs {:?}",
                    dir.display(),
                    ours.len(),
                    gold.len(),
                    ours.get(first),
                    gold.get(first)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
