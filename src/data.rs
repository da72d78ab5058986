//! Reading the data tables in `dictionaries/`: UTF-8 text, `#` comment lines,
//! blank lines ignored, an optional header row.

/// The data lines of an embedded table file.
pub(crate) fn data_lines(
    file: &'static str,
    has_header: bool,
) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .skip(usize::from(has_header))
}
