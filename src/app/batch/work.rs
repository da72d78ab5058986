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
use super::source::{PairSource, Text};

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

/// Loads and aligns a pair.
pub fn align(ctx: &Context<'_>, source: &PairSource, pass: Pass<'_>) -> Result<Aligned, String> {
    let (pair, notes) = load(source, ctx.lang_check)?;
    let (ko, en) = (&pair.ko.segments, &pair.en.segments);
    // Tokenized once for alignment and entities when the entities are linked.
    let morphemes = if ctx.names {
        super::super::names::shared_morphemes(ctx.aligner, &pair).map_err(|e| reason(&e))?
    } else {
        None
    };
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
