//! `koalign romanize`: romanizes Hangul words, or scores an English spelling
//! of a Hangul name or word.

use std::io::Write;

use crate::error::Result;
use crate::romanize::{self, System};

/// What `koalign romanize` was asked.
#[derive(Debug, Clone)]
pub enum RomanizeRequest {
    /// Romanize words with one system, or with all (`None`: one column each).
    Words {
        system: Option<System>,
        words: Vec<String>,
    },
    /// Score `english` as a spelling of `hangul`.
    Match { hangul: String, english: String },
}

/// Runs `koalign romanize`.
pub fn run(request: &RomanizeRequest, out: &mut dyn Write) -> Result<()> {
    match request {
        RomanizeRequest::Words {
            system: Some(system),
            words,
        } => {
            for word in words {
                writeln!(out, "{}", romanize::romanize(word, *system))?;
            }
        }
        RomanizeRequest::Words {
            system: None,
            words,
        } => {
            let header: Vec<&str> = System::ALL.iter().map(|s| s.as_str()).collect();
            writeln!(out, "hangul\t{}", header.join("\t"))?;
            for word in words {
                let columns: Vec<String> = System::ALL
                    .iter()
                    .map(|&s| romanize::romanize(word, s))
                    .collect();
                writeln!(out, "{word}\t{}", columns.join("\t"))?;
            }
        }
        RomanizeRequest::Match { hangul, english } => {
            let found = romanize::match_hangul_english(hangul, english);
            let kind = serde_json::to_value(found.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            writeln!(out, "{:.2}\t{kind}\t{}", found.score, found.reason)?;
        }
    }
    Ok(())
}
