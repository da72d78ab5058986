//! Decompiles a compiled MeCab dictionary (`sys.dic`, `unk.dic`, `matrix.bin`,
//! `char.bin`) back into MeCab *source* form (one CSV, `matrix.def`, `char.def`,
//! `unk.def`), which lindera's `DictionaryBuilder` builds from.
//!
//! Why this exists: the only registry package that carries mecab-ko-dic 2.1.1
//! (`python-mecab-ko-dic` on PyPI) ships it compiled, and lindera can only build
//! from source form. The output is byte-identical to the reference decompiler
//! `shared/tools/decompile-mecab-dic.py` (checked by this crate's tests).
//!
//! This file is shared by the build script (`#[path]` include) and the library,
//! so it depends on `std` only.
//!
//! Binary formats (MeCab 0.996, little endian):
//! * `*.dic`: header `u32[10]` = magic^filesize, version (102), type, lexsize,
//!   lsize, rsize, dsize, tsize, fsize, dummy; `char[32]` charset; then a Darts
//!   double array (`dsize` bytes of `{i32 base, u32 check}` units), the tokens
//!   (`tsize` bytes of 16-byte `{u16 lcAttr, u16 rcAttr, u16 posid, i16 wcost,
//!   u32 feature_offset, u32 compound}`) and NUL-terminated feature strings.
//!   A double-array value is `(first_token << 8) | token_count`.
//! * `matrix.bin`: `u16 lsize, u16 rsize, i16 cost[lsize * rsize]`, where
//!   `cost(l, r) = cost[l + lsize * r]`.
//! * `char.bin`: `u32 csize`, `char[32] name[csize]`, `u32 info[0xffff]` with the
//!   bitfields type:18, default_type:8, length:4, group:1, invoke:1 (LSB first).

use std::fmt;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

const DIC_MAGIC: u32 = 0xEF71_8F77;
const DIC_VERSION: u32 = 102;
const HEADER_BYTES: usize = 72;
const TOKEN_BYTES: usize = 16;
const CHAR_TABLE_LEN: usize = 0xFFFF;

/// Everything that can go wrong while decompiling (or baking the space
/// penalty): the inputs are binary or generated files, so each error says
/// which file and what was inconsistent.
#[derive(Debug)]
pub enum DecompileError {
    Io(String, io::Error),
    Format(String, String),
}

impl fmt::Display for DecompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecompileError::Io(path, err) => write!(f, "{path}: {err}"),
            DecompileError::Format(path, what) => write!(f, "{path}: {what}"),
        }
    }
}

impl std::error::Error for DecompileError {}

pub type Result<T> = std::result::Result<T, DecompileError>;

pub(crate) fn format_error(path: &Path, what: impl Into<String>) -> DecompileError {
    DecompileError::Format(path.display().to_string(), what.into())
}

pub(crate) fn io_error(path: &Path) -> impl FnOnce(io::Error) -> DecompileError + '_ {
    move |err| DecompileError::Io(path.display().to_string(), err)
}

fn u16_at(data: &[u8], off: usize) -> u16 {
    u16::from_le_bytes([data[off], data[off + 1]])
}

fn i16_at(data: &[u8], off: usize) -> i16 {
    i16::from_le_bytes([data[off], data[off + 1]])
}

fn u32_at(data: &[u8], off: usize) -> u32 {
    u32::from_le_bytes([data[off], data[off + 1], data[off + 2], data[off + 3]])
}

/// One lexicon token of a compiled dictionary.
#[derive(Debug, Clone, Copy)]
struct Token {
    left_id: u16,
    right_id: u16,
    cost: i16,
    feature_offset: u32,
}

/// A compiled `.dic` file, parsed: keys with their token ranges, and the tokens.
struct CompiledDic {
    lexsize: usize,
    /// `(surface, first_token, token_count)`.
    entries: Vec<(String, usize, usize)>,
    tokens: Vec<Token>,
    features: Vec<u8>,
    path: String,
}

