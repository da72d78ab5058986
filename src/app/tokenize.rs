//! `koalign tokenize`: prints the tokens of each segment.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::Result;
use crate::lang::Lang;
use crate::tokenize::{EnToken, KoreanTokenizer, Morpheme, tokenize_en};

/// Output format of `koalign tokenize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenizeFormat {
    /// One token per line (`surface<TAB>POS<TAB>features`), a blank line after
    /// each segment.
    Text,
    /// One JSON object per segment: its text and tokens.
    Json,
}

/// Options of `koalign tokenize`.
#[derive(Debug, Clone)]
pub struct TokenizeOptions {
    pub file: PathBuf,
    pub lang: Option<Lang>,
    pub format: TokenizeFormat,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Tokens {
    Korean(Vec<Morpheme>),
    English(Vec<EnToken>),
}

#[derive(Serialize)]
struct SegmentTokens<'a> {
    index: usize,
    text: &'a str,
    tokens: Tokens,
}

/// Runs `koalign tokenize`; returns notes for stderr.
pub fn run(options: &TokenizeOptions, out: &mut dyn Write) -> Result<Vec<String>> {
    let doc = super::load_single(&options.file, options.lang)?;
    let korean = match doc.lang {
        Lang::Ko => Some(KoreanTokenizer::new()?),
        Lang::En => None,
    };
    for (index, segment) in doc.segments.iter().enumerate() {
        let tokens = match &korean {
            Some(tokenizer) => Tokens::Korean(tokenizer.tokenize(&segment.text)?),
            None => Tokens::English(tokenize_en(&segment.text)),
        };
        match options.format {
            TokenizeFormat::Json => {
                let record = SegmentTokens {
                    index,
                    text: &segment.text,
                    tokens,
                };
                serde_json::to_writer(&mut *out, &record).map_err(std::io::Error::other)?;
                writeln!(out)?;
            }
            TokenizeFormat::Text => {
                match tokens {
                    Tokens::Korean(morphemes) => {
                        for m in morphemes {
                            writeln!(out, "{}\t{}\t{}", m.surface, m.pos, m.feature_string())?;
                        }
                    }
                    Tokens::English(words) => {
                        for w in words {
                            let kind = serde_json::to_value(w.kind)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_string))
                                .unwrap_or_default();
                            writeln!(out, "{}\t{kind}", w.text)?;
                        }
                    }
                }
                writeln!(out)?;
            }
        }
    }
    Ok(super::input_notes(&doc))
}
