//! mecab-ko-dic 2.1.1 for lindera, built offline and embedded in the binary.
//!
//! The build script (see `build.rs`) gets the compiled MeCab dictionary from
//! PyPI, decompiles it with [`decompile`], bakes the left-space penalty into
//! its connection costs with [`space_penalty`] and builds a lindera dictionary,
//! so a fresh machine needs nothing but `cargo build`. The data is mecab-ko-dic
//! (Apache-2.0, see `LICENSE-mecab-ko-dic`), converted from MeCab's binary form
//! to lindera's.

pub mod decompile;
pub mod space_penalty;

mod embedded {
    lindera_dictionary::embedded_dictionary!("/lindera-ko-dic", EmbeddedKoDicLoader);
}

pub use lindera_dictionary::LinderaResult;
pub use lindera_dictionary::dictionary::Dictionary;
use lindera_dictionary::dictionary::connection_cost_matrix::ConnectionCostMatrix;
use lindera_dictionary::dictionary::metadata::Metadata;
use lindera_dictionary::space_penalty::SpacePenaltyConfig;

/// Path of the `python-mecab-ko-dic` sdist the dictionary was built from
/// (used by the test that compares the decompiler with the reference one).
pub const SDIST_PATH: &str = env!("KOALIGN_KO_DIC_SDIST_PATH");

/// Loads the embedded dictionary. Cheap enough to call once per process
/// (about a millisecond: the data is used in place, not copied).
pub fn load() -> LinderaResult<Dictionary> {
    embedded::load()
}

/// The left-space penalty the build baked into the connection costs (see
/// [`space_penalty`]): the rules (`metadata.json`) and, in MeCab's context
/// ids, what was added to which cost. The embedded dictionary's own metadata
/// carries no rules, so lindera builds no penalty table of its own; this is
/// for tests that compare the two ways of applying them.
#[derive(Debug, Clone)]
pub struct BakedSpacePenalty {
    pub rules: SpacePenaltyConfig,
    pub baked: space_penalty::BakeSummary,
}

/// What the build baked, or `None` when `metadata.json` has no rules.
pub fn baked_space_penalty() -> Option<BakedSpacePenalty> {
    let metadata: Metadata = serde_json::from_str(include_str!("../metadata.json")).ok()?;
    let record = include_str!(concat!(env!("OUT_DIR"), "/space-penalty-baked.tsv"));
    Some(BakedSpacePenalty {
        rules: metadata.space_penalty?,
        baked: space_penalty::parse_record(record)?,
    })
}

/// The embedded dictionary with the baked penalty taken back out of its
/// connection costs, and the rules for lindera to apply instead
/// (`Segmenter::space_penalty`), or `None` when nothing was baked.
///
/// Tokenizes exactly as [`load`] does, ~95 ms slower to start (lindera builds
/// its table); it exists so that tests can check that claim.
pub fn load_unbaked() -> LinderaResult<Option<(Dictionary, SpacePenaltyConfig)>> {
    let mut dictionary = load()?;
    let Some(penalty) = baked_space_penalty() else {
        return Ok(None);
    };
    let matrix = &dictionary.connection_cost_matrix;
    let forward = matrix.forward_size as usize;
    // The build remapped MeCab's context ids by frequency.
    let map = dictionary.metadata.context_id_map.as_ref();
    let space_right = penalty.baked.space_right_id as u16;
    let row = map.map_or(space_right, |m| m.map_right(space_right)) as usize;
    let mut costs = matrix.costs().to_vec();
    for &(left, added) in &penalty.baked.added {
        let column = map.map_or(left as u16, |m| m.map_left(left as u16)) as usize;
        if let Some(cost) = costs.get_mut(row + column * forward) {
            *cost = (*cost as i32 - added) as i16;
        }
    }
    // lindera's transposed layout: -1, both sizes, the costs.
    let mut bytes = Vec::with_capacity(6 + 2 * costs.len());
    for header in [-1, matrix.forward_size as i16, matrix.backward_size as i16] {
        bytes.extend_from_slice(&header.to_le_bytes());
    }
    for cost in costs {
        bytes.extend_from_slice(&cost.to_le_bytes());
    }
    dictionary.connection_cost_matrix = std::sync::Arc::new(ConnectionCostMatrix::load(bytes)?);
    Ok(Some((dictionary, penalty.rules)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_dictionary_loads() {
        let dictionary = super::load().expect("embedded dictionary");
        assert_eq!(dictionary.metadata.name, "ko-dic");
        assert!(dictionary.metadata.space_penalty.is_none());
        let baked = super::baked_space_penalty().expect("baked penalty");
        assert_eq!(baked.rules.rules.len(), 2);
        assert!(baked.baked.added.len() > 100);
    }
}