impl CompiledDic {
    fn read(path: &Path) -> Result<Self> {
        let data = fs::read(path).map_err(io_error(path))?;
        if data.len() < HEADER_BYTES {
            return Err(format_error(path, "file too short for a MeCab dictionary"));
        }
        let header: Vec<u32> = (0..10).map(|i| u32_at(&data, 4 * i)).collect();
        if header[0] ^ data.len() as u32 != DIC_MAGIC {
            return Err(format_error(path, "bad magic number"));
        }
        if header[1] != DIC_VERSION {
            return Err(format_error(
                path,
                format!("unsupported version {}", header[1]),
            ));
        }
        let (lexsize, dsize, tsize, fsize) = (
            header[3] as usize,
            header[6] as usize,
            header[7] as usize,
            header[8] as usize,
        );
        let charset_raw = &data[40..HEADER_BYTES];
        let charset_end = charset_raw.iter().position(|&b| b == 0).unwrap_or(32);
        let charset = String::from_utf8_lossy(&charset_raw[..charset_end]).to_lowercase();
        if charset != "utf-8" && charset != "utf8" {
            return Err(format_error(
                path,
                format!("charset {charset} is not supported (UTF-8 only)"),
            ));
        }
        if HEADER_BYTES + dsize + tsize + fsize != data.len() {
            return Err(format_error(
                path,
                "section sizes do not add up to the file size",
            ));
        }
        if tsize != TOKEN_BYTES * lexsize {
            return Err(format_error(path, "token section size != 16 * lexsize"));
        }
        let da = &data[HEADER_BYTES..HEADER_BYTES + dsize];
        let tok = &data[HEADER_BYTES + dsize..HEADER_BYTES + dsize + tsize];
        let features = data[HEADER_BYTES + dsize + tsize..].to_vec();

        let unit_count = dsize / 8;
        let base: Vec<i32> = (0..unit_count).map(|i| u32_at(da, 8 * i) as i32).collect();
        let check: Vec<i32> = (0..unit_count)
            .map(|i| u32_at(da, 8 * i + 4) as i32)
            .collect();
        let entries = walk_double_array(&base, &check, path)?;

        let tokens = (0..lexsize)
            .map(|i| {
                let o = TOKEN_BYTES * i;
                Token {
                    left_id: u16_at(tok, o),
                    right_id: u16_at(tok, o + 2),
                    cost: i16_at(tok, o + 6),
                    feature_offset: u32_at(tok, o + 8),
                }
            })
            .collect();
        Ok(CompiledDic {
            lexsize,
            entries,
            tokens,
            features,
            path: path.display().to_string(),
        })
    }

    fn feature(&self, offset: u32) -> Result<&str> {
        let start = offset as usize;
        let rest = self.features.get(start..).ok_or_else(|| {
            DecompileError::Format(self.path.clone(), "feature offset out of range".into())
        })?;
        let len = rest.iter().position(|&b| b == 0).ok_or_else(|| {
            DecompileError::Format(self.path.clone(), "unterminated feature string".into())
        })?;
        std::str::from_utf8(&rest[..len]).map_err(|_| {
            DecompileError::Format(self.path.clone(), "feature string is not UTF-8".into())
        })
    }
}

/// Enumerates every key of a Darts double array with its value.
///
/// The children of the node whose base is `b` are the units `p` in `b..=b+256`
/// with `check[p] == b`; `p == b` is the terminal (label 0) that holds the
/// value as `-value - 1`, and `p = b + 1 + byte` continues the key with `byte`.
fn walk_double_array(
    base: &[i32],
    check: &[i32],
    path: &Path,
) -> Result<Vec<(String, usize, usize)>> {
    let mut entries = Vec::new();
    let Some(&root_base) = base.first() else {
        return Ok(entries);
    };
    let mut stack: Vec<(i32, Vec<u8>)> = vec![(root_base, Vec::new())];
    while let Some((b, key)) = stack.pop() {
        if b < 0 {
            continue;
        }
        let first = (b as usize).max(1);
        let last = (b as usize + 256).min(base.len().saturating_sub(1));
        for p in first..=last {
            if check[p] != b || (check[p] == 0 && base[p] == 0) {
                continue;
            }
            if p == b as usize {
                let v = base[p];
                if v >= 0 {
                    return Err(format_error(path, "terminal unit without a value"));
                }
                let value = (-(v as i64) - 1) as usize;
                let surface = String::from_utf8(key.clone())
                    .map_err(|_| format_error(path, "key is not UTF-8"))?;
                entries.push((surface, value >> 8, value & 0xFF));
            } else {
                let label = (p - b as usize - 1) as u8;
                let mut child = key.clone();
                child.push(label);
                stack.push((base[p], child));
            }
        }
    }
    // Original token order: the value's first-token index is unique per key.
    entries.sort_by_key(|e| e.1);
    Ok(entries)
}

