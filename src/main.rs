//! The `koalign` command line: parses arguments and calls the library.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use koalign::app;
use koalign::lang::Lang;

/// Aligns the Korean and English versions of a news article: sentences,
/// named entities, numbers and romanization variants of Korean names.
#[derive(Parser)]
#[command(name = "koalign", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 ok, 1 a --fail-on-* check failed, 2 usage or input error, 3 internal error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Split a Korean or English news text into sentences, one per line.
    ///
    /// Headlines, sub-headlines, photo captions and credits, and bylines become
    /// their own segments; decimals, abbreviations and quotations are respected.
    ///
    /// Example: koalign segment corpus/gwangju-hangzhou-ai/ko.txt
    #[command(verbatim_doc_comment)]
    Segment {
        /// The text file (`-` for standard input).
        file: PathBuf,
        /// The text's language; detected from the share of Hangul when omitted.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Output: one segment per line, or JSON Lines with spans and kinds.
        #[arg(long, value_enum, default_value_t = SegmentFormatArg::Text)]
        format: SegmentFormatArg,
    },
    /// Print the tokens of each sentence: Korean morphemes with their
    /// mecab-ko-dic part of speech, or English words.
    ///
    /// Text output has one token per line (`강기정<TAB>NNP<TAB>인명,T,강기정,...`)
    /// and a blank line after each sentence.
    ///
    /// Example: koalign tokenize corpus/gwangju-hangzhou-ai/ko.txt --format json
    #[command(verbatim_doc_comment)]
    Tokenize {
        /// The text file (`-` for standard input).
        file: PathBuf,
        /// The text's language; detected from the share of Hangul when omitted.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Output: one token per line, or one JSON object per sentence.
        #[arg(long, value_enum, default_value_t = TokenizeFormatArg::Text)]
        format: TokenizeFormatArg,
    },
    /// Align the sentences of a Korean article and its English version.
    ///
    /// Every sentence of both files appears in exactly one bead, in order. Beads
    /// are 1-1, 2-1, 1-2, 2-2, 3-1, 1-3 (merges and splits), 1-0 (Korean
    /// sentence missing from the English) or 0-1 (English sentence not in the
    /// Korean); each has a score, the probability that it is right.
    ///
    /// Example: koalign align corpus/gwangju-hangzhou-ai/ko.txt corpus/gwangju-hangzhou-ai/en.txt
    ///          koalign align ko.txt en.txt --format jsonl -o aligned.jsonl
    #[command(verbatim_doc_comment)]
    Align {
        /// The Korean article (`-` for standard input).
        ko_file: PathBuf,
        /// The English article.
        en_file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AlignFormatArg::Text)]
        format: AlignFormatArg,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The files are already segmented: one segment per line, blank lines
        /// ignored (the hunalign/Vecalign convention).
        #[arg(long)]
        segmented: bool,
        /// Do not check that KO_FILE is Korean and EN_FILE English.
        #[arg(long)]
        no_lang_check: bool,
        /// Run a second pass with translations learned from the input's own
        /// confident beads (helps most on long documents).
        #[arg(long)]
        learn: bool,
        /// Width of the text view in columns.
        #[arg(long, default_value_t = 100)]
        width: usize,
        /// Beads scored below this get the low-confidence review flag.
        #[arg(long, default_value_t = 0.5)]
        min_score: f64,
        /// TMX: keep 1-0 and 0-1 beads, as units with a single tuv.
        #[arg(long)]
        tmx_keep_unaligned: bool,
        /// Language tag of the Korean side in TMX and XLIFF.
        #[arg(long, default_value = "ko-KR")]
        ko_lang: String,
        /// Language tag of the English side in TMX and XLIFF.
        #[arg(long, default_value = "en-US")]
        en_lang: String,
        /// Overwrite the -o file if it exists.
        #[arg(long)]
        force: bool,
        /// Refuse a side with more sentences than this (guards against input
        /// that is not an article).
        #[arg(long, default_value_t = app::align::DEFAULT_MAX_SENTENCES)]
        max_sentences: usize,
    },
    /// Score alignments against gold alignments: strict bead F1, link F1, and
    /// strict F1 of 1-1 beads and of the others (merges, omissions).
    ///
    /// Gold files are JSON ({"pairs": [[[0], [0]], [[1, 2], [1]], [[3], []]],
    /// "ko": [...], "en": [...]}, as in corpus/*/gold.json) or Vecalign's text
    /// format (one bead per line: [0]:[0], [1, 2]:[1], [3]:[]).
    ///
    /// Example: koalign eval --cases corpus
    ///          koalign eval --cases corpus --segmented
    ///          koalign eval --gold gold.json ko.txt en.txt
    ///          koalign eval --gold gold.json aligned.jsonl
    #[command(verbatim_doc_comment)]
    Eval {
        /// Gold alignment (JSON or Vecalign format).
        #[arg(long)]
        gold: Option<PathBuf>,
        /// A directory of case folders (ko.txt, en.txt, ko.sents, en.sents, gold.json).
        #[arg(long, conflicts_with = "gold")]
        cases: Option<PathBuf>,
        /// A prediction file (JSON Lines from `koalign align`), or KO_FILE EN_FILE to align now.
        files: Vec<PathBuf>,
        /// Align gold sentences (ko.sents/en.sents, or one segment per line).
        #[arg(long)]
        segmented: bool,
        /// Run a second pass with translations learned from the input's own
        /// confident beads (helps most on long documents).
        #[arg(long)]
        learn: bool,
        #[arg(long, value_enum, default_value_t = EvalFormatArg::Text)]
        format: EvalFormatArg,
    },
    /// Romanize Hangul (Revised Romanization with its sound-change rules, its
    /// transliteration mode, McCune–Reischauer, and name styles), or score
    /// whether an English spelling spells a Hangul name or word.
    ///
    /// Example: koalign romanize 종로구 신라 중앙
    ///          koalign romanize --system name 한복남
    ///          koalign romanize --system all 강기정
    ///          koalign romanize --match 강기정 "KANG Gi Jung"
    #[command(verbatim_doc_comment)]
    Romanize {
        /// rr, rr-translit, mr, mr-ascii, name, name-mr, name-mr-ascii, or all
        /// (one tab-separated column per system).
        #[arg(long, default_value = "rr")]
        system: String,
        /// Score ENGLISH as a spelling of HANGUL instead: prints the score
        /// (0-1; 0.5 and above is a match), the kind of evidence and why.
        #[arg(long = "match", num_args = 2, value_names = ["HANGUL", "ENGLISH"], conflicts_with = "words")]
        match_pair: Option<Vec<String>>,
        /// Words to romanize.
        #[arg(required_unless_present = "match_pair")]
        words: Vec<String>,
    },
    /// Report the named entities of an article pair (people, places,
    /// organisations, events) with their English forms, flag romanization and
    /// spelling variants of one name, and reconcile numbers.
    ///
    /// Example: koalign names corpus/gwangju-hangzhou-ai/ko.txt corpus/gwangju-hangzhou-ai/en.txt
    ///          koalign names --corpus corpus --format md
    ///          koalign names ko.txt en.txt --format json --fail-on-variants
    #[command(verbatim_doc_comment)]
    Names {
        /// The Korean article.
        #[arg(required_unless_present = "corpus")]
        ko_file: Option<PathBuf>,
        /// The English article.
        #[arg(required_unless_present = "corpus")]
        en_file: Option<PathBuf>,
        /// Report over every article pair in this directory (layout of corpus/:
        /// one folder per pair with ko.txt and en.txt).
        #[arg(long, conflicts_with_all = ["ko_file", "en_file"])]
        corpus: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = NamesFormatArg::Text)]
        format: NamesFormatArg,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Exit with code 1 when a variant was found (for publishing checks).
        #[arg(long)]
        fail_on_variants: bool,
        /// Do not check that the Korean file is Korean and the English file English.
        #[arg(long)]
        no_lang_check: bool,
    },
    /// Write a side-by-side HTML review page: one row per bead, numbers and
    /// names highlighted with their counterpart lit on hover, review flags as
    /// badges, a filter for flagged rows, j/k to jump between them, the
    /// name-variant report on top. One self-contained file, no network.
    ///
    /// Example: koalign review corpus/gwangju-hangzhou-ai/ko.txt corpus/gwangju-hangzhou-ai/en.txt -o review.html
    ///          koalign review --corpus corpus -o site/
    #[command(verbatim_doc_comment)]
    Review {
        /// The Korean article.
        #[arg(required_unless_present = "corpus")]
        ko_file: Option<PathBuf>,
        /// The English article.
        #[arg(required_unless_present = "corpus")]
        en_file: Option<PathBuf>,
        /// Review every pair in this directory (layout of corpus/) into a site
        /// with an index page; -o names the site directory.
        #[arg(long, conflicts_with_all = ["ko_file", "en_file"])]
        corpus: Option<PathBuf>,
        /// The HTML file (or, with --corpus, the directory) to write.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Beads scored below this get the low-confidence flag.
        #[arg(long, default_value_t = 0.5)]
        min_score: f64,
        /// Do not check that the Korean file is Korean and the English file English.
        #[arg(long)]
        no_lang_check: bool,
        /// Overwrite the -o file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Align a corpus of article pairs in parallel: one output file per pair,
    /// a corpus-wide name-variant report and a summary; or, with INPUT `-`,
    /// stream JSON Lines pairs from standard input to standard output.
    ///
    /// INPUT is a directory (NAME.ko.txt + NAME.en.txt, or NAME/ko.txt +
    /// NAME/en.txt as in corpus/) or a JSON Lines manifest
    /// ({"id": ..., "ko": PATH_OR_TEXT, "en": PATH_OR_TEXT}); `-` reads pairs
    /// with their texts from standard input and writes one JSON line per pair.
    ///
    /// Example: koalign batch corpus -o aligned/
    ///          koalign batch pairs.jsonl -o aligned/ --format tmx --jobs 2
    ///          cat pairs.jsonl | koalign batch - > aligned.jsonl
    #[command(verbatim_doc_comment)]
    Batch {
        /// A directory of pairs, a JSON Lines manifest, or `-` for streaming.
        input: PathBuf,
        /// Output directory (required unless INPUT is `-`).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Format of the per-pair files.
        #[arg(long, value_enum, default_value_t = BatchFormatArg::Jsonl)]
        format: BatchFormatArg,
        /// Worker threads (default: the number of cores).
        #[arg(long)]
        jobs: Option<usize>,
        /// No progress bar and no per-pair messages.
        #[arg(short, long)]
        quiet: bool,
        /// Skip pairs whose output file already exists (after an interrupted run).
        #[arg(long)]
        resume: bool,
        /// Do not pool learned translations over the corpus for a second pass.
        #[arg(long)]
        no_learn: bool,
        /// Beads scored below this get the low-confidence flag.
        #[arg(long, default_value_t = 0.5)]
        min_score: f64,
        /// Do not check that Korean files are Korean and English files English.
        #[arg(long)]
        no_lang_check: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum BatchFormatArg {
    Jsonl,
    Tsv,
    Tmx,
    Xliff,
}

#[derive(Clone, Copy, ValueEnum)]
enum NamesFormatArg {
    Text,
    Json,
    Csv,
    Md,
}

#[derive(Clone, Copy, ValueEnum)]
enum AlignFormatArg {
    /// Side-by-side view for a terminal.
    Text,
    /// One JSON object per bead: ko, en, ko_text, en_text, score, type.
    Jsonl,
    /// ko_text<TAB>en_text<TAB>score<TAB>flags.
    Tsv,
    /// TMX 1.4b translation memory (beads with both sides; see --tmx-keep-unaligned).
    Tmx,
    /// XLIFF 1.2, Korean source and English target, flags as notes.
    Xliff,
}

#[derive(Clone, Copy, ValueEnum)]
enum EvalFormatArg {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Ko,
    En,
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Self {
        match arg {
            LangArg::Ko => Lang::Ko,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum SegmentFormatArg {
    Text,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum TokenizeFormatArg {
    Text,
    Json,
}

fn run(cli: Cli, out: &mut dyn Write) -> anyhow::Result<Vec<String>> {
    match cli.command {
        Command::Segment { file, lang, format } => {
            let options = app::segment::SegmentOptions {
                file,
                lang: lang.map(Lang::from),
                format: match format {
                    SegmentFormatArg::Text => app::segment::SegmentFormat::Text,
                    SegmentFormatArg::Jsonl => app::segment::SegmentFormat::Jsonl,
                },
            };
            Ok(app::segment::run(&options, out)?)
        }
        Command::Tokenize { file, lang, format } => {
            let options = app::tokenize::TokenizeOptions {
                file,
                lang: lang.map(Lang::from),
                format: match format {
                    TokenizeFormatArg::Text => app::tokenize::TokenizeFormat::Text,
                    TokenizeFormatArg::Json => app::tokenize::TokenizeFormat::Json,
                },
            };
            Ok(app::tokenize::run(&options, out)?)
        }
        Command::Align {
            ko_file,
            en_file,
            format,
            output,
            segmented,
            no_lang_check,
            learn,
            width,
            min_score,
            tmx_keep_unaligned,
            ko_lang,
            en_lang,
            force,
            max_sentences,
        } => {
            let options = app::align::AlignOptions {
                ko_file,
                en_file,
                format: match format {
                    AlignFormatArg::Text => app::align::AlignFormat::Text,
                    AlignFormatArg::Jsonl => app::align::AlignFormat::Jsonl,
                    AlignFormatArg::Tsv => app::align::AlignFormat::Tsv,
                    AlignFormatArg::Tmx => app::align::AlignFormat::Tmx,
                    AlignFormatArg::Xliff => app::align::AlignFormat::Xliff,
                },
                output,
                segmented,
                lang_check: !no_lang_check,
                learn,
                export: app::align::ExportSettings {
                    width,
                    ko_lang,
                    en_lang,
                    tmx_keep_unaligned,
                    review: koalign::review::ReviewOptions {
                        min_score,
                        ..Default::default()
                    },
                },
                force,
                max_sentences,
            };
            Ok(app::align::run(&options, out)?)
        }
        Command::Romanize {
            system,
            match_pair,
            words,
        } => {
            let request = match match_pair.as_deref() {
                Some([hangul, english]) => app::romanize::RomanizeRequest::Match {
                    hangul: hangul.clone(),
                    english: english.clone(),
                },
                _ => app::romanize::RomanizeRequest::Words {
                    system: if system == "all" {
                        None
                    } else {
                        Some(
                            system
                                .parse()
                                .map_err(|e| koalign::Error::Usage(format!("{e}")))?,
                        )
                    },
                    words,
                },
            };
            app::romanize::run(&request, out)?;
            Ok(Vec::new())
        }
        Command::Names {
            ko_file,
            en_file,
            corpus,
            format,
            output,
            fail_on_variants,
            no_lang_check,
        } => {
            let input = match (corpus, ko_file, en_file) {
                (Some(dir), _, _) => app::names::NamesInput::Corpus(dir),
                (None, Some(ko), Some(en)) => app::names::NamesInput::Pair { ko, en },
                _ => {
                    return Err(koalign::Error::Usage(
                        "give KO_FILE EN_FILE or --corpus DIR".into(),
                    )
                    .into());
                }
            };
            let options = app::names::NamesOptions {
                input,
                format: match format {
                    NamesFormatArg::Text => app::names::NamesFormat::Text,
                    NamesFormatArg::Json => app::names::NamesFormat::Json,
                    NamesFormatArg::Csv => app::names::NamesFormat::Csv,
                    NamesFormatArg::Md => app::names::NamesFormat::Md,
                },
                output,
                lang_check: !no_lang_check,
            };
            let outcome = app::names::run(&options, out)?;
            if fail_on_variants && outcome.variants > 0 {
                return Err(anyhow::Error::new(CheckFailed(format!(
                    "{} name variant(s) found (--fail-on-variants)",
                    outcome.variants
                ))));
            }
            Ok(outcome.notes)
        }
        Command::Review {
            ko_file,
            en_file,
            corpus,
            output,
            min_score,
            no_lang_check,
            force,
        } => {
            let input = match (corpus, ko_file, en_file) {
                (Some(dir), _, _) => app::review::ReviewInput::Corpus(dir),
                (None, Some(ko), Some(en)) => app::review::ReviewInput::Pair { ko, en },
                _ => {
                    return Err(koalign::Error::Usage(
                        "give KO_FILE EN_FILE or --corpus DIR".into(),
                    )
                    .into());
                }
            };
            let options = app::review::ReviewCommandOptions {
                input,
                output,
                review: koalign::review::ReviewOptions {
                    min_score,
                    ..Default::default()
                },
                lang_check: !no_lang_check,
                learn: false,
                force,
            };
            Ok(app::review::run(&options, out)?)
        }
        Command::Batch {
            input,
            output,
            format,
            jobs,
            quiet,
            resume,
            no_learn,
            min_score,
            no_lang_check,
        } => {
            let input = if input.as_os_str() == "-" {
                app::batch::BatchInput::Stdin
            } else if input.is_dir() {
                app::batch::BatchInput::Directory(input)
            } else {
                app::batch::BatchInput::Manifest(input)
            };
            let options = app::batch::BatchOptions {
                input,
                output_dir: output,
                format: match format {
                    BatchFormatArg::Jsonl => app::align::AlignFormat::Jsonl,
                    BatchFormatArg::Tsv => app::align::AlignFormat::Tsv,
                    BatchFormatArg::Tmx => app::align::AlignFormat::Tmx,
                    BatchFormatArg::Xliff => app::align::AlignFormat::Xliff,
                },
                export: app::align::ExportSettings {
                    review: koalign::review::ReviewOptions {
                        min_score,
                        ..Default::default()
                    },
                    ..Default::default()
                },
                jobs,
                quiet,
                resume,
                learn: !no_learn,
                lang_check: !no_lang_check,
            };
            let outcome = app::batch::run(&options, out)?;
            Ok(outcome.notes)
        }
        Command::Eval {
            gold,
            cases,
            files,
            segmented,
            learn,
            format,
        } => {
            let target = match (cases, files.as_slice()) {
                (Some(dir), []) => app::eval::EvalTarget::Cases(dir),
                (None, [predictions]) => app::eval::EvalTarget::Predictions(predictions.clone()),
                (None, [ko, en]) => app::eval::EvalTarget::Files {
                    ko: ko.clone(),
                    en: en.clone(),
                },
                _ => {
                    return Err(koalign::Error::Usage(
                        "give --cases DIR, or --gold GOLD with PREDICTIONS.jsonl or KO_FILE EN_FILE".into(),
                    )
                    .into());
                }
            };
            let options = app::eval::EvalOptions {
                gold,
                target,
                segmented,
                learn,
                format: match format {
                    EvalFormatArg::Text => app::eval::EvalFormat::Text,
                    EvalFormatArg::Json => app::eval::EvalFormat::Json,
                },
            };
            app::eval::run(&options, out)?;
            Ok(Vec::new())
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // On Ctrl-C, remove any output file still being written, then stop the
    // way shells expect (128 + SIGINT). Outputs are renamed into place only
    // when complete, so no partial output remains.
    let _ = ctrlc::set_handler(|| {
        app::output::remove_partial_outputs();
        eprintln!("koalign: interrupted");
        std::process::exit(130);
    });
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = run(cli, &mut out);
    // Whatever happened, what was written goes out (a failed check still
    // prints its report).
    let flushed = out.flush();
    let result = result.and_then(|notes| flushed.map(|()| notes).map_err(anyhow::Error::from));
    match result {
        Ok(notes) => {
            for note in notes {
                eprintln!("koalign: note: {note}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => exit_for(&err),
    }
}

/// A check asked for with `--fail-on-*` failed: exit code 1, after the output
/// was written in full.
#[derive(Debug)]
struct CheckFailed(String);

impl std::fmt::Display for CheckFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CheckFailed {}

/// Reports an error on stderr and picks the exit code: the library's errors
/// know theirs (2 for input and usage, 3 internal); a closed pipe is not an error.
fn exit_for(err: &anyhow::Error) -> ExitCode {
    if let Some(io_err) = err.downcast_ref::<io::Error>()
        && io_err.kind() == io::ErrorKind::BrokenPipe
    {
        return ExitCode::SUCCESS;
    }
    if let Some(check) = err.downcast_ref::<CheckFailed>() {
        eprintln!("koalign: {check}");
        return ExitCode::from(1);
    }
    let code = match err.downcast_ref::<koalign::Error>() {
        Some(koalign::Error::Io(io_err)) if io_err.kind() == io::ErrorKind::BrokenPipe => {
            return ExitCode::SUCCESS;
        }
        Some(lib_err) => lib_err.exit_code(),
        None => 3,
    };
    eprintln!("koalign: {err:#}");
    ExitCode::from(u8::try_from(code).unwrap_or(3))
}

/// The aligner and the entity linker make many small, short-lived strings
/// and vectors per sentence pair: mimalloc serves them faster than the
/// system allocator (NTREX batch, one job: 1.75 s with glibc, 1.46 s with
/// mimalloc). Its 2.x line keeps less memory mapped than 3.x (114 against
/// 130 MB on the same run); built without transparent huge pages
/// (`no_thp`), it keeps 10 to 14 MB less for the same speed.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
