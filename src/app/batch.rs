//! `koalign batch`: aligns a whole corpus of article pairs, in parallel, or
//! streams JSON Lines pairs from standard input to standard output.
//!
//! A corpus run (INPUT a directory or a manifest) writes, in OUTDIR:
//! `<id>.<ext>` per pair (`jsonl`, `tsv`, `tmx`, `xlf`), `names.json` (the
//! corpus-wide name-variant report) and `summary.json` (pairs, sentences, beads
//! by type, flags by kind, failures with id and reason, time). Every file is
//! written atomically (a temporary file renamed into place), so an interrupted
//! run leaves no half-written output, and `--resume` skips the pairs whose
//! output exists.
//!
//! The pairs are aligned in parallel (rayon, `--jobs` threads) with one shared
//! [`Aligner`]: the Korean dictionary and the lexicons are loaded once. The
//! per-pair files are written by a few writer threads ([`writer`]), so that
//! the workers do not wait for the disk. The input is consumed in chunks, so
//! memory does not grow with the corpus (only the id digests, the pooled
//! lexicon and the name report's distinct names do).
//!
//! Corpus learning (on unless `--no-learn`): the first pass keeps what each
//! pair's confident 1-1 beads teach (hunalign's realign idea), the counts are
//! pooled over the corpus, and the pairs with a bead scored below
//! [`work::REALIGN_BELOW`] are aligned again with the pooled translations.
//! Their outputs are written after the second pass.
//!
//! A bad pair (missing file, bad encoding, wrong language, empty side,
//! malformed manifest line, duplicate id) is logged on standard error and in
//! the summary with its id and reason; the others are aligned. The exit code
//! is 0 when the run completes, failures or not (they are in the summary), and
//! 2 when INPUT cannot be read, holds no pair, or no pair could be aligned.

mod names;
mod progress;
pub mod source;
mod stream;
mod summary;
mod work;
mod writer;

use std::collections::{BTreeMap, VecDeque};
use std::fs::{self, File};
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::align::Aligner;
use crate::align::learn::LearnedLexicon;
use crate::error::{Error, InputProblem, Result};
use crate::report::blobs::DiskBlobs;
use crate::report::{ReportPool, ReportTotals};

use super::align::{AlignFormat, ExportSettings};
use super::output::write_output;
use progress::Progress;
use source::{DuplicateIds, Entry, LineMode, LineReader, PairSource};
use summary::Summary;
use work::{Context, Pass};
use writer::{WriteJob, WriteQueue, Writers};

pub use summary::{Failure, SUMMARY_FILE};

/// Where the pairs come from.
#[derive(Debug, Clone)]
pub enum BatchInput {
    /// A directory: `NAME.ko.txt` + `NAME.en.txt`, or `NAME/ko.txt` + `NAME/en.txt`.
    Directory(PathBuf),
    /// A JSON Lines manifest: `{"id": ..., "ko": PATH_OR_TEXT, "en": PATH_OR_TEXT}`.
    Manifest(PathBuf),
    /// JSON Lines pairs with the texts on standard input; one JSON line per
    /// pair on standard output, in input order.
    Stdin,
}

/// Options of `koalign batch`.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub input: BatchInput,
    /// Where the per-pair files, the name report and the summary go (not used
    /// when streaming).
    pub output_dir: Option<PathBuf>,
    pub format: AlignFormat,
    pub export: ExportSettings,
    /// Worker threads (default: the number of cores).
    pub jobs: Option<usize>,
    /// No progress bar, no per-pair log.
    pub quiet: bool,
    /// Skip pairs whose output file already exists.
    pub resume: bool,
    /// Pool translations learned from confident beads over the corpus and
    /// re-align the low-confidence pairs with them.
    pub learn: bool,
    pub lang_check: bool,
}

/// What a batch run did, for the exit code and stderr.
#[derive(Debug, Clone, Default)]
pub struct BatchOutcome {
    pub pairs: usize,
    pub failures: usize,
    pub notes: Vec<String>,
}