/// Quotes a CSV field the way the reference decompiler does.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

const SYMBOL_POS: [&str; 6] = ["SF", "SE", "SSO", "SSC", "SC", "SY"];

/// Best guess of the mecab-ko-dic seed CSV a row came from (`Inflect.csv`,
/// `VV.csv`, ...).
///
/// Used only to order rows that share a surface the way lindera's own build
/// sees them: it reads the seed CSVs in alphabetical order and its Viterbi keeps
/// the *last* of equal-cost homonyms, while `sys.dic` keeps MeCab's build order.
/// In mecab-ko-dic 2.1.1 every exact tie is a plain entry against an
/// `Inflect.csv` entry, so getting "Inflect" vs the POS file right is what matters.
fn guess_source_file(feature: &str) -> String {
    let f: Vec<&str> = feature.split(',').collect();
    let pos = f.first().copied().unwrap_or("");
    let sem = f.get(1).copied().unwrap_or("");
    let typ = f.get(4).copied().unwrap_or("*");
    if typ == "Inflect" || typ == "Preanalysis" {
        return typ.to_string();
    }
    if pos.starts_with('J') {
        return "J".into();
    }
    if SYMBOL_POS.contains(&pos) {
        return "Symbol".into();
    }
    match pos {
        "SL" => "Foreign".into(),
        "SH" => "Hanja".into(),
        "NNP" => match sem {
            "인명" => "Person".into(),
            "지명" => "Place".into(),
            "단체" => "Group".into(),
            _ => "NNP".into(),
        },
        _ => pos.to_string(),
    }
}

/// Writes one CSV row per token. With `lindera_order`, homonyms are reordered
/// to match lindera's upstream build (see [`guess_source_file`]).
fn dump_dic(dic: &CompiledDic, out_path: &Path, lindera_order: bool) -> Result<usize> {
    let file = fs::File::create(out_path).map_err(io_error(out_path))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let mut covered = vec![false; dic.lexsize];
    let mut rows = 0;
    for (surface, first, count) in &dic.entries {
        let mut group = Vec::with_capacity(*count);
        let (Some(tokens), Some(seen)) = (
            dic.tokens.get(*first..first + count),
            covered.get_mut(*first..first + count),
        ) else {
            return Err(format_error(out_path, "token index out of range"));
        };
        for (k, (token, seen)) in tokens.iter().zip(seen).enumerate() {
            if *seen {
                let index = first + k;
                return Err(format_error(
                    out_path,
                    format!("token {index} referenced twice"),
                ));
            }
            *seen = true;
            group.push((token, dic.feature(token.feature_offset)?));
        }
        if lindera_order {
            group.sort_by_cached_key(|(_, feature)| guess_source_file(feature));
        }
        let surface = csv_field(surface);
        for (token, feature) in group {
            writeln!(
                out,
                "{surface},{},{},{},{feature}",
                token.left_id, token.right_id, token.cost
            )
            .map_err(io_error(out_path))?;
            rows += 1;
        }
    }
    out.flush().map_err(io_error(out_path))?;
    if rows != dic.lexsize || covered.iter().any(|c| !c) {
        return Err(format_error(
            Path::new(&dic.path),
            format!("wrote {rows} rows for {} tokens", dic.lexsize),
        ));
    }
    Ok(rows)
}

