//! Where a report pool keeps the per-article details (each article's id and
//! counts, number pairs and form uses, one record each): in memory for one
//! article, in anonymous temporary files for a corpus, so that a corpus run's
//! memory does not grow with the number of articles. Records are found by
//! the article's input position through the store's slot table (a
//! [`BlobRef`] per position), so the pool keeps nothing per article. The
//! records' byte layouts are at the end of this file.

use std::convert::Infallible;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use super::ArticleSummary;
use crate::entities::EntityType;
use crate::entities::matcher::Evidence;
use crate::entities::numbers::NumberPair;
use crate::numbers::Agreement;

/// Where one stored record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BlobRef {
    offset: u64,
    len: u32,
}

/// Append-only storage of byte records, read back in any order.
pub trait BlobStore {
    /// What reading back can fail with (nothing, in memory).
    type Error;

    /// Stores `bytes`. A store that cannot write remembers the error and
    /// returns it from every later [`BlobStore::read`].
    fn append(&mut self, bytes: &[u8]) -> BlobRef;

    /// Replaces `out` with the record at `at`.
    fn read(&mut self, at: BlobRef, out: &mut Vec<u8>) -> Result<(), Self::Error>;

    /// Files `at` under `index` (an article's input position), replacing
    /// what was filed there.
    fn set_slot(&mut self, index: u32, at: BlobRef);

    /// What was filed under `index`, if anything.
    fn slot(&mut self, index: u32) -> Result<Option<BlobRef>, Self::Error>;
}

/// Records in one growing buffer (one allocation, not one per record).
#[derive(Debug, Default)]
pub struct MemoryBlobs {
    bytes: Vec<u8>,
    slots: Vec<Option<BlobRef>>,
}

impl BlobStore for MemoryBlobs {
    type Error = Infallible;

    fn append(&mut self, bytes: &[u8]) -> BlobRef {
        let at = BlobRef {
            offset: self.bytes.len() as u64,
            len: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        };
        self.bytes.extend_from_slice(&bytes[..at.len as usize]);
        at
    }

    fn read(&mut self, at: BlobRef, out: &mut Vec<u8>) -> Result<(), Infallible> {
        out.clear();
        let start = usize::try_from(at.offset).unwrap_or(usize::MAX);
        if let Some(bytes) = self.bytes.get(start..start.saturating_add(at.len as usize)) {
            out.extend_from_slice(bytes);
        }
        Ok(())
    }

    fn set_slot(&mut self, index: u32, at: BlobRef) {
        let index = index as usize;
        if self.slots.len() <= index {
            self.slots.resize(index + 1, None);
        }
        self.slots[index] = Some(at);
    }

    fn slot(&mut self, index: u32) -> Result<Option<BlobRef>, Infallible> {
        Ok(self.slots.get(index as usize).copied().flatten())
    }
}

/// Bytes of one slot on disk: a presence mark, the length and the offset
/// (`u32`, `u32`, `u64` little-endian). A slot never written reads as zeros
/// (a hole in the file, or past its end): absent.
const SLOT_BYTES: u64 = 16;

/// Records in an anonymous temporary file (removed by the system when the
/// file is closed, even after a crash).
pub struct DiskBlobs {
    state: DiskState,
    written: u64,
    /// Where the reader stands, so that records read in the order they were
    /// written cost no seek.
    read_at: u64,
    reader_capacity: usize,
    error: Option<io::Error>,
    /// The slot table, a second file created when first needed: slot `i`
    /// at byte `16 i`.
    slots: Option<File>,
}

enum DiskState {
    Writing(BufWriter<File>),
    Reading(BufReader<File>),
    Broken,
}

impl DiskBlobs {
    /// A store in the system's temporary directory. `reader_capacity` is the
    /// read buffer: large for records read in order, small for records read
    /// scattered (every seek discards the buffer).
    pub fn new(reader_capacity: usize) -> io::Result<DiskBlobs> {
        Ok(DiskBlobs {
            state: DiskState::Writing(BufWriter::new(tempfile::tempfile()?)),
            written: 0,
            read_at: u64::MAX,
            reader_capacity,
            error: None,
            slots: None,
        })
    }

