//! Fits the aligner's weights on gold alignments and writes
//! `dictionaries/model/aligner.json`.
//!
//! Usage:
//!   cargo run --release --example train_aligner -- [--out FILE] [--holdout DIR]
//!       [--gold-sentences-only DIR] [--diagnose] CASES_DIR...
//!   cargo run --release --example train_aligner -- --explain [--segmented] KO_FILE EN_FILE
//!
//! Each CASES_DIR holds case folders (`ko.txt`, `en.txt`, `gold.json` with
//! `pairs`, `ko`, `en`), e.g. `corpus/` and the development sets in
//! `../shared/data/*/cases`. Every case is used twice: with the gold sentences
//! (what `--segmented` sees) and with koalign's own segmentation, the gold
//! projected onto it (what end-to-end alignment sees), so the model learns the
//! 2-2 and 3-1 beads that finer segmentation creates. `--holdout DIR` scores
//! the fitted model on cases it was not trained on.

use std::fs;
use std::path::{Path, PathBuf};

use koalign::align::Aligner;
use koalign::align::eval::{GoldAlignment, score_indices};
use koalign::align::model::Model;
use koalign::align::train::{Case, TrainOptions, fit, locate, project_gold, with_omissions};
use koalign::lang::Lang;
use koalign::segment::{Segment, segment, segment_lines};
use koalign::tokenize::KoreanTokenizer;

fn case_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("gold.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn gold_sentences_as_segments(sentences: &[String]) -> Vec<Segment> {
    segment_lines(&sentences.join("\n"))
}

/// The segmented and the own-segmentation training cases of one folder.
fn cases_of(dir: &Path) -> Vec<Case> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let gold = GoldAlignment::load(&dir.join("gold.json")).expect("gold.json");
    let (Some(gk), Some(ge)) = (gold.ko.clone(), gold.en.clone()) else {
        return Vec::new();
    };
    let mut cases = vec![Case {
        name: format!("{name} (gold sentences)"),
        ko: gold_sentences_as_segments(&gk),
        en: gold_sentences_as_segments(&ge),
        gold: gold.pairs.clone(),
    }];
    let ko_text = fs::read_to_string(dir.join("ko.txt")).expect("ko.txt");
    let en_text = fs::read_to_string(dir.join("en.txt")).expect("en.txt");
    let (ko_segs, en_segs) = (segment(&ko_text, Lang::Ko), segment(&en_text, Lang::En));
    if let (Some(ks), Some(es)) = (locate(&ko_text, &gk), locate(&en_text, &ge))
        && let Some(projected) = project_gold(&gold.pairs, &ks, &es, &ko_segs, &en_segs)
    {
        cases.push(Case {
            name: format!("{name} (own segmentation)"),
            ko: ko_segs,
            en: en_segs,
            gold: projected,
        });
    }
    cases
}