fn dump_matrix(path: &Path, out_path: &Path) -> Result<(usize, usize)> {
    let data = fs::read(path).map_err(io_error(path))?;
    if data.len() < 4 {
        return Err(format_error(path, "file too short"));
    }
    let lsize = u16_at(&data, 0) as usize;
    let rsize = u16_at(&data, 2) as usize;
    if data.len() != 4 + 2 * lsize * rsize {
        return Err(format_error(path, "size != 4 + 2 * lsize * rsize"));
    }
    let file = fs::File::create(out_path).map_err(io_error(out_path))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    writeln!(out, "{lsize} {rsize}").map_err(io_error(out_path))?;
    for l in 0..lsize {
        for r in 0..rsize {
            let cost = i16_at(&data, 4 + 2 * (l + lsize * r));
            writeln!(out, "{l} {r} {cost}").map_err(io_error(out_path))?;
        }
    }
    out.flush().map_err(io_error(out_path))?;
    Ok((lsize, rsize))
}

/// `(type, default_type, length, group, invoke)` of a `char.bin` entry.
fn char_info(v: u32) -> (u32, usize, u32, u32, u32) {
    (
        v & 0x3FFFF,
        ((v >> 18) & 0xFF) as usize,
        (v >> 26) & 0xF,
        (v >> 30) & 1,
        (v >> 31) & 1,
    )
}

