//! One pair's work: load both sides, align, review, link names, render the
//! output. Every step reports problems as a reason string for the summary, and
//! a panic in one pair is caught and reported like any other failure, so a long
//! run never dies because of one odd article.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use crate::align::learn::{LearnedLexicon, PooledTranslations};
use crate::align::{Aligner, Alignment, BEAD_TYPES};
use crate::document::{Document, LangChoice, Segmentation};
use crate::error::{Error, InputProblem};
use crate::export::BeadRecord;
use crate::input::{self, SourceText};
use crate::lang::{self, Lang};
use crate::report;
use crate::review::FlagKind;
use crate::tokenize::Morpheme;

use super::super::align::{
    AlignFormat, DEFAULT_MAX_SENTENCES, ExportSettings, PairDocuments, check_pair_size,
    reviewed_records, write_records,
};
use super::names;
use super::source::{Entry, PairSource, Text};

/// A pair is re-aligned with the pooled lexicon when one of its beads scores
/// below this (it is worth a second look; confident pairs keep their
/// first-pass alignment). On the dev data (629 pairs) the learning gain is the
/// same from 0.6 to 0.9 and starts to drop at 0.5; 0.75 re-aligns 60 pairs
/// where 0.9 re-aligned 127.
pub const REALIGN_BELOW: f64 = 0.75;

/// What every pair of a run shares.
pub struct Context<'a> {
    pub aligner: &'a Aligner,
    pub format: AlignFormat,
    pub export: &'a ExportSettings,
    pub lang_check: bool,
    /// Link names (for the corpus name report or the stream's records).
    pub names: bool,
}

/// Which alignment a pair gets.
#[derive(Clone, Copy)]
pub enum Pass<'a> {
    /// First pass only.
    Plain,
    /// First pass, keeping what its confident beads teach.
    Observe,
    /// With translations pooled over the corpus.
    Pooled(&'a PooledTranslations),
}

/// A pair, aligned.
pub struct Aligned {
    pub pair: PairDocuments,
    pub alignment: Alignment,
    /// Counts learned from this pair (with [`Pass::Observe`]).
    pub learned: Option<LearnedLexicon>,
    /// The Korean morphemes, kept for entity linking when the pair is linked.
    pub morphemes: Option<Vec<Vec<Morpheme>>>,
    /// Things to tell the user (decoded from EUC-KR, lengths very different).
    pub notes: Vec<String>,
}

impl Aligned {
    /// Whether the pair should be re-aligned with the pooled lexicon.
    pub fn is_unsure(&self) -> bool {
        self.alignment.beads.iter().any(|b| b.score < REALIGN_BELOW)
    }
}

/// Counts of one pair for the summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PairStats {
    pub ko_sentences: usize,
    pub en_sentences: usize,
    /// Beads by type, in the order of [`BEAD_TYPES`].
    pub beads: [usize; BEAD_TYPES.len()],
    /// Flags by kind, in the order of [`FlagKind::ALL`].
    pub flags: [usize; FlagKind::ALL.len()],
    /// Aligned a second time with the pooled lexicon.
    pub realigned: bool,
}

impl PairStats {
    fn of(pair: &PairDocuments, records: &[BeadRecord]) -> Self {
        let mut stats = PairStats {
            ko_sentences: pair.ko.segments.len(),
            en_sentences: pair.en.segments.len(),
            ..PairStats::default()
        };
        for record in records {
            let shape = (record.ko.len(), record.en.len());
            if let Some(k) = BEAD_TYPES.iter().position(|&t| t == shape)
                && let Some(slot) = stats.beads.get_mut(k)
            {
                *slot += 1;
            }
            for name in record.flag_names() {
                if let Some(k) = FlagKind::ALL.iter().position(|f| f.as_str() == name)
                    && let Some(slot) = stats.flags.get_mut(k)
                {
                    *slot += 1;
                }
            }
        }
        stats
    }
}

/// A pair, aligned, reviewed and rendered.
pub struct Finished {
    pub stats: PairStats,
    /// The per-pair output file's contents, in the run's format.
    pub output: Vec<u8>,
    /// The records, for the JSON Lines stream.
    pub records: Vec<BeadRecord>,
    /// The pair's entities and numbers, for the corpus name report.
    pub article: Option<names::PairNames>,
    pub notes: Vec<String>,
}

/// Runs `work`, turning a panic into a failure reason.
pub fn guarded<T>(work: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            Err(format!("internal error (please report it): {message}"))
        }
    }
}

/// The reason for a failure, as the summary and the log show it.
fn reason(err: &Error) -> String {
    match err {
        Error::Input { path, problem } => format!("{}: {problem}", path.display()),
        other => other.to_string(),
    }
}

