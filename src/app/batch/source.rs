//! Where the pairs of a batch come from: a directory of article pairs, a
//! JSON Lines manifest, or JSON Lines on standard input.
//!
//! A manifest line is `{"id": ..., "ko": PATH_OR_TEXT, "en": PATH_OR_TEXT}`.
//! A string value is a **path** when it has no line break and either ends in
//! `.txt` or names an existing file (relative paths are relative to the
//! manifest's directory); any other string is the **text** itself. To be
//! explicit, write `{"path": "..."}` or `{"text": "..."}`. On standard input
//! (`koalign batch -`) strings are always texts: a map step of a distributed
//! engine must not depend on the local file system by accident.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{Error, InputProblem, Result};

/// Longest manifest or stream line read, in bytes; a longer line is reported
/// as a bad pair and skipped, so one runaway line cannot exhaust memory.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// Longest id accepted for a pair written to a file, in bytes.
const MAX_ID_BYTES: usize = 200;

/// One side of a pair: a file to read, or the text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Path(PathBuf),
    Inline(String),
}

/// An article pair to align.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairSource {
    pub id: String,
    pub ko: Text,
    pub en: Text,
}

/// One entry of the input: a pair, a pair aligned already (a record of
/// `koalign batch -`, when a manifest holds a distributed run's results), or
/// an entry that cannot be aligned (a missing side, a malformed manifest line)
/// with the reason.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Pair(PairSource),
    Aligned { id: String, record: Box<Value> },
    Bad { id: String, reason: String },
}

impl Entry {
    pub fn id(&self) -> &str {
        match self {
            Entry::Pair(pair) => &pair.id,
            Entry::Aligned { id, .. } | Entry::Bad { id, .. } => id,
        }
    }
}

/// How strings in a JSON line are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineMode {
    /// A manifest file: strings may be paths (see the module documentation).
    Manifest,
    /// Standard input: strings are texts.
    Stream,
}

/// The pairs of a directory: `NAME.ko.txt` and `NAME.en.txt`, or
/// `NAME/ko.txt` and `NAME/en.txt`, sorted by name. A name with only one side is a bad entry;
/// files and folders that are neither are ignored.
pub fn discover_dir(dir: &Path) -> Result<DirListing> {
    let entries = fs::read_dir(dir).map_err(|e| Error::input(dir, InputProblem::Unreadable(e)))?;
    let mut found: std::collections::BTreeMap<String, Found> = std::collections::BTreeMap::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let file_name = entry.file_name();
        // A name that is not UTF-8 keeps its exact path (its id is lossy).
        let exact = file_name.to_str().is_none().then(|| path.clone());
        let name = file_name.to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            let (has_ko, has_en) = (path.join("ko.txt").is_file(), path.join("en.txt").is_file());
            if has_ko || has_en {
                let slot = found.entry(name).or_default();
                slot.folder = (has_ko, has_en);
                if exact.is_some() {
                    slot.exact_mut().folder = exact;
                }
            }
        } else if let Some(stem) = name.strip_suffix(".ko.txt") {
            let slot = found.entry(stem.to_string()).or_default();
            slot.files.0 = true;
            if exact.is_some() {
                slot.exact_mut().ko = exact;
            }
        } else if let Some(stem) = name.strip_suffix(".en.txt") {
            let slot = found.entry(stem.to_string()).or_default();
            slot.files.1 = true;
            if exact.is_some() {
                slot.exact_mut().en = exact;
            }
        }
    }
    let names = found
        .into_iter()
        .map(|(name, slot)| (name.into_boxed_str(), slot))
        .collect::<Vec<_>>();
    Ok(DirListing {
        dir: dir.to_path_buf(),
        names: names.into_iter(),
    })
}

/// What a directory holds under one name: (Korean, English) present as
/// `NAME.ko.txt`/`NAME.en.txt` files and in a `NAME/` folder.
#[derive(Default)]
struct Found {
    files: (bool, bool),
    folder: (bool, bool),
    /// Paths of names that are not UTF-8 (rare: boxed, empty otherwise).
    exact: Option<Box<ExactPaths>>,
}

#[derive(Default)]
struct ExactPaths {
    ko: Option<PathBuf>,
    en: Option<PathBuf>,
    folder: Option<PathBuf>,
}

