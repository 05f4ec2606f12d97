//! The content controls (tagged fields) of a filled document, and its plain
//! text for reading it by its headings.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::DocxError;
use super::xml_text::{attribute, local, reference, text};

/// One content control: its tag, its label, and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Control {
    pub tag: String,
    pub alias: String,
    pub value: ControlValue,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ControlValue {
    /// Text: paragraphs and line breaks as `\n`; empty while it shows its
    /// prompt ("Click or tap here to enter text.").
    Text(String),
    Checkbox(bool),
    /// A date control: the day Word stored when one was picked
    /// (`YYYY-MM-DD`), and the text shown.
    Date {
        picked: Option<String>,
        text: String,
    },
}

/// A control being read.
struct Open {
    tag: String,
    alias: String,
    checkbox: Option<bool>,
    date: Option<Option<String>>,
    showing_prompt: bool,
    in_content: bool,
    text: String,
}

/// Every content control in `xml` (a document part), in document order
/// of their ends (an inner control before the one around it).
pub fn controls_of(xml: &str) -> Result<Vec<Control>, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut open: Vec<Open> = Vec::new();
    let mut found = Vec::new();
    let mut in_text = false;
    let bad = |e: &dyn std::fmt::Display| DocxError::BadXml {
        part: super::DOCUMENT_PART.to_owned(),
        reason: e.to_string(),
    };
    loop {
        let event = reader.read_event().map_err(|e| bad(&e))?;
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let is_start = matches!(event, Event::Start(_));
                let name = local(start);
                let current = open.last_mut();
                match (name.as_slice(), current) {
                    (b"sdt", _) if is_start => open.push(Open {
                        tag: String::new(),
                        alias: String::new(),
                        checkbox: None,
                        date: None,
                        showing_prompt: false,
                        in_content: false,
                        text: String::new(),
                    }),
                    (b"sdtContent", Some(control)) => control.in_content = true,
                    (b"tag", Some(control)) if !control.in_content => {
                        control.tag = attribute(start, b"val").unwrap_or_default();
                    }
                    (b"alias", Some(control)) if !control.in_content => {
                        control.alias = attribute(start, b"val").unwrap_or_default();
                    }
                    (b"showingPlcHdr", Some(control)) if !control.in_content => {
                        control.showing_prompt =
                            attribute(start, b"val").is_none_or(|v| v != "0" && v != "false");
                    }
                    (b"checkbox", Some(control)) if !control.in_content => {
                        control.checkbox.get_or_insert(false);
                    }
                    (b"checked", Some(control)) if !control.in_content => {
                        control.checkbox =
                            Some(attribute(start, b"val").is_none_or(|v| v == "1" || v == "true"));
                    }
                    (b"date", Some(control)) if !control.in_content => {
                        control.date = Some(
                            attribute(start, b"fullDate")
                                .and_then(|d| d.get(..10).map(str::to_owned)),
                        );
                    }
                    (b"t", _) => in_text = is_start,
                    (b"tab", _) => append(&mut open, "\t"),
                    (b"noBreakHyphen", _) => append(&mut open, "\u{2011}"),
                    (b"br" | b"cr", _) => append(&mut open, "\n"),
                    _ => {}
                }
            }
            Event::End(end) => match end.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => append(&mut open, "\n"),
                b"sdt" => {
                    if let Some(control) = open.pop() {
                        let text = control.text.trim_end_matches('\n').to_owned();
                        let value = match (control.checkbox, control.date) {
                            (Some(checked), _) => ControlValue::Checkbox(checked),
                            (None, Some(picked)) => ControlValue::Date {
                                picked,
                                text: if control.showing_prompt {
                                    String::new()
                                } else {
                                    text
                                },
                            },
                            (None, None) if control.showing_prompt => {
                                ControlValue::Text(String::new())
                            }
                            (None, None) => ControlValue::Text(text),
                        };
                        found.push(Control {
                            tag: control.tag,
                            alias: control.alias,
                            value,
                        });
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => append(&mut open, &text(&t)),
            Event::GeneralRef(r) if in_text => append(&mut open, &reference(&r)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(found)
}

/// Text goes to the innermost control it is in: a field inside another
/// is its own, not part of the one around it.
fn append(open: &mut [Open], text: &str) {
    if let Some(control) = open.last_mut().filter(|c| c.in_content) {
        control.text.push_str(text);
    }
}

/// The document's text: a line per paragraph, tabs and breaks kept.
pub fn text_of(xml: &str) -> Result<String, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| DocxError::BadXml {
            part: super::DOCUMENT_PART.to_owned(),
            reason: e.to_string(),
        })?;
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => match local(start).as_slice() {
                b"t" => in_text = matches!(event, Event::Start(_)),
                b"tab" => out.push('\t'),
                b"noBreakHyphen" => out.push('\u{2011}'),
                b"br" | b"cr" => out.push('\n'),
                _ => {}
            },
            Event::End(end) => match end.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => out.push_str(&text(&t)),
            Event::GeneralRef(r) if in_text => out.push_str(&reference(&r)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}