    fn fail(&mut self, error: io::Error) {
        self.error.get_or_insert(error);
        self.state = DiskState::Broken;
    }

    /// The file for appending, switching from reading if needed (a failed
    /// switch leaves the store broken).
    fn writer(&mut self) -> io::Result<&mut BufWriter<File>> {
        if let DiskState::Reading(_) = self.state
            && let DiskState::Reading(reader) =
                std::mem::replace(&mut self.state, DiskState::Broken)
        {
            let mut file = reader.into_inner();
            file.seek(SeekFrom::End(0))?;
            self.state = DiskState::Writing(BufWriter::new(file));
        }
        match &mut self.state {
            DiskState::Writing(writer) => Ok(writer),
            _ => Err(io::Error::other("temporary report file unusable")),
        }
    }

    /// The file for reading, flushing the writes first if needed.
    fn reader(&mut self) -> io::Result<&mut BufReader<File>> {
        if let DiskState::Writing(_) = self.state
            && let DiskState::Writing(writer) =
                std::mem::replace(&mut self.state, DiskState::Broken)
        {
            let file = writer
                .into_inner()
                .map_err(io::IntoInnerError::into_error)?;
            self.state = DiskState::Reading(BufReader::with_capacity(self.reader_capacity, file));
            self.read_at = u64::MAX;
        }
        match &mut self.state {
            DiskState::Reading(reader) => Ok(reader),
            _ => Err(io::Error::other("temporary report file unusable")),
        }
    }

    fn try_read(&mut self, at: BlobRef, out: &mut Vec<u8>) -> io::Result<()> {
        self.reader()?; // switching from writing resets `read_at`
        let read_at = self.read_at;
        let reader = self.reader()?;
        if read_at != at.offset {
            reader.seek(SeekFrom::Start(at.offset))?;
        }
        out.resize(at.len as usize, 0);
        reader.read_exact(out)?;
        self.read_at = at.offset + u64::from(at.len);
        Ok(())
    }

    fn try_set_slot(&mut self, index: u32, at: BlobRef) -> io::Result<()> {
        let file = match &mut self.slots {
            Some(file) => file,
            slots => slots.insert(tempfile::tempfile()?),
        };
        let mut slot = [0u8; SLOT_BYTES as usize];
        slot[..4].copy_from_slice(&1u32.to_le_bytes());
        slot[4..8].copy_from_slice(&at.len.to_le_bytes());
        slot[8..].copy_from_slice(&at.offset.to_le_bytes());
        file.seek(SeekFrom::Start(u64::from(index) * SLOT_BYTES))?;
        file.write_all(&slot)
    }

    fn try_slot(&mut self, index: u32) -> io::Result<Option<BlobRef>> {
        let Some(file) = &mut self.slots else {
            return Ok(None);
        };
        file.seek(SeekFrom::Start(u64::from(index) * SLOT_BYTES))?;
        let mut slot = [0u8; SLOT_BYTES as usize];
        let mut filled = 0;
        while filled < slot.len() {
            match file.read(&mut slot[filled..])? {
                0 => return Ok(None), // past the end: never written
                n => filled += n,
            }
        }
        let word = |k: usize| u32::from_le_bytes([slot[k], slot[k + 1], slot[k + 2], slot[k + 3]]);
        if word(0) != 1 {
            return Ok(None);
        }
        let mut offset = [0u8; 8];
        offset.copy_from_slice(&slot[8..]);
        Ok(Some(BlobRef {
            offset: u64::from_le_bytes(offset),
            len: word(4),
        }))
    }

    /// The remembered error, as every later read reports it.
    fn remembered_error(&self) -> Option<io::Error> {
        self.error
            .as_ref()
            .map(|error| io::Error::new(error.kind(), format!("temporary report file: {error}")))
    }
}

impl BlobStore for DiskBlobs {
    type Error = io::Error;

    fn append(&mut self, bytes: &[u8]) -> BlobRef {
        let at = BlobRef {
            offset: self.written,
            len: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        };
        if self.error.is_some() {
            return at;
        }
        match self
            .writer()
            .and_then(|w| w.write_all(&bytes[..at.len as usize]))
        {
            Ok(()) => self.written += u64::from(at.len),
            Err(error) => self.fail(error),
        }
        at
    }