impl Found {
    fn exact_mut(&mut self) -> &mut ExactPaths {
        self.exact.get_or_insert_with(Box::default)
    }
}

/// A directory's pairs, listed by name only: the paths are built as the
/// entries are taken, so the listing of a large corpus stays small.
pub struct DirListing {
    dir: PathBuf,
    names: std::vec::IntoIter<(Box<str>, Found)>,
}

impl Iterator for DirListing {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        let (name, slot) = self.names.next()?;
        let id = name.into_string();
        let in_folder = slot.folder != (false, false);
        let in_files = slot.files != (false, false);
        if in_folder && in_files {
            return Some(Entry::Bad {
                reason: format!("both {id}/ and {id}.ko.txt/{id}.en.txt exist; keep one layout"),
                id,
            });
        }
        let exact = slot.exact.unwrap_or_default();
        let (sides, ko, en) = if in_folder {
            let folder = exact.folder.unwrap_or_else(|| self.dir.join(&id));
            (slot.folder, folder.join("ko.txt"), folder.join("en.txt"))
        } else {
            let file = |suffix: &str| self.dir.join(format!("{id}{suffix}"));
            let ko = exact.ko.unwrap_or_else(|| file(".ko.txt"));
            let en = exact.en.unwrap_or_else(|| file(".en.txt"));
            (slot.files, ko, en)
        };
        Some(match sides {
            (true, true) => Entry::Pair(PairSource {
                id,
                ko: Text::Path(ko),
                en: Text::Path(en),
            }),
            (true, false) => Entry::Bad {
                reason: format!("no English file beside {}", ko.display()),
                id,
            },
            _ => Entry::Bad {
                reason: format!("no Korean file beside {}", en.display()),
                id,
            },
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.names.size_hint()
    }
}

impl ExactSizeIterator for DirListing {}

/// Whether an id can name an output file: `a`, `2024/a-1`; not empty, no
/// `.`/`..` component, no backslash or control character, not too long.
pub fn check_file_id(id: &str) -> std::result::Result<(), String> {
    let bad = |why: &str| Err(format!("id {id:?} cannot name an output file: {why}"));
    if id.is_empty() {
        return bad("it is empty");
    }
    if id.len() > MAX_ID_BYTES {
        return bad("longer than 200 bytes");
    }
    if id.chars().any(|c| c.is_control() || c == '\\') {
        return bad("control character or backslash");
    }
    if id
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return bad("empty, '.' or '..' path component");
    }
    Ok(())
}

/// Reads JSON Lines one entry at a time, with the line number of each.
pub struct LineReader<R> {
    reader: R,
    mode: LineMode,
    /// Directory relative manifest paths are resolved against.
    base: PathBuf,
    line: usize,
    buffer: Vec<u8>,
}

impl<R: BufRead> LineReader<R> {
    pub fn new(reader: R, mode: LineMode, base: PathBuf) -> Self {
        LineReader {
            reader,
            mode,
            base,
            line: 0,
            buffer: Vec::new(),
        }
    }

    /// The next non-blank line as an entry, with its 1-based line number;
    /// `None` at the end of the input.
    pub fn next_entry(&mut self) -> io::Result<Option<(usize, Entry)>> {
        loop {
            self.buffer.clear();
            self.line += 1;
            let (read, complete) = read_line_limited(&mut self.reader, &mut self.buffer)?;
            if read == 0 {
                return Ok(None);
            }
            if !complete {
                return Ok(Some((
                    self.line,
                    Entry::Bad {
                        id: line_id(self.line),
                        reason: format!("line longer than {} MiB", MAX_LINE_BYTES >> 20),
                    },
                )));
            }
            if self.buffer.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let entry = parse_line(&self.buffer, self.line, self.mode, &self.base);
            return Ok(Some((self.line, entry)));
        }
    }
}

/// Reads one line (without its `\n`) into `buf`, at most [`MAX_LINE_BYTES`];
/// the rest of a longer line is skipped. Returns the bytes consumed and
/// whether the line fit.
fn read_line_limited<R: BufRead>(reader: &mut R, buf: &mut Vec<u8>) -> io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut fits = true;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((consumed, fits));
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        if fits {
            if buf.len() + chunk.len() > MAX_LINE_BYTES {
                fits = false;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(chunk.len());
        reader.consume(used);
        consumed += used;
        if done.is_some() {
            return Ok((consumed, fits));
        }
    }
}

