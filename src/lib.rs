//! koalign: aligns the Korean and English versions of a news article.
//!
//! The library is split by stage and data flows one way through them:
//! [`input`] reads and decodes files, [`normalize`] and [`segment`] cut the
//! text into sentences, [`tokenize`] splits sentences into morphemes and words,
//! [`romanize`] and [`numbers`] give cross-language evidence.

// Input must never crash the tool: no unwrap/expect/panic in library code
// (tests may use them).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod align;
pub mod app;
mod data;
pub mod document;
pub mod entities;
pub mod error;
pub mod export;
pub mod input;
pub mod lang;
pub mod lexicon;
pub mod normalize;
pub mod numbers;
pub mod report;
pub mod review;
pub mod romanize;
pub mod segment;
pub mod tokenize;

pub use error::{Error, Result};