/// Reads and decodes one side.
fn read_side(id: &str, text: &Text, lang: Lang) -> Result<SourceText, Error> {
    match text {
        Text::Path(path) => input::read_file(path),
        Text::Inline(text) => input::decode(PathBuf::from(side_label(id, lang)), text.as_bytes()),
    }
}

/// How an inline side is named in messages: `ID/ko`.
fn side_label(id: &str, lang: Lang) -> String {
    format!("{id}/{lang}")
}

/// Loads both sides of a pair: decoded, language checked, segmented.
pub fn load(source: &PairSource, lang_check: bool) -> Result<(PairDocuments, Vec<String>), String> {
    let load_side = |text: &Text, lang: Lang| -> Result<Document, Error> {
        let decoded = read_side(&source.id, text, lang)?;
        let choice = if lang_check {
            LangChoice::Expect(lang)
        } else {
            LangChoice::Assume(lang)
        };
        Document::from_source(decoded, choice, Segmentation::Sentences)
    };
    let swapped = |err: Error, other: &Text, other_lang: Lang| -> String {
        let mut message = reason(&err);
        if let Error::Input {
            problem: InputProblem::WrongLanguage(_),
            ..
        } = err
        {
            let other_detected = read_side(&source.id, other, other_lang)
                .ok()
                .and_then(|s| lang::detect(&s.text));
            let this_lang = if other_lang == Lang::Ko {
                Lang::En
            } else {
                Lang::Ko
            };
            if other_detected == Some(this_lang) {
                message.push_str(" (the Korean and English sides look swapped)");
            }
        }
        message
    };
    let ko = load_side(&source.ko, Lang::Ko).map_err(|e| swapped(e, &source.en, Lang::En))?;
    let en = load_side(&source.en, Lang::En).map_err(|e| swapped(e, &source.ko, Lang::Ko))?;
    let pair = PairDocuments { ko, en };
    let mut notes = check_pair_size(&pair, DEFAULT_MAX_SENTENCES).map_err(|e| reason(&e))?;
    for doc in [&pair.ko, &pair.en] {
        notes.extend(
            doc.source
                .notes
                .iter()
                .map(|n| format!("{}: {n}", doc.source.path.display())),
        );
    }
    Ok((pair, notes))
}

/// A pair loaded and its Korean tokenized, ready to align.
pub struct Loaded {
    pub pair: PairDocuments,
    /// The Korean morphemes when the pair's names will be linked.
    pub morphemes: Option<Vec<Vec<Morpheme>>>,
    pub notes: Vec<String>,
}

/// A pair loaded ahead ([`load_ahead`]), or why it could not be.
pub type LoadedAhead = Result<Loaded, String>;

/// Largest pair (both sides, in bytes) that [`load_ahead`] loads: a chunk
/// holds its pairs loaded and tokenized between its two stages, about 25
/// bytes for each byte of text, so a chunk of 64 pairs at the limit holds
/// about 50 MB; news articles are a few kilobytes.
pub const LOAD_AHEAD_BYTES: u64 = 32 * 1024;