/// The id given to an entry whose line has none.
pub fn line_id(line: usize) -> String {
    format!("line-{line}")
}

/// Parses one JSON line into an entry.
pub fn parse_line(bytes: &[u8], line: usize, mode: LineMode, base: &Path) -> Entry {
    let bad = |id: String, reason: String| Entry::Bad { id, reason };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bad(line_id(line), format!("line {line}: not UTF-8"));
    };
    let value: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(err) => return bad(line_id(line), format!("line {line}: malformed JSON: {err}")),
    };
    let Value::Object(map) = value else {
        return bad(
            line_id(line),
            format!("line {line}: expected a JSON object {{\"id\", \"ko\", \"en\"}}"),
        );
    };
    let id = match map.get("id") {
        None | Some(Value::Null) => line_id(line),
        // An empty id would name a hidden output file (`.jsonl`): treat it
        // as no id (found by the manifest fuzz target).
        Some(Value::String(s)) if s.trim().is_empty() => line_id(line),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => {
            return bad(
                line_id(line),
                format!("line {line}: \"id\" must be a string or a number"),
            );
        }
    };
    // A record `koalign batch -` wrote: assembled, not aligned again.
    if mode == LineMode::Manifest && !map.contains_key("ko") && !map.contains_key("en") {
        if let Some(Value::String(error)) = map.get("error") {
            return bad(id, error.clone());
        }
        if map.contains_key("beads") {
            return Entry::Aligned {
                id,
                record: Box::new(Value::Object(map)),
            };
        }
    }
    let side = |key: &str| -> std::result::Result<Text, String> {
        match map.get(key) {
            None | Some(Value::Null) => Err(format!("line {line}: no \"{key}\"")),
            Some(Value::String(s)) => Ok(string_side(s, mode, base)),
            Some(Value::Object(obj)) => match (obj.get("path"), obj.get("text")) {
                (Some(Value::String(p)), None) => Ok(Text::Path(resolve(p, mode, base))),
                (None, Some(Value::String(t))) => Ok(Text::Inline(t.clone())),
                _ => Err(format!(
                    "line {line}: \"{key}\" must be a string, {{\"path\": ...}} or {{\"text\": ...}}"
                )),
            },
            Some(_) => Err(format!("line {line}: \"{key}\" must be a string")),
        }
    };
    match (side("ko"), side("en")) {
        (Ok(ko), Ok(en)) => Entry::Pair(PairSource { id, ko, en }),
        (Err(reason), _) | (_, Err(reason)) => bad(id, reason),
    }
}

fn resolve(path: &str, mode: LineMode, base: &Path) -> PathBuf {
    let path = Path::new(path);
    if mode == LineMode::Manifest && path.is_relative() {
        base.join(path)
    } else {
        path.to_path_buf()
    }
}

/// A manifest string: a path when it has no line break and ends in `.txt` or
/// names a file; otherwise the text.
fn string_side(value: &str, mode: LineMode, base: &Path) -> Text {
    if mode == LineMode::Stream || value.contains(['\n', '\r']) || value.len() > 4096 {
        return Text::Inline(value.to_string());
    }
    let path = resolve(value, mode, base);
    if value.ends_with(".txt") || path.is_file() {
        Text::Path(path)
    } else {
        Text::Inline(value.to_string())
    }
}

/// Marks every entry whose id was already used as bad (the outputs would
/// collide), keeping the first. Ids are remembered by a 128-bit digest, not
/// as strings: 16 bytes per pair over a corpus, and two different ids
/// collide with a probability below 10⁻²⁰ even for a billion pairs.
pub struct DuplicateIds {
    seen: HashSet<u128>,
}

impl Default for DuplicateIds {
    fn default() -> Self {
        Self::new()
    }
}

impl DuplicateIds {
    pub fn new() -> Self {
        DuplicateIds {
            seen: HashSet::new(),
        }
    }

