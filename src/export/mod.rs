//! Writing alignments for people and tools: a side-by-side view for the
//! terminal ([`text`]), JSON Lines and TSV ([`records`]), TMX and XLIFF for
//! translation tools ([`tmx`], [`xliff`]) and a review page ([`html`]).

pub mod html;
pub mod records;
pub mod text;
pub mod tmx;
pub mod xliff;
mod xml;

pub use xml::{CONTROL_TYPE, decode_control};

use serde::Serialize;

use crate::align::{Alignment, Bead};
use crate::review::Flag;
use crate::segment::Segment;

/// One bead with its texts, as every export format writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeadRecord {
    /// 0-based indices into the Korean segments.
    pub ko: Vec<usize>,
    /// 0-based indices into the English segments.
    pub en: Vec<usize>,
    /// The Korean sentences, joined by a space.
    pub ko_text: String,
    /// The English sentences, joined by a space.
    pub en_text: String,
    /// Posterior probability that the bead is right.
    pub score: f64,
    /// Bead type, `"2-1"` for two Korean sentences and one English.
    #[serde(rename = "type")]
    pub bead_type: String,
    /// Review flags (see [`crate::review`]).
    pub flags: Vec<Flag>,
}

fn join(indices: &[usize], segments: &[Segment]) -> String {
    indices
        .iter()
        .filter_map(|&i| segments.get(i).map(|s| s.text.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

impl BeadRecord {
    /// The names of the bead's flags, in order, without repeats.
    pub fn flag_names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::new();
        for flag in &self.flags {
            let name = flag.kind.as_str();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// The record of a bead, with texts taken from the segments.
    pub fn new(bead: &Bead, ko: &[Segment], en: &[Segment]) -> Self {
        BeadRecord {
            ko: bead.ko.clone(),
            en: bead.en.clone(),
            ko_text: join(&bead.ko, ko),
            en_text: join(&bead.en, en),
            score: bead.score,
            bead_type: bead.bead_type(),
            flags: Vec::new(),
        }
    }
}

/// The records of an alignment, in order.
pub fn records(alignment: &Alignment, ko: &[Segment], en: &[Segment]) -> Vec<BeadRecord> {
    alignment
        .beads
        .iter()
        .map(|b| BeadRecord::new(b, ko, en))
        .collect()
}