    fn read(&mut self, at: BlobRef, out: &mut Vec<u8>) -> io::Result<()> {
        if let Some(error) = self.remembered_error() {
            return Err(error);
        }
        self.try_read(at, out).map_err(|error| {
            let message = format!("temporary report file: {error}");
            self.fail(error);
            io::Error::other(message)
        })
    }

    fn set_slot(&mut self, index: u32, at: BlobRef) {
        if self.error.is_none()
            && let Err(error) = self.try_set_slot(index, at)
        {
            self.fail(error);
        }
    }

    fn slot(&mut self, index: u32) -> io::Result<Option<BlobRef>> {
        if let Some(error) = self.remembered_error() {
            return Err(error);
        }
        self.try_slot(index).map_err(|error| {
            let message = format!("temporary report file: {error}");
            self.fail(error);
            io::Error::other(message)
        })
    }
}

/// Positions a [`PositionList`] keeps in memory before it spills them.
const POSITIONS_IN_MEMORY: usize = 32;

/// Input positions of the articles mentioning one name, as a corpus pool
/// keeps them: the latest few in memory, older ones in the blob store as a
/// chain of records (each a run of positions and where the run before it
/// is). A name that occurs in every article of a corpus then costs the pool
/// a small buffer, not four bytes per article.
#[derive(Debug, Default)]
pub struct PositionList {
    recent: Vec<u32>,
    /// The newest spilled run.
    spilled: Option<BlobRef>,
    last: Option<u32>,
}

impl PositionList {
    /// Adds a position unless it is the one added last (an article adds
    /// each of its names in one go, so a repeat is the last).
    pub fn push<S: BlobStore>(&mut self, position: u32, store: &mut S) {
        if self.last == Some(position) {
            return;
        }
        self.last = Some(position);
        self.recent.push(position);
        if self.recent.len() >= POSITIONS_IN_MEMORY {
            // Run layout: previous run's offset and length (`u64`, `u32`;
            // length `u32::MAX` for none), then the positions (`u32` each).
            let (offset, len) = self.spilled.map_or((0, u32::MAX), |r| (r.offset, r.len));
            let mut bytes = Vec::with_capacity(12 + 4 * self.recent.len());
            bytes.extend_from_slice(&offset.to_le_bytes());
            bytes.extend_from_slice(&len.to_le_bytes());
            for p in &self.recent {
                bytes.extend_from_slice(&p.to_le_bytes());
            }
            self.spilled = Some(store.append(&bytes));
            self.recent.clear();
        }
    }

    /// Every position, sorted (a malformed run ends the chain).
    pub fn read<S: BlobStore>(&self, store: &mut S) -> Result<Vec<u32>, S::Error> {
        let mut out = self.recent.clone();
        let mut next = self.spilled;
        let mut bytes = Vec::new();
        while let Some(at) = next.take() {
            store.read(at, &mut bytes)?;
            let (Some(offset), Some(len), Some(positions)) =
                (bytes.get(..8), bytes.get(8..12), bytes.get(12..))
            else {
                break;
            };
            out.extend(
                positions
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
            let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]);
            let offset = u64::from_le_bytes(offset.try_into().unwrap_or([0; 8]));
            // Runs only point back: a pointer that does not is malformed.
            if len != u32::MAX && offset < at.offset {
                next = Some(BlobRef { offset, len });
            }
        }
        out.sort_unstable();
        Ok(out)
    }
}

/// One use of an English form in an article, as an article's record of
/// uses holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUse {
    /// The pooled entity (its creation index in the pool).
    pub entity: u32,
    pub short: bool,
    /// Index into the entity's form names.
    pub form: u32,
    pub count: u32,
    pub sentences: Vec<usize>,
}