/// The number of worker threads when `--jobs` is not given.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `koalign batch`.
pub fn run(options: &BatchOptions, stdout: &mut dyn Write) -> Result<BatchOutcome> {
    let jobs = options.jobs.unwrap_or_else(default_jobs);
    if jobs == 0 {
        return Err(Error::Usage("--jobs must be at least 1".into()));
    }
    if options.format == AlignFormat::Text {
        return Err(Error::Usage(
            "koalign batch writes jsonl, tsv, tmx or xliff".into(),
        ));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("koalign-{i}"))
        .build()
        .map_err(|e| Error::Io(std::io::Error::other(e)))?;
    match &options.input {
        BatchInput::Stdin => {
            if options.output_dir.is_some() {
                return Err(Error::Usage(
                    "with INPUT -, results go to standard output; -o is for a directory or manifest INPUT".into(),
                ));
            }
            if options.resume {
                return Err(Error::Usage(
                    "--resume needs an output directory; it does not apply to INPUT -".into(),
                ));
            }
            run_stream(options, jobs, &pool, stdout)
        }
        BatchInput::Directory(_) | BatchInput::Manifest(_) => {
            let Some(out_dir) = &options.output_dir else {
                return Err(Error::Usage(
                    "give an output directory: koalign batch INPUT -o OUTDIR (or INPUT - to stream to standard output)".into(),
                ));
            };
            pool.install(|| run_corpus(options, out_dir, jobs))
        }
    }
}

/// The shared context of a run's pair work.
fn context<'a>(aligner: &'a Aligner, options: &'a BatchOptions) -> Context<'a> {
    Context {
        aligner,
        format: options.format,
        export: &options.export,
        lang_check: options.lang_check,
        names: true,
    }
}

fn run_stream(
    options: &BatchOptions,
    jobs: usize,
    pool: &rayon::ThreadPool,
    stdout: &mut dyn Write,
) -> Result<BatchOutcome> {
    let aligner = Aligner::new()?;
    let ctx = context(&aligner, options);
    let progress = Progress::new(|| None, options.quiet);
    let stdin = std::io::stdin();
    let counts = stream::run(
        &ctx,
        stdin.lock(),
        stdout,
        stream::chunk_lines(jobs),
        pool,
        &progress,
    )?;
    progress.finish();
    let mut notes = Vec::new();
    if counts.failures > 0 {
        notes.push(format!(
            "{} of {} lines were not aligned (see their \"error\" records)",
            counts.failures, counts.pairs
        ));
    }
    Ok(BatchOutcome {
        pairs: counts.pairs,
        failures: counts.failures,
        notes,
    })
}

/// The entries of a corpus input, read lazily (a manifest is never held in
/// memory whole).
enum Entries {
    Dir(source::DirListing),
    List(std::vec::IntoIter<Entry>),
    Lines(LineReader<BufReader<File>>),
}

impl Entries {
    fn open(input: &BatchInput) -> Result<Self> {
        match input {
            BatchInput::Directory(dir) => Ok(Entries::Dir(source::discover_dir(dir)?)),
            BatchInput::Manifest(path) => {
                let file = open_manifest(path)?;
                let base = path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                Ok(Entries::Lines(LineReader::new(
                    BufReader::with_capacity(1 << 16, file),
                    LineMode::Manifest,
                    base,
                )))
            }
            BatchInput::Stdin => Ok(Entries::List(Vec::new().into_iter())),
        }
    }

    fn next(&mut self, path: &Path) -> Result<Option<Entry>> {
        match self {
            Entries::Dir(listing) => Ok(listing.next()),
            Entries::List(list) => Ok(list.next()),
            Entries::Lines(reader) => reader
                .next_entry()
                .map(|e| e.map(|(_, entry)| entry))
                .map_err(|e| Error::input(path, InputProblem::Unreadable(e))),
        }
    }
}

fn open_manifest(path: &Path) -> Result<File> {
    if !path.exists() {
        return Err(Error::input(path, InputProblem::NotFound));
    }
    File::open(path).map_err(|e| Error::input(path, InputProblem::Unreadable(e)))
}

