//! A document's custom properties (File › Properties › Custom in Word):
//! where the app writes which district and year a letter is for, so the
//! returned letter says so whatever the district typed.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::xml_text::{attribute, local, reference, text};
use super::{DocxError, Package};

const PART: &str = "docProps/custom.xml";
const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
const RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
/// The format id Word gives every custom property.
const FMTID: &str = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

/// The package's custom text properties, as (name, value).
pub fn custom_properties(package: &Package) -> Result<Vec<(String, String)>, DocxError> {
    let Some(xml) = package.text_part(PART)? else {
        return Ok(Vec::new());
    };
    let mut reader = Reader::from_str(xml);
    let mut found = Vec::new();
    let mut name: Option<String> = None;
    let mut value = String::new();
    let mut in_value = false;
    loop {
        match reader.read_event() {
            Err(e) => {
                return Err(DocxError::BadXml {
                    part: PART.to_owned(),
                    reason: e.to_string(),
                });
            }
            Ok(Event::Eof) => break,
            Ok(Event::Start(start)) => match local(&start).as_slice() {
                b"property" => {
                    name = attribute(&start, b"name");
                    value.clear();
                }
                b"lpwstr" => in_value = true,
                _ => {}
            },
            Ok(Event::End(end)) => match end.local_name().as_ref() {
                b"lpwstr" => in_value = false,
                b"property" => {
                    if let Some(name) = name.take() {
                        found.push((name, std::mem::take(&mut value)));
                    }
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_value => value.push_str(&text(&t)),
            Ok(Event::GeneralRef(r)) if in_value => value.push_str(&reference(&r)),
            Ok(_) => {}
        }
    }
    Ok(found)
}

/// The package with its custom properties set to `properties` (text
/// values), the part registered in the content types and relationships.
pub fn with_custom_properties(
    mut package: Package,
    properties: &[(&str, &str)],
) -> Result<Package, DocxError> {
    let escape = |s: &str| quick_xml::escape::escape(s).into_owned();
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
    );
    for (index, (name, value)) in properties.iter().enumerate() {
        xml.push_str(&format!(
            r#"<property fmtid="{FMTID}" pid="{}" name="{}"><vt:lpwstr>{}</vt:lpwstr></property>"#,
            index + 2,
            escape(name),
            escape(value)
        ));
    }
    xml.push_str("</Properties>");
    package.set_part(PART, xml.into_bytes());

    let types = package
        .text_part("[Content_Types].xml")?
        .ok_or_else(|| DocxError::NotAPackage("it has no [Content_Types].xml".to_owned()))?;
    if !types.contains("/docProps/custom.xml") {
        let types = insert_before_end(
            types,
            "</Types>",
            &format!(r#"<Override PartName="/{PART}" ContentType="{CONTENT_TYPE}"/>"#),
        )?;
        package.set_part("[Content_Types].xml", types.into_bytes());
    }
    let relationships = package
        .text_part("_rels/.rels")?
        .ok_or_else(|| DocxError::NotAPackage("it has no _rels/.rels".to_owned()))?;
    if !relationships.contains(RELATIONSHIP) {
        let relationships = insert_before_end(
            relationships,
            "</Relationships>",
            &format!(r#"<Relationship Id="rIdIlnCustom" Type="{RELATIONSHIP}" Target="{PART}"/>"#),
        )?;
        package.set_part("_rels/.rels", relationships.into_bytes());
    }
    Ok(package)
}

fn insert_before_end(xml: &str, end: &str, element: &str) -> Result<String, DocxError> {
    let at = xml.rfind(end).ok_or_else(|| DocxError::BadXml {
        part: end.trim_matches(['<', '/', '>']).to_owned(),
        reason: format!("no {end}"),
    })?;
    Ok(format!("{}{element}{}", &xml[..at], &xml[at..]))
}
