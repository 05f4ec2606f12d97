//! Text put into a template's `{placeholders}`. Word splits text into runs
//! as it pleases ("{dis" "trict}" after an edit), so a paragraph's text is
//! read whole, the placeholders found in it, and the text rewritten into
//! the runs it came from: the first run of a placeholder takes its value
//! (and its formatting), the others give their part of it up.

use std::collections::BTreeSet;
use std::ops::Range;

use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

use super::DocxError;
use super::xml_text::{local, reference, text};

/// A filled document part, and what its placeholders were.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filled {
    pub xml: String,
    /// The known placeholders the part had (and were filled).
    pub found: BTreeSet<String>,
    /// `{…}` the part had that are not known: left as they are.
    pub unknown: BTreeSet<String>,
}

/// The placeholders (`{name}`, without braces) in a part's text.
pub fn placeholders_in(xml: &str) -> Result<BTreeSet<String>, DocxError> {
    Ok(fill_placeholders(xml, &|_| None)?.unknown)
}

/// Puts `value(name)` into each `{name}` of `xml` that it knows; a value
/// with line breaks becomes lines of the same run.
pub fn fill_placeholders(
    xml: &str,
    value: &dyn Fn(&str) -> Option<String>,
) -> Result<Filled, DocxError> {
    let bad = |e: &dyn std::fmt::Display| DocxError::BadXml {
        part: super::DOCUMENT_PART.to_owned(),
        reason: e.to_string(),
    };
    let mut reader = Reader::from_str(xml);
    let mut writer = Writer::new(Vec::with_capacity(xml.len() + 1024));
    let mut filled = Filled::default();
    // The events of the paragraph being read, written when it ends.
    let mut paragraph: Vec<Event<'static>> = Vec::new();
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| bad(&e))?.into_owned();
        match &event {
            Event::Eof => break,
            // Word never writes one; a file with one is not Word's.
            Event::DocType(_) => return Err(bad(&"it declares a DOCTYPE")),
            Event::Start(start) if local(start) == b"p" => depth += 1,
            _ => {}
        }
        let ends_paragraph = matches!(&event, Event::End(end) if end.local_name().as_ref() == b"p");
        if depth == 0 {
            writer.write_event(event).map_err(|e| bad(&e))?;
            continue;
        }
        paragraph.push(event);
        if ends_paragraph {
            depth -= 1;
            if depth == 0 {
                for event in fill_paragraph(std::mem::take(&mut paragraph), value, &mut filled) {
                    writer.write_event(event).map_err(|e| bad(&e))?;
                }
            }
        }
    }
    for event in paragraph {
        writer.write_event(event).map_err(|e| bad(&e))?;
    }
    filled.xml = String::from_utf8(writer.into_inner()).map_err(|e| bad(&e))?;
    Ok(filled)
}

/// A `w:t` element's place among a paragraph's events, and its text.
struct Segment {
    /// The events between its start and end tags.
    inner: Range<usize>,
    start: usize,
    text: String,
}

fn fill_paragraph(
    events: Vec<Event<'static>>,
    value: &dyn Fn(&str) -> Option<String>,
    filled: &mut Filled,
) -> Vec<Event<'static>> {
    let segments = segments_of(&events);
    let whole: String = segments.iter().map(|s| s.text.as_str()).collect();
    if !whole.contains('{') {
        return events;
    }
    // Where each segment starts in the paragraph's text.
    let mut offsets = Vec::with_capacity(segments.len());
    let mut at = 0;
    for segment in &segments {
        offsets.push(at);
        at += segment.text.len();
    }
    let mut texts: Vec<String> = segments.iter().map(|s| s.text.clone()).collect();
    // Replaced from the end, so earlier offsets stay true.
    let found = crate::domain::placeholders::spans(&whole);
    for (range, name) in found.into_iter().rev() {
        let Some(replacement) = value(&name) else {
            filled.unknown.insert(name);
            continue;
        };
        filled.found.insert(name);
        let first = offsets.partition_point(|o| *o <= range.start) - 1;
        let last = offsets.partition_point(|o| *o < range.end) - 1;
        let start_in_first = range.start - offsets[first];
        let end_in_last = range.end - offsets[last];
        if first == last {
            texts[first].replace_range(start_in_first..end_in_last, &replacement);
        } else {
            let tail = texts[last][end_in_last..].to_owned();
            texts[last] = tail;
            for text in &mut texts[first + 1..last] {
                text.clear();
            }
            texts[first].replace_range(start_in_first.., &replacement);
        }
    }
    rebuild(events, &segments, &texts)
}