fn input_path(input: &BatchInput) -> PathBuf {
    match input {
        BatchInput::Directory(p) | BatchInput::Manifest(p) => p.clone(),
        BatchInput::Stdin => PathBuf::from("-"),
    }
}

/// Counts the entries for the progress bar: those of a directory are
/// listed already, a manifest takes a quick pass.
fn count_entries(entries: &Entries, input: &BatchInput) -> Option<u64> {
    if let Entries::Dir(listing) = entries {
        return Some(listing.len() as u64);
    }
    match input {
        BatchInput::Directory(_) | BatchInput::Stdin => None,
        BatchInput::Manifest(path) => {
            let file = File::open(path).ok()?;
            let mut reader = BufReader::with_capacity(1 << 16, file);
            let mut n = 0u64;
            let mut line = Vec::new();
            loop {
                line.clear();
                match std::io::BufRead::read_until(&mut reader, b'\n', &mut line) {
                    Ok(0) => return Some(n),
                    Ok(_) if line.iter().all(u8::is_ascii_whitespace) => {}
                    Ok(_) => n += 1,
                    Err(_) => return None,
                }
            }
        }
    }
}

/// What one pair came to in a pass.
enum PairResult {
    Done(Box<Done>),
    /// Aligned; its output file is being written (its [`Done`] comes back
    /// from the writers). What it learned counts now.
    Writing {
        learned: Option<LearnedLexicon>,
    },
    /// Aligned with a low score: waits for the pooled second pass.
    Deferred {
        learned: Option<LearnedLexicon>,
        notes: Vec<String>,
    },
    Failed(String),
}

/// A pair aligned and written.
struct Done {
    stats: work::PairStats,
    learned: Option<LearnedLexicon>,
    article: Option<names::PairNames>,
    notes: Vec<String>,
}

/// Writes one output file atomically.
fn write_file(path: &Path, bytes: &[u8]) -> std::result::Result<(), String> {
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        fs::create_dir_all(parent)
            .map_err(|e| format!("{}: cannot create: {e}", parent.display()))?;
    }
    write_output(Some(path), &mut std::io::sink(), |w| w.write_all(bytes))
        .map_err(|e| e.to_string())
}

/// Removes temporary files an interrupted earlier run may have left.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".koalign-") && name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// One pair of a corpus pass (`loaded`: by [`work::load_ahead`]).
fn process(
    ctx: &Context<'_>,
    out: &Output<'_>,
    index: usize,
    source: &PairSource,
    loaded: Option<work::LoadedAhead>,
    pass: Pass<'_>,
) -> PairResult {
    let result = work::guarded(|| {
        let mut aligned = work::align_loaded(ctx, source, loaded, pass)?;
        if matches!(pass, Pass::Observe) && aligned.is_unsure() {
            return Ok(PairResult::Deferred {
                learned: aligned.learned,
                notes: aligned.notes,
            });
        }
        let learned = aligned.learned.take();
        let mut finished = work::finish(ctx, &source.id, aligned)?;
        finished.stats.realigned = matches!(pass, Pass::Pooled(_));
        out.hand_over(
            index,
            &source.id,
            finished.output,
            Done {
                stats: finished.stats,
                learned,
                article: finished.article,
                notes: finished.notes,
            },
        )
    });
    result.unwrap_or_else(PairResult::Failed)
}

/// A record of `koalign batch -` (aligned elsewhere): written, not aligned.
fn assemble(
    ctx: &Context<'_>,
    out: &Output<'_>,
    index: usize,
    id: &str,
    record: &serde_json::Value,
) -> PairResult {
    let result = work::guarded(|| {
        let finished = work::from_record(ctx, id, record)?;
        out.hand_over(
            index,
            id,
            finished.output,
            Done {
                stats: finished.stats,
                learned: None,
                article: finished.article,
                notes: Vec::new(),
            },
        )
    });
    result.unwrap_or_else(PairResult::Failed)
}