/// The size of a pair's texts in bytes (0 for a file that cannot be read:
/// loading it will say why).
fn source_bytes(source: &PairSource) -> u64 {
    let size = |text: &Text| match text {
        Text::Path(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
        Text::Inline(text) => text.len() as u64,
    };
    size(&source.ko) + size(&source.en)
}

/// The first stage of a chunk of pairs: reading, segmenting and tokenizing
/// each pair before any is aligned. Tokenizing one article after another
/// keeps the dictionary's tables in the processor's caches: 0.5 ms for an
/// NTREX article's Korean instead of 1.2 ms between two alignments (5–8%
/// of a corpus run). `None` for a pair over [`LOAD_AHEAD_BYTES`], which
/// [`align_loaded`] loads itself, so that a chunk of huge documents is not
/// held in memory at once.
pub fn load_ahead(ctx: &Context<'_>, source: &PairSource) -> Option<LoadedAhead> {
    (source_bytes(source) <= LOAD_AHEAD_BYTES).then(|| guarded(|| load_tokenized(ctx, source)))
}

/// [`load_ahead`] for an input entry that is a pair to align (`None` for
/// the others).
pub fn load_entry_ahead(ctx: &Context<'_>, entry: &Entry) -> Option<LoadedAhead> {
    match entry {
        Entry::Pair(source) => load_ahead(ctx, source),
        Entry::Aligned { .. } | Entry::Bad { .. } => None,
    }
}

/// Loads a pair and tokenizes its Korean (once for alignment and entities
/// when the entities are linked).
fn load_tokenized(ctx: &Context<'_>, source: &PairSource) -> Result<Loaded, String> {
    let (pair, notes) = load(source, ctx.lang_check)?;
    let morphemes = if ctx.names {
        super::super::names::shared_morphemes(ctx.aligner, &pair).map_err(|e| reason(&e))?
    } else {
        None
    };
    Ok(Loaded {
        pair,
        morphemes,
        notes,
    })
}

/// Aligns a pair, loaded ahead or (`None`) loaded here.
pub fn align_loaded(
    ctx: &Context<'_>,
    source: &PairSource,
    loaded: Option<LoadedAhead>,
    pass: Pass<'_>,
) -> Result<Aligned, String> {
    let Loaded {
        pair,
        morphemes,
        notes,
    } = match loaded {
        Some(loaded) => loaded?,
        None => load_tokenized(ctx, source)?,
    };
    let (ko, en) = (&pair.ko.segments, &pair.en.segments);
    let (aligner, given) = (ctx.aligner, morphemes.as_deref());
    let (alignment, learned) = match pass {
        Pass::Plain => (aligner.align_with_morphemes(ko, given, en, None), None),
        Pass::Observe => match aligner.align_and_observe_with_morphemes(ko, given, en) {
            Ok((alignment, learned)) => (Ok(alignment), Some(learned)),
            Err(err) => (Err(err), None),
        },
        Pass::Pooled(pool) => (
            aligner.align_with_morphemes(ko, given, en, Some(pool)),
            None,
        ),
    };
    let alignment = alignment.map_err(|e| reason(&e))?;
    Ok(Aligned {
        pair,
        alignment,
        learned,
        morphemes,
        notes,
    })
}

/// Reviews, links names and renders an aligned pair.
pub fn finish(ctx: &Context<'_>, id: &str, aligned: Aligned) -> Result<Finished, String> {
    let Aligned {
        pair,
        alignment,
        morphemes,
        mut notes,
        ..
    } = aligned;
    let skip_names = super::super::names::entity_check_note(&pair);
    notes.extend(skip_names.clone());
    let article = if ctx.names && skip_names.is_none() {
        Some(
            names::pair_names(ctx.aligner, id, &pair, &alignment, morphemes.as_deref())
                .map_err(|e| reason(&e))?,
        )
    } else {
        None
    };
    // Entity flags use the pair's own report: a corpus-wide variant is in
    // names.json, a bead flag points at what the article itself does.
    let report = article
        .as_ref()
        .map(|a| report::build(std::slice::from_ref(a), false));
    let records = reviewed_records(
        ctx.aligner,
        &pair,
        &alignment,
        report.as_ref(),
        &ctx.export.review,
    );
    let mut output = Vec::new();
    write_records(&pair, &records, ctx.format, ctx.export, None, &mut output)
        .map_err(|e| reason(&e))?;
    Ok(Finished {
        stats: PairStats::of(&pair, &records),
        output,
        records,
        article,
        notes,
    })
}

/// The file extension of a format.
pub fn extension(format: AlignFormat) -> &'static str {
    match format {
        AlignFormat::Jsonl => "jsonl",
        AlignFormat::Tsv => "tsv",
        AlignFormat::Tmx => "tmx",
        AlignFormat::Xliff => "xlf",
        AlignFormat::Text => "txt",
    }
}

/// One bead as the JSON Lines export writes it (same fields, same order), for
/// writing the per-pair file of an assembled stream record.
#[derive(serde::Serialize, serde::Deserialize)]
struct JsonBead {
    ko: Vec<usize>,
    en: Vec<usize>,
    ko_text: String,
    en_text: String,
    score: f64,
    #[serde(rename = "type")]
    bead_type: String,
    #[serde(default)]
    flags: Vec<String>,
    #[serde(default)]
    flag_details: Vec<String>,
}

