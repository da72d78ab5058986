//! Throughput of the romanization module: romanizations per second and
//! matches per second (criterion reports both as elements/s).
//!
//! Run: `cargo bench --bench romanize`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use koalign::romanize::{
    ForeignMatcher, HangulMatcher, System, match_hangul_english, romanize, same_korean_name,
};

/// A mix of what news text holds: names, places with units, common words,
/// foreign names.
const WORDS: [&str; 16] = [
    "강기정",
    "김정은",
    "한복남",
    "남궁민수",
    "종로구",
    "봉천1동",
    "의정부시",
    "신라",
    "왕십리",
    "학여울",
    "없었습니다",
    "해돋이",
    "대한민국",
    "항저우",
    "트럼프",
    "인프라",
];

/// English candidates an aligned sentence offers for one Korean entity.
const CANDIDATES: [&str; 10] = [
    "Kang Gi-jung",
    "KANG Gi Jung",
    "Kang Gi-jin",
    "Kim Kyung-hyup",
    "Gwangju",
    "mayor",
    "Hangzhou",
    "Trump",
    "the",
    "infrastructure",
];

fn bench_romanize(c: &mut Criterion) {
    let mut group = c.benchmark_group("romanize");
    group.throughput(Throughput::Elements(WORDS.len() as u64));
    for system in [System::Rr, System::RrTranslit, System::Mr, System::Name] {
        group.bench_function(system.as_str(), |b| {
            b.iter(|| {
                for word in WORDS {
                    black_box(romanize(black_box(word), system));
                }
            })
        });
    }
    group.finish();
}

fn bench_match(c: &mut Criterion) {
    let mut group = c.benchmark_group("match");
    let pairs = (WORDS.len() * CANDIDATES.len()) as u64;
    group.throughput(Throughput::Elements(pairs));
    let matchers: Vec<HangulMatcher> = WORDS.iter().map(|w| HangulMatcher::new(w)).collect();
    group.bench_function("prepared HangulMatcher", |b| {
        b.iter(|| {
            for matcher in &matchers {
                for candidate in CANDIDATES {
                    black_box(matcher.match_english(black_box(candidate)));
                }
            }
        })
    });
    group.bench_function("match_hangul_english", |b| {
        b.iter(|| {
            for word in WORDS {
                for candidate in CANDIDATES {
                    black_box(match_hangul_english(black_box(word), black_box(candidate)));
                }
            }
        })
    });
    let foreign: Vec<ForeignMatcher> = WORDS.iter().map(|w| ForeignMatcher::new(w)).collect();
    group.bench_function("prepared ForeignMatcher", |b| {
        b.iter(|| {
            for matcher in &foreign {
                for candidate in CANDIDATES {
                    black_box(matcher.match_english(black_box(candidate)));
                }
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("same_korean_name");
    group.throughput(Throughput::Elements(
        (CANDIDATES.len() * CANDIDATES.len()) as u64,
    ));
    group.bench_function("all pairs", |b| {
        b.iter(|| {
            for a in CANDIDATES {
                for other in CANDIDATES {
                    black_box(same_korean_name(black_box(a), black_box(other)));
                }
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_romanize, bench_match);
criterion_main!(benches);