/// Where a pass's per-pair files go.
struct Output<'a> {
    dir: &'a Path,
    ext: &'a str,
    queue: &'a WriteQueue<Done>,
}

impl Output<'_> {
    /// Hands a pair's output file to the writers (or writes it here if none
    /// is left).
    fn hand_over(
        &self,
        index: usize,
        id: &str,
        output: Vec<u8>,
        mut done: Done,
    ) -> std::result::Result<PairResult, String> {
        let learned = done.learned.take();
        let job = WriteJob {
            index,
            id: id.to_string(),
            path: output_path(self.dir, id, self.ext),
            bytes: output,
            payload: done,
        };
        match self.queue.submit(job) {
            Ok(()) => Ok(PairResult::Writing { learned }),
            Err(job) => {
                write_file(&job.path, &job.bytes)?;
                let mut done = job.payload;
                done.learned = learned;
                Ok(PairResult::Done(Box::new(done)))
            }
        }
    }
}

fn output_path(out_dir: &Path, id: &str, ext: &str) -> PathBuf {
    out_dir.join(format!("{id}.{ext}"))
}

/// Everything a corpus run accumulates.
struct Tally {
    summary: Summary,
    pool: LearnedLexicon,
    /// The corpus name report, pooled pair by pair (the pairs themselves
    /// are not kept: each article waits on disk, filed by input position).
    names: ReportPool<DiskBlobs>,
    /// Input positions of the pairs waiting for the second pass (four
    /// bytes a pair; sorted before the second pass reads it).
    deferred: Vec<u32>,
    /// The threads writing the per-pair files (taken when the run ends); a
    /// pair counts as done when its file is written.
    writers: Option<Writers<Done>>,
    /// Input positions of the pairs whose files the writers have, in the
    /// order their results were taken (input order, first pass then second).
    writing: VecDeque<usize>,
    /// Files written ahead of an earlier one, waiting for it: the writers
    /// finish in any order, and the name report must pool articles in a
    /// fixed one (an entity's first form is the one it shows).
    written_early: BTreeMap<usize, writer::Written<Done>>,
}

impl Tally {
    /// Aligns a chunk of (input position, item) on the workers while the
    /// results of the previous chunk (`pending`) are taken in input order:
    /// taking a result writes the name report's records, which would
    /// otherwise leave the workers idle between chunks. The chunk's results
    /// become the pending ones.
    ///
    /// The chunk goes through in two stages, `load` (reading, segmenting,
    /// tokenizing: [`work::load_ahead`]) for every item, then `align` (the
    /// rest), for the processor's caches.
    fn take_pending_while_aligning<T: Sync, L: Send>(
        &mut self,
        pending: &mut Vec<(usize, String, PairResult)>,
        progress: &Progress,
        chunk: &[(usize, T)],
        id: impl Fn(&T) -> &str,
        load: impl Fn(&T) -> L + Sync,
        align: impl Fn(usize, &T, L) -> PairResult + Sync,
    ) {
        let (results, ()) = rayon::join(
            || {
                let loaded: Vec<L> = chunk.par_iter().map(|(_, item)| load(item)).collect();
                chunk
                    .par_iter()
                    .zip(loaded)
                    .map(|((index, item), loaded)| align(*index, item, loaded))
                    .collect::<Vec<_>>()
            },
            || self.take_all(pending, progress),
        );
        *pending = chunk
            .iter()
            .zip(results)
            .map(|((i, item), result)| (*i, id(item).to_string(), result))
            .collect();
    }

    /// Takes every pending result, in order, and the files written so far.
    fn take_all(&mut self, pending: &mut Vec<(usize, String, PairResult)>, progress: &Progress) {
        for (index, id, result) in pending.drain(..) {
            self.take(index, &id, result, progress);
        }
        if let Some(writers) = &self.writers {
            let written = writers.take_written();
            self.take_written(written, progress);
        }
    }