fn evaluate(aligner: &Aligner, cases: &[Case]) -> (f64, f64, f64) {
    let (mut strict, mut other, mut n_other) = (0.0, 0.0, 0);
    let mut link = 0.0;
    for case in cases {
        let alignment = aligner.align(&case.ko, &case.en).expect("align");
        let predicted: Vec<_> = alignment
            .beads
            .iter()
            .map(|b| (b.ko.clone(), b.en.clone()))
            .collect();
        let s = score_indices(&predicted, &case.gold);
        strict += s.strict.f1;
        link += s.link.f1;
        if s.other.gold > 0 {
            other += s.other.f1;
            n_other += 1;
        }
    }
    let n = cases.len().max(1) as f64;
    (strict / n, link / n, other / f64::from(n_other.max(1)))
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let diagnose = args
        .iter()
        .position(|a| a == "--diagnose")
        .map(|p| args.remove(p))
        .is_some();
    if args.first().map(String::as_str) == Some("--explain") {
        // --explain [--segmented] KO_FILE EN_FILE: features of each bead of
        // the current model.
        let read = |p: &str| fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        let lines = args.get(1).map(String::as_str) == Some("--segmented");
        if lines {
            args.remove(1);
        }
        let split = |text: &str, lang: Lang| {
            if lines {
                segment_lines(text)
            } else {
                segment(text, lang)
            }
        };
        let (ko, en) = (
            split(&read(&args[1]), Lang::Ko),
            split(&read(&args[2]), Lang::En),
        );
        let aligner = Aligner::new().expect("aligner");
        for e in aligner.explain(&ko, &en).expect("explain") {
            let total: f64 = e.features.iter().map(|f| f.2).sum();
            println!(
                "{:?} {:?} score {:.2} total {total:.2}",
                e.bead.ko, e.bead.en, e.bead.score
            );
            for (name, value, contribution) in &e.features {
                println!("    {name:40} {value:8.3} {contribution:+8.3}");
            }
        }
        return;
    }
    let mut take = |flag: &str| -> Option<String> {
        let pos = args.iter().position(|a| a == flag)?;
        let value = args.get(pos + 1).cloned();
        args.drain(pos..(pos + 2).min(args.len()));
        value
    };
    let out = take("--out").unwrap_or_else(|| "dictionaries/model/aligner.json".into());
    let holdout = take("--holdout");
    // Copies of each training case with a few sentences deleted (see
    // `with_omissions`); 0 turns the augmentation off.
    let omission_variants: usize =
        take("--omission-variants").map_or(2, |v| v.parse().expect("a number"));
    // Cases whose gold units often hold several sentences (FLORES) teach the
    // wrong thing about koalign's finer segmentation: use only their gold
    // sentences.
    let gold_sentences_only = take("--gold-sentences-only");
    let roots: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    assert!(
        !roots.is_empty(),
        "usage: train_aligner [--out FILE] [--holdout DIR] CASES_DIR..."
    );

    let mut cases: Vec<Case> = roots
        .iter()
        .flat_map(|r| case_dirs(r))
        .flat_map(|d| cases_of(&d))
        .collect();
    if let Some(dir) = &gold_sentences_only {
        cases.extend(
            case_dirs(Path::new(dir))
                .iter()
                .flat_map(|d| cases_of(d))
                .filter(|c| !c.name.ends_with("(own segmentation)")),
        );
    }
    let augmented: Vec<Case> = cases
        .iter()
        .enumerate()
        .flat_map(|(n, c)| with_omissions(c, omission_variants, n as u64 + 1))
        .collect();
    let originals = cases.len();
    cases.extend(augmented);
    eprintln!(
        "training on {} cases ({originals} from {:?}, the rest with omissions added)",
        cases.len(),
        roots
    );
    let tokenizer = KoreanTokenizer::new().expect("dictionary");
    if diagnose {
        let aligner = Aligner::with_model(tokenizer.clone(), Model::builtin());
        let report = koalign::align::train::evidence_report(&aligner, &cases).expect("report");
        println!("{}", serde_json::to_string_pretty(&report).expect("json"));
        return;
    }
    let start = Model::untrained();
    let mut aligner = Aligner::with_model(tokenizer.clone(), start.clone());
    aligner.options.learn = false;
    let (mut model, report) =
        fit(&aligner, &cases, &start, &TrainOptions::default()).expect("training");
    eprintln!(
        "documents {}, skipped {}, log-likelihood {:.4}, length ratio {:.3} variance {:.3}",
        report.documents,
        report.skipped.len(),
        report.final_log_likelihood,
        report.length.ratio,
        report.length.variance
    );
    eprintln!("log-likelihood every 100 steps: {:.4?}", report.history);

    let mut trained = Aligner::with_model(tokenizer, model.clone());
    trained.options.learn = false;
    let (s, l, o) = evaluate(&trained, &cases[..originals]);
    eprintln!("training set: strict F1 {s:.4}, link F1 {l:.4}, non-1-1 strict F1 {o:.4}");
    let mut summary = format!(
        "{} cases from {} (gold sentences and own segmentation); training strict F1 {s:.4}",
        cases.len(),
        roots
            .iter()
            .map(|r| r.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(dir) = holdout {
        let held: Vec<Case> = case_dirs(Path::new(&dir))
            .iter()
            .flat_map(|d| cases_of(d))
            .collect();
        let (s, l, o) = evaluate(&trained, &held);
        eprintln!(
            "held out ({} cases): strict F1 {s:.4}, link F1 {l:.4}, non-1-1 strict F1 {o:.4}",
            held.len()
        );
        for (label, own) in [("gold sentences", false), ("own segmentation", true)] {
            let part: Vec<Case> = held
                .iter()
                .filter(|c| c.name.ends_with("(own segmentation)") == own)
                .map(|c| Case {
                    name: c.name.clone(),
                    ko: c.ko.clone(),
                    en: c.en.clone(),
                    gold: c.gold.clone(),
                })
                .collect();
            let (s, l, o) = evaluate(&trained, &part);
            eprintln!(
                "  {label} ({} cases): strict F1 {s:.4}, link F1 {l:.4}, non-1-1 strict F1 {o:.4}",
                part.len()
            );
        }
        summary.push_str(&format!("; held-out {dir}: strict F1 {s:.4}"));
    }
    model.trained_on = summary;
    let json = serde_json::to_string_pretty(&model).expect("json");
    fs::write(&out, json + "\n").unwrap_or_else(|e| panic!("{out}: {e}"));
    eprintln!("wrote {out}");
}