/// A pair aligned by `koalign batch -` elsewhere (a distributed run): its
/// per-pair file, counts and names, from the record.
pub fn from_record(
    ctx: &Context<'_>,
    id: &str,
    record: &serde_json::Value,
) -> Result<Finished, String> {
    let beads: Vec<JsonBead> = serde_json::from_value(record["beads"].clone())
        .map_err(|e| format!("\"beads\" is not a koalign bead list: {e}"))?;
    let mut stats = PairStats {
        ko_sentences: record["ko_sentences"].as_u64().unwrap_or(0) as usize,
        en_sentences: record["en_sentences"].as_u64().unwrap_or(0) as usize,
        ..PairStats::default()
    };
    for bead in &beads {
        let shape = (bead.ko.len(), bead.en.len());
        if let Some(k) = BEAD_TYPES.iter().position(|&t| t == shape)
            && let Some(slot) = stats.beads.get_mut(k)
        {
            *slot += 1;
        }
        let mut seen: Vec<&str> = Vec::new();
        for name in &bead.flags {
            if seen.contains(&name.as_str()) {
                continue;
            }
            seen.push(name);
            if let Some(k) = FlagKind::ALL.iter().position(|f| f.as_str() == name)
                && let Some(slot) = stats.flags.get_mut(k)
            {
                *slot += 1;
            }
        }
    }
    let output = if ctx.format == AlignFormat::Jsonl {
        let mut out = Vec::new();
        for bead in &beads {
            serde_json::to_writer(&mut out, bead).map_err(|e| e.to_string())?;
            out.push(b'\n');
        }
        out
    } else {
        match record.get("output").and_then(|o| o.as_str()) {
            Some(text) => text.as_bytes().to_vec(),
            None => {
                return Err(format!(
                    "the record has no \"output\": stream with --format {}",
                    extension(ctx.format)
                ));
            }
        }
    };
    let article = match (ctx.names, record.get("names")) {
        (true, Some(names)) => Some(names::article_from_json(id, names)?),
        _ => None,
    };
    Ok(Finished {
        stats,
        output,
        records: Vec::new(),
        article,
        notes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KO: &str =
        "광주시는 24일 인공지능 산업을 키우겠다고 밝혔다. 강기정 시장은 항저우를 방문했다.\n";
    const EN: &str = "Gwangju said on the 24th it would grow its AI industry. Mayor Kang Gi-jung visited Hangzhou.\n";

    fn inline(ko: &str, en: &str) -> PairSource {
        PairSource {
            id: "pair".into(),
            ko: Text::Inline(ko.into()),
            en: Text::Inline(en.into()),
        }
    }

    fn beads(aligned: &Aligned) -> Vec<(Vec<usize>, Vec<usize>)> {
        aligned
            .alignment
            .beads
            .iter()
            .map(|b| (b.ko.clone(), b.en.clone()))
            .collect()
    }

    #[test]
    fn small_pairs_are_loaded_ahead_and_large_ones_in_the_second_stage() {
        let aligner = Aligner::new().expect("aligner");
        let export = ExportSettings::default();
        let ctx = Context {
            aligner: &aligner,
            format: AlignFormat::Jsonl,
            export: &export,
            lang_check: true,
            names: true,
        };
        // Loaded ahead or here, the same alignment.
        let small = inline(KO, EN);
        let ahead = load_ahead(&ctx, &small).expect("a small pair is loaded ahead");
        assert!(ahead.as_ref().is_ok_and(|l| l.morphemes.is_some()));
        let from_ahead = align_loaded(&ctx, &small, Some(ahead), Pass::Plain).expect("aligned");
        let from_here = align_loaded(&ctx, &small, None, Pass::Plain).expect("aligned");
        assert_eq!(beads(&from_ahead), beads(&from_here));
        assert_eq!(from_here.pair.ko.segments.len(), 2);

        // Over the limit, from files or inline: left to the second stage,
        // which aligns it all the same.
        let copies = LOAD_AHEAD_BYTES as usize / (KO.len() + EN.len()) + 1;
        let large = inline(&KO.repeat(copies), &EN.repeat(copies));
        assert!(load_ahead(&ctx, &large).is_none());
        let dir = tempfile::tempdir().expect("temporary directory");
        let (ko_path, en_path) = (dir.path().join("ko.txt"), dir.path().join("en.txt"));
        std::fs::write(&ko_path, KO.repeat(copies)).expect("written");
        std::fs::write(&en_path, EN.repeat(copies)).expect("written");
        let large_files = PairSource {
            id: "large".into(),
            ko: Text::Path(ko_path),
            en: Text::Path(en_path),
        };
        assert!(load_ahead(&ctx, &large_files).is_none());
        let aligned = align_loaded(&ctx, &large_files, None, Pass::Plain).expect("aligned");
        assert_eq!(aligned.pair.ko.segments.len(), 2 * copies);

        // A missing file is loaded ahead, to fail there with its reason.
        let missing = PairSource {
            id: "missing".into(),
            ko: Text::Path(dir.path().join("none.ko.txt")),
            en: Text::Inline(EN.into()),
        };
        let failed = load_ahead(&ctx, &missing).expect("loaded ahead");
        assert!(failed.is_err_and(|reason| reason.contains("none.ko.txt")));
    }
}