fn push_u32(bytes: &mut Vec<u8>, n: usize) {
    bytes.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

/// Appends one use to an article's record: entity, short flag, form, count,
/// number of sentences, sentences (`u32` little-endian, the flag one byte).
pub fn push_use(
    bytes: &mut Vec<u8>,
    entity: u32,
    short: bool,
    form: u32,
    count: usize,
    sentences: &[usize],
) {
    push_u32(bytes, entity as usize);
    bytes.push(u8::from(short));
    push_u32(bytes, form as usize);
    push_u32(bytes, count);
    push_u32(bytes, sentences.len());
    for &k in sentences {
        push_u32(bytes, k);
    }
}

/// The uses [`push_use`] stored (a truncated record ends the list).
pub fn decode_uses(bytes: &[u8]) -> Vec<StoredUse> {
    let mut uses = Vec::new();
    let mut at = 0usize;
    let mut next = |len: usize| {
        let chunk = bytes.get(at..at + len);
        at += len;
        chunk
    };
    let word = |c: &[u8]| u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
    while let (Some(entity), Some(short), Some(form), Some(count), Some(n)) =
        (next(4), next(1), next(4), next(4), next(4))
    {
        let Some(sentences) = next(4 * word(n) as usize) else {
            break;
        };
        uses.push(StoredUse {
            entity: word(entity),
            short: short[0] != 0,
            form: word(form),
            count: word(count),
            sentences: sentences
                .chunks_exact(4)
                .map(|c| word(c) as usize)
                .collect(),
        });
    }
    uses
}

/// Every [`Agreement`], numbered for storage (index + 1; 0 is none).
const AGREEMENTS: [Agreement; 9] = [
    Agreement::Exact,
    Agreement::Rounded,
    Agreement::Approximate,
    Agreement::Partial,
    Agreement::Related,
    Agreement::Different,
    Agreement::Magnitude,
    Agreement::Unit,
    Agreement::Unknown,
];

/// Bytes before the texts of a stored number pair.
const NUMBER_HEADER: usize = 3 + 4 * 6;

/// A number pair as stored: presence bits, agreement, match, the two
/// sentence indices and where each text ends (`u32` little-endian, `u32::MAX`
/// for none), then the five texts one after the other.
fn encode_number(pair: &NumberPair) -> Vec<u8> {
    let optional = [&pair.ko, &pair.en, &pair.ko_value, &pair.en_value];
    let mut texts = Vec::new();
    let mut ends = [0u32; 4];
    let mut present = 0u8;
    for (k, text) in optional.iter().enumerate() {
        if let Some(t) = text {
            present |= 1 << k;
            texts.extend_from_slice(t.as_bytes());
        }
        ends[k] = u32::try_from(texts.len()).unwrap_or(u32::MAX);
    }
    texts.extend_from_slice(pair.kind.as_bytes());
    let agreement = pair
        .agreement
        .and_then(|a| AGREEMENTS.iter().position(|&b| b == a))
        .map_or(0, |k| k as u8 + 1);
    let matches = pair.matches.map_or(0, |m| 1 + u8::from(m));
    let index = |k: Option<usize>| k.map_or(u32::MAX, |k| u32::try_from(k).unwrap_or(u32::MAX - 1));
    let mut bytes = Vec::with_capacity(NUMBER_HEADER + texts.len());
    bytes.extend_from_slice(&[present, agreement, matches]);
    for word in [index(pair.ko_sentence), index(pair.en_sentence)]
        .into_iter()
        .chain(ends)
    {
        bytes.extend_from_slice(&word.to_le_bytes());
    }
    bytes.extend_from_slice(&texts);
    bytes
}

/// The pair [`encode_number`] stored (fields missing from short input are
/// left empty).
fn decode_number(bytes: &[u8]) -> NumberPair {
    let byte = |k: usize| bytes.get(k).copied().unwrap_or(0);
    let word = |k: usize| {
        let at = 3 + 4 * k;
        bytes
            .get(at..at + 4)
            .map_or(u32::MAX, |w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
    };
    let texts = bytes.get(NUMBER_HEADER..).unwrap_or_default();
    let text = |k: usize| {
        let start = k.checked_sub(1).map_or(0, |p| word(2 + p) as usize);
        let end = if k < 4 {
            word(2 + k) as usize
        } else {
            texts.len()
        };
        texts
            .get(start..end)
            .map(|t| String::from_utf8_lossy(t).into_owned())
            .unwrap_or_default()
    };
    let present = byte(0);
    let optional = |k: usize| (present & (1 << k) != 0).then(|| text(k));
    let index = |k: usize| (word(k) != u32::MAX).then(|| word(k) as usize);
    NumberPair {
        ko: optional(0),
        en: optional(1),
        ko_value: optional(2),
        en_value: optional(3),
        kind: text(4),
        agreement: (byte(1) as usize)
            .checked_sub(1)
            .and_then(|k| AGREEMENTS.get(k).copied()),
        matches: match byte(2) {
            1 => Some(false),
            2 => Some(true),
            _ => None,
        },
        ko_sentence: index(0),
        en_sentence: index(1),
    }
}

/// Several number pairs in one record: each stored pair after its length.
pub fn encode_numbers(pairs: &[NumberPair]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for pair in pairs {
        let one = encode_number(pair);
        bytes.extend_from_slice(&u32::try_from(one.len()).unwrap_or(u32::MAX).to_le_bytes());
        bytes.extend_from_slice(&one);
    }
    bytes
}

/// The pairs [`encode_numbers`] stored (a truncated record ends the list).
pub fn decode_numbers(mut bytes: &[u8]) -> Vec<NumberPair> {
    let mut pairs = Vec::new();
    while let Some((len, rest)) = bytes.split_first_chunk::<4>() {
        let len = u32::from_le_bytes(*len) as usize;
        let Some(one) = rest.get(..len) else {
            break;
        };
        pairs.push(decode_number(one));
        bytes = &rest[len..];
    }
    pairs
}

/// An article as a pool files it under its input position: its summary and
/// where its form uses and number pairs are stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    pub summary: ArticleSummary,
    pub uses: Option<BlobRef>,
    pub numbers: Option<BlobRef>,
}

/// Bytes before the id of a stored article.
const ARTICLE_HEADER: usize = 4 * 3 + 2 * 13;

impl StoredArticle {
    /// Layout: entities, variants, number mismatches (`u32` little-endian),
    /// then for the uses and the numbers a presence byte, offset (`u64`) and
    /// length (`u32`), then the id's bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(ARTICLE_HEADER + self.summary.id.len());
        for n in [
            self.summary.entities,
            self.summary.variants,
            self.summary.number_mismatches,
        ] {
            push_u32(&mut bytes, n);
        }
        for at in [self.uses, self.numbers] {
            let at = at.map_or((0, 0, 0), |r| (1, r.offset, r.len));
            bytes.push(at.0);
            bytes.extend_from_slice(&at.1.to_le_bytes());
            bytes.extend_from_slice(&at.2.to_le_bytes());
        }
        bytes.extend_from_slice(self.summary.id.as_bytes());
        bytes
    }

    /// The article [`Self::encode`] stored; `None` for a record too short
    /// to be one.
    pub fn decode(bytes: &[u8]) -> Option<StoredArticle> {
        let header = bytes.get(..ARTICLE_HEADER)?;
        let word =
            |k: usize| u32::from_le_bytes([header[k], header[k + 1], header[k + 2], header[k + 3]]);
        let at = |k: usize| {
            let mut offset = [0u8; 8];
            offset.copy_from_slice(&header[k + 1..k + 9]);
            (header[k] == 1).then(|| BlobRef {
                offset: u64::from_le_bytes(offset),
                len: word(k + 9),
            })
        };
        Some(StoredArticle {
            summary: ArticleSummary {
                id: String::from_utf8_lossy(&bytes[ARTICLE_HEADER..]).into_owned(),
                entities: word(0) as usize,
                variants: word(4) as usize,
                number_mismatches: word(8) as usize,
            },
            uses: at(12),
            numbers: at(25),
        })
    }
}