fn dump_char(path: &Path, out_path: &Path, lindera_v6: bool) -> Result<usize> {
    let data = fs::read(path).map_err(io_error(path))?;
    if data.len() < 4 {
        return Err(format_error(path, "file too short"));
    }
    let csize = u32_at(&data, 0) as usize;
    let table_off = 4 + 32 * csize;
    if data.len() != table_off + 4 * CHAR_TABLE_LEN {
        return Err(format_error(path, "unexpected size"));
    }
    let names: Vec<String> = (0..csize)
        .map(|i| {
            let raw = &data[4 + 32 * i..4 + 32 * (i + 1)];
            let end = raw.iter().position(|&b| b == 0).unwrap_or(32);
            String::from_utf8_lossy(&raw[..end]).into_owned()
        })
        .collect();
    let table: Vec<u32> = (0..CHAR_TABLE_LEN)
        .map(|i| u32_at(&data, table_off + 4 * i))
        .collect();

    // invoke/group/length of a category = those of any char whose default it is.
    let mut params: Vec<Option<(u32, u32, u32)>> = vec![None; csize];
    for &v in &table {
        let (_, dft, length, group, invoke) = char_info(v);
        let p = (invoke, group, length);
        match params.get(dft) {
            Some(Some(existing)) if *existing != p => {
                return Err(format_error(
                    path,
                    format!("inconsistent parameters for category {}", names[dft]),
                ));
            }
            Some(_) => params[dft] = Some(p),
            None => return Err(format_error(path, "default category out of range")),
        }
    }
    let mut lines = vec![
        "# Reconstructed from char.bin of mecab-ko-dic (python-mecab-ko-dic 2.1.1.post2)"
            .to_string(),
        "# CATEGORY_NAME INVOKE GROUP LENGTH".to_string(),
    ];
    for (i, name) in names.iter().enumerate() {
        let (inv, grp, len) = params[i].unwrap_or((0, 1, 0));
        lines.push(format!("{name} {inv} {grp} {len}"));
    }
    lines.push(String::new());
    lines.push("# CODEPOINT[..CODEPOINT] DEFAULT_CATEGORY [COMPATIBLE_CATEGORY ...]".into());
    if lindera_v6 {
        // lindera <= 6.2 gives a code point the union of the categories of every
        // char.def line covering it (MeCab: the last line wins, which is what
        // char.bin holds). In mecab-ko-dic that differs for U+3005 and U+3007 only.
        lines.push("# lindera <= 6.2 compatibility (union of overlapping original lines)".into());
        lines.push("0x3005 HANJA SYMBOL".into());
        lines.push("0x3007 HANJA SYMBOL HANJANUMERIC".into());
    }
    let mut ranges = 0;
    let mut start = 0usize;
    for cp in 1..=CHAR_TABLE_LEN {
        if cp == CHAR_TABLE_LEN || table[cp] != table[start] {
            let (typ, dft, _, _, _) = char_info(table[start]);
            let default_only = typ == 1 << dft && names[dft] == "DEFAULT";
            if !default_only {
                let mut ids = vec![dft];
                ids.extend((0..csize).filter(|&i| typ & (1 << i) != 0 && i != dft));
                if lindera_v6 {
                    ids.sort_unstable();
                }
                let cats: Vec<&str> = ids.iter().map(|&i| names[i].as_str()).collect();
                let range = if cp - 1 == start {
                    format!("0x{start:04X}")
                } else {
                    format!("0x{start:04X}..0x{:04X}", cp - 1)
                };
                lines.push(format!("{range} {}", cats.join(" ")));
                ranges += 1;
            }
            start = cp;
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    fs::write(out_path, text).map_err(io_error(out_path))?;
    Ok(ranges)
}

/// What [`decompile`] wrote, for the build log and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecompileSummary {
    pub lexicon_rows: usize,
    pub unknown_rows: usize,
    pub matrix_size: (usize, usize),
    pub char_ranges: usize,
}

/// Decompiles `compiled_dir` into `out_dir` (`mecab-ko-dic.csv`, `unk.def`,
/// `matrix.def`, `char.def`). `lindera_order` reorders homonyms and rewrites the
/// two `char.def` lines so that lindera 6.2 builds exactly the upstream
/// lindera-ko-dic; without it the output follows MeCab's own order.
pub fn decompile(
    compiled_dir: &Path,
    out_dir: &Path,
    lindera_order: bool,
) -> Result<DecompileSummary> {
    fs::create_dir_all(out_dir).map_err(io_error(out_dir))?;
    let sys = CompiledDic::read(&compiled_dir.join("sys.dic"))?;
    let lexicon_rows = dump_dic(&sys, &out_dir.join("mecab-ko-dic.csv"), lindera_order)?;
    drop(sys);
    let unk = CompiledDic::read(&compiled_dir.join("unk.dic"))?;
    let unknown_rows = dump_dic(&unk, &out_dir.join("unk.def"), false)?;
    let matrix_size = dump_matrix(
        &compiled_dir.join("matrix.bin"),
        &out_dir.join("matrix.def"),
    )?;
    let char_ranges = dump_char(
        &compiled_dir.join("char.bin"),
        &out_dir.join("char.def"),
        lindera_order,
    )?;
    Ok(DecompileSummary {
        lexicon_rows,
        unknown_rows,
        matrix_size,
        char_ranges,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("강기정"), "강기정");
        assert_eq!(csv_field(","), "\",\"");
        assert_eq!(csv_field("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn homonyms_from_inflect_sort_before_pos_files() {
        // lindera reads seed files alphabetically: Inflect.csv < VV.csv.
        let inflect = guess_source_file("VV+EP,*,F,갔,Inflect,VV,EP,가/VV/*+았/EP/*");
        let plain = guess_source_file("VV,*,F,갔,*,*,*,*");
        assert!(inflect < plain);
        assert_eq!(guess_source_file("NNP,인명,T,강기정,*,*,*,*"), "Person");
        assert_eq!(guess_source_file("JKS,*,F,가,*,*,*,*"), "J");
    }

    #[test]
    fn char_info_unpacks_bitfields_lsb_first() {
        let v = 0b1010 | (3 << 18) | (2 << 26) | (1 << 30) | (1 << 31);
        assert_eq!(char_info(v), (0b1010, 3, 2, 1, 1));
    }

    #[test]
    fn double_array_walk_finds_keys_and_values() {
        // Root base 1; key "a" (0x61): unit 1 + 1 + 0x61 = 99, whose base 200
        // holds the terminal at 200 with value (5 << 8) | 2.
        let mut base = vec![0i32; 300];
        let mut check = vec![0i32; 300];
        base[0] = 1;
        base[99] = 200;
        check[99] = 1;
        base[200] = -((5 << 8 | 2) + 1);
        check[200] = 200;
        let entries = walk_double_array(&base, &check, Path::new("t")).unwrap();
        assert_eq!(entries, vec![("a".to_string(), 5, 2)]);
    }
}
