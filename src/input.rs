//! Reading input files: decoding (UTF-8, UTF-16 with BOM, legacy Korean
//! EUC-KR/CP949), rejecting what is not text, and normalizing to NFC.
//!
//! Korean archives still hold EUC-KR files, and Windows tools write UTF-16 with
//! a BOM, so both are decoded (with a note) rather than refused.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, InputProblem, Result};
use crate::normalize;

/// The encoding a file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum SourceEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    EucKr,
}

/// A decoded input text, ready for segmentation.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The name used in messages: the path, or `<stdin>`.
    pub path: PathBuf,
    /// The user's text: decoded, NFC, leading BOM removed. Spans point into it.
    pub text: String,
    pub encoding: SourceEncoding,
    /// Things the user should know (e.g. "decoded from EUC-KR").
    pub notes: Vec<String>,
}

/// Share of control bytes above which a file is treated as binary.
const MAX_CONTROL_SHARE: f64 = 0.1;

/// Reads and decodes a file; `-` reads standard input.
pub fn read_file(path: &Path) -> Result<SourceText> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::input("<stdin>", InputProblem::Unreadable(e)))?;
        return decode(PathBuf::from("<stdin>"), &bytes);
    }
    let metadata = fs::metadata(path).map_err(|e| io_problem(path, e))?;
    if metadata.is_dir() {
        return Err(Error::input(path, InputProblem::IsDirectory));
    }
    let bytes = fs::read(path).map_err(|e| io_problem(path, e))?;
    decode(path.to_path_buf(), &bytes)
}

fn io_problem(path: &Path, err: io::Error) -> Error {
    let problem = match err.kind() {
        io::ErrorKind::NotFound => InputProblem::NotFound,
        io::ErrorKind::IsADirectory => InputProblem::IsDirectory,
        _ => InputProblem::Unreadable(err),
    };
    Error::input(path, problem)
}

/// Decodes the bytes of a file named `path` (the name is only for messages).
pub fn decode(path: PathBuf, bytes: &[u8]) -> Result<SourceText> {
    if bytes.is_empty() {
        return Err(Error::input(path, InputProblem::Empty));
    }
    let mut notes = Vec::new();
    let (raw, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        notes.push("decoded from UTF-16LE".to_string());
        (
            decode_with(encoding_rs::UTF_16LE, rest),
            SourceEncoding::Utf16Le,
        )
    } else if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        notes.push("decoded from UTF-16BE".to_string());
        (
            decode_with(encoding_rs::UTF_16BE, rest),
            SourceEncoding::Utf16Be,
        )
    } else {
        if looks_binary(bytes) {
            return Err(Error::input(path, InputProblem::Binary));
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => (Some(text.to_string()), SourceEncoding::Utf8),
            Err(err) => match decode_euc_kr(bytes) {
                Some(text) => {
                    notes.push("decoded from EUC-KR/CP949 (not UTF-8)".to_string());
                    (Some(text), SourceEncoding::EucKr)
                }
                None => {
                    let offset = err.valid_up_to();
                    return Err(Error::input(path, InputProblem::InvalidUtf8 { offset }));
                }
            },
        }
    };
    let Some(raw) = raw else {
        return Err(Error::input(path, InputProblem::Binary));
    };
    let text = normalize::to_nfc(normalize::strip_bom(&raw));
    if text.chars().all(normalize::is_space) {
        return Err(Error::input(path, InputProblem::OnlyWhitespace));
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
    {
        notes.push("contains control characters; they are kept as they are".to_string());
    }
    Ok(SourceText {
        path,
        text,
        encoding,
        notes,
    })
}

fn decode_with(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
}

/// NUL bytes never occur in text files; other control bytes rarely do.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let control = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    control as f64 > MAX_CONTROL_SHARE * bytes.len() as f64
}

/// Decodes EUC-KR/CP949 when the bytes are valid in it and mostly Hangul:
/// random non-UTF-8 bytes (Latin-1, binary) must not pass as Korean.
fn decode_euc_kr(bytes: &[u8]) -> Option<String> {
    let text = decode_with(encoding_rs::EUC_KR, bytes)?;
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    let hangul = text.chars().filter(|&c| crate::lang::is_hangul(c)).count();
    (non_ascii > 0 && hangul * 2 >= non_ascii).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(bytes: &[u8]) -> String {
        decode(PathBuf::from("x.txt"), bytes)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn utf8_is_read_and_bom_stripped() {
        let src = decode("a".into(), "\u{feff}강기정 시장".as_bytes()).unwrap();
        assert_eq!(src.text, "강기정 시장");
        assert_eq!(src.encoding, SourceEncoding::Utf8);
        assert!(src.notes.is_empty());
    }

    #[test]
    fn euc_kr_is_decoded_with_a_note() {
        let (bytes, _, _) = encoding_rs::EUC_KR.encode("광주시장은 24일 항저우를 방문했다.");
        let src = decode("a".into(), &bytes).unwrap();
        assert_eq!(src.text, "광주시장은 24일 항저우를 방문했다.");
        assert_eq!(src.encoding, SourceEncoding::EucKr);
        assert!(src.notes[0].contains("EUC-KR"));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Mayor Kang 강".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let src = decode("a".into(), &bytes).unwrap();
        assert_eq!(src.text, "Mayor Kang 강");
        assert_eq!(src.encoding, SourceEncoding::Utf16Le);
    }

    #[test]
    fn bad_inputs_name_the_file_and_the_problem() {
        assert_eq!(problem(b""), "x.txt: is empty");
        assert_eq!(problem(b" \n\t\n"), "x.txt: contains only whitespace");
        assert_eq!(
            problem(b"\x7fELF\x02\x01\x00\x00"),
            "x.txt: is a binary file, not text"
        );
        assert!(problem(b"caf\xe9 au lait").contains("offset 3"));
    }

    #[test]
    fn nfd_input_becomes_nfc() {
        let src = decode("a".into(), "\u{1100}\u{1161}\u{11bc}".as_bytes()).unwrap();
        assert_eq!(src.text, "강");
    }
}
