//! TMX 1.4b, the translation-memory exchange format every CAT tool imports
//! (Trados, memoQ, OmegaT, Okapi). One `<tu>` per bead with both sides; the
//! bead type, score and review flags go in `x-koalign-*` properties.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::BeadRecord;
use super::xml::{CONTROL_TYPE, write_element, write_text};

/// Settings of the TMX export.
#[derive(Debug, Clone)]
pub struct TmxOptions {
    /// Language tag of the Korean side (`ko-KR`).
    pub ko_lang: String,
    /// Language tag of the English side (`en-US`).
    pub en_lang: String,
    /// Write 1-0 and 0-1 beads as single-`tuv` units instead of leaving them out.
    pub keep_unaligned: bool,
}

impl Default for TmxOptions {
    fn default() -> Self {
        TmxOptions {
            ko_lang: "ko-KR".into(),
            en_lang: "en-US".into(),
            keep_unaligned: false,
        }
    }
}

fn write_tuv<W: io::Write>(writer: &mut Writer<W>, lang: &str, text: &str) -> io::Result<()> {
    let mut tuv = BytesStart::new("tuv");
    tuv.push_attribute(("xml:lang", lang));
    writer.write_event(Event::Start(tuv))?;
    writer.write_event(Event::Start(BytesStart::new("seg")))?;
    let attrs = |_: usize| vec![("type", CONTROL_TYPE.to_string())];
    write_text(writer, text, "ph", &attrs)?;
    writer.write_event(Event::End(BytesEnd::new("seg")))?;
    writer.write_event(Event::End(BytesEnd::new("tuv")))?;
    Ok(())
}

/// Writes the beads as a TMX 1.4b document.
pub fn write_tmx(
    records: &[BeadRecord],
    options: &TmxOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut writer = Writer::new_with_indent(out, b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer.write_event(Event::DocType(BytesText::from_escaped(
        r#"tmx SYSTEM "tmx14.dtd""#,
    )))?;
    let mut tmx = BytesStart::new("tmx");
    tmx.push_attribute(("version", "1.4"));
    writer.write_event(Event::Start(tmx))?;
    let mut header = BytesStart::new("header");
    for (name, value) in [
        ("creationtool", "koalign"),
        ("creationtoolversion", env!("CARGO_PKG_VERSION")),
        ("datatype", "plaintext"),
        ("segtype", "sentence"),
        ("adminlang", "en-US"),
        ("srclang", options.ko_lang.as_str()),
        ("o-tmf", "koalign"),
    ] {
        header.push_attribute((name, value));
    }
    writer.write_event(Event::Empty(header))?;
    writer.write_event(Event::Start(BytesStart::new("body")))?;
    for (n, record) in records.iter().enumerate() {
        let (has_ko, has_en) = (!record.ko.is_empty(), !record.en.is_empty());
        let aligned = has_ko && has_en;
        if !aligned && !options.keep_unaligned {
            continue;
        }
        let mut tu = BytesStart::new("tu");
        tu.push_attribute(("tuid", (n + 1).to_string().as_str()));
        writer.write_event(Event::Start(tu))?;
        let score = format!("{:.4}", record.score);
        let flags = record.flag_names().join(",");
        write_element(
            &mut writer,
            "prop",
            &[("type", "x-koalign-bead")],
            &record.bead_type,
        )?;
        write_element(&mut writer, "prop", &[("type", "x-koalign-score")], &score)?;
        write_element(&mut writer, "prop", &[("type", "x-koalign-flags")], &flags)?;
        if has_ko {
            write_tuv(&mut writer, &options.ko_lang, &record.ko_text)?;
        }
        if has_en {
            write_tuv(&mut writer, &options.en_lang, &record.en_text)?;
        }
        writer.write_event(Event::End(BytesEnd::new("tu")))?;
    }
    writer.write_event(Event::End(BytesEnd::new("body")))?;
    writer.write_event(Event::End(BytesEnd::new("tmx")))?;
    writeln!(writer.get_mut())?;
    Ok(())
}