    /// Takes the pairs whose files are written (or failed to be), in the
    /// order they were handed over; later ones wait for earlier ones.
    fn take_written(&mut self, written: Vec<writer::Written<Done>>, progress: &Progress) {
        for w in written {
            self.written_early.insert(w.index, w);
        }
        while let Some(next) = self.writing.front()
            && let Some(w) = self.written_early.remove(next)
        {
            self.writing.pop_front();
            self.take_one_written(w, progress);
        }
    }

    /// Takes the last written files, when the writers have finished: each
    /// handed-over file has been answered, so none is left waiting.
    fn take_last_written(&mut self, written: Vec<writer::Written<Done>>, progress: &Progress) {
        self.take_written(written, progress);
        self.writing.clear();
        // Only if a writer answered for a file nobody handed over.
        for (_, w) in std::mem::take(&mut self.written_early) {
            self.take_one_written(w, progress);
        }
    }

    fn take_one_written(&mut self, w: writer::Written<Done>, progress: &Progress) {
        let result = match w.outcome {
            Ok(done) => PairResult::Done(Box::new(done)),
            Err(reason) => PairResult::Failed(reason),
        };
        self.take(w.index, &w.id, result, progress);
    }

    fn take(&mut self, index: usize, id: &str, result: PairResult, progress: &Progress) {
        match result {
            PairResult::Writing { learned } => {
                if let Some(learned) = learned {
                    self.pool.merge(&learned);
                }
                self.writing.push_back(index);
            }
            PairResult::Done(done) => {
                let Done {
                    stats,
                    learned,
                    article,
                    notes,
                } = *done;
                self.summary.add(&stats);
                if let Some(learned) = learned {
                    self.pool.merge(&learned);
                }
                if let Some(article) = article {
                    self.names.add(index, &article);
                }
                for note in notes {
                    progress.log(&format!("note: {id}: {note}"));
                }
            }
            PairResult::Deferred { learned, notes } => {
                if let Some(learned) = learned {
                    self.pool.merge(&learned);
                }
                for note in notes {
                    progress.log(&format!("note: {id}: {note}"));
                }
                self.deferred.push(u32::try_from(index).unwrap_or(u32::MAX));
            }
            PairResult::Failed(reason) => {
                progress.log(&format!("{id}: {reason}"));
                self.summary.fail(index, id, &reason);
            }
        }
    }
}