/// The parts of a pooled entity that change only when an article brings
/// something new (an alias, a title, an English form): kept in the pool's
/// store, so that a corpus with many distinct names does not hold them all
/// in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEntity {
    pub ko: String,
    pub ko_aliases: Vec<String>,
    pub kind: EntityType,
    pub titles: Vec<String>,
    /// Korean sentences (single-article reports only).
    pub ko_sentences: Vec<usize>,
    pub korean_reading: bool,
    pub evidence: Vec<Evidence>,
    /// The distinct English forms, full and short; uses refer to them by
    /// index.
    pub form_names: Vec<String>,
}

impl Default for StoredEntity {
    fn default() -> Self {
        StoredEntity {
            ko: String::new(),
            ko_aliases: Vec::new(),
            kind: EntityType::Other,
            titles: Vec::new(),
            ko_sentences: Vec::new(),
            korean_reading: false,
            evidence: Vec::new(),
            form_names: Vec::new(),
        }
    }
}

const ENTITY_TYPES: [EntityType; 5] = [
    EntityType::Person,
    EntityType::Location,
    EntityType::Organization,
    EntityType::Event,
    EntityType::Other,
];

const EVIDENCE: [Evidence; 5] = [
    Evidence::Gazetteer,
    Evidence::Lexicon,
    Evidence::Romanization,
    Evidence::Transcription,
    Evidence::Letters,
];