    /// The entry, or a bad entry when its id repeats an earlier one.
    pub fn check(&mut self, entry: Entry) -> Entry {
        if self.seen.insert(digest(entry.id())) {
            return entry;
        }
        let id = entry.id().to_string();
        Entry::Bad {
            reason: format!("id {id:?} used by an earlier pair"),
            id,
        }
    }
}

/// Two independent 64-bit SipHash digests of an id (fixed keys: the same
/// id gives the same digest in every run).
fn digest(id: &str) -> u128 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let half = |salt: u8| {
        let mut hasher = DefaultHasher::new();
        salt.hash(&mut hasher);
        id.hash(&mut hasher);
        hasher.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_lists_both_layouts_sorted_with_bad_names() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str| {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        };
        for name in [
            "b.ko.txt",
            "b.en.txt",
            "a/ko.txt",
            "a/en.txt",
            "c.ko.txt",
            "d/en.txt",
            "e/ko.txt",
            "e/en.txt",
            "e.ko.txt",
            "notes.txt",
        ] {
            write(name);
        }
        let listing = discover_dir(dir.path()).unwrap();
        assert_eq!(listing.len(), 5);
        let entries: Vec<Entry> = listing.collect();
        let ids: Vec<&str> = entries.iter().map(Entry::id).collect();
        assert_eq!(ids, ["a", "b", "c", "d", "e"]);
        let pair = |k: usize| match &entries[k] {
            Entry::Pair(p) => (p.ko.clone(), p.en.clone()),
            other => panic!("{other:?}"),
        };
        let at = |name: &str| Text::Path(dir.path().join(name));
        assert_eq!(pair(0), (at("a/ko.txt"), at("a/en.txt")));
        assert_eq!(pair(1), (at("b.ko.txt"), at("b.en.txt")));
        let reason = |k: usize| match &entries[k] {
            Entry::Bad { reason, .. } => reason.clone(),
            other => panic!("{other:?}"),
        };
        assert!(
            reason(2).starts_with("no English file beside"),
            "{}",
            reason(2)
        );
        assert!(reason(2).ends_with("c.ko.txt"));
        assert!(reason(3).starts_with("no Korean file beside"));
        assert!(reason(4).contains("keep one layout"));
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_its_exact_paths() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        for side in ["ko", "en"] {
            let mut name = b"caf\xe9.".to_vec();
            name.extend_from_slice(side.as_bytes());
            name.extend_from_slice(b".txt");
            let path = dir.path().join(std::ffi::OsStr::from_bytes(&name));
            fs::write(path, side).unwrap();
        }
        let entries: Vec<Entry> = discover_dir(dir.path()).unwrap().collect();
        let [Entry::Pair(pair)] = entries.as_slice() else {
            panic!("{entries:?}");
        };
        assert_eq!(pair.id, "caf\u{fffd}");
        for (side, text) in [("ko", &pair.ko), ("en", &pair.en)] {
            let Text::Path(path) = text else {
                panic!("{text:?}")
            };
            assert_eq!(fs::read_to_string(path).unwrap(), side);
        }
    }

    fn parse(line: &str, mode: LineMode) -> Entry {
        parse_line(line.as_bytes(), 3, mode, Path::new("/nonexistent"))
    }

    #[test]
    fn manifest_strings_are_paths_or_texts() {
        let Entry::Pair(p) = parse(
            r#"{"id": "a", "ko": "a/ko.txt", "en": "The text itself."}"#,
            LineMode::Manifest,
        ) else {
            panic!("not a pair");
        };
        assert_eq!(p.ko, Text::Path(PathBuf::from("/nonexistent/a/ko.txt")));
        assert_eq!(p.en, Text::Inline("The text itself.".into()));
        let Entry::Pair(p) = parse(
            r#"{"id": 7, "ko": {"text": "x.txt"}, "en": {"path": "/e.txt"}}"#,
            LineMode::Manifest,
        ) else {
            panic!("not a pair");
        };
        assert_eq!(p.id, "7");
        assert_eq!(p.ko, Text::Inline("x.txt".into()));
        assert_eq!(p.en, Text::Path(PathBuf::from("/e.txt")));
    }

    #[test]
    fn stream_strings_are_texts() {
        let Entry::Pair(p) = parse(r#"{"ko": "k.txt", "en": "e"}"#, LineMode::Stream) else {
            panic!("not a pair");
        };
        assert_eq!(p.id, "line-3");
        assert_eq!(p.ko, Text::Inline("k.txt".into()));
    }

    #[test]
    fn bad_lines_are_entries_with_reasons() {
        for (line, needle) in [
            ("{", "malformed JSON"),
            ("[1]", "expected a JSON object"),
            (r#"{"id": "x", "ko": "k"}"#, "no \"en\""),
            (r#"{"id": [], "ko": "k", "en": "e"}"#, "\"id\" must be"),
            (r#"{"id": "x", "ko": 5, "en": "e"}"#, "must be a string"),
        ] {
            match parse(line, LineMode::Stream) {
                Entry::Bad { reason, .. } => assert!(reason.contains(needle), "{line}: {reason}"),
                other => panic!("{line} parsed: {other:?}"),
            }
        }
        assert!(matches!(
            parse_line(b"\xff\xfe", 1, LineMode::Stream, Path::new(".")),
            Entry::Bad { .. }
        ));
    }

    #[test]
    fn stream_records_in_a_manifest_are_aligned_entries() {
        let line = r#"{"id": "a", "line": 1, "beads": []}"#;
        assert!(matches!(
            parse(line, LineMode::Manifest),
            Entry::Aligned { .. }
        ));
        let line = r#"{"id": "b", "line": 2, "error": "b/ko: is empty"}"#;
        let Entry::Bad { id, reason } = parse(line, LineMode::Manifest) else {
            panic!("not bad");
        };
        assert_eq!((id.as_str(), reason.as_str()), ("b", "b/ko: is empty"));
        // On standard input they are not pairs.
        assert!(matches!(parse(line, LineMode::Stream), Entry::Bad { .. }));
    }

    #[test]
    fn file_ids() {
        assert!(check_file_id("a").is_ok());
        assert!(check_file_id("2024/09/a-1").is_ok());
        for id in ["", "..", "a/../b", "/abs", "a\\b", "a\nb", "a//b"] {
            assert!(check_file_id(id).is_err(), "{id:?}");
        }
    }

    #[test]
    fn long_lines_are_skipped_not_buffered() {
        let mut input = vec![b'x'; MAX_LINE_BYTES + 10];
        input.push(b'\n');
        input.extend_from_slice(br#"{"id": "b", "ko": "k", "en": "e"}"#);
        let mut reader = LineReader::new(&input[..], LineMode::Stream, PathBuf::new());
        let (line, first) = reader.next_entry().unwrap().unwrap();
        assert_eq!(line, 1);
        assert!(matches!(first, Entry::Bad { .. }));
        let (line, second) = reader.next_entry().unwrap().unwrap();
        assert_eq!(line, 2);
        assert_eq!(second.id(), "b");
        assert!(reader.next_entry().unwrap().is_none());
    }

    /// Crash input of the manifest fuzz target: `{"id": ""}` gave an entry
    /// with an empty id (an output file named `.jsonl`).
    #[test]
    fn fuzz_regression_empty_ids_become_line_ids() {
        let data = include_bytes!("../../../tests/fuzz_regressions/manifest-empty-id");
        for mode in [LineMode::Manifest, LineMode::Stream] {
            let mut reader = LineReader::new(&data[..], mode, PathBuf::from("/nonexistent"));
            let mut entries = 0;
            while let Some((line, entry)) = reader.next_entry().unwrap() {
                assert!(!entry.id().is_empty(), "line {line}: {entry:?}");
                entries += 1;
            }
            assert_eq!(entries, 3);
        }
        assert_eq!(
            parse(r#"{"id": " ", "ko": "가", "en": "a"}"#, LineMode::Stream).id(),
            "line-3"
        );
    }

    #[test]
    fn duplicate_ids_are_bad() {
        let mut dups = DuplicateIds::new();
        let pair = |id: &str| {
            Entry::Pair(PairSource {
                id: id.into(),
                ko: Text::Inline("k".into()),
                en: Text::Inline("e".into()),
            })
        };
        assert!(matches!(dups.check(pair("a")), Entry::Pair(_)));
        assert!(matches!(dups.check(pair("a")), Entry::Bad { .. }));
    }
}
