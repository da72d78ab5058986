//! Shared pieces of the XML exports: writing text that XML 1.0 can carry.
//!
//! XML 1.0 cannot contain most control characters, not even escaped. They
//! are written as a placeholder element whose content names the code point
//! (`<ph type="x-koalign-control">U+0001</ph>` in TMX), so nothing is lost and
//! [`decode_control`] turns it back into the character.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

/// The type given to control-character placeholders.
pub const CONTROL_TYPE: &str = "x-koalign-control";

/// Whether XML 1.0 can carry a character as text.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// How a placeholder element is written: name and attributes (the running
/// number `n` lets XLIFF give each placeholder its required `id`).
pub type PlaceholderAttributes<'a> = &'a dyn Fn(usize) -> Vec<(&'static str, String)>;

/// Writes `text` as element content: runs of XML characters as escaped text,
/// every other character as a placeholder element.
pub fn write_text<W: io::Write>(
    writer: &mut Writer<W>,
    text: &str,
    placeholder: &str,
    attributes: PlaceholderAttributes<'_>,
) -> io::Result<()> {
    let mut run_start = 0;
    let mut count = 0;
    for (i, c) in text.char_indices() {
        if is_xml_char(c) {
            continue;
        }
        if run_start < i {
            writer.write_event(Event::Text(BytesText::new(&text[run_start..i])))?;
        }
        count += 1;
        let mut start = BytesStart::new(placeholder);
        for (name, value) in attributes(count) {
            start.push_attribute((name, value.as_str()));
        }
        writer.write_event(Event::Start(start))?;
        writer.write_event(Event::Text(BytesText::new(&format!("U+{:04X}", c as u32))))?;
        writer.write_event(Event::End(BytesEnd::new(placeholder)))?;
        run_start = i + c.len_utf8();
    }
    if run_start < text.len() {
        writer.write_event(Event::Text(BytesText::new(&text[run_start..])))?;
    }
    Ok(())
}

/// Writes `<name attr=...>text</name>`.
pub fn write_element<W: io::Write>(
    writer: &mut Writer<W>,
    name: &str,
    attributes: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    let mut start = BytesStart::new(name);
    for &attribute in attributes {
        start.push_attribute(attribute);
    }
    writer.write_event(Event::Start(start))?;
    writer.write_event(Event::Text(BytesText::new(text)))?;
    writer.write_event(Event::End(BytesEnd::new(name)))?;
    Ok(())
}

/// The character a placeholder's content (`U+0001`) stands for.
pub fn decode_control(content: &str) -> Option<char> {
    let hex = content.strip_prefix("U+")?;
    char::from_u32(u32::from_str_radix(hex, 16).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_placeholders() {
        let mut writer = Writer::new(Vec::new());
        let attrs = |_: usize| vec![("type", CONTROL_TYPE.to_string())];
        write_text(&mut writer, "a\u{1}<b>&\"😀", "ph", &attrs).unwrap();
        let xml = String::from_utf8(writer.into_inner()).unwrap();
        assert_eq!(
            xml,
            "a<ph type=\"x-koalign-control\">U+0001</ph>&lt;b&gt;&amp;&quot;😀"
        );
        assert_eq!(decode_control("U+0001"), Some('\u{1}'));
        assert!(!is_xml_char('\u{b}') && is_xml_char('\t') && is_xml_char('😀'));
    }
}
