//! A document: one input file, decoded, with its language checked and its
//! segments. The first stage every command shares.

use std::path::Path;

use crate::error::{Error, Result};
use crate::input::{self, SourceText};
use crate::lang::{self, Lang};
use crate::segment::{self, Segment};

/// How a document's text is cut into segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segmentation {
    /// koalign's own sentence segmentation.
    Sentences,
    /// One segment per non-blank line (the input is already segmented).
    Lines,
}

/// A decoded, segmented input text.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: SourceText,
    pub lang: Lang,
    pub segments: Vec<Segment>,
}

/// How to settle a document's language.
#[derive(Debug, Clone, Copy)]
pub enum LangChoice {
    /// Detect it; fail when the text is neither clearly Korean nor English.
    Detect,
    /// It must be this language (fail with a hint when it is not).
    Expect(Lang),
    /// Take this language without checking.
    Assume(Lang),
}

impl Document {
    /// Reads, decodes, checks and segments a file (`-` for standard input).
    pub fn load(path: &Path, lang: LangChoice, segmentation: Segmentation) -> Result<Self> {
        let source = input::read_file(path)?;
        Self::from_source(source, lang, segmentation)
    }

    /// Checks and segments an already decoded text.
    pub fn from_source(
        source: SourceText,
        lang: LangChoice,
        segmentation: Segmentation,
    ) -> Result<Self> {
        let detected = lang::detect(&source.text);
        let lang = match lang {
            LangChoice::Assume(lang) => lang,
            LangChoice::Expect(expected) => {
                if detected != Some(expected) {
                    return Err(Error::wrong_language(&source.path, expected, detected));
                }
                expected
            }
            LangChoice::Detect => detected.ok_or_else(|| {
                Error::input(
                    &source.path,
                    crate::error::InputProblem::WrongLanguage(
                        "cannot tell whether the text is Korean or English; pass --lang".into(),
                    ),
                )
            })?,
        };
        let segments = match segmentation {
            Segmentation::Sentences => segment::segment(&source.text, lang),
            Segmentation::Lines => segment::segment_lines(&source.text),
        };
        Ok(Document {
            source,
            lang,
            segments,
        })
    }
}
