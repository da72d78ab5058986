//! XLIFF 1.2, the exchange format every CAT tool reads: one `<trans-unit>`
//! per bead, Korean as source and English as target, review flags as notes.
//! A Korean sentence with no English (1-0) is an untranslated unit
//! (`state="needs-translation"`), so a translator sees it as work to do.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};

use super::BeadRecord;
use super::xml::{CONTROL_TYPE, write_element, write_text};

/// Settings of the XLIFF export.
#[derive(Debug, Clone)]
pub struct XliffOptions {
    pub ko_lang: String,
    pub en_lang: String,
    /// The `original` attribute of `<file>`: the Korean file's name.
    pub original: String,
}

/// The XLIFF `state` of a bead's target.
fn state(record: &BeadRecord) -> &'static str {
    if record.en.is_empty() {
        "needs-translation"
    } else if record.ko.is_empty() || !record.flags.is_empty() {
        "needs-review-translation"
    } else {
        "translated"
    }
}

fn write_segment<W: io::Write>(
    writer: &mut Writer<W>,
    element: &str,
    attributes: &[(&str, &str)],
    text: &str,
    unit: usize,
) -> io::Result<()> {
    let mut start = BytesStart::new(element);
    for &attribute in attributes {
        start.push_attribute(attribute);
    }
    writer.write_event(Event::Start(start))?;
    let attrs = |n: usize| {
        vec![
            ("id", format!("{element}-{unit}-ctrl-{n}")),
            ("ctype", CONTROL_TYPE.to_string()),
        ]
    };
    write_text(writer, text, "ph", &attrs)?;
    writer.write_event(Event::End(BytesEnd::new(element)))?;
    Ok(())
}

/// Writes the beads as an XLIFF 1.2 document.
pub fn write_xliff(
    records: &[BeadRecord],
    options: &XliffOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut writer = Writer::new_with_indent(out, b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut xliff = BytesStart::new("xliff");
    xliff.push_attribute(("version", "1.2"));
    xliff.push_attribute(("xmlns", "urn:oasis:names:tc:xliff:document:1.2"));
    writer.write_event(Event::Start(xliff))?;
    let mut file = BytesStart::new("file");
    for (name, value) in [
        ("original", options.original.as_str()),
        ("source-language", options.ko_lang.as_str()),
        ("target-language", options.en_lang.as_str()),
        ("datatype", "plaintext"),
        ("tool-id", "koalign"),
    ] {
        file.push_attribute((name, value));
    }
    writer.write_event(Event::Start(file))?;
    writer.write_event(Event::Start(BytesStart::new("header")))?;
    let mut tool = BytesStart::new("tool");
    tool.push_attribute(("tool-id", "koalign"));
    tool.push_attribute(("tool-name", "koalign"));
    tool.push_attribute(("tool-version", env!("CARGO_PKG_VERSION")));
    writer.write_event(Event::Empty(tool))?;
    writer.write_event(Event::End(BytesEnd::new("header")))?;
    writer.write_event(Event::Start(BytesStart::new("body")))?;
    for (n, record) in records.iter().enumerate() {
        let id = (n + 1).to_string();
        let mut unit = BytesStart::new("trans-unit");
        unit.push_attribute(("id", id.as_str()));
        writer.write_event(Event::Start(unit))?;
        write_segment(
            &mut writer,
            "source",
            &[("xml:lang", &options.ko_lang)],
            &record.ko_text,
            n + 1,
        )?;
        write_segment(
            &mut writer,
            "target",
            &[("xml:lang", &options.en_lang), ("state", state(record))],
            &record.en_text,
            n + 1,
        )?;
        let summary = format!(
            "koalign: bead {}, score {:.4}",
            record.bead_type, record.score
        );
        write_element(&mut writer, "note", &[("from", "koalign")], &summary)?;
        for flag in &record.flags {
            let text = format!("{}: {}", flag.kind, flag.detail);
            write_element(
                &mut writer,
                "note",
                &[("from", "koalign"), ("priority", "1")],
                &text,
            )?;
        }
        writer.write_event(Event::End(BytesEnd::new("trans-unit")))?;
    }
    writer.write_event(Event::End(BytesEnd::new("body")))?;
    writer.write_event(Event::End(BytesEnd::new("file")))?;
    writer.write_event(Event::End(BytesEnd::new("xliff")))?;
    writeln!(writer.get_mut())?;
    Ok(())
}
