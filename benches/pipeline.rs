//! Throughput of the first stages on Korean and English news text: dictionary
//! load, segmentation, and segmentation plus tokenization. The text is the
//! bundled corpus, repeated to about 300 KB per language.
//!
//! Run: `cargo bench --bench pipeline`

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use koalign::lang::Lang;
use koalign::segment::segment;
use koalign::tokenize::{KoreanTokenizer, tokenize_en};

const TARGET_BYTES: usize = 300_000;

fn corpus_text(name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut dirs: Vec<_> = fs::read_dir(&root)
        .expect("corpus/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join(name).is_file())
        .collect();
    dirs.sort();
    let one: String = dirs
        .iter()
        .map(|d| fs::read_to_string(d.join(name)).expect("corpus text") + "\n\n")
        .collect();
    let mut text = String::new();
    while text.len() < TARGET_BYTES {
        text.push_str(&one);
    }
    text
}

fn bench_pipeline(c: &mut Criterion) {
    let ko = corpus_text("ko.txt");
    let en = corpus_text("en.txt");

    c.bench_function("load Korean dictionary", |b| {
        b.iter(|| black_box(KoreanTokenizer::new().expect("dictionary")))
    });

    let tokenizer = KoreanTokenizer::new().expect("dictionary");
    let mut group = c.benchmark_group("Korean");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(ko.len() as u64));
    group.bench_function("segment", |b| b.iter(|| black_box(segment(&ko, Lang::Ko))));
    group.bench_function("segment+tokenize", |b| {
        b.iter(|| {
            for s in segment(&ko, Lang::Ko) {
                black_box(tokenizer.tokenize(&s.text).expect("tokenize"));
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("English");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(en.len() as u64));
    group.bench_function("segment+tokenize", |b| {
        b.iter(|| {
            for s in segment(&en, Lang::En) {
                black_box(tokenize_en(&s.text));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_pipeline);
criterion_main!(benches);
