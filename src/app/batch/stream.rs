//! `koalign batch -`: JSON Lines pairs with their texts on standard input, one
//! JSON line per pair on standard output, in input order.
//!
//! The input is read in chunks (a few dozen lines, at most [`CHUNK_BYTES`]);
//! each chunk is aligned in parallel and written in order before the next is
//! read, so memory stays bounded however long the stream, and a consumer (a
//! Spark or Hadoop streaming task) sees results as they come. A line that is
//! not a pair (malformed JSON, a missing side, a text that is not Korean) gives
//! an error record, never a fatal error.
//!
//! Output records:
//!
//! ```text
//! {"id": "a1", "line": 1, "ko_sentences": 12, "en_sentences": 11,
//!  "beads": [{"ko": [0], "en": [0], "ko_text": ..., "score": 0.99, "type": "1-1", "flags": [], ...}, ...],
//!  "flags": {"omission": 0, ...}, "names": {"entities": [...], "english_only": [...], "numbers": [...]},
//!  "output": "..."}
//! {"id": "a2", "line": 2, "error": "a2/ko: is empty"}
//! ```
//!
//! `beads` holds exactly the lines of the per-pair JSON Lines file of
//! `koalign batch`; `output` (with `--format tsv|tmx|xliff` only) the per-pair
//! file in that format.

use std::io::{BufRead, Write};

use rayon::prelude::*;
use serde_json::json;

use crate::error::{Error, InputProblem, Result};
use crate::export::records::write_jsonl;
use crate::review::FlagKind;

use super::super::align::AlignFormat;
use super::progress::Progress;
use super::source::{Entry, LineMode, LineReader};
use super::work::{self, Context, Finished, Pass};

/// Most input bytes held at once (besides one line that is longer).
pub const CHUNK_BYTES: usize = 16 << 20;

/// What the stream did.
#[derive(Debug, Clone, Copy, Default)]
pub struct StreamCounts {
    pub pairs: usize,
    pub failures: usize,
}

/// Lines per chunk for `jobs` workers: enough to keep them busy when pair
/// sizes vary (a chunk ends when its longest pair does: 64 rather than 32
/// pairs took the first 2,000 synthetic pairs from 29.0–29.6 to 27.1–27.6 s
/// with two jobs, for 10 MB), few enough to keep memory small.
pub fn chunk_lines(jobs: usize) -> usize {
    (jobs * 32).clamp(64, 1024)
}

/// Streams `input` to `out`.
pub fn run(
    ctx: &Context<'_>,
    input: impl BufRead,
    out: &mut dyn Write,
    chunk: usize,
    pool: &rayon::ThreadPool,
    progress: &Progress,
) -> Result<StreamCounts> {
    let mut reader = LineReader::new(input, LineMode::Stream, std::path::PathBuf::new());
    let mut counts = StreamCounts::default();
    let mut finished = false;
    while !finished {
        let mut batch: Vec<(usize, Entry)> = Vec::with_capacity(chunk);
        let mut bytes = 0usize;
        while batch.len() < chunk.max(1) && bytes < CHUNK_BYTES {
            match reader.next_entry() {
                Ok(Some((line, entry))) => {
                    bytes += entry_bytes(&entry);
                    batch.push((line, entry));
                }
                Ok(None) => {
                    finished = true;
                    break;
                }
                Err(err) => {
                    return Err(Error::input("<stdin>", InputProblem::Unreadable(err)));
                }
            }
        }
        // Every pair loaded and tokenized first, then the rest: the same two
        // stages as a corpus run, for the same reason (warm caches).
        let records: Vec<(String, bool)> = pool.install(|| {
            let loaded: Vec<Option<work::LoadedAhead>> = batch
                .par_iter()
                .map(|(_, entry)| work::load_entry_ahead(ctx, entry))
                .collect();
            batch
                .par_iter()
                .zip(loaded)
                .map(|((line, entry), loaded)| record(ctx, *line, entry, loaded))
                .collect()
        });
        for (record, ok) in records {
            out.write_all(record.as_bytes())?;
            out.write_all(b"\n")?;
            counts.pairs += 1;
            if !ok {
                counts.failures += 1;
            }
        }
        out.flush()?;
        progress.inc(batch.len() as u64);
    }
    Ok(counts)
}

fn entry_bytes(entry: &Entry) -> usize {
    match entry {
        Entry::Pair(p) => {
            let size = |t: &super::source::Text| match t {
                super::source::Text::Inline(s) => s.len(),
                super::source::Text::Path(p) => p.as_os_str().len(),
            };
            size(&p.ko) + size(&p.en)
        }
        Entry::Bad { reason, .. } => reason.len(),
        Entry::Aligned { .. } => 0,
    }
}

/// The output line of one input line (`loaded`: by
/// [`work::load_ahead`]), and whether it is a success.
fn record(
    ctx: &Context<'_>,
    line: usize,
    entry: &Entry,
    loaded: Option<work::LoadedAhead>,
) -> (String, bool) {
    let source = match entry {
        Entry::Pair(source) => source,
        Entry::Bad { id, reason } => return (error_record(id, line, reason), false),
        // Only manifests hold records; standard input holds pairs.
        Entry::Aligned { id, .. } => {
            return (error_record(id, line, "a result record, not a pair"), false);
        }
    };
    let result = work::guarded(|| {
        let aligned = work::align_loaded(ctx, source, loaded, Pass::Plain)?;
        let finished = work::finish(ctx, &source.id, aligned)?;
        ok_record(ctx, &source.id, line, &finished)
    });
    match result {
        Ok(record) => (record, true),
        Err(reason) => (error_record(&source.id, line, &reason), false),
    }
}

/// `{"id", "line", "error"}`.
pub fn error_record(id: &str, line: usize, reason: &str) -> String {
    json!({"id": id, "line": line, "error": reason}).to_string()
}

fn ok_record(
    ctx: &Context<'_>,
    id: &str,
    line: usize,
    done: &Finished,
) -> std::result::Result<String, String> {
    // The beads are the per-pair JSON Lines, verbatim.
    let jsonl = if ctx.format == AlignFormat::Jsonl {
        String::from_utf8_lossy(&done.output).into_owned()
    } else {
        let mut buf = Vec::new();
        write_jsonl(&done.records, &mut buf).map_err(|e| e.to_string())?;
        String::from_utf8_lossy(&buf).into_owned()
    };
    let flags: serde_json::Map<String, serde_json::Value> = FlagKind::ALL
        .iter()
        .zip(done.stats.flags)
        .map(|(k, n)| (k.as_str().to_string(), json!(n)))
        .collect();
    let head = json!({
        "id": id,
        "line": line,
        "ko_sentences": done.stats.ko_sentences,
        "en_sentences": done.stats.en_sentences,
    })
    .to_string();
    // `head` is an object: drop its closing brace and append the rest.
    let mut out = String::with_capacity(jsonl.len() + head.len() + 256);
    out.push_str(head.strip_suffix('}').unwrap_or(&head));
    out.push_str(",\"beads\":[");
    for (k, bead) in jsonl.lines().filter(|l| !l.is_empty()).enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str(bead);
    }
    out.push_str("],\"flags\":");
    out.push_str(&serde_json::Value::Object(flags).to_string());
    if let Some(article) = &done.article {
        out.push_str(",\"names\":");
        out.push_str(&super::names::pair_json(article).to_string());
    }
    if ctx.format != AlignFormat::Jsonl {
        out.push_str(",\"output\":");
        out.push_str(&json!(String::from_utf8_lossy(&done.output)).to_string());
    }
    out.push('}');
    Ok(out)
}
