//! The corpus name report's pool (`koalign batch`) keeps each article on disk,
//! filed by input position: its memory must not grow with the number of
//! articles, only with the distinct names, and by little per name (their
//! forms are on disk too). Measured with a counting allocator (this file is
//! its own test binary, with this one test, so the count is the pool's).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use koalign::entities::EntityType;
use koalign::entities::link::{ArticleEntities, Entity, FormUse, UnlinkedName};
use koalign::entities::numbers::NumberPair;
use koalign::report::{Article, ReportPool};

struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; the
// counter is only bookkeeping.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: same layout contract as our caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const NAMES: [&str; 8] = [
    "강기정",
    "광주",
    "항저우",
    "김민석",
    "부산",
    "서울대",
    "이재명",
    "판교",
];

/// Article `k`: four of the names (two spellings of one of them), three
/// number pairs, an English-only name; sentences and counts vary with `k`.
/// With `new_names`, every name is new (suffixed with `k`).
fn article(k: usize, new_names: bool) -> Article {
    let suffix = if new_names {
        k.to_string()
    } else {
        String::new()
    };
    let entities = (0..4)
        .map(|n| {
            let ko = format!("{}{suffix}", NAMES[(k + n * 3) % NAMES.len()]);
            let forms = (0..1 + n % 2)
                .map(|v| FormUse {
                    form: format!("Name{}{suffix}{}", (k + n * 3) % NAMES.len(), ["", "-v"][v]),
                    count: 1 + k % 3,
                    sentences: vec![k % 7, 10 + k % 5],
                })
                .collect();
            Entity {
                ko,
                ko_aliases: Vec::new(),
                kind: EntityType::Person,
                titles: Vec::new(),
                ko_sentences: vec![k % 11],
                ko_count: 2,
                forms,
                short_forms: Vec::new(),
                evidence: Vec::new(),
                korean_reading: true,
            }
        })
        .collect();
    let numbers = (0..3)
        .map(|n| NumberPair {
            ko: Some(format!("{}억원", k + n)),
            en: Some(format!("{} billion won", k + n)),
            ko_value: None,
            en_value: None,
            kind: "money".to_string(),
            agreement: None,
            matches: Some(n != 1),
            ko_sentence: Some(n),
            en_sentence: Some(n),
        })
        .collect();
    Article {
        id: format!("pair-{k:06}"),
        entities: ArticleEntities {
            entities,
            english_only: vec![UnlinkedName {
                form: format!("Agency {}{suffix}", k % 5),
                count: 1,
                sentences: vec![3],
            }],
        },
        numbers,
    }
}

#[test]
fn the_pool_does_not_grow_with_the_articles() {
    const FIRST: usize = 1_000;
    const TOTAL: usize = 10_000;
    let mut pool = ReportPool::on_disk().expect("temporary files");
    for k in 0..FIRST {
        pool.add(k, &article(k, false));
    }
    let after_first = LIVE_BYTES.load(Ordering::Relaxed);
    // The rest out of order, as pairs waiting for the second pass arrive.
    for k in (FIRST..TOTAL).rev() {
        pool.add(k, &article(k, false));
    }
    let after_all = LIVE_BYTES.load(Ordering::Relaxed);
    let growth = after_all - after_first;
    // Before the articles went to disk this was ~150 bytes an article
    // (1.3 MB here); now only buffers that reached their size early.
    assert!(
        growth < 32 * 1024,
        "{growth} bytes more for {} more articles",
        TOTAL - FIRST
    );

    let mut json = Vec::new();
    let totals = pool.write_json(&mut json).expect("report");
    let report: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    let articles = report["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), TOTAL);
    assert_eq!(articles[0]["id"], "pair-000000");
    assert_eq!(articles[TOTAL - 1]["id"], format!("pair-{:06}", TOTAL - 1));
    assert_eq!(report["numbers"].as_array().map(Vec::len), Some(3 * TOTAL));
    assert_eq!(totals.number_mismatches, TOTAL);
    assert_eq!(totals.entities, NAMES.len());
    // Every article's form uses came back (six an article), full or short.
    let uses: usize = report["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .flat_map(|e| {
            let full = e["en_forms"].as_array().into_iter().flatten();
            full.chain(e["short_forms"].as_array().into_iter().flatten())
        })
        .flat_map(|f| f["articles"].as_array().into_iter().flatten())
        .count();
    assert_eq!(uses, 6 * TOTAL);
    drop(report);

    // Every article with five new names (four entities, one English-only):
    // the pool grows by the names, a few hundred bytes each (their forms and
    // titles are on disk; in memory stay the index, counts and positions).
    let mut pool = ReportPool::on_disk().expect("temporary files");
    for k in 0..FIRST {
        pool.add(k, &article(k, true));
    }
    let after_first = LIVE_BYTES.load(Ordering::Relaxed);
    for k in FIRST..TOTAL {
        pool.add(k, &article(k, true));
    }
    let per_name =
        (LIVE_BYTES.load(Ordering::Relaxed) - after_first) / (5 * (TOTAL - FIRST)) as isize;
    // ~220 bytes here; ~730 when each pooled entity kept its strings.
    assert!(per_name < 400, "{per_name} bytes per distinct name");
    let mut json = Vec::new();
    let totals = pool.write_json(&mut json).expect("report");
    assert_eq!(totals.entities, 4 * TOTAL);
    let report: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    assert_eq!(report["english_only"].as_array().map(Vec::len), Some(TOTAL));
    assert_eq!(
        report["english_only"][TOTAL - 1]["form"],
        format!("Agency {}{}", (TOTAL - 1) % 5, TOTAL - 1)
    );
}