fn run_corpus(options: &BatchOptions, out_dir: &Path, jobs: usize) -> Result<BatchOutcome> {
    let start = Instant::now();
    let input = input_path(&options.input);
    if let BatchInput::Directory(dir) = &options.input
        && !dir.is_dir()
    {
        return Err(Error::input(dir, InputProblem::NotFound));
    }
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(Error::Output {
            path: out_dir.to_path_buf(),
            source: std::io::Error::other("exists and is not a directory"),
        });
    }
    let mut entries = Entries::open(&options.input)?;
    fs::create_dir_all(out_dir).map_err(|source| Error::Output {
        path: out_dir.to_path_buf(),
        source,
    })?;
    remove_stale_temporaries(out_dir);

    let aligner = Aligner::new()?;
    let ctx = context(&aligner, options);
    let ext = work::extension(options.format);
    let progress = Progress::new(|| count_entries(&entries, &options.input), options.quiet);
    let (queue, writers) = Writers::start(write_file).map_err(|source| Error::Output {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut tally = Tally {
        summary: Summary::new(
            input.display().to_string(),
            out_dir.display().to_string(),
            ext,
        ),
        pool: LearnedLexicon::default(),
        names: ReportPool::on_disk().map_err(|source| Error::Output {
            path: std::env::temp_dir(),
            source,
        })?,
        deferred: Vec::new(),
        writers: Some(writers),
        writing: VecDeque::new(),
        written_early: BTreeMap::new(),
    };
    let out = Output {
        dir: out_dir,
        ext,
        queue: &queue,
    };
    // Set below: on when some pair was aligned here with learning on (records
    // of a distributed run are assembled, not aligned).
    let mut aligned_here = false;
    let chunk = stream::chunk_lines(jobs);
    let first_pass = if options.learn {
        Pass::Observe
    } else {
        Pass::Plain
    };

    // First pass. Each chunk's results are tallied while the workers align
    // the next chunk.
    let mut pending: Vec<(usize, String, PairResult)> = Vec::new();
    let mut duplicates = DuplicateIds::new();
    let mut index = 0usize;
    loop {
        let mut batch: Vec<(usize, Entry)> = Vec::with_capacity(chunk);
        while batch.len() < chunk {
            let Some(entry) = entries.next(&input)? else {
                break;
            };
            batch.push((index, duplicates.check(entry)));
            index += 1;
        }
        if batch.is_empty() {
            break;
        }
        tally.summary.pairs.total += batch.len();
        let mut todo: Vec<(usize, &Entry)> = Vec::with_capacity(batch.len());
        for (i, entry) in &batch {
            match entry {
                Entry::Bad { id, reason } => {
                    tally.take(*i, id, PairResult::Failed(reason.clone()), &progress);
                    progress.inc(1);
                }
                Entry::Pair(_) | Entry::Aligned { .. } => {
                    let id = entry.id();
                    if let Err(reason) = source::check_file_id(id) {
                        tally.take(*i, id, PairResult::Failed(reason), &progress);
                        progress.inc(1);
                    } else if options.resume && output_path(out_dir, id, ext).is_file() {
                        tally.summary.pairs.skipped += 1;
                        progress.inc(1);
                    } else {
                        aligned_here |= matches!(entry, Entry::Pair(_));
                        todo.push((*i, entry));
                    }
                }
            }
        }
        tally.take_pending_while_aligning(
            &mut pending,
            &progress,
            &todo,
            |entry| entry.id(),
            |entry| work::load_entry_ahead(&ctx, entry),
            |index, entry, loaded| {
                let result = match entry {
                    Entry::Pair(source) => process(&ctx, &out, index, source, loaded, first_pass),
                    Entry::Aligned { id, record } => assemble(&ctx, &out, index, id, record),
                    Entry::Bad { reason, .. } => PairResult::Failed(reason.clone()),
                };
                // Counted as done when it is, from the worker (deferred
                // pairs count when their second pass ends).
                if !matches!(result, PairResult::Deferred { .. }) {
                    progress.inc(1);
                }
                result
            },
        );
    }
    tally.take_all(&mut pending, &progress);
    tally.summary.learning.enabled = options.learn && aligned_here;
    if tally.summary.pairs.total == 0 {
        return Err(Error::Usage(format!(
            "{}: no article pairs found (NAME.ko.txt + NAME.en.txt, NAME/ko.txt + NAME/en.txt, or manifest lines)",
            input.display()
        )));
    }

    // Second pass: the unsure pairs with the pooled translations.
    if !tally.deferred.is_empty() {
        progress.set_message("re-aligning");
        let pool = std::mem::take(&mut tally.pool).pooled_translations();
        tally.summary.learning.translations = pool.len();
        let mut deferred = std::mem::take(&mut tally.deferred);
        deferred.sort_unstable();
        let mut entries = Entries::open(&options.input)?;
        let mut index = 0usize;
        loop {
            let mut batch: Vec<(usize, PairSource)> = Vec::with_capacity(chunk);
            while batch.len() < chunk {
                let Some(entry) = entries.next(&input)? else {
                    break;
                };
                // Only pairs are deferred (records are written in the first pass).
                let is_deferred =
                    u32::try_from(index).is_ok_and(|index| deferred.binary_search(&index).is_ok());
                if let (true, Entry::Pair(source)) = (is_deferred, entry) {
                    batch.push((index, source));
                }
                index += 1;
            }
            if batch.is_empty() {
                break;
            }
            tally.take_pending_while_aligning(
                &mut pending,
                &progress,
                &batch,
                |source| &source.id,
                |source| work::load_ahead(&ctx, source),
                |index, source, loaded| {
                    let result = process(&ctx, &out, index, source, loaded, Pass::Pooled(&pool));
                    progress.inc(1);
                    result
                },
            );
        }
        tally.take_all(&mut pending, &progress);
    }
    // Every per-pair file written (or failed) before the report and summary.
    if let Some(writers) = tally.writers.take() {
        let written = writers.finish(queue);
        tally.take_last_written(written, &progress);
    }
    progress.finish();

    // The name report and the summary.
    let mut notes = Vec::new();
    // Input order, whichever pass aligned them.
    let pool = tally.names;
    let report_path = out_dir.join(names::REPORT_FILE);
    let mut totals = ReportTotals::default();
    write_output(Some(&report_path), &mut std::io::sink(), |w| {
        totals = pool.write_json(w)?;
        Ok(())
    })?;
    tally.summary.names = summary::NamesSummary {
        report: Some(names::REPORT_FILE.to_string()),
        entities: totals.entities,
        variants: totals.variants,
        number_mismatches: totals.number_mismatches,
    };
    let summary = &mut tally.summary;
    summary.finish(start.elapsed().as_secs_f64(), jobs);
    let summary_path = out_dir.join(SUMMARY_FILE);
    write_output(Some(&summary_path), &mut std::io::sink(), |w| {
        serde_json::to_writer_pretty(&mut *w, &summary).map_err(std::io::Error::other)?;
        writeln!(w)
    })?;

    let counts = &summary.pairs;
    if counts.aligned == 0 && counts.failed > 0 {
        return Err(Error::Usage(format!(
            "none of the {} pairs could be aligned; see {}",
            counts.failed,
            summary_path.display()
        )));
    }
    if !options.quiet || counts.failed > 0 {
        let mut line = format!(
            "aligned {} pairs ({} sentences) in {:.1} s",
            counts.aligned,
            summary.sentences.ko + summary.sentences.en,
            summary.time.seconds
        );
        if counts.skipped > 0 {
            line.push_str(&format!(", skipped {} already done", counts.skipped));
        }
        if counts.failed > 0 {
            line.push_str(&format!(
                "; {} failed (listed in {})",
                counts.failed,
                summary_path.display()
            ));
        }
        notes.push(line);
    }
    Ok(BatchOutcome {
        pairs: counts.total,
        failures: counts.failed,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally() -> Tally {
        Tally {
            summary: Summary::new("in".into(), "out".into(), "jsonl"),
            pool: LearnedLexicon::default(),
            names: ReportPool::on_disk().unwrap(),
            deferred: Vec::new(),
            writers: None,
            writing: VecDeque::new(),
            written_early: BTreeMap::new(),
        }
    }

    fn refused(index: usize) -> writer::Written<Done> {
        writer::Written {
            index,
            id: format!("pair-{index}"),
            outcome: Err("disk full".into()),
        }
    }

    fn taken(tally: &Tally) -> Vec<usize> {
        tally.summary.failures.iter().map(|f| f.index).collect()
    }

    /// Files written out of order are taken in the order they were handed
    /// over, so the name report pools articles in a fixed order.
    #[test]
    fn written_files_are_taken_in_hand_over_order() {
        let progress = Progress::new(|| None, true);
        let mut tally = tally();
        for index in [0, 1, 2, 3] {
            let writing = PairResult::Writing { learned: None };
            tally.take(index, &format!("pair-{index}"), writing, &progress);
        }
        tally.take_written(vec![refused(2), refused(0)], &progress);
        assert_eq!(taken(&tally), [0]);
        tally.take_written(vec![refused(3)], &progress);
        assert_eq!(taken(&tally), [0]);
        tally.take_written(vec![refused(1)], &progress);
        assert_eq!(taken(&tally), [0, 1, 2, 3]);
        // Written before its result was taken: waits for it.
        tally.take_written(vec![refused(4)], &progress);
        assert_eq!(taken(&tally).len(), 4);
        tally.take(
            4,
            "pair-4",
            PairResult::Writing { learned: None },
            &progress,
        );
        tally.take_last_written(Vec::new(), &progress);
        assert_eq!(taken(&tally), [0, 1, 2, 3, 4]);
        assert!(tally.writing.is_empty() && tally.written_early.is_empty());
    }
}