fn push_text(bytes: &mut Vec<u8>, text: &str) {
    push_u32(bytes, text.len());
    bytes.extend_from_slice(text.as_bytes());
}

fn push_texts(bytes: &mut Vec<u8>, texts: &[String]) {
    push_u32(bytes, texts.len());
    for t in texts {
        push_text(bytes, t);
    }
}

/// Reads back what the `push_*` helpers wrote; `None` once the input runs
/// out.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        self.bytes(1).map(|b| b[0])
    }

    fn u32(&mut self) -> Option<u32> {
        self.bytes(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
    }

    fn text(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        self.bytes(n)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.u32()? as usize;
        // A count larger than the bytes left is malformed, not a reason to
        // reserve memory for it.
        let mut out = Vec::with_capacity(n.min(self.0.len()));
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }
}

impl StoredEntity {
    /// Layout: type and Korean-reading flag (one byte each), the Korean
    /// form, then the aliases, titles, Korean sentences, evidence and form
    /// names as counted lists (texts and numbers `u32` little-endian,
    /// evidence one byte each).
    pub fn encode(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        let kind = ENTITY_TYPES.iter().position(|&k| k == self.kind);
        bytes.push(kind.unwrap_or(ENTITY_TYPES.len() - 1) as u8);
        bytes.push(u8::from(self.korean_reading));
        push_text(&mut bytes, &self.ko);
        push_texts(&mut bytes, &self.ko_aliases);
        push_texts(&mut bytes, &self.titles);
        push_u32(&mut bytes, self.ko_sentences.len());
        for &k in &self.ko_sentences {
            push_u32(&mut bytes, k);
        }
        push_u32(&mut bytes, self.evidence.len());
        for e in &self.evidence {
            let k = EVIDENCE.iter().position(|x| x == e).unwrap_or(0);
            bytes.push(k as u8);
        }
        push_texts(&mut bytes, &self.form_names);
        bytes
    }

    /// The entity [`Self::encode`] stored; `None` for a truncated record.
    pub fn decode(bytes: &[u8]) -> Option<StoredEntity> {
        let mut r = Reader(bytes);
        let kind = *ENTITY_TYPES.get(r.byte()? as usize)?;
        let korean_reading = r.byte()? != 0;
        Some(StoredEntity {
            ko: r.text()?,
            ko_aliases: r.list(Reader::text)?,
            kind,
            titles: r.list(Reader::text)?,
            ko_sentences: r.list(|r| r.u32().map(|k| k as usize))?,
            korean_reading,
            evidence: r.list(|r| r.byte().and_then(|k| EVIDENCE.get(k as usize).copied()))?,
            form_names: r.list(Reader::text)?,
        })
    }
}

/// An English-only name as a pool keeps it in its store: the form and, in a
/// single-article report, its sentences.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoredEnglish {
    pub form: String,
    pub sentences: Vec<usize>,
}

impl StoredEnglish {
    /// Layout: the form, then the sentences as a counted list (`u32`
    /// little-endian).
    pub fn encode(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(8 + self.form.len() + 4 * self.sentences.len());
        push_text(&mut bytes, &self.form);
        push_u32(&mut bytes, self.sentences.len());
        for &k in &self.sentences {
            push_u32(&mut bytes, k);
        }
        bytes
    }

