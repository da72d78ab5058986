//! The library's error type. Every error that comes from input names the file
//! and the problem in one line, because that line is what a user sees.

use std::path::PathBuf;

use crate::lang::Lang;

/// What is wrong with an input file.
#[derive(Debug, thiserror::Error)]
pub enum InputProblem {
    #[error("no such file")]
    NotFound,
    #[error("is a directory, not a file")]
    IsDirectory,
    #[error("cannot be read: {0}")]
    Unreadable(std::io::Error),
    #[error("is empty")]
    Empty,
    #[error("contains only whitespace")]
    OnlyWhitespace,
    #[error("is a binary file, not text")]
    Binary,
    #[error(
        "is not valid UTF-8 (first invalid byte at offset {offset}) and not EUC-KR/CP949 either"
    )]
    InvalidUtf8 { offset: usize },
    #[error("{0}")]
    WrongLanguage(String),
}

/// Errors of the koalign library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem with an input file: the user can fix it.
    #[error("{}: {problem}", path.display())]
    Input {
        path: PathBuf,
        problem: InputProblem,
    },
    /// A problem with how the tool was asked to run (bad combination of options).
    #[error("{0}")]
    Usage(String),
    /// An output file could not be written.
    #[error("{}: cannot write: {source}", path.display())]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Writing to standard output failed (e.g. a closed pipe).
    #[error("writing output: {0}")]
    Io(#[from] std::io::Error),
    /// The embedded Korean dictionary could not be loaded: a build problem.
    #[error("loading the Korean dictionary: {0}")]
    Dictionary(String),
}

impl Error {
    /// Builds an input error for a file.
    pub fn input(path: impl Into<PathBuf>, problem: InputProblem) -> Self {
        Error::Input {
            path: path.into(),
            problem,
        }
    }

    /// A wrong-language error with a hint that names the expected language.
    pub fn wrong_language(path: impl Into<PathBuf>, expected: Lang, found: Option<Lang>) -> Self {
        let found = match found {
            Some(lang) => format!("looks like {}", lang.name()),
            None => "does not look like Korean or English".to_string(),
        };
        Error::input(
            path,
            InputProblem::WrongLanguage(format!(
                "expected {} text but it {found}",
                expected.name()
            )),
        )
    }

    /// The process exit code for this error: 2 for usage and input errors the
    /// user can fix, 3 for internal errors.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input { .. } | Error::Usage(_) | Error::Output { .. } => 2,
            Error::Io(_) | Error::Dictionary(_) => 3,
        }
    }
}

/// Result type of the koalign library.
pub type Result<T> = std::result::Result<T, Error>;