fn segments_of(events: &[Event<'static>]) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(start) if local(start) == b"t" => open = Some((index, String::new())),
            Event::End(end) if end.local_name().as_ref() == b"t" => {
                if let Some((start, text)) = open.take() {
                    segments.push(Segment {
                        inner: start + 1..index,
                        start,
                        text,
                    });
                }
            }
            Event::Text(t) => {
                if let Some((_, text_so_far)) = &mut open {
                    text_so_far.push_str(&text(t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text_so_far)) = &mut open {
                    text_so_far.push_str(&reference(r));
                }
            }
            _ => {}
        }
    }
    segments
}

/// The paragraph's events with each changed segment's text replaced; a
/// line break in it becomes `</w:t><w:br/><w:t>`.
fn rebuild(
    events: Vec<Event<'static>>,
    segments: &[Segment],
    texts: &[String],
) -> Vec<Event<'static>> {
    let mut out = Vec::with_capacity(events.len());
    let mut next = 0;
    let mut events = events.into_iter().enumerate().peekable();
    while let Some((index, event)) = events.next() {
        let Some(segment) = segments.get(next).filter(|s| s.start == index) else {
            out.push(event);
            continue;
        };
        let new_text = &texts[next];
        next += 1;
        if *new_text == segment.text {
            out.push(event);
            continue;
        }
        // The start tag, with spaces kept; the old text skipped.
        let Event::Start(start) = event else {
            out.push(event);
            continue;
        };
        let prefix = start.name().prefix().map(|p| p.as_ref().to_vec());
        let tag = |name: &str| -> String {
            match &prefix {
                Some(p) => format!("{}:{name}", String::from_utf8_lossy(p)),
                None => name.to_owned(),
            }
        };
        let t_start = || {
            let mut start = BytesStart::new(tag("t"));
            start.push_attribute(("xml:space", "preserve"));
            Event::Start(start)
        };
        out.push(t_start());
        while events
            .peek()
            .is_some_and(|(i, _)| segment.inner.contains(i))
        {
            events.next();
        }
        for (line_number, line) in new_text.split('\n').enumerate() {
            if line_number > 0 {
                out.push(Event::End(quick_xml::events::BytesEnd::new(tag("t"))));
                out.push(Event::Empty(BytesStart::new(tag("br"))));
                out.push(t_start());
            }
            out.push(Event::Text(BytesText::new(line).into_owned()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn doc(body: &str) -> String {
        format!("<w:document {W}><w:body>{body}</w:body></w:document>")
    }

    fn values(name: &str) -> Option<String> {
        match name {
            "district" => Some("Adair County & Co".to_owned()),
            "year" => Some("2027-2028".to_owned()),
            "points of contact" => Some("Pat Doe\nLee Smith".to_owned()),
            _ => None,
        }
    }

    #[test]
    fn a_placeholder_split_across_runs_is_filled_in_the_first() {
        let xml = doc(
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>For {dis</w:t></w:r><w:r><w:t>trict} in {</w:t></w:r><w:r><w:t>year}.</w:t></w:r></w:p>"#,
        );
        let filled = fill_placeholders(&xml, &values).unwrap();
        let text = super::super::text_of(&filled.xml).unwrap();
        assert_eq!(text, "For Adair County & Co in 2027-2028.\n");
        assert!(
            filled.xml.contains("Adair County &amp; Co"),
            "{}",
            filled.xml
        );
        assert_eq!(filled.found, ["district", "year"].map(str::to_owned).into());
        assert!(filled.unknown.is_empty());
    }

    #[test]
    fn lines_become_breaks_and_unknown_names_are_reported_and_kept() {
        let xml = doc(
            r#"<w:p><w:r><w:t>{points of contact} / {superintendant} {not a placeholder!}</w:t></w:r></w:p>"#,
        );
        let filled = fill_placeholders(&xml, &values).unwrap();
        assert!(
            filled
                .xml
                .contains("Pat Doe</w:t><w:br/><w:t xml:space=\"preserve\">Lee Smith")
        );
        assert_eq!(filled.unknown, ["superintendant"].map(str::to_owned).into());
        let text = super::super::text_of(&filled.xml).unwrap();
        assert_eq!(
            text,
            "Pat Doe\nLee Smith / {superintendant} {not a placeholder!}\n"
        );
    }

    #[test]
    fn a_part_without_placeholders_is_written_as_it_was() {
        let xml = doc(r#"<w:p><w:r><w:t xml:space="preserve"> a &amp; b </w:t></w:r></w:p>"#);
        let filled = fill_placeholders(&xml, &values).unwrap();
        assert_eq!(filled.xml, xml);
    }
}