    /// The name [`Self::encode`] stored; `None` for a truncated record.
    pub fn decode(bytes: &[u8]) -> Option<StoredEnglish> {
        let mut r = Reader(bytes);
        Some(StoredEnglish {
            form: r.text()?,
            sentences: r.list(|r| r.u32().map(|k| k as usize))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<S: BlobStore>(store: &mut S) -> Vec<Vec<u8>>
    where
        S::Error: std::fmt::Debug,
    {
        let records: Vec<Vec<u8>> = (0..500u32)
            .map(|k| (0..k % 37).map(|b| (b * 7 + k) as u8).collect())
            .collect();
        let refs: Vec<BlobRef> = records.iter().map(|r| store.append(r)).collect();
        let mut out = Vec::new();
        // Scattered order, then in order, then a write after reading.
        for k in (0..records.len()).rev().step_by(3).chain(0..records.len()) {
            store.read(refs[k], &mut out).unwrap();
            assert_eq!(out, records[k], "record {k}");
        }
        let late = store.append(b"late");
        store.read(late, &mut out).unwrap();
        assert_eq!(out, b"late");
        store.read(refs[1], &mut out).unwrap();
        records
    }

    #[test]
    fn records_come_back_in_any_order_from_memory_and_disk() {
        round_trip(&mut MemoryBlobs::default());
        round_trip(&mut DiskBlobs::new(64).unwrap());
    }

    fn position_lists<S: BlobStore>(store: &mut S)
    where
        S::Error: std::fmt::Debug,
    {
        // Two names interleaved, each position added twice in a row (an
        // article's repeat), the second name's positions out of order (a
        // second pass adds earlier articles late), other records between.
        let (mut every, mut some) = (PositionList::default(), PositionList::default());
        let mut expected_some = Vec::new();
        for k in 0..200u32 {
            every.push(k, store);
            every.push(k, store);
            if k % 3 == 0 {
                let p = (k * 7919) % 1000;
                some.push(p, store);
                expected_some.push(p);
            }
            store.append(b"an article's other record");
        }
        expected_some.sort_unstable();
        assert_eq!(every.read(store).unwrap(), (0..200).collect::<Vec<u32>>());
        assert_eq!(some.read(store).unwrap(), expected_some);
        // In memory: the unspilled tail only.
        assert!(every.recent.len() < POSITIONS_IN_MEMORY);
        assert_eq!(
            PositionList::default().read(store).unwrap(),
            Vec::<u32>::new()
        );
    }

    #[test]
    fn position_lists_spill_and_come_back_sorted() {
        position_lists(&mut MemoryBlobs::default());
        position_lists(&mut DiskBlobs::new(64).unwrap());
    }

    #[test]
    fn a_malformed_position_run_ends_the_chain() {
        let mut store = MemoryBlobs::default();
        let mut list = PositionList::default();
        for k in 0..POSITIONS_IN_MEMORY as u32 {
            list.push(k, &mut store);
        }
        // A run whose back pointer points forward (to itself) must not loop.
        let at = list.spilled.unwrap();
        store.bytes[..8].copy_from_slice(&at.offset.to_le_bytes());
        store.bytes[8..12].copy_from_slice(&at.len.to_le_bytes());
        assert_eq!(list.read(&mut store).unwrap().len(), POSITIONS_IN_MEMORY);
    }

    fn slots<S: BlobStore>(store: &mut S)
    where
        S::Error: std::fmt::Debug,
    {
        assert_eq!(store.slot(0).unwrap(), None, "nothing filed yet");
        let a = store.append(b"first");
        let b = store.append(b"second");
        // Out of order, with a gap, and one replaced.
        store.set_slot(5, b);
        store.set_slot(2, a);
        store.set_slot(5, a);
        store.set_slot(100_000, b);
        assert_eq!(store.slot(2).unwrap(), Some(a));
        assert_eq!(store.slot(5).unwrap(), Some(a));
        assert_eq!(store.slot(100_000).unwrap(), Some(b));
        for gap in [0, 1, 3, 4, 6, 99_999, 100_001, u32::MAX] {
            assert_eq!(store.slot(gap).unwrap(), None, "slot {gap}");
        }
        let mut out = Vec::new();
        let filed = store.slot(100_000).unwrap().unwrap();
        store.read(filed, &mut out).unwrap();
        assert_eq!(out, b"second");
    }

    #[test]
    fn slots_file_records_by_position_in_memory_and_on_disk() {
        slots(&mut MemoryBlobs::default());
        slots(&mut DiskBlobs::new(64).unwrap());
    }

    #[test]
    fn a_stored_entity_round_trips_and_short_input_is_none() {
        let entity = StoredEntity {
            ko: "강기정".to_string(),
            ko_aliases: vec!["강 시장".to_string(), String::new()],
            kind: EntityType::Person,
            titles: vec!["시장".to_string()],
            ko_sentences: vec![0, 7, 70_000],
            korean_reading: true,
            evidence: vec![Evidence::Romanization, Evidence::Letters],
            form_names: vec!["Kang Gi-jung".to_string(), "Kang Gijeong".to_string()],
        };
        let bytes = entity.encode();
        assert_eq!(StoredEntity::decode(&bytes), Some(entity));
        for cut in 0..bytes.len() {
            assert_eq!(StoredEntity::decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let other = StoredEntity {
            kind: EntityType::Other,
            ..StoredEntity::default()
        };
        assert_eq!(StoredEntity::decode(&other.encode()), Some(other));
    }

    #[test]
    fn a_stored_english_name_round_trips_and_short_input_is_none() {
        let name = StoredEnglish {
            form: "Marché du Film".to_string(),
            sentences: vec![2, 9],
        };
        let bytes = name.encode();
        assert_eq!(StoredEnglish::decode(&bytes), Some(name));
        for cut in 0..bytes.len() {
            assert_eq!(StoredEnglish::decode(&bytes[..cut]), None, "cut at {cut}");
        }
    }

    #[test]
    fn a_stored_article_round_trips_and_short_input_is_none() {
        let mut store = MemoryBlobs::default();
        let uses = store.append(b"uses");
        let article = StoredArticle {
            summary: ArticleSummary {
                id: "gwangju-hangzhou/기사 1".to_string(),
                entities: 12,
                variants: 1,
                number_mismatches: 70_000,
            },
            uses: Some(uses),
            numbers: None,
        };
        let bytes = article.encode();
        assert_eq!(StoredArticle::decode(&bytes), Some(article));
        for cut in 0..ARTICLE_HEADER {
            assert_eq!(StoredArticle::decode(&bytes[..cut]), None, "cut at {cut}");
        }
    }

    #[test]
    fn uses_round_trip_and_truncation_ends_the_list() {
        let uses = vec![
            StoredUse {
                entity: 7,
                short: false,
                form: 0,
                count: 2,
                sentences: vec![0, 3, 70_000],
            },
            StoredUse {
                entity: 0,
                short: true,
                form: 4,
                count: 1,
                sentences: Vec::new(),
            },
        ];
        let mut bytes = Vec::new();
        for u in &uses {
            push_use(
                &mut bytes,
                u.entity,
                u.short,
                u.form,
                u.count as usize,
                &u.sentences,
            );
        }
        assert_eq!(decode_uses(&bytes), uses);
        assert_eq!(decode_uses(&bytes[..bytes.len() - 1]), uses[..1]);
        assert!(decode_uses(&[]).is_empty());
    }

    #[test]
    fn a_stored_number_gives_back_its_pair() {
        let pairs = [
            NumberPair {
                ko: Some("4269억원".into()),
                en: Some("426.9 billion won".into()),
                ko_value: Some("426.9 billion won".into()),
                en_value: None,
                kind: "money".into(),
                agreement: Some(Agreement::Exact),
                matches: Some(true),
                ko_sentence: Some(3),
                en_sentence: None,
            },
            NumberPair {
                ko: None,
                en: Some(String::new()),
                ko_value: None,
                en_value: Some("\u{0}24".into()),
                kind: String::new(),
                agreement: Some(Agreement::Unknown),
                matches: Some(false),
                ko_sentence: None,
                en_sentence: Some(7),
            },
        ];
        for pair in &pairs {
            assert_eq!(decode_number(&encode_number(pair)), *pair);
        }
        assert_eq!(decode_numbers(&encode_numbers(&pairs)), pairs);
        assert!(decode_numbers(&[]).is_empty());
        // Whatever the bytes, decoding gives a pair, never a panic.
        for len in 0..40 {
            decode_number(&vec![0xff; len]);
        }
    }
}
