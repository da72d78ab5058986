//! mecab-ko-dic 2.1.1 for lindera, built offline and embedded in the binary.
//!
//! The build script (see `build.rs`) gets the compiled MeCab dictionary from
//! PyPI, decompiles it with [`decompile`] and builds a lindera dictionary, so a
//! fresh machine needs nothing but `cargo build`. The data is mecab-ko-dic
//! (Apache-2.0, see `LICENSE-mecab-ko-dic`), converted from MeCab's binary form
//! to lindera's.

pub mod decompile;

mod embedded {
    lindera_dictionary::embedded_dictionary!("/lindera-ko-dic", EmbeddedKoDicLoader);
}

pub use lindera_dictionary::LinderaResult;
pub use lindera_dictionary::dictionary::Dictionary;

/// Path of the `python-mecab-ko-dic` sdist the dictionary was built from
/// (used by the test that compares the decompiler with the reference one).
pub const SDIST_PATH: &str = env!("KOALIGN_KO_DIC_SDIST_PATH");

/// Loads the embedded dictionary. Cheap enough to call once per process
/// (tens of milliseconds: the data is used in place, not copied).
pub fn load() -> LinderaResult<Dictionary> {
    embedded::load()
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_dictionary_loads() {
        let dictionary = super::load().expect("embedded dictionary");
        assert_eq!(dictionary.metadata.name, "ko-dic");
    }
}
